"""The signals of a suggestion and how they add up to a score.

:func:`score_candidates` scores every actor in view as a partner for one actor. A
*candidate* has **no tie** to the actor in the view (never the actor itself, never a
current partner, never an actor that is not active in the chosen year, i.e. the end of a
year range), and is never a *group node* (members that the sources count but do not name:
one cannot partner with them, they vouch for nobody as a common partner, and no
introduction passes through them). The score is transparent::

    score = sum(weight[s] * signal[s] for s in SIGNALS)

where every signal is a number in [0, 1]:

``common_partners``
    Adamic–Adar index over the undirected view graph: the sum, over the partners the two
    have in common, of ``1 / log(degree of that partner)``. A common partner with few ties
    counts more than a hub that is tied to everybody. Divided by the highest index among
    the actor's candidates, so the best-connected candidate scores 1 (the order between
    candidates is the order of the raw index, which is kept in ``adamic_adar``).
``shared_networks``
    The share of the actor's networks (those it has a tie in, in view) in which the
    candidate has a tie too.
``shared_domains``
    The share of the actor's domains (the ``domains`` column) that the candidate shares.
``shared_discourses``
    The share of the discourses the actor endorses by the chosen year (``from_year`` at
    most the year, or empty) that the candidate endorses by then too.
``complementary``
    1 when the two play complementary roles (see :data:`~.roles.ROLES` and
    :data:`~.roles.COMPLEMENTARY_ROLES`), else 0:

    ===============================================  =========================================
    one side                                         the other side
    ===============================================  =========================================
    producers: producer association or producer NGO  markets: market NGO, or a platform in the
                                                     market sector (fairs, shops, supermarkets)
    SMEs: SMEs or group of SMEs                      technical support: technocratic NGO
                                                     (CITEs, CER), government agency or GONGO
    SMEs: SMEs or group of SMEs                      business support: business association
                                                     or business NGO
    NGOs: NGO or NGO network                         funders: funder or cooperation agency
    ===============================================  =========================================

``bridging``
    Half for a level and half for a sector that neither the actor nor any of its current
    partners (in view) is at yet: 1 when the candidate brings both a new level and a new
    sector, 0.5 for one of them.

Weights default to :data:`~network.view.state.DEFAULT_WEIGHTS`; a weight of 0 switches a
signal off. The highest possible score is the sum of the weights.

May import: :mod:`network.view.state` and :mod:`.view_graph`, :mod:`.roles`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from network.analysis.collaborators.roles import COMPLEMENTARY_ROLES
from network.analysis.collaborators.view_graph import ViewGraph
from network.view.state import DEFAULT_WEIGHTS, SIGNALS

#: (the actor's role, the candidate's role, which actors play the candidate's role)
Complement = tuple[str, str, np.ndarray]


@dataclass(frozen=True, eq=False)
class Scores:
    """Every actor in view scored as a partner for one actor; arrays in the view's order."""

    #: bool: may be suggested at all (active, named, neither the actor nor a partner)
    candidate: np.ndarray
    #: every name in SIGNALS -> its value in [0, 1] for every actor
    values: dict[str, np.ndarray]
    #: the weighted sum of the values, rounded so that equal sums compare equal
    score: np.ndarray
    #: the raw Adamic–Adar index (before dividing by the best candidate's)
    adamic_adar: np.ndarray
    #: the complementary pairs that apply to the actor's roles
    complements: list[Complement]
    #: bool: the actor's level / sector is one that the actor and its partners lack
    new_level: np.ndarray
    new_sector: np.ndarray


def weights_with_defaults(weights: Mapping[str, float] | None) -> dict[str, float]:
    """DEFAULT_WEIGHTS with ``weights`` put over them; ValueError for an unknown signal or a
    weight that is negative or not a number."""
    merged = dict(DEFAULT_WEIGHTS)
    for name, w in (weights or {}).items():
        if name not in merged:
            raise ValueError(f"unknown signal {name!r}; signals are {', '.join(SIGNALS)}")
        if not (w >= 0 and math.isfinite(w)):
            raise ValueError(f"the weight of {name} must be a number of 0 or more, not {w!r}")
        merged[name] = float(w)
    return merged


def _share(matrix: np.ndarray, i: int) -> np.ndarray:
    """For every row: the share of row i's True columns that are True in that row too."""
    mine = matrix[i]
    total = int(mine.sum())
    if total == 0:
        return np.zeros(len(matrix))
    share: np.ndarray = matrix[:, mine].sum(axis=1) / total
    return share


def _adamic_adar(graph: ViewGraph, i: int) -> np.ndarray:
    """Adamic–Adar index of actor i with every actor in view (a 2-hop walk, vectorised)."""
    n = len(graph.ids)
    nbrs = graph.neighbours(i)
    if not len(nbrs):
        return np.zeros(n)
    starts, lengths = graph.indptr[nbrs], graph.degree[nbrs]
    total = int(lengths.sum())
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    second = graph.indices[offsets + np.arange(total)]
    return np.bincount(second, weights=np.repeat(graph.aa_weight[nbrs], lengths), minlength=n)


def _missing(codes: np.ndarray, reach: np.ndarray, count: int) -> np.ndarray:
    """For every actor: whether its code is none of the codes of the actors in ``reach``."""
    reached = np.zeros(count, dtype=bool)
    reached[codes[reach]] = True
    missing: np.ndarray = ~reached[codes]
    return missing


def among(codes: np.ndarray, names: tuple[str, ...], chosen: Iterable[str]) -> np.ndarray:
    """For every actor: whether its code names one of ``chosen``."""
    chosen = set(chosen)
    wanted = np.array([name in chosen for name in names] + [False], dtype=bool)
    picked: np.ndarray = wanted[codes]  # code -1 (missing) reads the final False
    return picked


def _complements(graph: ViewGraph, i: int) -> list[Complement]:
    """(actor's role, candidate's role, mask of candidates in that role) for each pair."""
    out = []
    mine = graph.role_matrix[i]
    col = {role: j for j, role in enumerate(graph.roles)}
    for a, b in COMPLEMENTARY_ROLES:
        for own, other in ((a, b), (b, a)):
            if mine[col[own]]:
                out.append((own, other, graph.role_matrix[:, col[other]]))
    return out


def score_candidates(graph: ViewGraph, i: int, weights: Mapping[str, float]) -> Scores:
    """Every actor in ``graph`` scored as a partner for actor ``i`` (``weights`` complete,
    as :func:`weights_with_defaults` gives them)."""
    nbrs = graph.neighbours(i)
    candidate = graph.active & ~graph.group  # nobody can partner with an unnamed group
    candidate[i] = False
    candidate[nbrs] = False

    aa = _adamic_adar(graph, i)
    best_aa = float(aa[candidate].max()) if candidate.any() else 0.0
    complements = _complements(graph, i)
    complementary = np.zeros(len(graph.ids), dtype=bool)
    for _, _, mask in complements:
        complementary |= mask
    reach = np.concatenate([[i], nbrs])
    new_level = _missing(graph.levels, reach, len(graph.level_names))
    new_sector = _missing(graph.sectors, reach, len(graph.sector_names))
    values = {
        "common_partners": aa / best_aa if best_aa > 0 else np.zeros(len(graph.ids)),
        "shared_networks": _share(graph.net_matrix, i),
        "shared_domains": _share(graph.dom_matrix, i),
        "shared_discourses": _share(graph.disc_matrix, i),
        "complementary": complementary.astype(float),
        "bridging": 0.5 * new_level + 0.5 * new_sector,
    }
    score = sum(weights[name] * values[name] for name in SIGNALS)
    score = np.round(score, 9)  # equal sums of floats must compare equal
    return Scores(candidate=candidate, values=values, score=score, adamic_adar=aa,
                  complements=complements, new_level=new_level, new_sector=new_sector)
