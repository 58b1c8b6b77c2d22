"""Stable node positions, computed once over the whole period.

A node keeps its place whatever the year or the filters, so an audience never loses the
picture while the slider moves. Positions come from the graph of every actor and every tie
of all years, laid out once with a fixed seed (same data, same picture, on any machine).
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from .schema import LEVELS

WIDTH = 1600.0
HEIGHT = 1000.0
SEED = 7
#: Above this many nodes, igraph's Fruchterman–Reingold replaces networkx's spring layout
#: (measured: spring 50 iterations ~40 s at 5,000 nodes, igraph FR ~0.4 s).
IGRAPH_ABOVE = 400

Positions = dict[str, tuple[float, float]]


def _component(graph: nx.Graph) -> np.ndarray:
    """Force-directed coordinates of one connected component, centred, radius ~ sqrt(n)."""
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n > IGRAPH_ABOVE:
        import igraph as ig

        index = {v: i for i, v in enumerate(nodes)}
        g = ig.Graph(n=n, edges=[(index[a], index[b]) for a, b in graph.edges])
        # Start spread over about the area the result will take: a start packed into a unit
        # square makes igraph's FR 40x slower (24 s instead of 0.6 s at 4,800 nodes).
        spread = np.sqrt(n)
        start = np.random.default_rng(SEED).uniform(-spread, spread, size=(n, 2)).tolist()
        xy = np.asarray(g.layout_fruchterman_reingold(seed=start, niter=500).coords, dtype=float)
    else:
        pos = nx.spring_layout(graph, seed=SEED, iterations=300, k=1.4 / np.sqrt(n))
        xy = np.asarray([pos[v] for v in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    radius = np.abs(xy).max() or 1.0
    return xy / radius * np.sqrt(n)


def _force(graph: nx.Graph) -> np.ndarray:
    """Lay out each connected component on its own, then pack them in rows, largest first.

    One force layout of a disconnected graph pushes the small components to the far
    corners and squeezes the big one; packing keeps every part readable.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return np.zeros((0, 2))
    index = {v: i for i, v in enumerate(nodes)}
    parts = sorted((sorted(c, key=index.__getitem__) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), index[c[0]]))
    boxes = [(c, _component(graph.subgraph(c))) for c in parts]
    sizes = [2 * np.sqrt(len(c)) + 2.5 for c, _ in boxes]  # side of each part's square box
    row_width = max(max(sizes), 1.6 * np.sqrt(sum(s * s for s in sizes)))
    out = np.zeros((len(nodes), 2))
    x = y = row_height = 0.0
    for (component, xy), side in zip(boxes, sizes, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for v, (px, py) in zip(component, xy, strict=True):
            out[index[v]] = (x + side / 2 + px, y + side / 2 + py)
        x += side
        row_height = max(row_height, side)
    return out


def _scale(xy: np.ndarray, width: float, height: float, margin: float = 40.0) -> np.ndarray:
    if len(xy) == 0:
        return xy
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    unit = (xy - lo) / span
    return np.column_stack([
        margin + unit[:, 0] * (width - 2 * margin),
        margin + unit[:, 1] * (height - 2 * margin),
    ])


def stable_positions(graph: nx.Graph, levels: dict[str, str]) -> dict[str, Positions]:
    """Positions for every node, in two arrangements.

    ``force``: a force-directed layout of the whole-period graph. ``levels``: the same x,
    with y in four horizontal bands, global at the top and local at the bottom, so the
    platform levels read as layers.

    Parameters
    ----------
    graph : networkx.Graph
        Every actor and tie of all years (direction ignored).
    levels : dict
        Actor id → platform level.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> pos = stable_positions(g, {"a": "local", "b": "national", "c": "global"})
    >>> pos["levels"]["c"][1] < pos["levels"]["a"][1]  # global above local
    True
    """
    nodes = list(graph.nodes)
    force = _scale(_force(graph), WIDTH, HEIGHT)
    band = HEIGHT / len(LEVELS)
    order = {lvl: len(LEVELS) - 1 - i for i, lvl in enumerate(LEVELS)}  # global on top
    inner = _scale(force, 1.0, 1.0, margin=0.0) if len(force) else force
    out: dict[str, Positions] = {"force": {}, "levels": {}}
    for i, v in enumerate(nodes):
        x, y = float(force[i, 0]), float(force[i, 1])
        out["force"][v] = (round(x, 1), round(y, 1))
        row = order.get(levels.get(v, "local"), 0)
        y_band = row * band + band * (0.15 + 0.7 * float(inner[i, 1]))
        out["levels"][v] = (round(x, 1), round(y_band, 1))
    return out
