"""NGO types over time: the thesis's "diversification of NGOs".

:func:`types_over_time` counts the NGOs in view (actors with an ``ngo_type``; the others
are left out) each year by type, per domain (an actor counts once in each of its domains)
or per level. It counts the same actors as :func:`network.analysis.ranking.composition_over_years`
(the tests hold it to that), grouped once more; restricting the filters to one domain or
level at a time would not do, because with a network filter that also drops the ties to
actors of other domains or levels. :func:`diversification` gives per year the number of distinct
NGO types and the Shannon diversity of the type mix, ``H = -Σ p·ln p`` over the types'
shares (0 with one type or none), the thesis's "diversification of NGOs". Both run over
every year of the data, so the chosen year and year range do not apply.

May import: :mod:`network.model`, :mod:`network.view` and :mod:`network.analysis.ranking`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd

from network.analysis.ranking import composition_over_years
from network.model.dataset import Dataset
from network.model.schema import DOMAINS, LEVELS, enum_values
from network.view.state import Filters
from network.view.visible import actor_years, visible

#: Columns of :func:`types_over_time`.
TYPES_COLUMNS = ("year", "group", "ngo_type", "count")
#: Columns of :func:`diversification`.
DIVERSITY_COLUMNS = ("year", "ngos", "types", "shannon")
#: What the NGO types over time may be counted per: each domain, or each platform level.
TYPES_PER = ("domain", "level")


def _ngo_types(filters: Filters) -> list[str]:
    """NGO types (schema order) that the NGO type filter lets through."""
    return [v for v in enum_values("actors", "ngo_type")
            if filters.ngo_types is None or v in filters.ngo_types]


def _codes(values: pd.Series, order: tuple[str, ...] | list[str]) -> np.ndarray:
    """Position of each value in ``order``; -1 when it is not there."""
    return pd.Index(order).get_indexer(pd.Index(values.to_numpy()))


def _cells(actors: pd.DataFrame, per: str, groups: tuple[str, ...],
           types: list[str]) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The NGOs among ``actors`` with the (group, type) cell each counts in: one row per NGO
    and domain it works in (per domain) or per NGO (per level); outside the groups and
    types the filters allow, none."""
    ngos = actors[actors["ngo_type"] != ""]
    if per == "domain":  # one row per NGO and domain it works in
        ngos = ngos.assign(group=ngos["domains"].str.split(";")).explode("group")
    else:
        ngos = ngos.assign(group=ngos["level"])
    g, t = _codes(ngos["group"], groups), _codes(ngos["ngo_type"], types)
    keep = (g >= 0) & (t >= 0)
    return ngos[keep], g[keep], t[keep]


def _counts(ds: Dataset, base: Filters, per: str, groups: tuple[str, ...],
            types: list[str]) -> np.ndarray:
    """counts[year, group, type] for every year of the data (and one more, zero), with
    ``base`` the filters without their year."""
    years = list(ds.years)
    # one more year so that the difference array can close
    counts = np.zeros((len(years) + 1, len(groups), len(types)), dtype=np.int64)
    if base.networks is None:
        # As in composition_over_years: without a network filter an actor's presence
        # depends only on its own years, so filter once and spread each actor over its
        # years with a difference array (+1 the year it starts, -1 the year after it ends).
        ever = visible(ds, replace(base, year=ds.last_year, start=ds.first_year)).actors
        ngos, g, t = _cells(ever, per, groups, types)
        shown, until = actor_years(ngos, base.undated, ds.undated_from)
        first = shown.to_numpy(dtype=np.int64) - ds.first_year
        last = until.fillna(ds.last_year).to_numpy(dtype=np.int64) - ds.first_year
        first, last = np.clip(first, 0, len(years)), np.clip(last + 1, 0, len(years))
        np.add.at(counts, (first, g, t), 1)
        np.add.at(counts, (last, g, t), -1)
        return counts.cumsum(axis=0)
    for i, year in enumerate(years):
        _, g, t = _cells(visible(ds, replace(base, year=year)).actors, per, groups, types)
        np.add.at(counts[i], (g, t), 1)  # counts[i] is a view: this adds into counts
    return counts


@lru_cache(maxsize=256)
def types_over_time(ds: Dataset, filters: Filters, per: str) -> pd.DataFrame:
    """NGOs in view each year by type, per domain or level (tidy).

    Columns :data:`TYPES_COLUMNS`: ``year, group, ngo_type, count``, one row for every
    year of the data, every domain (or level) the filters allow and every NGO type they
    allow, zeros included; sorted by year, then group and type in the schema's order.
    Non-NGOs are left out; an actor counts once in each of its domains (so per domain the
    counts may add up to more than the NGOs in view; per level they add up to
    :func:`~network.analysis.ranking.composition_over_years` without ``"none"``). The actors
    counted each year are those composition_over_years counts: the filters as they are,
    any year range dropped. ``per`` is ``"domain"`` or ``"level"``. Cached: do not mutate.
    """
    if per not in TYPES_PER:
        raise ValueError(f"per must be one of {TYPES_PER}, not {per!r}")
    field, every = ("domains", DOMAINS) if per == "domain" else ("levels", LEVELS)
    chosen = getattr(filters, field)
    groups = tuple(g for g in every if chosen is None or g in chosen)
    types = _ngo_types(filters)
    counts = _counts(ds, replace(filters, year=None, start=None), per, groups, types)
    index = pd.MultiIndex.from_product([list(ds.years), list(groups), types],
                                       names=["year", "group", "ngo_type"])
    frame = pd.DataFrame({"count": counts[:-1].ravel()}, index=index).reset_index()
    return frame.astype({"year": int, "group": str, "ngo_type": str, "count": int})


@lru_cache(maxsize=256)
def diversification(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The NGO type mix in view each year of the data: how many NGOs, types and how diverse.

    Columns :data:`DIVERSITY_COLUMNS`: ``year``, ``ngos`` (NGOs in view), ``types``
    (distinct NGO types among them) and ``shannon`` (``-Σ p·ln p`` over the types' shares;
    0 with one type or none). Cached: do not mutate.

    >>> from network.loading import load
    >>> table = diversification(load().dataset, Filters())
    >>> int(table.set_index("year").loc[2012, "types"])
    6
    """
    types = _ngo_types(filters)
    counts = composition_over_years(ds, filters, "ngo_type")
    counts = counts.reindex(index=list(ds.years), columns=types, fill_value=0)
    values = counts.to_numpy(dtype=float)
    total = values.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total[:, None] > 0, values / total[:, None], 0.0)
        terms = np.where(share > 0, share * np.log(np.where(share > 0, share, 1.0)), 0.0)
    shannon = np.maximum(-terms.sum(axis=1), 0.0)  # no -0.0
    return pd.DataFrame({
        "year": np.asarray(counts.index, dtype=int),
        "ngos": total.astype(int),
        "types": (values > 0).sum(axis=1).astype(int),
        "shannon": shannon,
    })


def clear_caches() -> None:
    """Empty this module's caches (for benchmarks of the first request)."""
    types_over_time.cache_clear()
    diversification.cache_clear()
