"""What the picture highlights: a selection and its neighbours, or, when finding
collaborators, my organisation's surroundings, the ways in and the suggestions; and that the
stylesheet draws every class the paint gives."""

from __future__ import annotations

import pytest

from components import collaborate
from components.graph import node_sizes, paint, stylesheet
from components.palette import SHAPES
from network.analysis.frame import frame_of
from network.view.state import ViewState
from network.view.visible import normalise

HIGHLIGHT = {"focus", "near", "faded", "path", "suggested", "picked"}


def _paint(ds, query: str, selected: str | None = "use the query"):
    state = normalise(ViewState.from_query(query), ds)
    frame = frame_of(ds, state.filters, state.metric)
    p = paint(ds, frame.view, colour_by=state.colour,
              sizes=node_sizes(frame.values, frame.spec.higher_is_central),
              ranking=frame.ranking,
              selected=state.actor if selected == "use the query" else selected,
              focus=collaborate.focus(ds, state), layout=state.layout)
    nodes = {a: set(classes.split()) for a, (_, _, classes) in p.nodes.items()}
    edges = {e: set(classes.split()) for e, classes in p.edges.items()}
    return frame.view, state, nodes, edges


def test_with_nothing_selected_nothing_stands_out_or_fades(ds):
    view, _, nodes, edges = _paint(ds, "year=2008")
    assert set(nodes) == set(view.actors.index)
    assert {f"tie:{i}" for i in view.ties["id"]} == set(edges)
    assert all(not (c & HIGHLIGHT) for c in [*nodes.values(), *edges.values()])
    assert all("on" in c for c in [*nodes.values(), *edges.values()])


def test_a_selection_in_view_stands_out_with_its_neighbours_and_the_rest_fades(ds):
    view, _, nodes, edges = _paint(ds, "year=2008&actor=rae")
    before, after = set(view.graph.predecessors("rae")), set(view.graph.successors("rae"))
    assert before and after  # ties both ways: both directions count as neighbours
    for actor, classes in nodes.items():
        expected = "focus" if actor == "rae" else "near" if actor in before | after else "faded"
        assert classes & HIGHLIGHT == {expected}, actor
    assert {"labelled"} <= nodes["rae"]
    for tie_id, source, target in view.ties[["id", "source", "target"]].itertuples(
            index=False, name=None):
        touching = "rae" in (source, target)
        assert edges[f"tie:{tie_id}"] & HIGHLIGHT == {"near" if touching else "faded"}


def test_a_selection_out_of_view_fades_nothing(ds):
    view, _, nodes, edges = _paint(ds, "year=2008", selected="no-such-actor")
    assert all(not (c & HIGHLIGHT) for c in [*nodes.values(), *edges.values()])


def test_finding_collaborators_draws_the_ways_in_and_marks_the_suggestions(ds):
    view, state, nodes, edges = _paint(
        ds, "year=2008&panel=collaborate&me=idma&target=galci&actor=rae")
    me, ego, ways, suggested = collaborate.focus(ds, state)
    assert me == "idma" and ways
    assert "focus" in nodes["idma"]
    assert "picked" in nodes["rae"] and "labelled" in nodes["rae"]
    on_way = {a for way in ways for a in way}
    assert all({"path", "labelled"} <= nodes[a] for a in on_way)
    assert all("suggested" in nodes[a] for a in suggested if a in nodes)
    steps = {frozenset(p) for way in ways for p in zip(way, way[1:], strict=False)}
    near = set(ego) | {me}
    for tie_id, source, target in view.ties[["id", "source", "target"]].itertuples(
            index=False, name=None):
        classes = edges[f"tie:{tie_id}"]
        if frozenset((source, target)) in steps:
            assert {"near", "path"} <= classes
        else:
            assert classes & HIGHLIGHT == {"near" if {source, target} <= near else "faded"}


@pytest.mark.parametrize("query", ["year=2012&actor=rae",
                                   "year=2008&panel=collaborate&me=idma&target=galci&actor=rae"])
def test_the_stylesheet_draws_every_class_the_paint_gives(ds, query):
    _, _, nodes, edges = _paint(ds, query)
    selectors = " ".join(rule["selector"] for rule in stylesheet())
    # "labelled" and the thesis's marks (key, central) are read by the browser's label
    # placer, not drawn; a sourced fact is drawn plainly, between stated and inferred
    unstyled = {"labelled", "key", "central", "sourced"}
    given = set().union(*nodes.values(), *edges.values()) - unstyled
    assert given
    assert all(f".{c}" in selectors for c in given), given


def test_the_stylesheet_hides_first_shapes_each_sector_and_names_the_bands_last(ds):
    rules = stylesheet()
    assert rules[0] == {"selector": "node, edge", "style": {"display": "none"}}
    assert rules[1]["selector"] == ".on"
    shapes = {r["selector"]: r["style"]["shape"] for r in rules if "shape" in r["style"]}
    assert shapes == {f"node.{s}": shape for s, shape in SHAPES.items()}
    assert rules[-1]["selector"] == "node[band]"
    assert rules[-1]["style"]["events"] == "no"
    assert stylesheet() == rules and stylesheet() is not rules  # a fresh list each time


def test_a_mutual_relation_is_drawn_without_an_arrowhead():
    rules = {rule["selector"]: rule["style"] for rule in stylesheet()}
    assert rules["edge"]["target-arrow-shape"] == "triangle"  # "funds", "member_of", ...
    assert rules['edge[relation = "collaborates"]']["target-arrow-shape"] == "none"
