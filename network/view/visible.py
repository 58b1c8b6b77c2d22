"""From a view state to what is in view: the actors, the ties and the graph they make.

Each step is a pure function of (dataset, filters) and is cached per worker by that pair,
since a dataset is immutable and filters are hashable values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from network.model.dataset import Dataset
from network.model.memo import MB, bytes_cache, frame_bytes
from network.model.schema import LEVELS, NGO_KINDS
from network.text.folding import fold
from network.view.state import (
    DEFAULT_WEIGHTS,
    FIELDWORK,
    MEASURES,
    SIGNALS,
    UNDATED,
    Filters,
    ViewState,
    canonical,
)

FAR_FUTURE = 9999
#: A first year no view reaches: what an unknown year becomes when undated rows are hidden.
NEVER = FAR_FUTURE + 1


@dataclass(frozen=True, eq=False)
class View:
    """The actors and ties in view (frames share data with the dataset: do not mutate)."""

    actors: pd.DataFrame
    ties: pd.DataFrame
    graph: nx.DiGraph

    @property
    def empty(self) -> bool:
        return len(self.actors) == 0

    @property
    def nbytes(self) -> int:
        """About what the view holds in memory: its tables and its graph (networkx keeps a
        few dictionaries per node and per edge: ~0.5 kB and ~0.3 kB, measured)."""
        return (frame_bytes(self.actors) + frame_bytes(self.ties)
                + 500 * int(self.graph.number_of_nodes())
                + 300 * int(self.graph.number_of_edges()))


#: Memory the views of one worker may keep (the bundled data's are ~0.1 MB each).
VIEWS_BYTES = 128 * MB


def year_window(filters: Filters, ds: Dataset) -> tuple[int, int]:
    """The years a view spans, (start, year): one year, or a span when ``filters.start`` is set.
    """
    year = ds.last_year if filters.year is None else filters.year
    start = year if filters.start is None else min(filters.start, year)
    return start, year


#: The NGO type of an actor whose type is only our inference, in a view that shows only
#: stated (or stated and sourced) facts.
UNSTATED = "unstated"
#: The NGO type of an NGO whose type the data does not give.
NOT_GIVEN = "not_given"


def as_stated(actors: pd.DataFrame, allowed: tuple[str, ...] | None) -> pd.DataFrame:
    """The actors with every attribute whose certainty is not ``allowed`` taken back: an
    inferred NGO type or platform level becomes :data:`UNSTATED`, an inferred founding year
    unknown (shown as the view's ``undated`` says). ``None`` allows everything (the table
    itself).

    The certainty filter is about facts, not only rows: with "stated only", an inferred
    type or level must not colour a node, pass a level filter or count in a breakdown as
    if the thesis said it.

    >>> a = pd.DataFrame({"ngo_type": ["market", "market", ""], "founded": [1998, 2000, 1990],
    ...                   "type_certainty": ["stated", "inferred", "inferred"],
    ...                   "founded_certainty": ["sourced", "inferred", "stated"],
    ...                   "level": ["local", "global", "national"],
    ...                   "level_certainty": ["inferred", "sourced", "stated"]})
    >>> b = as_stated(a, ("stated", "sourced"))
    >>> b["ngo_type"].tolist(), b["founded"].tolist(), b["level"].tolist()
    (['market', 'unstated', ''], [1998.0, <NA>, 1990.0], ['unstated', 'global', 'national'])
    """
    if allowed is None:
        return actors
    typed = ~actors["type_certainty"].isin(allowed) & (actors["ngo_type"] != "")
    dated = ~actors["founded_certainty"].isin(allowed) & actors["founded"].notna()
    placed = ~actors["level_certainty"].isin(allowed)
    if not typed.any() and not dated.any() and not placed.any():
        return actors
    out = actors.copy()
    out.loc[typed, "ngo_type"] = UNSTATED
    out.loc[placed, "level"] = UNSTATED
    out["founded"] = out["founded"].astype("Float64").mask(dated)
    return out


def assignments_withheld(ds: Dataset, filters: Filters) -> bool:
    """Whether a network filter keeps out ties only because their assignment to the
    network is less certain than the certainty filter allows (the view then says so,
    rather than "nothing to show").

    >>> from network.loading import load
    >>> ds = load().dataset
    >>> chosen = ("agroecological",)
    >>> assignments_withheld(ds, Filters(networks=chosen, certainty=("stated", "sourced")))
    True
    >>> assignments_withheld(ds, Filters(networks=chosen))
    False
    """
    if filters.networks is None or filters.certainty is None:
        return False
    t = ds.ties
    chosen = t["network"].isin(filters.networks) & t["certainty"].isin(filters.certainty)
    return bool((chosen & ~t["network_certainty"].isin(filters.certainty)).any())


def first_year_shown(ds: Dataset, filters: Filters) -> int:
    """The first year in which the view (its filters at that year) shows anyone: where
    *Play the years* starts, so that a filtered view does not play twenty empty years.

    >>> from network.loading import load
    >>> ds = load().dataset
    >>> first_year_shown(ds, Filters()) == ds.first_year
    True
    >>> first_year_shown(ds, Filters(levels=("local",))) > ds.first_year
    True
    """
    for year in ds.years:
        if not visible(ds, replace(filters, year=year, start=None)).empty:
            return year
    return ds.first_year


def is_ngo(actors: pd.DataFrame) -> pd.Series:
    """Which actors are NGOs: of an NGO kind, or given an NGO type by the data (a producer
    association typed as a "producer NGO" is one).

    >>> a = pd.DataFrame({"kind": ["ngo", "producer_association", "funder"],
    ...                   "ngo_type": ["", "producer", ""]})
    >>> is_ngo(a).tolist()
    [True, True, False]
    """
    typed = actors["ngo_type"] != ""
    return typed | actors["kind"].isin(NGO_KINDS) if "kind" in actors.columns else typed


def categories(actors: pd.DataFrame, by: str) -> pd.Series:
    """The column ``by`` with empty values named: ``"none"`` (not an NGO, for ``ngo_type``),
    or for an NGO whose type is not given, ``"not_given"`` (it is an NGO all the same)."""
    values = actors[by].replace("", "none")
    if by == "ngo_type":
        values = values.where(~(is_ngo(actors) & (actors[by] == "")), NOT_GIVEN)
    return values


@lru_cache(maxsize=16)
def values_present(ds: Dataset) -> dict[str, frozenset[str]]:
    """The levels, domains, sectors and NGO types (as :func:`categories` names them) the
    data's actors have, by filter field: a filter offers only those (an edge list's actors,
    all at one assumed level, get no list of four)."""
    actors = ds.actors
    return {"levels": frozenset(actors["level"]),
            "domains": frozenset(d for many in actors["domains"] for d in many.split(";") if d),
            "sectors": frozenset(actors["sector"]),
            "ngo_types": frozenset(categories(actors, "ngo_type"))}


def _in(values: pd.Series, chosen: tuple[str, ...] | None) -> pd.Series:
    if chosen is None:
        return pd.Series(True, index=values.index)
    return values.isin(chosen)


def alive_between(first: pd.Series, last: pd.Series, start: int, year: int) -> pd.Series:
    """Rows whose [first, last] interval overlaps [start, year]."""
    return (first.fillna(-FAR_FUTURE) <= year) & (last.fillna(FAR_FUTURE) >= start)


def undated_start(undated: str, since: int = FIELDWORK[0]) -> int:
    """The first year an actor or tie with an unknown year is shown, for an ``undated`` mode;
    ``since`` is the data set's default (:attr:`~network.model.dataset.Dataset.undated_from`:
    the thesis's fieldwork for the bundled data).

    >>> [undated_start(mode) for mode in ("fieldwork", "always", "hidden")]
    [2006, -9999, 10000]
    >>> undated_start("fieldwork", 1990)
    1990
    """
    if undated not in UNDATED:
        raise ValueError(f"undated must be one of {UNDATED}, not {undated!r}")
    return {"fieldwork": since, "always": -FAR_FUTURE, "hidden": NEVER}[undated]


def shown_from(years: pd.Series, undated: str, since: int) -> pd.Series:
    """The first year each row is shown: its own year, or for an empty one the year the
    ``undated`` mode gives (an integer series, never empty)."""
    return years.astype("Int64").fillna(undated_start(undated, since)).astype("int64")


def actor_years(actors: pd.DataFrame, undated: str, since: int) -> tuple[pd.Series, pd.Series]:
    """(first, last) year each actor is shown under ``undated`` (``since``: the data set's
    :attr:`~network.model.dataset.Dataset.undated_from`); ``last`` may be NA (still
    active). An actor whose founding year is unknown and that ended before the year the
    mode would show it from is never shown."""
    first = shown_from(actors["founded"], undated, since)
    last = actors["active_until"]
    return first.where(last.isna() | (first <= last), NEVER), last


def tie_years(ties: pd.DataFrame, actors: pd.DataFrame,
              undated: str, since: int) -> tuple[pd.Series, pd.Series]:
    """(first, last) year each tie is shown under ``undated``: never before either of its
    actors is shown (the later of its own first year and theirs), nor after either ends
    (``last`` is :data:`FAR_FUTURE` while the tie and both actors last)."""
    first_actor, last_actor = actor_years(actors, undated, since)
    last_actor = last_actor.astype("Float64").fillna(FAR_FUTURE)
    first = shown_from(ties["from_year"], undated, since).to_numpy()
    last = ties["to_year"].astype("Float64").fillna(FAR_FUTURE).to_numpy(dtype=float)
    for end in ("source", "target"):
        first = np.maximum(first, ties[end].map(first_actor).fillna(NEVER).to_numpy(dtype=np.int64))
        last = np.minimum(last, ties[end].map(last_actor).fillna(FAR_FUTURE).to_numpy(dtype=float))
    first = np.where(first <= last, first, NEVER)
    return (pd.Series(first, index=ties.index, dtype="int64"),
            pd.Series(last, index=ties.index).astype("int64"))


@bytes_cache(VIEWS_BYTES, sizeof=lambda view: view.nbytes)
def visible(ds: Dataset, filters: Filters) -> View:
    """Actors and ties in view for ``filters``.

    An actor is in view when it exists in the years chosen and passes every actor filter
    (level, domain, sector, NGO type, certainty). A tie is in view when it holds in those
    years, both its ends are in view, and it passes the network, domain and certainty
    filters (with networks chosen, the certainty filter applies to each tie's assignment to
    its network too). When networks are chosen, only actors with a tie in them stay in view. An
    actor or tie whose year is unknown is shown as ``filters.undated`` says, and a tie never
    before both its actors are shown (:func:`tie_years`).
    """
    start, year = year_window(filters, ds)
    a = as_stated(ds.actors, filters.certainty)
    keep = alive_between(*actor_years(a, filters.undated, ds.undated_from), start, year)
    keep &= _in(a["level"], filters.levels)
    keep &= _in(a["sector"], filters.sectors)
    keep &= _in(categories(a, "ngo_type"), filters.ngo_types)
    keep &= _in(a["certainty"], filters.certainty)
    if filters.domains is not None:
        chosen = set(filters.domains)
        keep &= a["domains"].map(lambda d: bool(chosen & set(d.split(";"))))
    actors = a[keep]

    t = ds.ties
    tkeep = alive_between(*tie_years(t, a, filters.undated, ds.undated_from), start, year)
    tkeep &= t["source"].isin(actors.index) & t["target"].isin(actors.index)
    tkeep &= _in(t["network"], filters.networks)
    tkeep &= _in(t["certainty"], filters.certainty)
    if filters.networks is not None:
        # a tie is in a chosen network only as surely as its assignment to it is
        tkeep &= _in(t["network_certainty"], filters.certainty)
    if filters.domains is not None:
        tkeep &= t["network"].map(ds.networks["domain"]).isin(filters.domains)
    ties = t[tkeep]
    if filters.networks is not None:
        actors = actors[actors.index.isin(ties["source"]) | actors.index.isin(ties["target"])]

    graph = nx.DiGraph()
    graph.add_nodes_from(actors.index)
    weights = ties.groupby(["source", "target"], sort=False, as_index=False)["weight"].sum()
    graph.add_weighted_edges_from(zip(weights["source"].tolist(), weights["target"].tolist(),
                                      weights["weight"].astype(float).tolist(), strict=True))
    return View(actors=actors, ties=ties, graph=graph)


def normalise(state: ViewState, ds: Dataset) -> ViewState:
    """Fit a parsed state to the data: clamp years (none for data with no year at all), drop
    unknown networks and actors."""
    year = ds.last_year if state.year is None else min(max(state.year, ds.first_year), ds.last_year)
    start = None if state.start is None else min(max(state.start, ds.first_year), year)
    if start == year:
        start = None
    changes: dict[str, Any] = {"year": year, "start": start}  # fields of ViewState
    if ds.timeless:  # no year to name: links and views of it carry none
        changes.update(year=None, start=None)
    if state.networks is not None:
        changes["networks"] = canonical([n for n in state.networks if n in ds.networks.index])
    for key in ("actor", "me", "target"):
        if getattr(state, key) is not None and getattr(state, key) not in ds.actors.index:
            changes[key] = None
    if state.discourse is not None and state.discourse not in ds.discourses.index:
        changes["discourse"] = None
    if state.weights is not None:
        if state.weights == tuple(DEFAULT_WEIGHTS[k] for k in SIGNALS):
            changes["weights"] = None
    if state.only_levels is not None and set(state.only_levels) == set(LEVELS):
        changes["only_levels"] = None
    if state.metric not in MEASURES:
        changes["metric"] = ViewState.metric
    return replace(state, **changes)


def from_link(ds: Dataset, query: str | None) -> ViewState:
    """The view a link's query string names, fitted to the data (never fails)."""
    return normalise(ViewState.from_query(query), ds)


def search(ds: Dataset, query: str, limit: int = 10) -> list[str]:
    """Actor ids whose names match ``query``, accents and case ignored.

    An exact name, acronym or id comes first, then names that start with the query, then
    words that start with it, then any other match; ties keep the data's order.
    """
    q = fold(query)
    if not q:
        return []
    scored = []
    for order, (actor_id, text, exact) in enumerate(ds.search_index):
        if q not in text:
            continue
        score = -1 if q in exact else 0 if text.startswith(q) else 1 if f" {q}" in f" {text}" else 2
        scored.append((score, order, actor_id))
    return [actor_id for _, _, actor_id in sorted(scored)[:limit]]
