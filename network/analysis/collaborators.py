"""Find collaborators: who an actor could work with, why, and who can introduce them.

Everything here is a pure function of (dataset, filters, actor): the candidates are the
actors in view, and the reasons are read off the same view the graph shows.

Suggestions
-----------
:func:`suggest` scores every actor in view that has **no tie** to the actor in the view
(never the actor itself, never a current partner, never an actor that is not active in the
chosen year, i.e. the end of a year range), and never a *group node* (members that the
sources count but do not name: one cannot partner with them, they vouch for nobody as a
common partner, and no introduction passes through them). The score is transparent::

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
    1 when the two play complementary roles (see :data:`ROLES` and
    :data:`COMPLEMENTARY_ROLES`), else 0:

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

Weights default to :data:`DEFAULT_WEIGHTS`; a weight of 0 switches a signal off. The highest
possible score is the sum of the weights. Candidates whose score is 0 are left out, and so
are those the actor already meets inside an umbrella it belongs to (:func:`together`: the
other members of a network it is a member or founder of, and what that network runs), which
are listed apart. The order is by score (highest first), then by the stronger reason (the
raw Adamic–Adar index, then the share of shared networks), then by name and id, so equal
scores always come in the same order.

Each :class:`Suggestion` carries its signal values, their contributions (weight × value)
and the facts behind them (common partners, shared networks...), from which
:func:`reason` writes one sentence in English or Spanish and :func:`signals` lists the
signals for display.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import numpy as np
import pandas as pd

from network.analysis.discourse import affiliation
from network.model.dataset import Dataset
from network.text.catalogue import register, t
from network.view.state import DEFAULT_WEIGHTS, SIGNALS, Filters
from network.view.visible import _active, _years, actor_years, visible

#: The signals, in the order they are listed and explained.

#: Kinds to pass as ``only_kinds`` for "only other NGOs".
NGO_KINDS: tuple[str, ...] = ("ngo", "ngo_network")


@dataclass(frozen=True)
class Role:
    """Who plays a role: actors of one of ``kinds`` (in one of ``sectors``, when given), and
    actors whose ``ngo_type`` is one of ``ngo_types`` whatever their kind."""

    kinds: tuple[str, ...] = ()
    ngo_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] | None = None


#: The roles of the complementary signal. An actor may play several roles.
ROLES: Mapping[str, Role] = {
    "producers": Role(kinds=("producer_association",), ngo_types=("producer",)),
    # a platform in the market sector (fairs, shops); not a civil-society platform
    "markets": Role(kinds=("platform",), ngo_types=("market",), sectors=("market",)),
    "smes": Role(kinds=("sme_group",)),
    # technology centres: technocratic NGOs (CITEs, CER), government agencies and GONGOs
    "technical_support": Role(kinds=("government_agency",), ngo_types=("technocratic", "gongo")),
    "business_support": Role(kinds=("business_association",), ngo_types=("business",)),
    "ngos": Role(kinds=("ngo", "ngo_network")),
    "funders": Role(kinds=("funder",)),
}

#: Pairs of roles that complement each other (in either direction).
COMPLEMENTARY_ROLES: tuple[tuple[str, str], ...] = (
    ("producers", "markets"),
    ("smes", "technical_support"),
    ("smes", "business_support"),
    ("ngos", "funders"),
)

#: Columns of :func:`partners`.
PARTNER_COLUMNS = ("partner", "relation", "network", "direction", "certainty",
                   "from_year", "to_year", "weight", "tie")

_NAMES_SHOWN = 3  # names listed in a reason before "and N more"

register({
    "collab.signal.common_partners": ("Partners in common", "Socios en común"),
    "collab.signal.shared_networks": ("Shared networks", "Redes compartidas"),
    "collab.signal.shared_domains": ("Shared domains", "Ámbitos compartidos"),
    "collab.signal.shared_discourses": ("Shared discourses", "Discursos compartidos"),
    "collab.signal.complementary": ("Complementary roles", "Roles complementarios"),
    "collab.signal.bridging": ("New level or sector", "Nuevo nivel o sector"),
    "collab.help.common_partners": (
        "Partners you both have, each counting more when it has few ties (Adamic–Adar), "
        "relative to the best candidate.",
        "Socios que ambos tienen; cuenta más el que tiene pocos vínculos (Adamic–Adar), "
        "en relación con el mejor candidato.",
    ),
    "collab.help.shared_networks": (
        "Share of your networks in which they have ties too.",
        "Proporción de sus redes en las que el candidato también tiene vínculos.",
    ),
    "collab.help.shared_domains": (
        "Share of your domains that they work in too.",
        "Proporción de sus ámbitos en los que el candidato también trabaja.",
    ),
    "collab.help.shared_discourses": (
        "Share of the discourses you endorse by this year that they endorse too.",
        "Proporción de los discursos que usted sostiene en este año que el candidato "
        "también sostiene.",
    ),
    "collab.help.complementary": (
        "1 when your roles complement each other (producers and markets, SMEs and "
        "technical or business support, NGOs and funders).",
        "1 cuando sus roles se complementan (productores y mercados, pymes y apoyo técnico "
        "o empresarial, ONG y financiadores).",
    ),
    "collab.help.bridging": (
        "Half for a level and half for a sector that neither you nor your partners reach yet.",
        "La mitad por un nivel y la mitad por un sector que ni usted ni sus socios alcanzan "
        "todavía.",
    ),
    "collab.reason.partners_one": ("1 partner in common: {names}", "1 socio en común: {names}"),
    "collab.reason.partners_many": (
        "{count} partners in common: {names}",
        "{count} socios en común: {names}",
    ),
    "collab.reason.more": ("{names} and {count} more", "{names} y {count} más"),
    "collab.reason.networks_one": ("both in {network}", "ambos en {network}"),
    "collab.reason.networks_many": (
        "both in {count} networks: {names}",
        "ambos en {count} redes: {names}",
    ),
    "collab.reason.domains": ("both work on {names}", "ambos trabajan en {names}"),
    "collab.reason.discourses_one": (
        "both share the {name} discourse",
        "ambos comparten el discurso de {name}",
    ),
    "collab.reason.discourses_many": (
        "both share {count} discourses: {names}",
        "ambos comparten {count} discursos: {names}",
    ),
    "collab.reason.complementary": (
        "complementary roles: {mine} and {theirs}",
        "roles complementarios: {mine} y {theirs}",
    ),
    "collab.reason.bridging": ("would connect you to {what}", "le conectaría con {what}"),
    "collab.reason.both": ("{first} and {second}", "{first} y {second}"),
    "collab.role.producers": ("producers", "productores"),
    "collab.role.markets": ("markets", "mercados"),
    "collab.role.smes": ("SMEs", "pymes"),
    "collab.role.technical_support": ("technical support", "apoyo técnico"),
    "collab.role.business_support": ("business support", "apoyo empresarial"),
    "collab.role.ngos": ("NGOs", "ONG"),
    "collab.role.funders": ("funders", "financiadores"),
    "collab.reach.level.local": ("the local level", "el nivel local"),
    "collab.reach.level.national": ("the national level", "el nivel nacional"),
    "collab.reach.level.latin_american": ("the Latin American level", "el nivel latinoamericano"),
    "collab.reach.level.global": ("the global level", "el nivel global"),
    "collab.reach.sector.civil_society": ("civil society", "la sociedad civil"),
    "collab.reach.sector.market": ("the market", "el mercado"),
    "collab.reach.sector.state": ("the state", "el Estado"),
})


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


# --- per (dataset, filters): what every suggestion for that view needs --------------------


@dataclass(frozen=True, eq=False)
class _Context:
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


@lru_cache(maxsize=64)
def _context(ds: Dataset, filters: Filters) -> _Context:
    view = visible(ds, filters)
    actors = view.actors
    n = len(actors)
    ids = actors.index.to_numpy(dtype=object)
    index = pd.Index(ids)
    pos = {a: i for i, a in enumerate(ids)}

    ties = view.ties
    src = index.get_indexer(ties["source"].to_numpy())
    tgt = index.get_indexer(ties["target"].to_numpy())
    loop = src == tgt
    s = np.concatenate([src[~loop], tgt[~loop]]).astype(np.int64)
    d = np.concatenate([tgt[~loop], src[~loop]]).astype(np.int64)
    keys = np.unique(s * max(n, 1) + d)
    s, d = keys // max(n, 1), keys % max(n, 1)
    degree = np.bincount(s, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(degree, out=indptr[1:])
    group = actors["is_group"].fillna(False).to_numpy(dtype=bool)
    with np.errstate(divide="ignore"):
        aa_weight = np.where(degree >= 2, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
    aa_weight[group] = 0.0  # an unnamed group is not a partner who can vouch for anyone

    _, year = _years(filters, ds)
    active = _active(*actor_years(actors, filters.undated), year, year).to_numpy(dtype=bool)

    names = actors["name"].tolist()
    by_name = sorted(range(n), key=lambda i: (names[i], ids[i]))
    order = np.empty(n, dtype=np.int64)
    order[by_name] = np.arange(n)

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

    kinds = actors["kind"].to_numpy(dtype=object)
    ngo_types = actors["ngo_type"].to_numpy(dtype=object)
    sectors = actors["sector"].to_numpy(dtype=object)
    kind_codes, kind_names = pd.factorize(kinds)
    level_codes, level_names = pd.factorize(actors["level"].to_numpy(dtype=object))
    sector_codes, sector_names = pd.factorize(sectors)
    roles = tuple(ROLES)
    role_matrix = np.zeros((n, len(roles)), dtype=bool)
    for j, role in enumerate(roles):
        spec = ROLES[role]
        by_kind = np.isin(kinds, spec.kinds)
        if spec.sectors is not None:
            by_kind &= np.isin(sectors, spec.sectors)
        role_matrix[:, j] = by_kind | np.isin(ngo_types, spec.ngo_types)

    return _Context(
        ids=ids, pos=pos, indptr=indptr, indices=d, degree=degree, aa_weight=aa_weight,
        active=active, group=group, order=order,
        kinds=kind_codes, kind_names=tuple(kind_names),
        levels=level_codes, level_names=tuple(level_names),
        sectors=sector_codes, sector_names=tuple(sector_names),
        networks=networks, net_matrix=net_matrix, domains=domains, dom_matrix=dom_matrix,
        discourses=discourses, disc_matrix=disc_matrix, roles=roles, role_matrix=role_matrix,
    )


def clear_caches() -> None:
    """Forget the per-view tables (for benchmarks; the view cache is separate)."""
    _context.cache_clear()


# --- neighbourhoods -----------------------------------------------------------------------


def ego(ds: Dataset, filters: Filters, actor: str, steps: int = 1) -> frozenset[str]:
    """The actor and every actor within ``steps`` ties of it in the view (direction ignored).

    Empty when the actor is not in view. ``steps=0`` gives the actor alone. A group node
    (unnamed members) is reached but not walked through, as in :func:`introductions`.
    """
    if steps < 0:
        raise ValueError(f"steps must be 0 or more, not {steps}")
    ctx = _context(ds, filters)
    start = ctx.pos.get(actor)
    if start is None:
        return frozenset()
    seen = np.zeros(len(ctx.ids), dtype=bool)
    seen[start] = True
    frontier = np.array([start])
    for _ in range(steps):
        if not len(frontier):
            break
        nxt = np.unique(np.concatenate([ctx.neighbours(i) for i in frontier]))
        nxt = nxt[~seen[nxt]]
        if not len(nxt):
            break
        seen[nxt] = True
        frontier = nxt[~ctx.group[nxt]]  # a group is reached, not walked through
    return frozenset(ctx.ids[seen].tolist())


def partners(ds: Dataset, filters: Filters, actor: str) -> pd.DataFrame:
    """The actor's ties in view, one row per tie.

    Columns: ``partner`` (the other actor's id), ``relation``, ``network``, ``direction``
    (``"out"`` when the actor is the tie's source, ``"in"`` when it is the target),
    ``certainty``, ``from_year``, ``to_year``, ``weight`` and ``tie`` (the tie id). Sorted
    by the partner's name, then network, relation and tie id. Empty (same columns) when the
    actor is not in view or has no ties in it.
    """
    ties = visible(ds, filters).ties
    out = ties[ties["source"] == actor]
    inc = ties[ties["target"] == actor]
    frame = pd.concat([
        pd.DataFrame({"partner": out["target"], "direction": "out"}).join(out.drop(columns=["id"])),
        pd.DataFrame({"partner": inc["source"], "direction": "in"}).join(inc.drop(columns=["id"])),
    ])
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PARTNER_COLUMNS})
    frame["tie"] = frame.index.to_numpy()
    frame["_name"] = frame["partner"].map(ds.actors["name"])
    frame = frame.sort_values(["_name", "partner", "network", "relation", "tie"], kind="stable")
    return frame.loc[:, list(PARTNER_COLUMNS)].reset_index(drop=True)


# --- suggestions --------------------------------------------------------------------------


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
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
    return matrix[:, mine].sum(axis=1) / total


def _adamic_adar(ctx: _Context, i: int) -> np.ndarray:
    """Adamic–Adar index of actor i with every actor in view (a 2-hop walk, vectorised)."""
    n = len(ctx.ids)
    nbrs = ctx.neighbours(i)
    if not len(nbrs):
        return np.zeros(n)
    starts, lengths = ctx.indptr[nbrs], ctx.degree[nbrs]
    total = int(lengths.sum())
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    second = ctx.indices[offsets + np.arange(total)]
    return np.bincount(second, weights=np.repeat(ctx.aa_weight[nbrs], lengths), minlength=n)


def _missing(codes: np.ndarray, reach: np.ndarray, count: int) -> np.ndarray:
    """For every actor: whether its code is none of the codes of the actors in ``reach``."""
    reached = np.zeros(count, dtype=bool)
    reached[codes[reach]] = True
    return ~reached[codes]


def _among(codes: np.ndarray, names: tuple[str, ...], chosen: Iterable[str]) -> np.ndarray:
    """For every actor: whether its code names one of ``chosen``."""
    chosen = set(chosen)
    wanted = np.array([name in chosen for name in names] + [False], dtype=bool)
    return wanted[codes]  # code -1 (missing) reads the final False


def _complements(ctx: _Context, i: int) -> list[tuple[str, str, np.ndarray]]:
    """(actor's role, candidate's role, mask of candidates in that role) for each pair."""
    out = []
    mine = ctx.role_matrix[i]
    col = {role: j for j, role in enumerate(ctx.roles)}
    for a, b in COMPLEMENTARY_ROLES:
        for own, other in ((a, b), (b, a)):
            if mine[col[own]]:
                out.append((own, other, ctx.role_matrix[:, col[other]]))
    return out


def suggest(
    ds: Dataset,
    filters: Filters,
    actor: str,
    weights: Mapping[str, float] | None = None,
    only_kinds: Iterable[str] | None = None,
    only_levels: Iterable[str] | None = None,
    limit: int | None = 20,
) -> list[Suggestion]:
    """Actors in view that ``actor`` has no tie with, best first (see the module's notes).

    ``weights`` overrides :data:`DEFAULT_WEIGHTS` for the signals it names (0 switches a
    signal off). ``only_kinds`` / ``only_levels`` keep only candidates of those kinds /
    levels (:data:`NGO_KINDS` for "only other NGOs"); they do not change anyone's score.
    ``limit=None`` returns every candidate with a score above 0. Empty when the actor is not
    in view.

    >>> from network.model.dataset import load
    >>> ds = load().dataset
    >>> best = suggest(ds, Filters(year=2008), "rae", limit=3)
    >>> len(best), best[0].score >= best[-1].score
    (3, True)
    """
    w = _weights(weights)
    ctx = _context(ds, filters)
    i = ctx.pos.get(actor)
    if i is None:
        return []
    nbrs = ctx.neighbours(i)
    candidate = ctx.active & ~ctx.group  # nobody can partner with an unnamed group
    candidate[i] = False
    candidate[nbrs] = False

    aa = _adamic_adar(ctx, i)
    best_aa = float(aa[candidate].max()) if candidate.any() else 0.0
    complements = _complements(ctx, i)
    complementary = np.zeros(len(ctx.ids), dtype=bool)
    for _, _, mask in complements:
        complementary |= mask
    reach = np.concatenate([[i], nbrs])
    new_level = _missing(ctx.levels, reach, len(ctx.level_names))
    new_sector = _missing(ctx.sectors, reach, len(ctx.sector_names))
    values = {
        "common_partners": aa / best_aa if best_aa > 0 else np.zeros(len(ctx.ids)),
        "shared_networks": _share(ctx.net_matrix, i),
        "shared_domains": _share(ctx.dom_matrix, i),
        "shared_discourses": _share(ctx.disc_matrix, i),
        "complementary": complementary.astype(float),
        "bridging": 0.5 * new_level + 0.5 * new_sector,
    }
    score = sum(w[name] * values[name] for name in SIGNALS)
    score = np.round(score, 9)  # equal sums of floats must compare equal

    keep = candidate & (score > 0)
    # Not a partner to approach: an organisation one already works with through an
    # umbrella both belong to (co-members of RAE Perú, or RAE's own fairs and shops);
    # :func:`together` lists them apart.
    for other in together(ds, filters, actor):
        keep[ctx.pos[other]] = False
    if only_kinds is not None:
        keep &= _among(ctx.kinds, ctx.kind_names, only_kinds)
    if only_levels is not None:
        keep &= _among(ctx.levels, ctx.level_names, only_levels)
    rows = np.flatnonzero(keep)
    # equal scores: the stronger reason first (partners in common, then shared networks),
    # then by name
    rows = rows[np.lexsort((ctx.order[rows], -values["shared_networks"][rows], -aa[rows],
                            -score[rows]))]
    if limit is not None:
        rows = rows[:max(limit, 0)]

    # The facts of the suggestions kept, a column at a time (cheap even with limit=None).
    mine = np.zeros(len(ctx.ids), dtype=bool)
    mine[nbrs] = True
    weight = np.array([w[name] for name in SIGNALS])
    table = np.column_stack([values[name][rows] for name in SIGNALS])
    value_rows, contribution_rows = table.tolist(), (table * weight).tolist()

    def shared(names: tuple[str, ...], matrix: np.ndarray) -> list[tuple[str, ...]]:
        return [tuple(compress(names, flags)) for flags in (matrix[rows] & matrix[i]).tolist()]

    nets = shared(ctx.networks, ctx.net_matrix)
    doms = shared(ctx.domains, ctx.dom_matrix)
    discs = shared(ctx.discourses, ctx.disc_matrix)
    roles = [tuple((own, other) for own, other, mask in complements if mask[c])
             for c in rows.tolist()]
    levels = [ctx.level_names[k] if new else None
              for k, new in zip(ctx.levels[rows].tolist(), new_level[rows].tolist(), strict=True)]
    sectors = [ctx.sector_names[k] if new else None
               for k, new in zip(ctx.sectors[rows].tolist(), new_sector[rows].tolist(),
                                 strict=True)]
    out = []
    for k, c in enumerate(rows.tolist()):
        common = ctx.neighbours(c)
        common = common[mine[common] & ~ctx.group[common]]
        common = common[np.lexsort((ctx.order[common], ctx.degree[common]))]
        out.append(Suggestion(
            actor=actor,
            candidate=str(ctx.ids[c]),
            score=float(score[c]),
            values=dict(zip(SIGNALS, value_rows[k], strict=True)),
            contributions=dict(zip(SIGNALS, contribution_rows[k], strict=True)),
            common_partners=tuple(ctx.ids[common].tolist()),
            adamic_adar=float(aa[c]),
            shared_networks=nets[k],
            shared_domains=doms[k],
            shared_discourses=discs[k],
            complementary=roles[k],
            new_level=levels[k],
            new_sector=sectors[k],
        ))
    return out


#: Ties by which an actor belongs to an umbrella organisation (source -> umbrella) ...
BELONGS = frozenset({"member_of", "founded", "part_of"})
#: ... and by which an umbrella runs something of its own (umbrella -> initiative).
RUNS = frozenset({"coordinates", "founded"})


@lru_cache(maxsize=256)
def together(ds: Dataset, filters: Filters, actor: str) -> dict[str, str]:
    """Actors in view that ``actor`` already works with through an umbrella organisation:
    candidate id -> the umbrella's id.

    ``actor`` belongs to an umbrella U (a tie actor -> U that is a membership, a founding or
    a part-of); the others are U's other members and founders, and what U runs (a tie
    U -> X that coordinates or founded X). They are not partners to approach: the actor
    meets them inside U already. Group nodes and current partners are left out.
    """
    view = visible(ds, filters)
    ties = view.ties
    if actor not in view.actors.index or ties.empty:
        return {}
    umbrellas = ties.loc[(ties["source"] == actor) & ties["relation"].isin(BELONGS), "target"]
    partners_now = set(ties.loc[ties["source"] == actor, "target"]) | set(
        ties.loc[ties["target"] == actor, "source"])
    group = view.actors["is_group"].fillna(False)
    out: dict[str, str] = {}
    for umbrella in sorted(set(umbrellas)):
        members = ties.loc[(ties["target"] == umbrella) & ties["relation"].isin(BELONGS),
                           "source"]
        runs = ties.loc[(ties["source"] == umbrella) & ties["relation"].isin(RUNS), "target"]
        for other in [*members, *runs]:
            if other != actor and other not in partners_now and not group.get(other, False):
                out.setdefault(other, umbrella)
    return out


def to_frame(suggestions: Iterable[Suggestion]) -> pd.DataFrame:
    """Suggestions as a table: ``candidate``, ``score`` and one column per signal's contribution."""
    rows = [{"candidate": s.candidate, "score": s.score, **s.contributions} for s in suggestions]
    return pd.DataFrame(rows, columns=["candidate", "score", *SIGNALS])


# --- words --------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """"Organic market network" -> "organic market network"; acronyms stay as they are."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[0].isupper() and not word[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def _names(items: list[str], lang: str) -> str:
    shown = ", ".join(items[:_NAMES_SHOWN])
    if len(items) > _NAMES_SHOWN:
        return t("collab.reason.more", lang, names=shown, count=len(items) - _NAMES_SHOWN)
    return shown


def network_phrase(ds: Dataset, network: str, lang: str = "en") -> str:
    """A network's name to use inside a sentence: "the organic market network"."""
    name = ds.label("networks", network, lang)
    if lang == "es" and name.lower().startswith("red "):
        return "la " + _lower_first(name)
    if lang != "es" and name.lower().endswith(" network"):
        return "the " + _lower_first(name)
    return name


def _discourse_name(ds: Dataset, discourse: str, lang: str) -> str:
    return _lower_first(ds.label("discourses", discourse, lang))


def _part(s: Suggestion, name: str, ds: Dataset, lang: str) -> str:
    if name == "common_partners":
        names = [ds.short_name(a, lang) for a in s.common_partners]
        key = "collab.reason.partners_one" if len(names) == 1 else "collab.reason.partners_many"
        return t(key, lang, count=len(names), names=_names(names, lang))
    if name == "shared_networks":
        if len(s.shared_networks) == 1:
            return t("collab.reason.networks_one", lang,
                     network=network_phrase(ds, s.shared_networks[0], lang))
        names = [network_phrase(ds, n, lang) for n in s.shared_networks]
        return t("collab.reason.networks_many", lang, count=len(names),
                 names=_names(names, lang))
    if name == "shared_domains":
        names = [_lower_first(t(f"domain.{d}", lang)) for d in s.shared_domains]
        return t("collab.reason.domains", lang, names=_names(names, lang))
    if name == "shared_discourses":
        names = [_discourse_name(ds, d, lang) for d in s.shared_discourses]
        if len(names) == 1:
            return t("collab.reason.discourses_one", lang, name=names[0])
        return t("collab.reason.discourses_many", lang, count=len(names),
                 names=_names(names, lang))
    if name == "complementary":
        own, other = s.complementary[0]
        return t("collab.reason.complementary", lang, mine=t(f"collab.role.{own}", lang),
                 theirs=t(f"collab.role.{other}", lang))
    what = [t(f"collab.reach.level.{s.new_level}", lang)] if s.new_level else []
    if s.new_sector:
        what.append(t(f"collab.reach.sector.{s.new_sector}", lang))
    joined = what[0] if len(what) == 1 else t("collab.reason.both", lang,
                                              first=what[0], second=what[1])
    return t("collab.reason.bridging", lang, what=joined)


def reason(suggestion: Suggestion, ds: Dataset, lang: str = "en") -> str:
    """One sentence saying why, from the signals that add to the score, biggest first.

    >>> from network.model.dataset import load
    >>> ds = load().dataset
    >>> reason(suggest(ds, Filters(year=2008), "anpe", limit=1)[0], ds)[-1]
    '.'
    """
    ranked = sorted((n for n in SIGNALS if suggestion.contributions[n] > 0),
                    key=lambda n: -suggestion.contributions[n])
    parts = [_part(suggestion, name, ds, lang) for name in ranked]
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def signal_label(name: str, lang: str = "en") -> str:
    return t(f"collab.signal.{name}", lang)


def signal_help(name: str, lang: str = "en") -> str:
    """What a signal measures, in one sentence (for a tooltip)."""
    return t(f"collab.help.{name}", lang)


def signals(suggestion: Suggestion, lang: str = "en") -> list[tuple[str, float, float]]:
    """Every signal as (label, value in [0, 1], contribution to the score), in SIGNALS order."""
    return [(signal_label(n, lang), suggestion.values[n], suggestion.contributions[n])
            for n in SIGNALS]


# --- introductions ------------------------------------------------------------------------


def _distances(ctx: _Context, start: int, stop: int | None = None) -> np.ndarray:
    """Breadth-first distances from ``start`` (-1 unreached); stops after ``stop``'s layer.

    Group nodes are reached but never passed through: nobody is introduced by an unnamed
    group of members."""
    dist = np.full(len(ctx.ids), -1, dtype=np.int64)
    dist[start] = 0
    frontier = np.array([start])
    step = 0
    while len(frontier) and (stop is None or dist[stop] < 0):
        step += 1
        nxt = np.unique(np.concatenate([ctx.neighbours(i) for i in frontier]))
        nxt = nxt[dist[nxt] < 0]
        dist[nxt] = step
        frontier = nxt[~ctx.group[nxt]]
    return dist


def introductions(ds: Dataset, filters: Filters, source: str, target: str,
                  limit: int = 5) -> list[tuple[str, ...]]:
    """Shortest chains of actors from ``source`` to ``target`` in the view, direction ignored.

    Each path is a tuple of ids starting with ``source`` and ending with ``target``; the
    ones in between are who could introduce them. At most ``limit`` paths, ordered by the
    names (then ids) of the intermediaries, first to last. A pair that is already tied
    gives the direct path ``(source, target)`` only. Empty when there is no path, when
    ``source == target`` or when either is not in view.
    """
    ctx = _context(ds, filters)
    s, e = ctx.pos.get(source), ctx.pos.get(target)
    if s is None or e is None or s == e or limit <= 0:
        return []
    from_s = _distances(ctx, s, stop=e)
    length = int(from_s[e])
    if length < 0:
        return []
    to_e = _distances(ctx, e, stop=s)
    paths: list[tuple[str, ...]] = []

    def walk(path: list[int]) -> None:
        here = path[-1]
        if here == e:
            paths.append(tuple(str(ctx.ids[j]) for j in path))
            return
        step = len(path)
        nexts = [j for j in ctx.neighbours(here).tolist()
                 if from_s[j] == step and to_e[j] == length - step
                 and (j == e or not ctx.group[j])]
        for j in sorted(nexts, key=lambda j: ctx.order[j]):
            walk(path + [j])
            if len(paths) >= limit:
                return

    walk([s])
    return paths


# --- benchmark ----------------------------------------------------------------------------


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
        visible.cache_clear()
        clear_caches()
        t0 = time.perf_counter()
        suggest(ds, filters, actor)
        cold += time.perf_counter() - t0
        t0 = time.perf_counter()
        suggest(ds, filters, actor)
        warm += time.perf_counter() - t0
    count = max(len(actors), 1)
    return cold / count, warm / count
