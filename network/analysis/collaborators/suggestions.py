"""Suggested collaborators: who an actor could work with, best first, with the facts behind
each suggestion.

:func:`suggest` keeps the candidates of :func:`~.scoring.score_candidates` whose score is
above 0, leaving out those the actor already meets inside an umbrella it belongs to
(:func:`~.partnerships.together`: the other members of a network it is a member or founder
of, the network it belongs to in turn, and what that network runs), which are listed apart.
The order is by score (highest first), then by the stronger reason (the raw Adamic–Adar
index, then the share of shared networks, then the shorter way in: fewer intermediaries,
and any way in before none), then by name and id, so equal scores always come in the same
order.

Each suggestion also says how far it is (:attr:`Suggestion.intermediaries`): the fewest
intermediaries on a chain of ties to it in the view, or None when no chain leads there, so
that the interface can say so before anyone asks who can introduce them.

Each :class:`Suggestion` carries its signal values, their contributions (weight × value)
and the facts behind them (common partners, shared networks...), from which
:func:`~.reasons.reason` writes one sentence in English or Spanish.

May import: :mod:`network.model`, :mod:`network.view` and :mod:`.view_graph`,
:mod:`.scoring`, :mod:`.partnerships`, :mod:`.reach`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import compress

import numpy as np
import pandas as pd

from network.analysis.collaborators.partnerships import together
from network.analysis.collaborators.reach import LONGEST_INTRODUCTION, distances
from network.analysis.collaborators.scoring import (
    Scores,
    among,
    score_candidates,
    weights_with_defaults,
)
from network.analysis.collaborators.view_graph import ViewGraph, clear_caches, view_graph
from network.model.dataset import Dataset
from network.model.memo import clear
from network.view.state import SIGNALS, Filters
from network.view.visible import is_ngo, visible


@dataclass(frozen=True)
class Suggestion:
    """One possible collaborator of ``actor``, with the numbers and facts behind it.

    ``values`` and ``contributions`` map every name in :data:`SIGNALS` to the signal's
    value in [0, 1] and to weight × value; ``score`` is the sum of the contributions.
    The facts are ids, in the order a reason lists them.
    """

    actor: str
    candidate: str
    score: float
    values: Mapping[str, float]
    contributions: Mapping[str, float]
    #: ids of the partners in common, strongest first (fewest ties first, then name)
    common_partners: tuple[str, ...] = ()
    #: the raw Adamic–Adar index (before dividing by the best candidate's)
    adamic_adar: float = 0.0
    #: ids of the networks both have ties in (in view), in the networks table's order
    shared_networks: tuple[str, ...] = ()
    #: domains both work in, in the actor's order
    shared_domains: tuple[str, ...] = ()
    #: ids of the discourses both endorse by the year, in the discourses table's order
    shared_discourses: tuple[str, ...] = ()
    #: (the actor's role, the candidate's role) for each complementary pair that applies
    complementary: tuple[tuple[str, str], ...] = ()
    #: the candidate's level / sector when the actor and its partners do not reach it yet
    new_level: str | None = None
    new_sector: str | None = None
    #: the fewest intermediaries on a chain of ties from the actor to the candidate in view
    #: (direction ignored, never through a group node); None: no chain leads there
    intermediaries: int | None = None

    @property
    def reachable(self) -> bool:
        """Does some chain of ties in view lead to the candidate (someone can introduce)?"""
        return self.intermediaries is not None

    @property
    def too_far(self) -> bool:
        """Is the shortest chain too long to be a real introduction?"""
        return self.intermediaries is not None and self.intermediaries > LONGEST_INTRODUCTION


def suggest(
    ds: Dataset,
    filters: Filters,
    actor: str,
    weights: Mapping[str, float] | None = None,
    only_kinds: Iterable[str] | None = None,
    only_levels: Iterable[str] | None = None,
    only_ngos: bool = False,
    limit: int | None = 20,
) -> list[Suggestion]:
    """Actors in view that ``actor`` has no tie with, best first (see the module's notes).

    ``weights`` overrides :data:`DEFAULT_WEIGHTS` for the signals it names (0 switches a
    signal off). ``only_kinds`` / ``only_levels`` keep only candidates of those kinds /
    levels, ``only_ngos`` only NGOs (:func:`~network.view.visible.is_ngo`: by kind, or by
    the NGO type the data gives); they do not change anyone's score.
    ``limit=None`` returns every candidate with a score above 0. Empty when the actor is not
    in view.

    >>> from network.loading import load
    >>> ds = load().dataset
    >>> best = suggest(ds, Filters(year=2008), "rae", limit=3)
    >>> len(best), best[0].score >= best[-1].score
    (3, True)
    """
    complete = weights_with_defaults(weights)  # a bad weight is an error for any actor
    graph = view_graph(ds, filters)
    i = graph.pos.get(actor)
    if i is None:
        return []
    scores = score_candidates(graph, i, complete)
    keep = scores.candidate & (scores.score > 0)
    # Not a partner to approach: an organisation one already works with through an
    # umbrella both belong to (co-members of RAE Perú, or RAE's own fairs and shops);
    # :func:`together` lists them apart.
    for other in together(ds, filters, actor):
        keep[graph.pos[other]] = False
    if only_kinds is not None:
        keep &= among(graph.kinds, graph.kind_names, only_kinds)
    if only_ngos:
        keep &= is_ngo(ds.actors).reindex(graph.ids, fill_value=False).to_numpy(dtype=bool)
    if only_levels is not None:
        keep &= among(graph.levels, graph.level_names, only_levels)
    hops = distances(graph, i)  # ties to each actor in view; -1: no chain leads there
    rows = _best_first(graph, scores, hops, np.flatnonzero(keep), limit)
    return _suggestions(actor, graph, i, scores, complete, rows, hops)


def _best_first(graph: ViewGraph, scores: Scores, hops: np.ndarray, rows: np.ndarray,
                limit: int | None) -> np.ndarray:
    """``rows`` by score; equal scores: the stronger reason first (partners in common, then
    shared networks, then the shorter way in, any before none), then by name. At most
    ``limit`` of them."""
    way_in = np.where(hops[rows] < 0, len(graph.ids) + 1, hops[rows])
    rows = rows[np.lexsort((graph.order[rows], way_in,
                            -scores.values["shared_networks"][rows],
                            -scores.adamic_adar[rows], -scores.score[rows]))]
    if limit is not None:
        rows = rows[:max(limit, 0)]
    return rows


def _suggestions(actor: str, graph: ViewGraph, i: int, scores: Scores,
                 weights: Mapping[str, float], rows: np.ndarray,
                 hops: np.ndarray) -> list[Suggestion]:
    """A :class:`Suggestion` for each of ``rows``, with its facts.

    The facts are taken a column at a time (cheap even for every candidate)."""
    mine = np.zeros(len(graph.ids), dtype=bool)
    mine[graph.neighbours(i)] = True
    weight = np.array([weights[name] for name in SIGNALS])
    table = np.column_stack([scores.values[name][rows] for name in SIGNALS])
    value_rows, contribution_rows = table.tolist(), (table * weight).tolist()

    def shared(names: tuple[str, ...], matrix: np.ndarray) -> list[tuple[str, ...]]:
        return [tuple(compress(names, flags)) for flags in (matrix[rows] & matrix[i]).tolist()]

    nets = shared(graph.networks, graph.net_matrix)
    doms = shared(graph.domains, graph.dom_matrix)
    discs = shared(graph.discourses, graph.disc_matrix)
    roles = [tuple((own, other) for own, other, mask in scores.complements if mask[c])
             for c in rows.tolist()]
    levels = _names_if(graph.levels[rows], scores.new_level[rows], graph.level_names)
    sectors = _names_if(graph.sectors[rows], scores.new_sector[rows], graph.sector_names)
    out = []
    for k, c in enumerate(rows.tolist()):
        out.append(Suggestion(
            actor=actor,
            candidate=str(graph.ids[c]),
            score=float(scores.score[c]),
            values=dict(zip(SIGNALS, value_rows[k], strict=True)),
            contributions=dict(zip(SIGNALS, contribution_rows[k], strict=True)),
            common_partners=_common_partners(graph, c, mine),
            adamic_adar=float(scores.adamic_adar[c]),
            shared_networks=nets[k],
            shared_domains=doms[k],
            shared_discourses=discs[k],
            complementary=roles[k],
            new_level=levels[k],
            new_sector=sectors[k],
            intermediaries=int(hops[c]) - 1 if hops[c] > 0 else None,
        ))
    return out


def _names_if(codes: np.ndarray, new: np.ndarray, names: tuple[str, ...]) -> list[str | None]:
    """The name of each code where ``new`` holds, else None."""
    return [names[k] if is_new else None
            for k, is_new in zip(codes.tolist(), new.tolist(), strict=True)]


def _common_partners(graph: ViewGraph, c: int, mine: np.ndarray) -> tuple[str, ...]:
    """Ids of the named partners candidate ``c`` shares with the actor (``mine``: the actor's
    partners), fewest ties first, then by name."""
    common = graph.neighbours(c)
    common = common[mine[common] & ~graph.group[common]]
    common = common[np.lexsort((graph.order[common], graph.degree[common]))]
    return tuple(graph.ids[common].tolist())


def to_frame(suggestions: Iterable[Suggestion]) -> pd.DataFrame:
    """Suggestions as a table: ``candidate``, ``score`` and one column per signal's contribution."""
    rows = [{"candidate": s.candidate, "score": s.score, **s.contributions} for s in suggestions]
    return pd.DataFrame(rows, columns=["candidate", "score", *SIGNALS])


def bench_suggestions(ds: Dataset, actors: Iterable[str],
                      filters: Filters | None = None) -> tuple[float, float]:
    """Seconds per :func:`suggest` call: (cold, warm), each the mean over ``actors``.

    Cold clears the view and collaborator caches before each call (what the first request
    for a new year or filter pays); warm repeats each call with everything cached.
    """
    filters = filters or Filters()
    actors = list(actors)
    cold = warm = 0.0
    for actor in actors:
        clear(visible)
        clear_caches()
        t0 = time.perf_counter()
        suggest(ds, filters, actor)
        cold += time.perf_counter() - t0
        t0 = time.perf_counter()
        suggest(ds, filters, actor)
        warm += time.perf_counter() - t0
    count = max(len(actors), 1)
    return cold / count, warm / count
