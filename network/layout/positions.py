"""Stable node positions, computed once over the whole period.

A node keeps its place whatever the year or the filters, so an audience never loses the
picture while the slider moves. Positions come from the graph of every actor and every tie
of all years, laid out once with a fixed seed (same data, same picture, on any machine).

No two nodes end up closer than MIN_DISTANCE, in either arrangement: a force layout
piles hubs and their leaves up, so the picture is enlarged evenly when it is crowded
(``_zoom``) and the nodes still too close are then pushed apart (``separate``). A big
network therefore takes more than WIDTH × HEIGHT (the explorer fits the picture to its
panel), keeping about the same proportions.
"""

from __future__ import annotations

import math
import random
import threading

import networkx as nx
import numpy as np

from network.model.dataset import Positions
from network.model.schema import LEVELS

_IGRAPH_RNG = threading.Lock()

WIDTH = 1600.0
HEIGHT = 1000.0
SEED = 7
#: Networks with fewer nodes than this are laid out in a smaller box (see stable_positions).
SMALL_NETWORK = 60
#: Above this many nodes, igraph's Fruchterman–Reingold replaces networkx's spring layout
#: (measured: spring 50 iterations ~40 s at 5,000 nodes, igraph FR ~0.4 s).
IGRAPH_ABOVE = 400
#: Closest two node centres may be, in layout units (the explorer fits the whole picture to
#: its panel, so these are the units node sizes are given in). Nodes are drawn 16–52 units
#: wide (components/graph.py MIN_SIZE, MAX_SIZE) with borders of up to 5 units (focus,
#: group nodes), half of which lie outside the node: 60 keeps even two of the biggest
#: nodes, borders included, apart (52 + 2.5 + 2.5 = 57 < 60) and leaves a smaller node
#: most of its label's room (labels, 22 units high, hang 5 units below a node). Room for
#: whole labels is not enforced: they are up to 220 units wide and shown for a few leading
#: actors only, and spacing every node for them would shrink the whole picture on screen.
MIN_DISTANCE = 60.0
#: Nodes a square cell two MIN_DISTANCE wide holds comfortably (a hexagonal packing
#: would fit about 4.6), and how many nodes may be over that (a share of all nodes, but
#: always at least CROWDED_FEW) before the picture is enlarged evenly (see ``_zoom``). A
#: trade between keeping the shape exactly (enlarge, so every node shrinks on screen) and
#: moving crowded nodes (separate: cheap for a few knots, slow and distorting for crowds).
CELL_LOAD = 3
CROWDED = 0.05
CROWDED_FEW = 20

#: Share of its band a level's nodes use in the ``levels`` arrangement: the rest, split
#: above and below, keeps bands apart (30 % of a quarter of 1,000 units: 75 > MIN_DISTANCE).
BAND_INNER = 0.7
ORDER = {lvl: len(LEVELS) - 1 - i for i, lvl in enumerate(LEVELS)}  # row 0 (top) is global



def _component(graph: nx.Graph, nodes: list[str]) -> np.ndarray:
    """Force-directed coordinates of the connected component ``nodes`` (in that order),
    centred, radius ~ sqrt(n)."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n > IGRAPH_ABOVE:
        import igraph as ig

        index = {v: i for i, v in enumerate(nodes)}
        g = ig.Graph(n=n, edges=[(index[a], index[b]) for a, b in graph.edges(nodes)])
        # Start spread over about the area the result will take: a start packed into a unit
        # square makes igraph's FR 40x slower (24 s instead of 0.6 s at 4,800 nodes).
        spread = np.sqrt(n)
        start = np.random.default_rng(SEED).uniform(-spread, spread, size=(n, 2)).tolist()
        # igraph's FR also draws random numbers, by default from Python's ``random``
        # module: give it its own seeded generator, or the picture changes between runs.
        with _IGRAPH_RNG:  # the generator is process-wide: one layout at a time
            ig.set_random_number_generator(random.Random(SEED))
            try:
                layout = g.layout_fruchterman_reingold(seed=start, niter=500)
            finally:
                ig.set_random_number_generator(random)  # igraph's default
        xy = np.asarray(layout.coords, dtype=float)
    else:
        # A graph of its own, built in node order: ``graph.subgraph`` would list a small
        # component's nodes in the order of a set of strings, which changes from one Python
        # process to the next (hash randomisation), and so would the picture.
        part = nx.Graph()
        part.add_nodes_from(nodes)
        part.add_edges_from(graph.edges(nodes))
        pos = nx.spring_layout(part, seed=SEED, iterations=300, k=1.4 / np.sqrt(n))
        xy = np.asarray([pos[v] for v in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    radius = np.abs(xy).max() or 1.0
    scaled: np.ndarray = xy / radius * np.sqrt(n)
    return scaled


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
    boxes = [(c, _component(graph, c)) for c in parts]
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


def _close_pairs(xy: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows of ``xy`` closer than ``reach``, each pair once (``i``, ``j``).

    A uniform grid of ``reach``-sized cells: a close pair lies in one cell or in two
    neighbouring ones, so only those are compared (about linear in the number of nodes
    while the picture is not piled up).
    """
    cell = np.floor((xy - xy.min(axis=0)) / reach).astype(np.int64)
    stride = int(cell[:, 1].max()) + 3  # room for the y - 1 and y + 1 neighbours
    key = cell[:, 0] * stride + cell[:, 1] + 1
    order = np.argsort(key, kind="stable")
    skey = key[order]
    first = np.flatnonzero(np.r_[True, skey[1:] != skey[:-1]])
    cells, count = skey[first], np.diff(np.r_[first, len(skey)])
    found_i, found_j = [], []
    # the cell itself, then half of its eight neighbours (the other half sees it back)
    for dx, dy in ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1)):
        other = np.searchsorted(cells, cells + dx * stride + dy)
        hit = other < len(cells)
        hit[hit] = cells[other[hit]] == cells[hit] + dx * stride + dy
        a, b = np.flatnonzero(hit), other[hit]
        na, nb = count[a], count[b]
        total = na * nb
        if not total.sum():
            continue
        pair = np.repeat(np.arange(len(a)), total)
        k = np.arange(total.sum()) - np.repeat(np.cumsum(total) - total, total)
        p, q = k // nb[pair], k % nb[pair]
        if dx == 0 and dy == 0:  # same cell: each unordered pair once, no self-pairs
            keep = p < q
            pair, p, q = pair[keep], p[keep], q[keep]
        found_i.append(order[first[a[pair]] + p])
        found_j.append(order[first[b[pair]] + q])
    if not found_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    d = xy[j] - xy[i]
    close = d[:, 0] ** 2 + d[:, 1] ** 2 < reach * reach
    return i[close], j[close]


def separate(xy: np.ndarray, min_distance: float = MIN_DISTANCE,
             y_bounds: np.ndarray | None = None, rounds: int = 400) -> tuple[np.ndarray, bool]:
    """Push nodes apart until no two centres are closer than ``min_distance``.

    Each round, every pair that is too close moves apart along the line joining it, each
    node by half the shortfall (pushes from several neighbours add up, to at most half
    ``min_distance`` a round). Nodes that are not too close to another do not move, so the
    shape of the picture is kept. ``y_bounds`` (n × 2, top and
    bottom) keeps each node inside a horizontal band. Deterministic: no randomness, and
    ties (nodes on one point or one vertical) are broken by node order.

    Returns the new coordinates and whether every pair is now far enough apart (False
    only when the room given is too small, e.g. a band too thin for its nodes).

    Examples
    --------
    >>> xy, ok = separate(np.zeros((3, 2)), min_distance=10.0)
    >>> ok, bool(np.hypot(*(xy[0] - xy[1])) >= 10)
    (True, True)
    """
    xy = np.array(xy, dtype=float)
    n = len(xy)
    if n < 2:
        return xy, True
    # Aim a little past the minimum, so that rounding the output to 0.1 units cannot bring
    # a separated pair back under it; stop once every pair is clear of that rounding.
    target, enough = min_distance * 1.02, min_distance + 0.2
    xy += _unstacking_offsets(xy, min_distance)
    _clip_to_bands(xy, y_bounds)
    for _ in range(rounds):
        i, j = _close_pairs(xy, target)
        if not len(i):
            return xy, True
        d = xy[j] - xy[i]
        dist = np.hypot(d[:, 0], d[:, 1])
        if dist.min() >= enough:
            return xy, True
        xy += _pushes(d, i, j, n, target, min_distance)
        _clip_to_bands(xy, y_bounds)
    i, j = _close_pairs(xy, enough)
    return xy, not len(i)


def _unstacking_offsets(xy: np.ndarray, min_distance: float) -> np.ndarray:
    """Offsets that move the 2nd, 3rd… node on one point onto a small sunflower spiral
    around it, by node order: nodes on one point have no direction to part along."""
    n = len(xy)
    _, inverse = np.unique(xy, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    by_point = np.argsort(inverse, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(inverse[by_point]) != 0])
    rank = np.empty(n)
    rank[by_point] = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    angle = rank * 2.399963229728653  # the golden angle
    radius = 0.05 * min_distance * np.sqrt(rank)
    offsets: np.ndarray = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return offsets


def _clip_to_bands(xy: np.ndarray, y_bounds: np.ndarray | None) -> None:
    """Keep each node's y inside its band (rows of ``y_bounds``: top, bottom), in place."""
    if y_bounds is not None:
        xy[:, 1] = np.clip(xy[:, 1], y_bounds[:, 0], y_bounds[:, 1])


def _pushes(d: np.ndarray, i: np.ndarray, j: np.ndarray, n: int, target: float,
            min_distance: float) -> np.ndarray:
    """One round's move of each of the ``n`` nodes: each close pair ``(i, j)``, ``d`` apart
    (``xy[j] - xy[i]``; tilted here when upright), parts by half its shortfall from
    ``target``."""
    # a pair on one vertical line may be blocked by a band edge: tilt it, so that it
    # can part sideways (also parts a pair on one point)
    upright = np.abs(d[:, 0]) < 1e-6 * min_distance
    d[upright, 0] = 1e-3 * min_distance
    dist = np.hypot(d[:, 0], d[:, 1])
    push = d * ((target - dist) / (2 * dist))[:, None]
    move = np.column_stack([
        np.bincount(j, push[:, 0], n) - np.bincount(i, push[:, 0], n),
        np.bincount(j, push[:, 1], n) - np.bincount(i, push[:, 1], n),
    ])
    # In a pile, a node's pushes add up and would fling it far out: at most half the
    # spacing per round (no change for the usual knot of two or three nodes).
    length = np.hypot(move[:, 0], move[:, 1])
    scaled: np.ndarray = move * np.minimum(1.0, target / 2 / np.maximum(length, 1e-12))[:, None]
    return scaled


def _zoom(xy: np.ndarray, min_distance: float = MIN_DISTANCE) -> float:
    """Factor (≥ 1) to enlarge the picture by before separating it, so that crowds have room.

    Counts nodes in a grid of cells two ``min_distance`` wide, which hold at most
    ``CELL_LOAD`` nodes each at that spacing, and finds (by bisection) the smallest
    enlargement after which at most ``CROWDED`` of all nodes are over a cell's load. An
    even enlargement keeps the shape exactly; the few nodes left in knots (a hub's ring of
    leaves, say) are then moved apart locally, which takes few rounds.
    """
    if len(xy) < 2:
        return 1.0
    side = 2 * min_distance
    allowed = max(CROWDED * len(xy), CROWDED_FEW)
    origin = xy.min(axis=0)

    def over(zoom: float) -> float:
        cell = np.floor((xy - origin) * zoom / side).astype(np.int64)
        _, count = np.unique(cell[:, 0] * (int(cell[:, 1].max()) + 1) + cell[:, 1],
                             return_counts=True)
        return float(np.maximum(count - CELL_LOAD, 0).sum())

    if over(1.0) <= allowed:
        return 1.0
    low, high = 1.0, 2.0
    while over(high) > allowed:
        low, high = high, high * 2
    while high - low > 0.01 * low:
        mid = (low + high) / 2
        low, high = (mid, high) if over(mid) > allowed else (low, mid)
    return high


def _separated(xy: np.ndarray, zoom: float,
               y_bounds: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """``xy`` (and ``y_bounds``) enlarged by ``zoom`` about the origin, then separated;
    enlarged a quarter more each time the separation runs out of rounds (a safety net:
    not needed by any layout measured)."""
    while True:
        bounds = None if y_bounds is None else y_bounds * zoom
        out, ok = separate(xy * zoom, y_bounds=bounds)
        if ok:
            return out, zoom
        zoom *= 1.25


def _fit(xy: np.ndarray, width: float, height: float) -> np.ndarray:
    """Shift the picture back inside ``width`` × ``height`` (as little as possible), or
    centre it there if it no longer fits: separation may push edge nodes out."""
    if len(xy) == 0:
        return xy
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    size = np.array([width, height])
    shift = np.where(hi - lo <= size, np.clip(0.0, -lo, size - hi), (size - lo - hi) / 2)
    moved: np.ndarray = xy + shift
    return moved


def stable_positions(graph: nx.Graph, levels: dict[str, str]) -> dict[str, Positions]:
    """Positions for every node, in two arrangements.

    ``force``: a force-directed layout of the whole-period graph. ``levels``: about the
    same x, with y in four horizontal bands of equal height, global at the top and local
    at the bottom, so the platform levels read as layers. In both, node centres are at
    least MIN_DISTANCE apart; coordinates are within WIDTH × HEIGHT unless the network is
    too big for it at that spacing, then within a proportionally larger box (each band a
    quarter of its height).

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
    if not nodes:
        return {"force": {}, "levels": {}}
    rows = np.asarray([ORDER.get(levels.get(v, "local"), 0) for v in nodes], dtype=int)
    # A small network gets a smaller box, so that fitted to the panel its nodes are not
    # specks far apart; from SMALL_NETWORK nodes up the box is the full WIDTH × HEIGHT.
    k = min(1.0, max(0.25, math.sqrt(len(nodes) / SMALL_NETWORK)))
    width, height = WIDTH * k, HEIGHT * k
    scaled = _scale(_force(graph), width, height)
    force, grow = _separated(scaled, _zoom(scaled))
    force = _fit(force, width * grow, height * grow)
    # Same x; y inside the node's band, in the same vertical order as in ``force`` but
    # spread evenly over the band (a band holds a quarter of the height, but often half of
    # the nodes: squeezing ``force`` into it as it is would pile its crowds up further).
    # Each band keeps BAND_INNER of its height for its nodes and the rest as a gap to the
    # next band, so separating within bands (the y bounds) separates everything.
    band = height / len(LEVELS)
    top = rows * band + band * (1 - BAND_INNER) / 2
    bounds = np.column_stack([top, top + band * BAND_INNER])
    spread = np.empty(len(nodes))
    for row in np.unique(rows):
        members = np.flatnonzero(rows == row)
        ranked = members[np.argsort(force[members, 1], kind="stable")]
        spread[ranked] = (np.arange(len(ranked)) + 0.5) / len(ranked)
    start = np.column_stack([force[:, 0] / grow, top + band * BAND_INNER * spread])
    arranged, stretch = _separated(start, max(grow, _zoom(start)), bounds)
    arranged[:, 0] = _fit(arranged, width * stretch, height * stretch)[:, 0]
    out: dict[str, Positions] = {"force": {}, "levels": {}}
    for i, v in enumerate(nodes):
        out["force"][v] = (round(float(force[i, 0]), 1), round(float(force[i, 1]), 1))
        out["levels"][v] = (round(float(arranged[i, 0]), 1), round(float(arranged[i, 1]), 1))
    return out
