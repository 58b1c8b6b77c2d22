"""Who says what: the endorsements that hold in the view, a discourse's coalition, and the
table of discourses with their supporters.

The ``actor_discourses`` table says which actor endorses which discourse, from which
year. :func:`affiliation` keeps the endorsements that hold in the view:

* the actor is in view (:func:`~network.view.visible.visible`: years, levels, sectors, NGO types,
  certainty, domains, networks);
* the endorsement holds by the chosen year: ``from_year`` at most the year (the end of a
  year range), or empty;
* its own ``certainty`` passes the certainty filter, as a tie's does;
* when domains are chosen, the discourse belongs to one of them, as a tie's network must
  (an actor working in two domains keeps only the discourses of the chosen ones).

A discourse coalition is the set of actors endorsing a discourse (:func:`coalition_of`).

May import: :mod:`network.model`, :mod:`network.view`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from network.model.dataset import Dataset
from network.view.state import Filters
from network.view.visible import FAR_FUTURE, visible, year_window

#: Columns of :func:`affiliation`.
AFFILIATION_COLUMNS = ("actor", "discourse", "from_year", "certainty", "evidence", "note")
#: Columns of :func:`discourse_table`.
DISCOURSE_COLUMNS = ("id", "name", "domain", "mother", "diverges", "storyline",
                     "supporters", "count")


def _order(index: pd.Index, values: pd.Series) -> pd.Series:
    """Position of each value in ``index`` (the data's order), for sorting."""
    positions = index.get_indexer(pd.Index(values.to_numpy()))
    return pd.Series(positions, index=values.index, dtype="int64")


@lru_cache(maxsize=256)
def affiliation(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The endorsements in view, in the discourses' order, then the actors' order.

    Columns :data:`AFFILIATION_COLUMNS`: ``actor, discourse, from_year, certainty,
    evidence, note``. Cached: do not mutate the frame.

    >>> from network.loading import load
    >>> table = affiliation(load().dataset, Filters(year=2008))
    >>> table[table["actor"] == "anpe"]["discourse"].tolist()
    ['market_democratization']
    """
    view = visible(ds, filters)
    _, year = year_window(filters, ds)
    ad = ds.actor_discourses
    keep = ad["actor"].isin(view.actors.index)
    keep &= ad["from_year"].fillna(-FAR_FUTURE) <= year
    if filters.certainty is not None:
        keep &= ad["certainty"].isin(filters.certainty)
    if filters.domains is not None:
        keep &= ad["discourse"].map(ds.discourses["domain"]).isin(filters.domains)
    rows = ad[keep]
    order = pd.DataFrame({"d": _order(ds.discourses.index, rows["discourse"]),
                          "a": _order(ds.actors.index, rows["actor"])})
    rows = rows.loc[order.sort_values(["d", "a"], kind="stable").index]
    return rows.loc[:, list(AFFILIATION_COLUMNS)].reset_index(drop=True)


def coalition_of(ds: Dataset, filters: Filters, discourse: str) -> frozenset[str]:
    """Ids of the actors in view that endorse ``discourse`` (empty for an unknown one)."""
    table = affiliation(ds, filters)
    return frozenset(table.loc[table["discourse"] == discourse, "actor"])


@lru_cache(maxsize=256)
def discourse_table(ds: Dataset, filters: Filters, lang: str = "en") -> pd.DataFrame:
    """Every discourse of the data, in its order, with its supporters in view.

    Columns :data:`DISCOURSE_COLUMNS`: ``id``, ``name`` and ``storyline`` (in ``lang``,
    English when the Spanish cell is empty), ``domain`` and ``mother`` (codes: translate
    with ``domain.*`` and ``disc.mother.*``), ``diverges`` (bool), ``supporters`` (a tuple
    of actor ids in the actors' order) and ``count``. Cached: do not mutate.
    """
    aff = affiliation(ds, filters)
    by_discourse = aff.groupby("discourse", sort=False)["actor"].agg(tuple).to_dict()
    rows = []
    for index, row in ds.discourses.iterrows():
        discourse = str(index)
        supporters = tuple(by_discourse.get(discourse, ()))  # in the actors' order already
        rows.append({
            "id": discourse,
            "name": ds.label("discourses", discourse, lang),
            "domain": str(row["domain"]),
            "mother": str(row["mother"]),
            "diverges": bool(row["diverges"]),
            "storyline": ds.label("discourses", discourse, lang, "storyline"),
            "supporters": supporters,
            "count": len(supporters),
        })
    return pd.DataFrame(rows, columns=list(DISCOURSE_COLUMNS))


def clear_caches() -> None:
    """Empty this module's caches (for benchmarks of the first request)."""
    affiliation.cache_clear()
    discourse_table.cache_clear()
