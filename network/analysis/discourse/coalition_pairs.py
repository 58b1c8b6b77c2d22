"""Discourse coalitions as pairs of actors, laid beside the pairs tied in the view.

Projecting the actor–discourse affiliation onto actors gives :func:`coalitions`: every
pair of actors (``a < b`` by id) that endorse at least one discourse in common, with how
many (``shared``) and which. :func:`compare` lays those pairs beside the pairs tied in
the view (direction, relation and network ignored) and splits them three ways: in a
coalition and tied, in a coalition only, tied only. The overlap share is the Jaccard
index of the two sets of pairs, ``|both| / |coalition pairs ∪ tied pairs|``. Many ties
join an actor whose discourse is not recorded at all (funders, platforms, international
networks): those tied-only pairs are listed again in ``Comparison.unrecorded``, because
"not in a coalition" there means "unknown", not "across coalitions".

May import: :mod:`network.model`, :mod:`network.view` and :mod:`.endorsements`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from network.analysis.discourse.endorsements import affiliation
from network.model.dataset import Dataset
from network.view.state import Filters
from network.view.visible import visible

#: Columns of :func:`coalitions`.
COALITION_COLUMNS = ("a", "b", "shared", "discourses")


# Pairs are handled as integer keys ``i * n + j`` (``i < j``), where ``i`` and ``j`` are
# positions in the data's actor ids sorted, so that sorting keys sorts pairs by id.


@lru_cache(maxsize=16)
def _sorted_ids(ds: Dataset) -> np.ndarray:
    return np.array(sorted(ds.actors.index), dtype=object)


def _keys(ds: Dataset, one: pd.Series | np.ndarray, other: pd.Series | np.ndarray) -> np.ndarray:
    """Sorted distinct keys of the pairs (one[k], other[k]), whichever comes first."""
    ids = _sorted_ids(ds)
    universe = pd.Index(ids)
    i, j = universe.get_indexer(np.asarray(one)), universe.get_indexer(np.asarray(other))
    low, high = np.minimum(i, j).astype(np.int64), np.maximum(i, j).astype(np.int64)
    return np.unique(low * len(ids) + high)


def _pairs(ds: Dataset, keys: np.ndarray) -> tuple[tuple[str, str], ...]:
    ids = _sorted_ids(ds)
    return tuple(zip(ids[keys // len(ids)].tolist(), ids[keys % len(ids)].tolist(),
                     strict=True))


@lru_cache(maxsize=256)
def _coalition_keys(ds: Dataset, filters: Filters) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(keys, shared, discourses) of the coalition pairs, by key."""
    aff = affiliation(ds, filters)
    order = list(ds.discourses.index)
    universe = pd.Index(_sorted_ids(ds))
    n = len(universe)
    keys, discs = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for discourse, members in aff.groupby("discourse", sort=False)["actor"]:
        idx = np.sort(universe.get_indexer(members.to_numpy())).astype(np.int64)
        first, second = np.triu_indices(len(idx), 1)
        keys.append(idx[first] * n + idx[second])
        discs.append(np.full(len(first), order.index(discourse), dtype=np.int64))
    key, disc = np.concatenate(keys), np.concatenate(discs)
    sort = np.lexsort((disc, key))  # by pair, then by the discourses' order
    key, disc = key[sort], disc[sort]
    pairs, starts, shared = np.unique(key, return_index=True, return_counts=True)
    names = np.array(order, dtype=object)
    if not len(pairs):
        runs, inverse = [], np.zeros(0, dtype=np.int64)
    elif len(order) <= 63:
        # the discourses of each pair as a bit mask, then each distinct mask as a tuple
        masks = np.bitwise_or.reduceat(np.left_shift(np.uint64(1), disc.astype(np.uint64)),
                                       starts)
        distinct, inverse = np.unique(masks, return_inverse=True)
        runs = [[d for d in range(len(order)) if (int(m) >> d) & 1] for m in distinct]
    else:  # rare: split the sorted discourse positions at each new pair
        runs = [run.tolist() for run in np.split(disc, starts[1:])]
        inverse = np.arange(len(runs))
    named = np.empty(len(runs), dtype=object)
    for i, run in enumerate(runs):  # one by one: numpy would unpack a list of tuples
        named[i] = tuple(names[run])
    return pairs, shared.astype(int), named[inverse]


@lru_cache(maxsize=256)
def coalitions(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Pairs of actors in view that endorse at least one discourse in common.

    Columns :data:`COALITION_COLUMNS`: ``a`` and ``b`` (ids, ``a < b``), ``shared`` (how
    many discourses both endorse) and ``discourses`` (their ids, as a tuple in the
    discourses' order). Most shared first, then by ``a`` and ``b``. The pairs grow with
    the square of a coalition's size (5,000 actors in seven coalitions: over 2 million
    pairs, about 2 s). Cached: do not mutate.
    """
    keys, shared, together = _coalition_keys(ds, filters)
    ids = _sorted_ids(ds)
    frame = pd.DataFrame({
        "a": pd.Series(ids[keys // len(ids)], dtype=str),
        "b": pd.Series(ids[keys % len(ids)], dtype=str),
        "shared": pd.Series(shared, dtype=int),
        "discourses": pd.Series(together, dtype=object),
    })
    frame = frame.iloc[np.argsort(-frame["shared"].to_numpy(), kind="stable")]
    return frame.reset_index(drop=True)


Pair = tuple[str, str]


@dataclass(frozen=True)
class Comparison:
    """Discourse coalitions beside collaboration ties, as pairs of actor ids (``a < b``).

    ``both``, ``coalition_only`` and ``tie_only`` do not overlap; the coalition pairs are
    ``both + coalition_only`` and the tied pairs ``both + tie_only``. ``unrecorded`` is
    the part of ``tie_only`` where at least one of the two endorses no discourse in view.
    Every tuple is sorted.
    """

    both: tuple[Pair, ...] = ()
    coalition_only: tuple[Pair, ...] = ()
    tie_only: tuple[Pair, ...] = ()
    unrecorded: tuple[Pair, ...] = ()

    @property
    def n_both(self) -> int:
        return len(self.both)

    @property
    def n_coalition_only(self) -> int:
        return len(self.coalition_only)

    @property
    def n_tie_only(self) -> int:
        return len(self.tie_only)

    @property
    def n_unrecorded(self) -> int:
        return len(self.unrecorded)

    @property
    def n_coalition(self) -> int:
        """Pairs in a common coalition."""
        return len(self.both) + len(self.coalition_only)

    @property
    def n_tied(self) -> int:
        """Pairs tied in the view."""
        return len(self.both) + len(self.tie_only)

    @property
    def jaccard(self) -> float:
        """``|both| / |coalition pairs ∪ tied pairs|``; 0.0 when there are no pairs at all."""
        union = self.n_both + self.n_coalition_only + self.n_tie_only
        return self.n_both / union if union else 0.0


@lru_cache(maxsize=256)
def _tie_keys(ds: Dataset, filters: Filters) -> np.ndarray:
    ties = visible(ds, filters).ties
    return _keys(ds, ties["source"], ties["target"])


def tied_pairs(ds: Dataset, filters: Filters) -> frozenset[Pair]:
    """Pairs of actors (``a < b``) with at least one tie in view, direction ignored."""
    return frozenset(_pairs(ds, _tie_keys(ds, filters)))


@lru_cache(maxsize=256)
def compare(ds: Dataset, filters: Filters) -> Comparison:
    """Where discourse coalitions and collaboration ties coincide in the view, and where not.

    >>> from network.loading import load
    >>> c = compare(load().dataset, Filters(year=2008))
    >>> 0 <= c.jaccard <= 1 and c.n_tied == c.n_both + c.n_tie_only
    True
    """
    coalition, tied = _coalition_keys(ds, filters)[0], _tie_keys(ds, filters)
    tie_only = np.setdiff1d(tied, coalition, assume_unique=True)
    ids = _sorted_ids(ds)
    endorsing = np.isin(ids, affiliation(ds, filters)["actor"].to_numpy())
    unrecorded = tie_only[~(endorsing[tie_only // len(ids)] & endorsing[tie_only % len(ids)])]
    return Comparison(
        both=_pairs(ds, np.intersect1d(coalition, tied, assume_unique=True)),
        coalition_only=_pairs(ds, np.setdiff1d(coalition, tied, assume_unique=True)),
        tie_only=_pairs(ds, tie_only),
        unrecorded=_pairs(ds, unrecorded),
    )


def clear_caches() -> None:
    """Empty this module's caches (for benchmarks of the first request)."""
    for cached in (_coalition_keys, coalitions, _tie_keys, compare, _sorted_ids):
        cached.cache_clear()
