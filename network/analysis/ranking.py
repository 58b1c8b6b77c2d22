"""Key actors and breakdowns of a view: what the tables and charts of the app show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import lru_cache

import pandas as pd

from network.analysis.metrics import METRICS, compute, rank, slow
from network.model.dataset import Dataset
from network.model.derived import derived_key
from network.model.memo import MB, bytes_cache
from network.view.state import Filters, ViewState
from network.view.visible import View, actor_years, categories, visible, year_window

BROKERAGE_GROUPS = "sector"
#: The column of :func:`composition_over_years` that counts actors whose founding year is
#: unknown, when they are kept apart.
UNDATED_COLUMN = "undated"
#: Founding-year certainties that a source backs (the thesis or a public source).
BACKED = ("stated", "sourced")


@dataclass(frozen=True)
class Dating:
    """How much of a view is dated (see :func:`dating`)."""

    #: actors in view with a founding year the thesis or a public source gives
    actors_backed: int
    #: actors in view with a founding year that is our inference
    actors_inferred: int
    #: actors in view whose founding year is unknown (shown as the view's ``undated`` says)
    actors_unknown: int
    #: ties in view with a start year, and without one
    ties_dated: int
    ties_undated: int

    @property
    def actors(self) -> int:
        return self.actors_backed + self.actors_inferred + self.actors_unknown

    @property
    def ties(self) -> int:
        return self.ties_dated + self.ties_undated

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def dating(view: View) -> Dating:
    """Count the actors and ties of a view by how their years are known.

    >>> from network.loading import load
    >>> d = dating(visible(load().dataset, Filters(year=1980)))
    >>> d.actors == d.actors_backed + d.actors_inferred + d.actors_unknown
    True
    """
    a, ties = view.actors, view.ties
    has_year = a["founded"].notna()
    backed = has_year & a["founded_certainty"].isin(BACKED)
    undated_ties = int(ties["from_year"].isna().sum())
    return Dating(
        actors_backed=int(backed.sum()),
        actors_inferred=int((has_year & ~backed).sum()),
        actors_unknown=int((~has_year).sum()),
        ties_dated=len(ties) - undated_ties,
        ties_undated=undated_ties,
    )


@bytes_cache(32 * MB, sizeof=lambda values: 120 * len(values) + 100)
def metric_values(ds: Dataset, filters: Filters, metric: str) -> dict[str, float]:
    """The metric for every actor in view (cached per dataset, filters and metric).

    When the data set shares derived results (``ds.derived_cache``, an uploaded data set), the
    values are also kept there, so that the other workers and machines reuse them.
    """
    shared = ds.derived_cache
    key = _metric_key(ds, filters, metric)
    if shared is not None:
        cached = _values(shared.cache_get(key))
        if cached is not None:
            return cached
    view = visible(ds, filters)
    groups = {str(a): str(g) for a, g in view.actors[BROKERAGE_GROUPS].items()}
    values = compute(metric, view.graph, groups)
    if shared is not None:
        shared.cache_set(key, values)
    return values


#: What :func:`measure_status` says of a view's measure.
READY, PENDING, FAILED = "ready", "pending", "failed"


#: The quick measure a view is drawn by while its chosen one is computed in the background.
QUICK = "degree"


def measurable(ds: Dataset, state: ViewState) -> tuple[ViewState, str]:
    """The state to draw (or export) now and the chosen measure's status
    (:func:`measure_status`): a measure too slow for a request and not computed yet is
    replaced by :data:`QUICK` (the page says so and a background job computes it).

    >>> from network.loading import load
    >>> state = ViewState(year=2008, metric="betweenness")
    >>> measurable(load().dataset, state) == (state, READY)  # the bundled data: in place
    True
    """
    status = measure_status(ds, state.filters, state.metric)
    return (state if status not in (PENDING, FAILED) else replace(state, metric=QUICK)), status


def measured_filters(ds: Dataset, filters: Filters) -> list[Filters]:
    """The views whose measure a frame of ``filters`` reads: its own and, for the key
    actors' change, the year before's."""
    _, year = year_window(filters, ds)
    return [filters] + ([filters.at(year - 1)] if year > ds.first_year else [])


def measure_status(ds: Dataset, filters: Filters, metric: str) -> str:
    """Whether the page may compute ``metric`` for this view now (:data:`READY`: it is
    quick here, or already computed), must leave it to a background job (:data:`PENDING`),
    or a job found it beyond the server's limits (:data:`FAILED`).

    Only a data set that shares derived results (an upload: the store every worker and job
    reads) hands a measure to a job; the bundled data is measured in place.

    >>> from network.loading import load
    >>> measure_status(load().dataset, Filters(year=2008), "betweenness")
    'ready'
    """
    shared = ds.derived_cache
    if shared is None:
        return READY
    view = visible(ds, filters)
    if not slow(metric, len(view.actors), len(view.ties)):
        return READY
    if shared.cache_get(_failed_key(ds, filters, metric)) is not None:
        return FAILED
    done = all(shared.cache_get(_metric_key(ds, f, metric)) is not None
               for f in measured_filters(ds, filters))
    return READY if done else PENDING


def measure_in_background(ds: Dataset, filters: Filters, metric: str) -> None:
    """The background job's work: every measure a frame of this view reads, kept in the
    data set's shared store for the page's next request."""
    shared = ds.derived_cache
    for f in measured_filters(ds, filters):
        values = metric_values(ds, f, metric)  # kept in the shared store when computed
        key = _metric_key(ds, f, metric)
        if shared is not None and shared.cache_get(key) is None:  # this process had them
            shared.cache_set(key, values)


def measure_failed(ds: Dataset, filters: Filters, metric: str, why: str) -> None:
    """Remember that a job could not measure this view (``why``: "time" or "memory"), so
    the page says so instead of starting the job again."""
    if ds.derived_cache is not None:
        ds.derived_cache.cache_set(_failed_key(ds, filters, metric), why)


def failure_of(ds: Dataset, filters: Filters, metric: str) -> str | None:
    """Why a job could not measure this view ("time", "memory"), if it could not."""
    if ds.derived_cache is None:
        return None
    why = ds.derived_cache.cache_get(_failed_key(ds, filters, metric))
    return str(why) if why is not None else None


def _metric_key(ds: Dataset, filters: Filters, metric: str, what: str = "metric") -> str:
    """Where a view's measure (``what`` "metric") or its failure ("metric-failed") is
    shared. The year undated rows are shown from is part of it: the same data set's views
    under another rule (before it was its own first year, 2006 for every data set) hold
    other actors, so their values are never read back."""
    return derived_key(ds.key, what, metric, f"undated-from-{ds.undated_from}", repr(filters))


def _failed_key(ds: Dataset, filters: Filters, metric: str) -> str:
    return _metric_key(ds, filters, metric, "metric-failed")


def _values(cached: object) -> dict[str, float] | None:
    """Metric values read back from the shared store, or None when they are not what was
    written (a cache is only a shortcut: anything odd is computed again).

    >>> _values({"a": 1, "b": None}), _values({"a": "x"}), _values([1])
    ({'a': 1.0, 'b': nan}, None, None)
    """
    if not isinstance(cached, dict):
        return None
    out: dict[str, float] = {}
    for actor, value in cached.items():
        if value is None:  # JSON has no NaN: a value the metric leaves undefined is null
            out[actor] = float("nan")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[actor] = float(value)
        else:
            return None
    return out


def key_actors(ds: Dataset, filters: Filters, metric: str, top: int | None = 10) -> pd.DataFrame:
    """The actors in view ranked by ``metric``, with their rank the year before.

    Returns a frame with columns ``id, value, rank, previous_rank, change`` sorted by rank.
    ``change`` is positive when the actor rose (its rank number fell), 0 when unchanged and
    NA when the actor was not in view the year before (it is new).

    Examples
    --------
    >>> from network.loading import load
    >>> ds = load().dataset
    >>> table = key_actors(ds, Filters(year=2008), "degree", top=3)
    >>> list(table.columns)
    ['id', 'value', 'rank', 'previous_rank', 'change']
    """
    spec = METRICS[metric]
    values = metric_values(ds, filters, metric)
    ranks = rank(values, spec.higher_is_central)
    _, year = year_window(filters, ds)
    previous: dict[str, int] = {}
    floor_both: set[str] = set()
    if year > ds.first_year:
        before = filters.at(year - 1)
        earlier = metric_values(ds, before, metric)
        previous = rank(earlier, spec.higher_is_central)
        floor_both = {a for a in _at_the_floor(values, spec.higher_is_central)
                      & _at_the_floor(earlier, spec.higher_is_central)
                      if abs(values[a] - earlier[a]) <= 1e-12 + 1e-9 * abs(values[a])}
    rows = [
        {
            "id": actor_id,
            "value": values[actor_id],
            "rank": r,
            "previous_rank": previous.get(actor_id),
        }
        for actor_id, r in ranks.items()
    ]
    frame = pd.DataFrame(rows, columns=["id", "value", "rank", "previous_rank"])
    frame["previous_rank"] = frame["previous_rank"].astype("Int64")
    frame["change"] = frame["previous_rank"] - frame["rank"].astype("Int64")
    # Tied at the bottom both years with the same value (e.g. betweenness 0): the actor did
    # not fall, others rose past it; "down 2" would misread it as a loss.
    frame.loc[frame["id"].isin(floor_both), "change"] = 0
    frame = frame.sort_values(["rank", "id"], kind="stable").reset_index(drop=True)
    return frame if top is None else frame.head(top)


def thesis_named(actors: pd.DataFrame) -> dict[str, str]:
    """Actors the thesis calls key actors (``"key"``) or only main or central in a domain or
    network (``"central"``), by id.

    >>> a = pd.DataFrame({"thesis_key": [True, None, None], "thesis_central": ["", "x", ""]},
    ...                  index=["k", "c", "n"])
    >>> thesis_named(a)
    {'c': 'central', 'k': 'key'}
    """
    if "thesis_key" not in actors:
        return {}
    key = actors["thesis_key"].fillna(False).astype(bool)
    central = actors["thesis_central"].fillna("").astype(str) != ""
    return {**dict.fromkeys(actors.index[central & ~key], "central"),
            **dict.fromkeys(actors.index[key], "key")}


def thesis_ranks(ds: Dataset, filters: Filters, metric: str) -> list[tuple[str, int | None]]:
    """The organisations the thesis names as key actors (``thesis_key``), each with its
    rank by ``metric`` in the view (None when it is not in view), best rank first and the
    absent last: what the thesis says beside what the data computes.

    >>> from network.loading import load
    >>> ranks = thesis_ranks(load().dataset, Filters(year=2010), "degree")
    >>> len(ranks), ranks[0][1] is not None
    (11, True)
    """
    named = [a for a, role in thesis_named(ds.actors).items() if role == "key"]
    spec = METRICS[metric]
    ranks = rank(metric_values(ds, filters, metric), spec.higher_is_central)
    out = [(a, ranks.get(a)) for a in named]
    return sorted(out, key=lambda item: (item[1] is None, item[1] or 0, item[0]))


def _at_the_floor(values: dict[str, float], higher_is_central: bool) -> set[str]:
    """The actors tied at the least central value (all of them when every value ties).

    >>> sorted(_at_the_floor({"a": 0.0, "b": 2.0, "c": 0.0}, True))
    ['a', 'c']
    """
    numbers = [v for v in values.values() if v == v]  # not NaN
    if not numbers:
        return set()
    floor = min(numbers) if higher_is_central else max(numbers)
    return {k for k, v in values.items() if v == v and abs(v - floor) <= 1e-12 + 1e-9 * abs(floor)}


def composition(actors: pd.DataFrame, by: str, across: str | None = None) -> pd.DataFrame:
    """Count actors by a category (``ngo_type``, ``sector``, ``kind``...), optionally across
    another.

    Non-NGOs count under ``"none"`` for ``by="ngo_type"``. With ``across`` (e.g. ``level``)
    the result has one row per value of ``across`` and one column per value of ``by``;
    without it, one row ``"all"``.

    >>> df = pd.DataFrame({"ngo_type": ["gongo", "", "gongo"], "level": ["national"] * 3})
    >>> composition(df, "ngo_type", "level").to_dict("index")
    {'national': {'gongo': 2, 'none': 1}}
    """
    values = categories(actors, by)
    if across is None:
        counts = values.value_counts().to_frame().T
        counts.index = ["all"]
        return counts.astype(int)
    return pd.crosstab(actors[across], values).astype(int).rename_axis(index=None, columns=None)


@lru_cache(maxsize=256)
def composition_over_years(ds: Dataset, filters: Filters, by: str,
                           undated_apart: bool = False) -> pd.DataFrame:
    """Actors in view by ``by`` for every year of the data (rows: years).

    The filters apply as they are, with the year moved through the whole period; a year
    range (``start``) is dropped so each row counts one year. Actors whose founding year
    is unknown are counted from the year ``filters.undated`` shows them; with
    ``undated_apart`` they count in a column of their own, :data:`UNDATED_COLUMN`, and not
    under their category, so their arrival (e.g. all in 2006, when the fieldwork began) is
    not read as a burst of, say, new NGO types.
    """
    if filters.year is not None or filters.start is not None:
        return composition_over_years(ds, replace(filters, year=None, start=None), by,
                                      undated_apart)

    def labelled(actors: pd.DataFrame) -> pd.Series:
        values = categories(actors, by)
        if undated_apart:
            values = values.where(actors["founded"].notna(), UNDATED_COLUMN)
        return values

    rows = {}
    if filters.networks is None:
        # Without a network filter, whether an actor is in view in a year depends only on its
        # own years: filter once over the whole period, then count year by year.
        ever = visible(ds, replace(filters, year=ds.last_year, start=ds.first_year)).actors
        values = labelled(ever)
        first, last = actor_years(ever, filters.undated, ds.undated_from)
        last = last.fillna(ds.last_year)
        for year in ds.years:
            rows[year] = values[(first <= year) & (last >= year)].value_counts()
    else:
        for year in ds.years:
            actors = visible(ds, replace(filters, year=year)).actors
            rows[year] = labelled(actors).value_counts()
    frame = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)
    return frame.sort_index()
