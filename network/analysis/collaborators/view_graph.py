"""The view as arrays: what every suggestion, ego network and introduction for one
(dataset, filters) needs, built once per view and cached.

:class:`ViewGraph` holds the undirected simple graph of the view in CSR form (neighbours of
actor ``i`` are ``indices[indptr[i]:indptr[i + 1]]``), who is active and who is a group
node, and one boolean matrix per kind of fact a signal compares (networks, domains,
discourses, roles). Actors are rows in the view's order.

May import: :mod:`network.model`, :mod:`network.view`, :mod:`network.analysis.discourse`
and :mod:`.roles`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from network.analysis.collaborators.roles import ROLES
from network.analysis.discourse.endorsements import affiliation
from network.model.dataset import Dataset
from network.view.state import Filters
from network.view.visible import actor_years, alive_between, visible, year_window


@dataclass(frozen=True, eq=False)
class ViewGraph:
    ids: np.ndarray  # actor ids in view, in the view's order
    pos: dict[str, int]
    indptr: np.ndarray  # undirected simple adjacency in CSR form
    indices: np.ndarray
    degree: np.ndarray
    aa_weight: np.ndarray  # 1 / log(degree), 0 below degree 2
    active: np.ndarray  # bool: active in the chosen year itself
    group: np.ndarray  # bool: a group node (counted but unnamed members)
    order: np.ndarray  # rank by (name, id), to break equal scores
    kinds: np.ndarray  # kind / level / sector of each actor, as codes into the tuples below
    kind_names: tuple[str, ...]
    levels: np.ndarray
    level_names: tuple[str, ...]
    sectors: np.ndarray
    sector_names: tuple[str, ...]
    networks: tuple[str, ...]
    net_matrix: np.ndarray  # bool (actors, networks): has a tie in that network
    domains: tuple[str, ...]
    dom_matrix: np.ndarray
    discourses: tuple[str, ...]
    disc_matrix: np.ndarray  # bool (actors, discourses): endorses it by the year
    roles: tuple[str, ...]
    role_matrix: np.ndarray  # bool (actors, roles)

    def neighbours(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i]: self.indptr[i + 1]]


def _incidence(rows: np.ndarray, values: pd.Series, n: int,
               order: Iterable[str] | None = None) -> tuple[tuple[str, ...], np.ndarray]:
    """A boolean (n, len(columns)) matrix with True at (rows[k], values[k])."""
    known = list(dict.fromkeys(order)) if order is not None else []
    extra = sorted(set(values.unique().tolist()) - set(known))
    columns = tuple(known + extra)
    matrix = np.zeros((n, len(columns)), dtype=bool)
    if len(rows):
        cols = pd.Index(columns).get_indexer(values.to_numpy())
        matrix[rows, cols] = True
    return columns, matrix


def _adjacency(src: np.ndarray, tgt: np.ndarray,
               n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(indptr, indices, degree) of the undirected simple graph of the ties src[k]–tgt[k]:
    both directions, loops and repeated pairs dropped."""
    loop = src == tgt
    s = np.concatenate([src[~loop], tgt[~loop]]).astype(np.int64)
    d = np.concatenate([tgt[~loop], src[~loop]]).astype(np.int64)
    keys = np.unique(s * max(n, 1) + d)  # sorted by source, then target
    s, d = keys // max(n, 1), keys % max(n, 1)
    degree = np.bincount(s, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(degree, out=indptr[1:])
    return indptr, d, degree


def _role_matrix(actors: pd.DataFrame) -> np.ndarray:
    """bool (actors, :data:`~.roles.ROLES`): which roles each actor plays."""
    kinds = actors["kind"].to_numpy(dtype=object)
    ngo_types = actors["ngo_type"].to_numpy(dtype=object)
    sectors = actors["sector"].to_numpy(dtype=object)
    matrix = np.zeros((len(actors), len(ROLES)), dtype=bool)
    for j, spec in enumerate(ROLES.values()):
        by_kind = np.isin(kinds, spec.kinds)
        if spec.sectors is not None:
            by_kind &= np.isin(sectors, spec.sectors)
        matrix[:, j] = by_kind | np.isin(ngo_types, spec.ngo_types)
    return matrix


def _name_order(actors: pd.DataFrame, ids: np.ndarray) -> np.ndarray:
    """Each actor's rank by (name, id)."""
    names = actors["name"].tolist()
    by_name = sorted(range(len(ids)), key=lambda i: (names[i], ids[i]))
    order = np.empty(len(ids), dtype=np.int64)
    order[by_name] = np.arange(len(ids))
    return order


@lru_cache(maxsize=64)
def view_graph(ds: Dataset, filters: Filters) -> ViewGraph:
    """The view of (``ds``, ``filters``) as arrays. Cached: do not mutate."""
    view = visible(ds, filters)
    actors, ties = view.actors, view.ties
    n = len(actors)
    ids = actors.index.to_numpy(dtype=object)
    index = pd.Index(ids)

    src = index.get_indexer(ties["source"].to_numpy())
    tgt = index.get_indexer(ties["target"].to_numpy())
    indptr, indices, degree = _adjacency(src, tgt, n)
    group = actors["is_group"].fillna(False).to_numpy(dtype=bool)
    with np.errstate(divide="ignore"):
        aa_weight = np.where(degree >= 2, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
    aa_weight[group] = 0.0  # an unnamed group is not a partner who can vouch for anyone

    _, year = year_window(filters, ds)
    shown = actor_years(actors, filters.undated, ds.undated_from)
    active = alive_between(*shown, year, year).to_numpy(dtype=bool)

    ends = np.concatenate([src, tgt])
    nets = pd.concat([ties["network"], ties["network"]], ignore_index=True)
    networks, net_matrix = _incidence(ends, nets, n, ds.networks.index)

    dom = actors["domains"].reset_index(drop=True).str.split(";").explode()
    dom = dom[dom.fillna("") != ""]
    domains, dom_matrix = _incidence(dom.index.to_numpy(), dom, n)

    # the endorsements the discourse view shows (by the year, certainty and domain filters)
    ad = affiliation(ds, filters)
    discourses, disc_matrix = _incidence(index.get_indexer(ad["actor"].to_numpy()),
                                         ad["discourse"], n, ds.discourses.index)

    kind_codes, kind_names = pd.factorize(actors["kind"].to_numpy(dtype=object))
    level_codes, level_names = pd.factorize(actors["level"].to_numpy(dtype=object))
    sector_codes, sector_names = pd.factorize(actors["sector"].to_numpy(dtype=object))

    return ViewGraph(
        ids=ids, pos={a: i for i, a in enumerate(ids)}, indptr=indptr, indices=indices,
        degree=degree, aa_weight=aa_weight, active=active, group=group,
        order=_name_order(actors, ids),
        kinds=kind_codes, kind_names=tuple(kind_names),
        levels=level_codes, level_names=tuple(level_names),
        sectors=sector_codes, sector_names=tuple(sector_names),
        networks=networks, net_matrix=net_matrix, domains=domains, dom_matrix=dom_matrix,
        discourses=discourses, disc_matrix=disc_matrix,
        roles=tuple(ROLES), role_matrix=_role_matrix(actors),
    )


def clear_caches() -> None:
    """Forget the per-view tables (for benchmarks; the view cache is separate)."""
    view_graph.cache_clear()
