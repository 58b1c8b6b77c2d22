"""Tests for network.analysis.metrics: known answers, contract, engine agreement."""

from __future__ import annotations

import copy
import doctest
import itertools
import math
import random

import networkx as nx
import numpy as np
import pytest

from network.analysis import metrics
from network.analysis.metrics import (
    BROKERAGE_ROLES,
    METRICS,
    ROLE_EXPLANATIONS,
    ROLE_LABELS,
    Metric,
    brokerage_roles,
    compute,
    rank,
)

ENGINES = ("networkx", "igraph")
ENGINE_METRICS = ("betweenness", "closeness", "eigenvector", "constraint")


def by_engine(metric_id: str, graph: nx.DiGraph, engine: str) -> dict[str, float]:
    """Run a metric with a forced engine (metrics without a choice ignore it)."""
    if metric_id in ENGINE_METRICS:
        return getattr(metrics, f"_{metric_id}")(graph, {}, engine=engine)
    return compute(metric_id, graph)


def star(leaves: int = 4) -> nx.DiGraph:
    # Members point at the platform, as in the real data.
    return nx.DiGraph((f"l{i}", "c") for i in range(leaves))


def path(n: int) -> nx.DiGraph:
    return nx.DiGraph((str(i), str(i + 1)) for i in range(n - 1))


def triangle_pendant() -> nx.DiGraph:
    return nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])


def kite() -> nx.DiGraph:
    # 0 Andre, 1 Beverly, 2 Carol, 3 Diane, 4 Ed, 5 Fernando, 6 Garth,
    # 7 Heather, 8 Ike, 9 Jane.
    return nx.DiGraph(nx.relabel_nodes(nx.krackhardt_kite_graph(), str))


def random_digraph(seed: int, n: int, m: int, connected: bool) -> nx.DiGraph:
    rng = random.Random(seed)
    if connected:
        und = nx.connected_watts_strogatz_graph(n, 4, 0.3, seed=seed)
    else:
        und = nx.gnm_random_graph(n, m, seed=seed)
        und.add_nodes_from(range(n, n + 3))  # isolates
        # Two identical triangles: a tie for the leading eigenvalue is only
        # possible if the largest component is small, so keep both paths busy.
        base = n + 3
        und.add_edges_from([(base, base + 1), (base + 1, base + 2), (base + 2, base)])
    g = nx.DiGraph()
    g.add_nodes_from(str(v) for v in und)
    for u, v in und.edges():
        pair = (str(u), str(v)) if rng.random() < 0.5 else (str(v), str(u))
        g.add_edge(*pair, weight=rng.uniform(0.1, 5))
        if rng.random() < 0.2:
            g.add_edge(pair[1], pair[0])  # reciprocal ties are one partnership
    g.add_edge("0", "0")  # self-loops must be ignored
    return g


# -- known answers -----------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("metric_id", "centre", "leaf"),
    [
        ("degree", 4.0, 1.0),
        ("betweenness", 1.0, 0.0),
        ("closeness", 1.0, 4 / 7),
        ("eigenvector", 1 / math.sqrt(2), 1 / (2 * math.sqrt(2))),
        ("pagerank", 0.88 / 1.85, (1 - 0.88 / 1.85) / 4),
        ("kcore", 1.0, 1.0),
        ("constraint", 1 / 4, 1.0),
        ("brokerage", 0.0, 0.0),  # ties only point in: nothing is passed on
    ],
)
def test_star(metric_id: str, centre: float, leaf: float, engine: str) -> None:
    values = by_engine(metric_id, star(4), engine)
    assert values["c"] == pytest.approx(centre)
    assert all(values[f"l{i}"] == pytest.approx(leaf) for i in range(4))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("n", "metric_id", "expected"),
    [
        (3, "betweenness", [0, 1, 0]),
        (5, "betweenness", [0, 3 / 6, 4 / 6, 3 / 6, 0]),
        (5, "closeness", [4 / 10, 4 / 7, 4 / 6, 4 / 7, 4 / 10]),
        (5, "degree", [1, 2, 2, 2, 1]),
        (5, "kcore", [1, 1, 1, 1, 1]),
    ],
)
def test_path(n: int, metric_id: str, expected: list[float], engine: str) -> None:
    values = by_engine(metric_id, path(n), engine)
    assert [values[str(i)] for i in range(n)] == pytest.approx(expected)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("metric_id", "expected"),
    [
        ("degree", {"a": 2, "b": 2, "c": 3, "d": 1}),
        ("betweenness", {"a": 0, "b": 0, "c": 2 / 3, "d": 0}),
        ("kcore", {"a": 2, "b": 2, "c": 2, "d": 1}),
        # By hand: p = 1/degree; a: (1/2 + 1/6)^2 + (1/2 + 1/4)^2.
        ("constraint", {"a": 145 / 144, "b": 145 / 144, "c": 11 / 18, "d": 1.0}),
    ],
)
def test_triangle_plus_pendant(metric_id: str, expected: dict, engine: str) -> None:
    assert by_engine(metric_id, triangle_pendant(), engine) == pytest.approx(expected)


@pytest.mark.parametrize("engine", ENGINES)
def test_krackhardt_kite(engine: str) -> None:
    g = kite()
    degree = compute("degree", g)
    between = by_engine("betweenness", g, engine)
    close = by_engine("closeness", g, engine)
    assert max(degree, key=degree.get) == "3"  # Diane
    assert max(between, key=between.get) == "7"  # Heather
    assert between["7"] == pytest.approx(14 / 36)
    assert rank(close)["5"] == rank(close)["6"] == 1  # Fernando and Garth
    assert max(by_engine("eigenvector", g, engine).items(), key=lambda kv: kv[1])[0] == "3"


def test_kcore_clique_plus_tail() -> None:
    g = nx.DiGraph(itertools.combinations("abcd", 2))
    g.add_edges_from([("d", "e"), ("e", "f")])
    assert compute("kcore", g) == {"a": 3, "b": 3, "c": 3, "d": 3, "e": 1, "f": 1}


@pytest.mark.parametrize("engine", ENGINES)
def test_closeness_disconnected_is_wasserman_faust(engine: str) -> None:
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "e")])
    values = by_engine("closeness", g, engine)
    assert values == pytest.approx({"a": 1 / 3, "b": 1 / 2, "c": 1 / 3, "d": 1 / 4, "e": 1 / 4})


@pytest.mark.parametrize("engine", ENGINES)
def test_eigenvector_disconnected(engine: str) -> None:
    # K4 dominates a triangle; two identical triangles share the unit norm.
    g = nx.DiGraph(itertools.combinations("abcd", 2))
    g.add_edges_from([("x", "y"), ("y", "z"), ("z", "x"), ("p", "q")])
    g.add_node("iso")
    values = by_engine("eigenvector", g, engine)
    assert values == pytest.approx(dict.fromkeys("abcd", 0.5) | dict.fromkeys(
        ["x", "y", "z", "p", "q", "iso"], 0.0))
    twins = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])
    assert by_engine("eigenvector", twins, engine) == pytest.approx(
        dict.fromkeys("abcxyz", 1 / math.sqrt(6)))


def test_reciprocal_ties_and_self_loops_count_once() -> None:
    g = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "a")])
    assert compute("degree", g) == {"a": 1.0, "b": 1.0}


# -- brokerage ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "ga", "gb", "gc"),
    [
        ("coordinator", "X", "X", "X"),
        ("itinerant", "X", "Y", "X"),
        ("gatekeeper", "X", "Y", "Y"),
        ("representative", "X", "X", "Y"),
        ("liaison", "X", "Y", "Z"),
    ],
)
def test_brokerage_role_on_path(role: str, ga: str, gb: str, gc: str) -> None:
    roles = brokerage_roles(path(3), {"0": ga, "1": gb, "2": gc})
    assert roles["1"] == {r: int(r == role) for r in BROKERAGE_ROLES}
    assert sum(roles["0"].values()) == sum(roles["2"].values()) == 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (("0", "2"), 0),  # a->c exists: no brokerage needed
        (("2", "0"), 1),  # only the directed tie a->c is checked
        (("1", "0"), 1),  # a->b->a is not a path between two others
    ],
)
def test_brokerage_requires_missing_direct_tie(extra: tuple[str, str], expected: int) -> None:
    g = path(3)
    g.add_edge(*extra)
    assert compute("brokerage", g, dict.fromkeys("012", "X"))["1"] == expected


def test_brokerage_missing_groups_are_unique() -> None:
    assert brokerage_roles(path(3), {})["1"]["liaison"] == 1
    assert brokerage_roles(path(3), {"0": "X", "2": "X"})["1"]["itinerant"] == 1


def naive_brokerage(graph: nx.DiGraph, groups: dict) -> dict[str, dict[str, int]]:
    """Direct enumeration of every a->b->c triple, the textbook definition."""
    g = {n: groups.get(n, ("own", n)) for n in graph}
    out = {n: dict.fromkeys(BROKERAGE_ROLES, 0) for n in graph}
    for b in graph:
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if len({a, b, c}) < 3 or graph.has_edge(a, c):
                    continue
                if g[a] == g[b] == g[c]:
                    role = "coordinator"
                elif g[a] == g[c]:
                    role = "itinerant"
                elif g[a] == g[b]:
                    role = "representative"
                elif g[b] == g[c]:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                out[b][role] += 1
    return out


@pytest.mark.parametrize("seed", range(4))
def test_brokerage_matches_naive_enumeration(seed: int) -> None:
    rng = random.Random(seed)
    g = nx.relabel_nodes(nx.gnp_random_graph(40, 0.12, seed=seed, directed=True), str)
    g.add_edge("1", "1")
    groups = {n: rng.choice("ABC") for n in g if rng.random() < 0.9}
    assert brokerage_roles(g, groups) == naive_brokerage(g, groups)
    totals = compute("brokerage", g, groups)
    assert totals == {n: sum(r.values()) for n, r in naive_brokerage(g, groups).items()}


# -- rank ----------------------------------------------------------------------

NAN = float("nan")
MIXED = {"a": 3, "b": 5, "c": 3, "d": NAN, "e": 1}


@pytest.mark.parametrize(
    ("values", "higher", "expected"),
    [
        (MIXED, True, {"a": 2, "b": 1, "c": 2, "d": 5, "e": 4}),
        (MIXED, False, {"a": 2, "b": 4, "c": 2, "d": 5, "e": 1}),
        ({"a": NAN, "b": 2, "c": NAN}, True, {"a": 2, "b": 1, "c": 2}),
        ({"a": NAN, "b": NAN}, False, {"a": 1, "b": 1}),
        ({"a": 0.1 + 0.2, "b": 0.3, "c": 0.0}, True, {"a": 1, "b": 1, "c": 3}),
        ({"a": 1, "b": 1, "c": 1}, True, {"a": 1, "b": 1, "c": 1}),
        ({}, True, {}),
    ],
)
def test_rank(values: dict, higher: bool, expected: dict) -> None:
    assert rank(values, higher) == expected


def test_rank_is_independent_of_input_order() -> None:
    values = {str(i): float(i % 4) for i in range(20)} | {"x": NAN}
    shuffled = dict(reversed(list(values.items())))
    assert rank(values) == rank(shuffled)
    assert list(rank(shuffled)) == list(shuffled)


# -- contract ----------------------------------------------------------------


def test_registry_order_and_types() -> None:
    assert list(METRICS) == [
        "degree", "betweenness", "closeness", "eigenvector",
        "pagerank", "kcore", "constraint", "brokerage",
    ]
    assert all(isinstance(m, Metric) and m.id == key for key, m in METRICS.items())
    assert [k for k, m in METRICS.items() if not m.higher_is_central] == ["constraint"]


@pytest.mark.parametrize(
    "texts",
    [pytest.param(m.label, id=f"{k}-label") for k, m in METRICS.items()]
    + [pytest.param(m.explanation, id=f"{k}-explanation") for k, m in METRICS.items()]
    + [pytest.param(ROLE_LABELS[r], id=f"{r}-label") for r in BROKERAGE_ROLES]
    + [pytest.param(ROLE_EXPLANATIONS[r], id=f"{r}-explanation") for r in BROKERAGE_ROLES],
)
def test_texts_are_bilingual(texts: dict[str, str]) -> None:
    assert set(texts) == {"en", "es"}
    assert texts["en"].strip() and texts["es"].strip()
    assert texts["en"] != texts["es"]


def test_roles_have_texts() -> None:
    assert set(ROLE_LABELS) == set(ROLE_EXPLANATIONS) == set(BROKERAGE_ROLES)


def test_unknown_metric_id() -> None:
    with pytest.raises(KeyError, match="unknown metric id 'nope'.*degree"):
        compute("nope", star())


@pytest.mark.parametrize("metric_id", list(METRICS))
def test_graph_without_edges(metric_id: str) -> None:
    g = nx.DiGraph()
    g.add_nodes_from(["a", "b", "c"])
    values = compute(metric_id, g)
    assert list(values) == ["a", "b", "c"]
    if metric_id == "constraint":
        assert all(math.isnan(v) for v in values.values())
    elif metric_id == "pagerank":  # every isolate keeps its random-jump share
        assert values == pytest.approx(dict.fromkeys("abc", 1 / 3))
    else:
        assert values == dict.fromkeys("abc", 0.0)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("metric_id", list(METRICS))
def test_empty_and_single_node_graphs(metric_id: str, engine: str) -> None:
    assert by_engine(metric_id, nx.DiGraph(), engine) == {}
    single = nx.DiGraph()
    single.add_node("a")
    value = by_engine(metric_id, single, engine)["a"]
    assert math.isnan(value) if metric_id == "constraint" else value in (0.0, 1.0)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("metric_id", list(METRICS))
def test_input_graph_is_not_mutated(metric_id: str, engine: str) -> None:
    g = random_digraph(3, 30, 40, connected=False)
    g.graph["year"] = 2020
    nx.set_node_attributes(g, {n: {"sector": "state", "size": [1, 2]} for n in g})
    groups = {n: "state" for n in list(g)[:10]}
    before = copy.deepcopy((list(g.nodes(data=True)), list(g.edges(data=True)), g.graph))
    if metric_id in ENGINE_METRICS:
        getattr(metrics, f"_{metric_id}")(g, groups, engine=engine)
    else:
        compute(metric_id, g, groups)
    assert (list(g.nodes(data=True)), list(g.edges(data=True)), g.graph) == before


def test_values_cover_every_node_in_graph_order() -> None:
    g = random_digraph(1, 25, 20, connected=False)
    for metric_id in METRICS:
        assert list(compute(metric_id, g)) == list(g)


def test_docstring_examples() -> None:
    assert doctest.testmod(metrics).failed == 0


# -- engines -----------------------------------------------------------------

GRAPHS = [
    pytest.param(random_digraph(seed, n, m, connected), id=f"{kind}-{seed}")
    for seed, (n, m, connected, kind) in enumerate(
        [(30, 0, True, "connected"), (60, 0, True, "connected"),
         (40, 35, False, "disconnected"), (80, 60, False, "disconnected"),
         (25, 10, False, "sparse")]
    )
]


@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("metric_id", ENGINE_METRICS)
def test_engines_agree(graph: nx.DiGraph, metric_id: str) -> None:
    reference = by_engine(metric_id, graph, "networkx")
    fast = by_engine(metric_id, graph, "igraph")
    assert list(fast) == list(reference)
    assert fast == pytest.approx(reference, rel=1e-6, abs=1e-9, nan_ok=True)


@pytest.mark.parametrize("graph", GRAPHS[:2])
def test_eigenvector_matches_networkx_power_iteration(graph: nx.DiGraph) -> None:
    simple = metrics._undirected(graph)  # connected, so power iteration is well defined
    expected = nx.eigenvector_centrality(simple, max_iter=10_000, tol=1e-12)
    assert compute("eigenvector", graph) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("graph", GRAPHS)
def test_pagerank_matches_power_iteration(graph: nx.DiGraph) -> None:
    simple = metrics._undirected(graph)
    nodes = list(simple)
    adj = nx.to_numpy_array(simple, nodelist=nodes, weight=None)
    n, degree = len(nodes), adj.sum(axis=1)
    # Dangling nodes (isolates) spread their score evenly, as networkx does.
    step = np.where(degree[:, None] > 0, adj / np.maximum(degree, 1)[:, None], 1 / n)
    p = np.full(n, 1 / n)
    for _ in range(500):
        p = 0.15 / n + 0.85 * p @ step
    assert compute("pagerank", graph) == pytest.approx(dict(zip(nodes, p, strict=True)))


def test_auto_engine_follows_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    g = star(4)
    monkeypatch.setattr(metrics, "IGRAPH_THRESHOLD", 100)
    assert not metrics._use_igraph(g, "auto")
    monkeypatch.setattr(metrics, "IGRAPH_THRESHOLD", 3)
    assert metrics._use_igraph(g, "auto")
    with pytest.raises(ValueError, match="engine"):
        metrics._use_igraph(g, "fast")  # type: ignore[arg-type]


def test_brokerage_reciprocal_star() -> None:
    # Each of the 4*3 ordered leaf pairs goes through the platform.
    g = star(4)
    g.add_edges_from((c, leaf) for leaf, c in list(g.edges()))
    roles = brokerage_roles(g, dict.fromkeys(g, "civil_society"))
    assert roles["c"]["coordinator"] == 12
    assert compute("brokerage", g)["c"] == 12  # no groups: everyone is their own group
    assert brokerage_roles(g, {})["c"]["liaison"] == 12


def test_the_view_offers_exactly_the_measures_the_registry_computes():
    from network.view.state import MEASURES

    assert MEASURES == tuple(metrics.METRICS)
