"""Reach a Dash component by its id (or its pattern id), never by where it sits in the tree.

A test that says ``out[1].children[0].children`` breaks, or worse checks the wrong thing,
when a wrapper is added to the layout; ``find(out, ID.ACTOR_TABLE)`` does not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dash.development.base_component import Component


def walk(tree: object) -> Iterator[Component]:
    """Every component in ``tree`` (a component, a list of them, or text), depth first."""
    if isinstance(tree, Component):
        yield tree
        yield from walk(getattr(tree, "children", None))
    elif isinstance(tree, (list, tuple)):
        for child in tree:
            yield from walk(child)


def find_all(tree: object, where: Callable[[Component], bool]) -> list[Component]:
    """The components in ``tree`` for which ``where`` holds, in document order."""
    return [c for c in walk(tree) if where(c)]


def find(tree: object, component_id: str | dict) -> Component:
    """The one component in ``tree`` whose id is ``component_id``; an AssertionError if there
    is none or more than one (ids are unique on a page)."""
    found = find_all(tree, lambda c: getattr(c, "id", None) == component_id)
    assert len(found) == 1, f"{len(found)} components with id {component_id!r}"
    return found[0]


def parent_of(tree: object, component_id: str | dict) -> Component:
    """The component whose children hold the one with ``component_id`` (e.g. the table
    heading cell around a sort button, where ``aria-sort`` lives)."""
    return parent_of_component(tree, find(tree, component_id))


def parent_of_component(tree: object, child: Component) -> Component:
    """The component in ``tree`` whose children hold ``child`` (that very object)."""
    found = [c for c in walk(tree) if any(k is child for k in walk_children(c))]
    assert len(found) == 1, f"{len(found)} parents of {child!r}"
    return found[0]


def place_among_siblings(tree: object, child: Component) -> int:
    """Where ``child`` sits among its parent's children: the column of a table cell found by
    the id of what it holds."""
    siblings = walk_children(parent_of_component(tree, child))
    return next(i for i, sibling in enumerate(siblings) if sibling is child)


def walk_children(component: Component) -> list[Component]:
    """The components directly under ``component``."""
    children = getattr(component, "children", None)
    if isinstance(children, Component):
        return [children]
    if isinstance(children, (list, tuple)):
        return [c for c in children if isinstance(c, Component)]
    return []


def prop(component: Component, name: str) -> object:
    """One property as Dash sends it to the browser (``aria-*`` names included)."""
    return component.to_plotly_json()["props"].get(name)


def ids_in_layout(node: object) -> list:
    """The id of every component in a layout as Dash sends it (``/_dash-layout`` JSON)."""
    if isinstance(node, list):
        return [i for child in node for i in ids_in_layout(child)]
    if not isinstance(node, dict):
        return []
    props = node.get("props") if "namespace" in node else None
    own = [props["id"]] if isinstance(props, dict) and "id" in props else []
    return own + [i for value in node.values() for i in ids_in_layout(value)]
