"""Registry of network metrics shown in the Redes dashboard.

Every metric maps a tie graph (``nx.DiGraph``, edges source -> target) to a
value for every node.  Metrics are **unweighted**: the ``weight`` attribute
mixes incomparable units across tie types (funding amounts, membership), so
using it would make scores depend on how a tie was recorded.  Apart from
brokerage, metrics use the undirected simple graph without self-loops,
because ties are collaboration-like and their direction is a convention.

Betweenness, closeness, eigenvector and constraint have two engines:
python-igraph (fast, used by default, see ``IGRAPH_THRESHOLD``) and networkx
(the readable reference); the tests check that both give the same numbers.

Longer than 400 lines: one registry, eight measures, each with its computation and its
plain-language explanation in both languages side by side; split, a measure's words
would live apart from its formula.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Literal

import igraph as ig
import networkx as nx
import numpy as np

from network.text.catalogue import Words

Engine = Literal["auto", "networkx", "igraph"]
Values = dict[str, float]

# "auto" uses igraph for graphs with more nodes than this.  Measured on the
# 2-core reference machine (random graphs, 3 ties per node), igraph won at
# every size, conversion included: 10 nodes 0.2 vs 6.5 ms in total, 80 nodes
# (bundled data) 1.3 vs 84 ms, 800 nodes 64 ms vs 2.1 s.  networkx's
# constraint is slow even when tiny, so there is no crossover and the
# threshold is 0; networkx stays as the readable reference engine that the
# tests compare igraph against (engine="networkx").
IGRAPH_THRESHOLD = 0

#: Above this many (actors × ties) in a view, a measure takes over about a second on the
#: 2-core reference machine, so the page computes it as a background job (measured with
#: ``compute`` on random graphs of 3 ties an actor, under a load of 2: betweenness 1.3 s at
#: 2,000 actors, 9.5 s at 5,000, 57 s at 10,000, 335 s at 20,000; closeness 0.3 s, 4.3 s,
#: 11 s, 101 s; degree, eigenvector and constraint under 0.6 s at 20,000). Measures not
#: named here are quick at every size the upload limits allow.
SLOW_ABOVE = {"betweenness": 2_000 * 6_000, "closeness": 4_000 * 12_000}


def slow(metric: str, actors: int, ties: int) -> bool:
    """Whether ``metric`` on a view of this size is too slow for a web request.

    >>> slow("betweenness", 75, 90), slow("betweenness", 5_000, 15_000)
    (False, True)
    >>> slow("degree", 50_000, 150_000), slow("closeness", 3_000, 9_000)
    (False, False)
    """
    return metric in SLOW_ABOVE and actors * ties > SLOW_ABOVE[metric]


# Relative tolerance for treating two leading eigenvalues as tied.
_EIG_RTOL = 1e-8


def _use_igraph(graph: nx.Graph, engine: Engine) -> bool:
    if engine == "auto":
        return bool(graph.number_of_nodes() > IGRAPH_THRESHOLD)
    if engine not in ("networkx", "igraph"):
        raise ValueError(f"engine must be 'auto', 'networkx' or 'igraph', not {engine!r}")
    return engine == "igraph"


def _undirected(graph: nx.Graph) -> nx.Graph:
    """Simple undirected copy without attributes or self-loops."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    # An actor is not its own partner, so self-loops would inflate scores.
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def _to_igraph(graph: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """Undirected simple igraph copy plus the node id of each vertex index."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges() if u != v]
    g = ig.Graph(n=len(nodes), edges=edges, directed=False)
    g.simplify()  # u->v plus v->u is one partnership, not two
    return g, nodes


def _degree(graph: nx.DiGraph, groups: Mapping[str, str] | None = None) -> Values:
    return {node: float(d) for node, d in _undirected(graph).degree()}


def _betweenness(
    graph: nx.DiGraph, groups: Mapping[str, str] | None = None, *, engine: Engine = "auto"
) -> Values:
    # Always exact: sampling reorders mid-ranked actors from run to run.
    if not _use_igraph(graph, engine):
        return dict(nx.betweenness_centrality(_undirected(graph), normalized=True))
    g, nodes = _to_igraph(graph)
    n = len(nodes)
    # igraph counts each unordered pair once; networkx normalises by the
    # (n-1)(n-2)/2 pairs that exclude the node.
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {node: b * scale for node, b in zip(nodes, g.betweenness(directed=False), strict=True)}


def _closeness(
    graph: nx.DiGraph, groups: Mapping[str, str] | None = None, *, engine: Engine = "auto"
) -> Values:
    if not _use_igraph(graph, engine):
        return dict(nx.closeness_centrality(_undirected(graph), wf_improved=True))
    g, nodes = _to_igraph(graph)
    n = len(nodes)
    membership = g.connected_components().membership
    size = Counter(membership)
    out: Values = {}
    for node, c, m in zip(nodes, g.closeness(normalized=True), membership, strict=True):
        reach = size[m] - 1
        # Wasserman-Faust: scale by the share of the graph that is reachable,
        # so members of a tiny component do not look central.
        out[node] = 0.0 if reach == 0 or math.isnan(c) else c * reach / (n - 1)
    return out


def _eigenvector(
    graph: nx.DiGraph, groups: Mapping[str, str] | None = None, *, engine: Engine = "auto"
) -> Values:
    # Defined per connected component so disconnected graphs never fail to
    # converge: only the component(s) with the largest leading eigenvalue get
    # non-zero scores (the limit of power iteration); exactly tied components
    # share the unit Euclidean norm equally.  Isolates get 0.
    out = dict.fromkeys(graph, 0.0)
    if _use_igraph(graph, engine):
        g, nodes = _to_igraph(graph)
        g.vs["_i"] = range(len(nodes))
        degree = g.degree()
        comps = [list(c) for c in g.connected_components() if len(c) > 1]

        def leading(comp: list[int]) -> tuple[float, list[str], np.ndarray]:
            sub = g.induced_subgraph(comp)
            vec, lam = sub.eigenvector_centrality(return_eigenvalue=True)
            return lam, [nodes[i] for i in sub.vs["_i"]], np.abs(vec)
    else:
        simple = _undirected(graph)
        nodes = list(simple)
        index = {node: i for i, node in enumerate(nodes)}
        degree = [d for _, d in simple.degree()]
        comps = [[index[v] for v in c] for c in nx.connected_components(simple) if len(c) > 1]

        def leading(comp: list[int]) -> tuple[float, list[str], np.ndarray]:
            members = [nodes[i] for i in comp]
            w, v = np.linalg.eigh(nx.to_numpy_array(simple, nodelist=members, weight=None))
            return float(w[-1]), members, np.abs(v[:, -1])

    best: list[tuple[list[str], np.ndarray]] = []
    best_lam = 0.0
    for comp in sorted(comps, key=len, reverse=True):
        # The leading eigenvalue never exceeds the maximum degree: skip
        # components that cannot compete (most small ones).
        if max(degree[i] for i in comp) < best_lam * (1 - _EIG_RTOL):
            continue
        lam, members, vec = leading(comp)
        if lam > best_lam * (1 + _EIG_RTOL):
            best, best_lam = [], lam
        if lam >= best_lam * (1 - _EIG_RTOL):
            best.append((members, vec))
    for members, vec in best:
        vec = vec / (np.linalg.norm(vec) * math.sqrt(len(best)))
        out.update(zip(members, vec.tolist(), strict=True))
    return out


def _pagerank(graph: nx.DiGraph, groups: Mapping[str, str] | None = None) -> Values:
    # igraph's PRPACK solver is exact and fast at every size; networkx's
    # pagerank needs scipy, which Redes does not depend on.
    if graph.number_of_nodes() == 0:
        return {}
    g, nodes = _to_igraph(graph)
    return dict(zip(nodes, g.pagerank(damping=0.85, directed=False), strict=True))


def _kcore(graph: nx.DiGraph, groups: Mapping[str, str] | None = None) -> Values:
    return {node: float(k) for node, k in nx.core_number(_undirected(graph)).items()}


def _constraint(
    graph: nx.DiGraph, groups: Mapping[str, str] | None = None, *, engine: Engine = "auto"
) -> Values:
    # Isolates have no partners, so constraint is undefined: NaN (rank() puts
    # NaN last).  5,000 nodes / 15,000 edges: networkx ~5 s, igraph ~10 ms.
    if not _use_igraph(graph, engine):
        return {node: float(c) for node, c in nx.constraint(_undirected(graph)).items()}
    g, nodes = _to_igraph(graph)
    return dict(zip(nodes, g.constraint(), strict=True))


BROKERAGE_ROLES: tuple[str, ...] = (
    "coordinator", "itinerant", "gatekeeper", "representative", "liaison"
)


def brokerage_roles(graph: nx.DiGraph, groups: Mapping[str, str]) -> dict[str, dict[str, int]]:
    """Count Gould-Fernandez brokerage roles for every node.

    For every directed path ``a -> b -> c`` with ``a != c`` and **no** tie
    ``a -> c`` (only that directed edge is checked, as in Gould & Fernandez
    1989 and R's ``sna::brokerage``), ``b`` brokers the ordered pair
    ``(a, c)`` exactly once.  With ``g(x)`` the group of ``x``:

    * coordinator: ``g(a) == g(b) == g(c)``
    * itinerant (consultant): ``g(a) == g(c) != g(b)``
    * representative: ``g(a) == g(b) != g(c)``
    * gatekeeper: ``g(a) != g(b) == g(c)``
    * liaison: all three groups differ.

    Self-loops are ignored.  A node missing from `groups` forms a group of
    its own, so it can never share a group with anyone.

    Parameters
    ----------
    graph : nx.DiGraph
        Ties, directed source -> target.  Not modified.
    groups : Mapping[str, str]
        Group label of each node (e.g. sector).

    Returns
    -------
    dict[str, dict[str, int]]
        For every node, a count per role in `BROKERAGE_ROLES`.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> brokerage_roles(g, {"a": "state", "b": "market", "c": "market"})["b"]["gatekeeper"]
    1
    """
    prv = graph.predecessors if graph.is_directed() else graph.neighbors
    succ = _successors(graph)
    # A tuple never equals a str label, so ungrouped nodes stay unique.
    group = {n: groups[n] if n in groups else ("<ungrouped>", n) for n in graph}
    counts = {n: dict.fromkeys(BROKERAGE_ROLES, 0) for n in graph}
    for b in graph:
        _count_roles_of(b, set(prv(b)) - {b}, succ, group, counts[b])
    return counts


def _successors(graph: nx.DiGraph) -> dict[str, set[str]]:
    """Each node's successors (neighbours, undirected), without itself."""
    nxt = graph.successors if graph.is_directed() else graph.neighbors
    return {n: set(nxt(n)) - {n} for n in graph}


def _count_roles_of(b: str, ins: set[str], succ: Mapping[str, set[str]],
                    group: Mapping[str, object], role: dict[str, int]) -> None:
    """Add to ``role`` the pairs ``b`` brokers, from its predecessors ``ins`` to its
    successors, by role (see :func:`brokerage_roles`)."""
    outs = succ[b]
    if not outs or not ins:
        return
    gb = group[b]
    out_groups = Counter(group[c] for c in outs)
    # Rather than enumerate every c (quadratic at hubs), start from the
    # group counts of b's targets and remove the c that do not qualify:
    # ~45 ms at 5,000 nodes / 15,000 edges.
    for a in ins:
        excluded = outs & succ[a]
        if a in outs:
            excluded.add(a)
        total = len(outs) - len(excluded)
        ex_groups = Counter(group[c] for c in excluded)
        in_gb = out_groups[gb] - ex_groups[gb]
        ga = group[a]
        if ga == gb:
            role["coordinator"] += in_gb
            role["representative"] += total - in_gb
        else:
            in_ga = out_groups[ga] - ex_groups[ga]
            role["gatekeeper"] += in_gb
            role["itinerant"] += in_ga
            role["liaison"] += total - in_ga - in_gb


def _brokerage(graph: nx.DiGraph, groups: Mapping[str, str] | None = None) -> Values:
    roles = brokerage_roles(graph, groups or {})
    return {node: float(sum(c.values())) for node, c in roles.items()}


@dataclass(frozen=True)
class Metric:
    """A node metric with bilingual (en/es) label and plain explanation.

    Examples
    --------
    >>> METRICS["degree"].label["es"]
    'Grado'
    """

    id: str
    label: Mapping[str, str]
    explanation: Mapping[str, str]
    func: Callable[[nx.DiGraph, Mapping[str, str]], dict[str, float]]
    higher_is_central: bool = True


def _m(id_: str, func: Callable[[nx.DiGraph, Mapping[str, str]], dict[str, float]],
       high: bool = True) -> Metric:
    """A metric whose label and explanation are the catalogue's ``metric.<id>`` and
    ``metric.<id>.explain`` (network/text/locales)."""
    return Metric(id_, Words(f"metric.{id_}"), Words(f"metric.{id_}.explain"), func, high)


METRICS: dict[str, Metric] = {m.id: m for m in (
    _m("degree", _degree),
    _m("betweenness", _betweenness),
    _m("closeness", _closeness),
    _m("eigenvector", _eigenvector),
    _m("pagerank", _pagerank),
    _m("kcore", _kcore),
    _m("constraint", _constraint, high=False),
    _m("brokerage", _brokerage),
)}

#: Each brokerage role's name and one-line explanation, in every language of the catalogue.
ROLE_LABELS: Mapping[str, Mapping[str, str]] = {r: Words(f"role.{r}") for r in BROKERAGE_ROLES}
ROLE_EXPLANATIONS: Mapping[str, Mapping[str, str]] = {
    r: Words(f"role.{r}.explain") for r in BROKERAGE_ROLES}


def compute(
    metric_id: str, graph: nx.DiGraph, groups: Mapping[str, str] | None = None
) -> dict[str, float]:
    """Compute one metric for every node of `graph` (which is not modified).

    Parameters
    ----------
    metric_id : str
        A key of `METRICS`.
    graph : nx.DiGraph
        Ties, directed source -> target.
    groups : Mapping[str, str], optional
        Node -> group label, used by brokerage only.  ``None`` puts every
        node in its own group (all brokerage is then "liaison").

    Returns
    -------
    dict[str, float]
        Value per node, in graph node order.  Isolates get 0, except for
        constraint, where they get ``float("nan")`` (undefined), and
        PageRank, where they keep the random-jump share that standard
        PageRank gives every node (1/n in a graph without ties).

    Raises
    ------
    KeyError
        If `metric_id` is not registered.

    Examples
    --------
    >>> compute("degree", nx.DiGraph([("a", "b"), ("c", "b")]))
    {'a': 1.0, 'b': 2.0, 'c': 1.0}
    """
    try:
        metric = METRICS[metric_id]
    except KeyError:
        raise KeyError(f"unknown metric id {metric_id!r}; known: {', '.join(METRICS)}") from None
    values = metric.func(graph, groups or {})
    return {node: float(values[node]) for node in graph}


def rank(values: Mapping[str, float], higher_is_central: bool = True) -> dict[str, int]:
    """Competition ("1224") ranking of metric values, 1 = most central.

    Values within a relative tolerance of 1e-9 tie (engines differ in the
    last digits) and share the best rank.  NaN values all share the rank
    after every number.  The result follows the input key order.

    Parameters
    ----------
    values : Mapping[str, float]
        Value per node, e.g. from `compute`.
    higher_is_central : bool
        ``False`` ranks low values first (use ``Metric.higher_is_central``).

    Returns
    -------
    dict[str, int]
        Rank per node.

    Examples
    --------
    >>> rank({"a": 3.0, "b": 5.0, "c": 3.0, "d": float("nan"), "e": 1.0})
    {'a': 2, 'b': 1, 'c': 2, 'd': 5, 'e': 4}
    """
    numbers = [(v, k) for k, v in values.items() if not math.isnan(v)]
    numbers.sort(key=lambda item: -item[0] if higher_is_central else item[0])
    ranks: dict[Hashable, int] = {}
    anchor, current = math.nan, 0
    for position, (value, key) in enumerate(numbers, start=1):
        # Compare with the first value of the tie group so ties stay transitive.
        if not math.isclose(value, anchor, rel_tol=1e-9, abs_tol=1e-12):
            anchor, current = value, position
        ranks[key] = current
    last = len(numbers) + 1
    return {k: ranks.get(k, last) for k in values}
