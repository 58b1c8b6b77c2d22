"""The network picture's pure parts: node sizes, paint and the delta sent to the browser."""

import math

from components.graph import MAX_SIZE, MIN_SIZE, SIZE_STEP, Paint, delta, node_sizes


def test_sizes_grow_with_the_metric_in_visible_steps():
    sizes = node_sizes({"a": 0.0, "b": 1.0, "c": 4.0, "d": 16.0}, higher_is_central=True)
    assert sizes["a"] == MIN_SIZE and sizes["d"] == MAX_SIZE
    assert sizes["a"] < sizes["b"] < sizes["c"] < sizes["d"]
    assert all(math.isclose(v / SIZE_STEP, round(v / SIZE_STEP)) for v in sizes.values())


def test_sizes_for_lower_is_central_and_for_equal_or_missing_values():
    low = node_sizes({"a": 0.1, "b": 0.9}, higher_is_central=False)
    assert low["a"] == MAX_SIZE and low["b"] == MIN_SIZE
    same = node_sizes({"a": 2.0, "b": 2.0}, higher_is_central=True)
    assert same["a"] == same["b"] > MIN_SIZE
    missing = node_sizes({"a": float("nan"), "b": 1.0, "c": 3.0}, higher_is_central=True)
    assert missing["a"] == MIN_SIZE
    assert node_sizes({}, higher_is_central=True) == {}


def test_a_small_change_in_a_big_view_moves_few_sizes():
    values = {f"n{i}": float(i % 7) for i in range(1000)}
    before = node_sizes(values, True)
    after = node_sizes({**values, "n3": 3.2}, True)
    assert sum(before[k] != after[k] for k in values) <= 1


def test_delta_from_nothing_is_the_whole_view():
    new = Paint({"a": ("#000", 16.0, "on x")}, {"tie:1": "on stated"})
    change = delta(None, new)
    assert change == {"reset": True, "hide": [], "nodes": [["a", "#000", 16.0, "on x"]],
                      "edges": [["tie:1", "on stated"]]}


def test_delta_holds_exactly_what_changed():
    old = Paint({"a": ("#000", 16.0, "on"), "b": ("#111", 20.0, "on"), "c": ("#222", 16.0, "on")},
                {"tie:1": "on stated", "tie:2": "on inferred"})
    new = Paint({"a": ("#000", 16.0, "on"), "b": ("#111", 22.0, "on"), "d": ("#333", 16.0, "on")},
                {"tie:1": "on stated faded"})
    change = delta(old, new)
    assert change["reset"] is False
    assert change["nodes"] == [["b", "#111", 22.0, "on"], ["d", "#333", 16.0, "on"]]
    assert change["edges"] == [["tie:1", "on stated faded"]]
    assert sorted(change["hide"]) == ["c", "tie:2"]
    assert delta(new, new) == {"reset": False, "hide": [], "nodes": [], "edges": []}


def test_labels_at_rest_never_cover_each_other(ds):
    from callbacks.render import _state_paint
    from components.graph import FONT, LABEL_GAP, _label_widths
    from network.view.state import ViewState
    from network.view.visible import normalise

    widths = _label_widths(ds)
    for query in ("year=2008", "year=2012&layout=levels", "year=1995&metric=betweenness"):
        state = normalise(ViewState.from_query(query), ds)
        p = _state_paint(ds, state)
        positions = ds.positions[state.layout]
        shown = [a for a, (_, _, c) in p.nodes.items() if "labelled" in c.split()]
        assert len(shown) >= 10, query
        boxes = []
        for a in shown:
            x, y = positions[a]
            top = y + p.nodes[a][1] / 2 + LABEL_GAP
            boxes.append((x - widths[a] / 2, top, x + widths[a] / 2, top + FONT * 1.25))
        for i, b in enumerate(boxes):
            for o in boxes[i + 1:]:
                assert b[2] <= o[0] or o[2] <= b[0] or b[3] <= o[1] or o[3] <= b[1], query


def test_the_selection_and_its_ways_in_are_always_labelled(ds):
    from callbacks.render import _state_paint
    from network.view.state import ViewState
    from network.view.visible import normalise

    state = normalise(ViewState.from_query(
        "year=2008&panel=collaborate&me=idma&target=galci"), ds)
    p = _state_paint(ds, state)
    for actor in ("idma", "rae", "consortium", "galci"):
        assert "labelled" in p.nodes[actor][2].split()
