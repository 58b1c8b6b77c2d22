"""Stable positions: no two nodes on top of each other, levels in their bands, same picture
every time (also in another Python process)."""

import doctest
import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from network.layout import positions as layout
from network.layout.positions import HEIGHT, MIN_DISTANCE, WIDTH, separate, stable_positions
from network.model.schema import LEVELS

ROOT = Path(__file__).resolve().parents[2]
#: Output is rounded to 0.1 units.
ROUNDING = 0.1


def closest(xy: np.ndarray) -> tuple[float, int, int]:
    """Smallest distance between two rows of ``xy`` (brute force, in blocks), and the pair."""
    xy = np.asarray(xy, dtype=float)
    best, pair = np.inf, (-1, -1)
    for start in range(0, len(xy), 512):
        block = xy[start:start + 512]
        d = np.hypot(block[:, None, 0] - xy[None, :, 0], block[:, None, 1] - xy[None, :, 1])
        rows = np.arange(len(block))
        d[rows, start + rows] = np.inf
        k = int(d.argmin())
        if d.flat[k] < best:
            best, pair = float(d.flat[k]), (start + k // len(xy), k % len(xy))
    return best, *pair


def assert_apart(pos: dict, label: str) -> None:
    ids = list(pos)
    gap, i, j = closest(np.array([pos[v] for v in ids]))
    assert gap >= MIN_DISTANCE, f"{label}: {ids[i]} and {ids[j]} are {gap:.1f} apart"


def row_of(level: str) -> int:
    return len(LEVELS) - 1 - LEVELS.index(level)  # global (last in LEVELS) on top


def random_network(n: int, m: int, seed: int) -> tuple[nx.Graph, dict[str, str]]:
    g = nx.relabel_nodes(nx.gnm_random_graph(n, m, seed=seed), lambda i: f"actor{i:05d}")
    rng = np.random.default_rng(seed)
    levels = dict(zip(g.nodes, rng.choice(LEVELS, n, p=[0.5, 0.3, 0.12, 0.08]), strict=True))
    return g, levels


# -- the bundled data -------------------------------------------------------------------------

def test_min_distance_keeps_the_biggest_nodes_apart():
    from components.graph import MAX_SIZE

    assert MIN_DISTANCE >= MAX_SIZE + 5


@pytest.mark.parametrize("arrangement", ["force", "levels"])
def test_no_two_bundled_nodes_overlap(ds, arrangement):
    pos = ds.positions[arrangement]
    assert set(pos) == set(ds.actors.index)
    assert_apart(pos, arrangement)


@pytest.mark.parametrize("a, b", [("centro_ideas", "bioferias"), ("ecoparks", "cer_clients")])
def test_the_pairs_seen_on_top_of_each_other_are_apart(ds, a, b):
    for arrangement in ("force", "levels"):
        (xa, ya), (xb, yb) = ds.positions[arrangement][a], ds.positions[arrangement][b]
        assert np.hypot(xa - xb, ya - yb) >= MIN_DISTANCE


def test_bundled_picture_keeps_its_size(ds):
    # 75 actors fit in WIDTH × HEIGHT at that spacing: no need to shrink them on screen
    for arrangement in ("force", "levels"):
        xy = np.array(list(ds.positions[arrangement].values()))
        assert xy.min() >= 0
        assert xy[:, 0].max() <= WIDTH and xy[:, 1].max() <= HEIGHT


def test_bundled_levels_stay_in_their_bands(ds):
    band = HEIGHT / len(LEVELS)
    pos = ds.positions["levels"]
    for actor, level in ds.actors["level"].items():
        row = row_of(level)
        y = pos[actor][1]
        # nodes use the middle BAND_INNER of their band, the rest keeps bands apart
        margin = band * (1 - layout.BAND_INNER) / 2
        assert row * band + margin - ROUNDING <= y <= (row + 1) * band - margin + ROUNDING, \
            (actor, level, y)
    assert row_of("global") == 0 and row_of("local") == len(LEVELS) - 1


# -- the separation pass ----------------------------------------------------------------------

def test_nodes_on_one_point_are_spread_around_it():
    start = np.full((10, 2), 500.0)
    xy, ok = separate(start)
    assert ok
    assert closest(xy)[0] >= MIN_DISTANCE
    # spread around the point, not flung away: ten discs of MIN_DISTANCE fit in this circle
    assert np.hypot(*(xy - 500.0).T).max() < 2 * MIN_DISTANCE
    assert np.array_equal(separate(start)[0], xy)


def test_nodes_already_apart_do_not_move():
    grid = np.array([(x, y) for x in range(0, 2000, 200) for y in range(0, 1200, 200)], float)
    start = np.vstack([grid, [[30.0, 0.0]]])  # one node 30 units from the corner node
    xy, ok = separate(start)
    assert ok
    moved = np.flatnonzero(np.hypot(*(xy - start).T) > 1e-9)
    assert set(moved) == {0, len(start) - 1}
    assert closest(xy)[0] >= MIN_DISTANCE
    # each of the two moves half of what was missing, along the line joining them
    assert xy[0, 1] == pytest.approx(0.0) and xy[-1, 1] == pytest.approx(0.0)
    assert xy[-1, 0] - xy[0, 0] == pytest.approx(MIN_DISTANCE, rel=0.05)


def test_a_column_of_nodes_in_a_thin_band_spreads_sideways():
    # 12 nodes on one vertical line, in a band only 70 units high: they must part sideways
    start = np.column_stack([np.full(12, 300.0), np.linspace(100, 170, 12)])
    bounds = np.tile([100.0, 170.0], (12, 1))
    xy, ok = separate(start, y_bounds=bounds)
    assert ok
    assert closest(xy)[0] >= MIN_DISTANCE
    assert (xy[:, 1] >= 100).all() and (xy[:, 1] <= 170).all()


def test_a_scatter_is_separated_by_small_moves():
    # a quarter of the nodes have a neighbour closer than MIN_DISTANCE
    start = np.random.default_rng(0).uniform((0, 0), (8000, 5000), size=(1000, 2))
    assert closest(start)[0] < MIN_DISTANCE / 10
    xy, ok = separate(start)
    assert ok
    assert closest(xy)[0] >= MIN_DISTANCE
    moved = np.hypot(*(xy - start).T)
    assert np.median(moved) == 0  # most nodes had room already
    assert moved.max() < 2 * MIN_DISTANCE


# -- whole layouts ----------------------------------------------------------------------------

def test_a_large_random_network_is_separated_in_both_arrangements():
    g, levels = random_network(2000, 6000, seed=3)
    pos = stable_positions(g, levels)
    for arrangement in ("force", "levels"):
        assert set(pos[arrangement]) == set(g.nodes)
        assert_apart(pos[arrangement], arrangement)
        xy = np.array(list(pos[arrangement].values()))
        width, height = np.ptp(xy, axis=0)
        # grown past WIDTH × HEIGHT to fit, in about the same proportions
        assert width > WIDTH and 1.2 < width / height < 2.2, (arrangement, width, height)
    # levels: disjoint bands, global on top, local at the bottom, at least MIN_DISTANCE apart
    ys = {lvl: [pos["levels"][v][1] for v in g.nodes if levels[v] == lvl] for lvl in LEVELS}
    top_down = sorted(LEVELS, key=row_of)
    for upper, lower in pairwise(top_down):
        assert max(ys[upper]) + MIN_DISTANCE <= min(ys[lower]), (upper, lower)


def test_same_graph_same_positions():
    g, levels = random_network(300, 700, seed=5)
    assert stable_positions(g, levels) == stable_positions(g.copy(), dict(levels))


SCRIPT = """
import json, sys
import networkx as nx
from network.layout.positions import stable_positions
g = nx.Graph()
# one component laid out by igraph (> IGRAPH_ABOVE nodes), small ones by networkx
big = nx.gnm_random_graph(450, 1100, seed=2)
g.add_edges_from((f"big{a}", f"big{b}") for a, b in big.edges)
for k in range(6):
    nx.add_path(g, [f"part{k}_{i}" for i in range(3 + k)])
g.add_node("alone")
levels = {v: ("local", "global")[len(v) % 2] for v in g}
json.dump(stable_positions(g, levels), sys.stdout, sort_keys=True)
"""


def test_same_picture_in_another_python_process():
    # string hashing changes between processes, igraph's FR draws random numbers: neither
    # may change the picture (every worker of the app computes it for itself)
    runs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120, check=True)
        runs.append(json.loads(done.stdout))
    assert len(runs[0]["force"]) > 450
    assert runs[0] == runs[1]


def test_edge_cases():
    assert stable_positions(nx.Graph(), {}) == {"force": {}, "levels": {}}
    one = stable_positions(nx.Graph([("a", "b")]).subgraph(["a"]).copy(), {"a": "global"})
    assert set(one["force"]) == {"a"} and set(one["levels"]) == {"a"}
    assert one["levels"]["a"][1] < HEIGHT / len(LEVELS)


def test_doctests():
    assert doctest.testmod(layout).failed == 0
