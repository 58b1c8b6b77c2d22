"""Where the affiliation picture puts actors and discourses (network.layout.discourse)."""

import math

import numpy as np
import pytest

from network.layout.discourse import (
    BOX_CAPACITY,
    affiliation_positions,
    clear_caches,
    discourse_node_id,
)
from network.layout.positions import MIN_DISTANCE
from network.loading import load
from network.model.schema import DOMAINS
from tests.analysis.test_discourse import DISCOURSES, make


@pytest.fixture(scope="module")
def bundled():
    result = load()
    assert result.report.ok, result.report.render()
    return result.dataset


def min_distance(points):
    """Smallest distance between two of ``points`` (n × 2), without an n × n matrix."""
    xy = np.asarray(points, dtype=float)
    xy = xy[np.argsort(xy[:, 1], kind="stable")]
    best = math.inf
    for offset in range(1, len(xy)):
        d = xy[offset:] - xy[:-offset]
        best = min(best, float(np.hypot(d[:, 0], d[:, 1]).min()))
        if float(d[:, 1].min()) >= best:  # sorted by y: farther offsets are no closer
            break
    return best


# --- drawing --------------------------------------------------------------------------------


def check_positions(ds):
    pos = affiliation_positions(ds)
    nodes = {discourse_node_id(d) for d in ds.discourses.index}
    endorsing = set(ds.actor_discourses["actor"])
    assert set(pos) == nodes | endorsing
    assert not nodes & set(ds.actors.index)
    assert min_distance(list(pos.values())) >= MIN_DISTANCE - 1e-9
    diverging = set(ds.discourses.index[ds.discourses["diverges"].astype(bool)])
    column = {pos[discourse_node_id(d)][0] for d in ds.discourses.index if d not in diverging}
    assert len(column) == 1  # one column of discourses
    x = column.pop()
    for d in diverging:
        assert pos[discourse_node_id(d)][0] > x  # set apart, further right
    assert max(pos[a][0] for a in endorsing) < x  # actors on the left
    return pos


def test_positions_on_bundled_data(bundled):
    pos = check_positions(bundled)
    assert discourse_node_id("market_access") == "d:market_access"
    xs, ys = zip(*pos.values(), strict=True)
    assert 0 <= min(xs) and max(xs) <= 1600 and 0 <= min(ys) and max(ys) <= 1000
    # grouped by mother discourse: the social-movement ones above the liberal-market ones
    y = {d: pos[discourse_node_id(d)][1] for d in bundled.discourses.index}
    mothers = bundled.discourses["mother"]
    assert max(y[d] for d in y if mothers[d] == "social_movement") < min(
        y[d] for d in y if mothers[d] == "liberal_market")


def test_positions_are_deterministic(bundled):
    first = dict(affiliation_positions(bundled))
    clear_caches()
    assert affiliation_positions(bundled) == first
    again = load().dataset  # another dataset object of the same data
    assert affiliation_positions(again) == first


def test_positions_order_actors_by_domain_then_barycentre():
    ds = make(
        actors=[{"id": "low"}, {"id": "high"},
                {"id": "resp", "domains": "social_responsibility"}, {"id": "mid"}],
        endorsements=[("low", "d_d", 2000), ("high", "d_b", 2000), ("resp", "d_b", 2000),
                      ("mid", "d_b", 2000), ("mid", "d_d", 2000)],
    )
    pos = check_positions(ds)
    # organic actors first, by the mean height of their discourses; then the other domain
    assert pos["high"][1] < pos["mid"][1] < pos["low"][1] < pos["resp"][1]
    assert pos[discourse_node_id("d_b")][1] < pos[discourse_node_id("d_d")][1]


@pytest.mark.parametrize("n", [1, 2, 17, 18, BOX_CAPACITY, BOX_CAPACITY + 1, 1200])
def test_positions_stay_apart_for_many_actors(n):
    ds = make(
        actors=[{"id": f"a{i:05d}", "domains": DOMAINS[i % 3]} for i in range(n)]
        + [{"id": "no_discourse"}],
        endorsements=[(f"a{i:05d}", DISCOURSES[i % 4][0], 2000) for i in range(n)],
    )
    pos = check_positions(ds)
    if n <= BOX_CAPACITY:
        xs, ys = zip(*pos.values(), strict=True)
        assert max(xs) <= 1600 and max(ys) <= 1000


def test_actors_without_endorsements_get_no_place():
    ds = make(actors=[{"id": i} for i in ("a", "b", "e")],
              endorsements=[("a", "d_b", 2000), ("b", "d_a", 2000)])
    assert "e" not in affiliation_positions(ds)
