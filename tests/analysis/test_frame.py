"""The frame derives a view once: known answers on a small star, and one computation per view."""

import pandas as pd

from network.analysis import frame as frame_module
from network.analysis.frame import frame_of
from network.analysis.ranking import key_actors, metric_values
from network.loading import load
from network.view.state import Filters
from tests.analysis.test_collaborators import make


def test_a_star_frame_has_known_values_and_ranks():
    ds = make(actors=[{"id": x} for x in ("h", "a", "b", "c")],
              ties=[("h", x) for x in ("a", "b", "c")])
    frame = frame_of(ds, Filters(), "degree")
    assert set(frame.view.graph) == {"h", "a", "b", "c"}
    assert frame.ranks["h"] == 1 and frame.ranking[0] == "h"
    assert frame.values["h"] > frame.values["a"] == frame.values["b"] == frame.values["c"]
    assert list(frame.key_actors["id"])[0] == "h"


def test_the_frame_agrees_with_the_functions_it_gathers():
    ds = load().dataset
    filters = Filters(year=2008)
    frame = frame_of(ds, filters, "betweenness")
    assert frame.values == metric_values(ds, filters, "betweenness")
    pd.testing.assert_frame_equal(frame.key_actors, key_actors(ds, filters, "betweenness"))
    assert frame.year == 2008
    assert frame.breakdown("ngo_type").to_numpy().sum() == len(frame.view.actors)


def test_one_view_is_derived_once(monkeypatch):
    ds = load().dataset
    calls = []
    real = frame_module.visible
    monkeypatch.setattr(frame_module, "visible", lambda *a: calls.append(a) or real(*a))
    frame_of.cache_clear()
    filters = Filters(year=1999)
    first = frame_of(ds, filters, "degree")
    assert frame_of(ds, filters, "degree") is first
    assert len(calls) == 1


def test_who_is_in_view_costs_no_measure(monkeypatch):
    # a table, a picture or the collaborators panel reads only the view: the measure
    # (betweenness at 5,000 actors takes seconds) is computed when first asked for
    ds = load().dataset
    calls = []
    real = frame_module.metric_values
    monkeypatch.setattr(frame_module, "metric_values", lambda *a: calls.append(a) or real(*a))
    frame_of.cache_clear()
    frame = frame_of(ds, Filters(year=2003), "betweenness")
    assert len(frame.view.actors) > 0 and calls == []
    assert frame.ranks and frame.values and len(calls) == 1
