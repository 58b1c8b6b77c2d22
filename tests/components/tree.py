"""What a reader sees in a component tree: its text, and the plain ids under a region
(finding one component by its id is tests/components/find.py's)."""

from __future__ import annotations

from dash.development.base_component import Component

from .find import walk


def text(component: object) -> str:
    """The text a reader sees in ``component`` (its strings, in order)."""
    if isinstance(component, str):
        return component
    if isinstance(component, list | tuple):
        return "".join(text(c) for c in component)
    if isinstance(component, Component):
        return text(getattr(component, "children", None))
    return "" if component is None else str(component)


def plain_ids(component: object) -> set[str]:
    """The string ids under ``component`` (pattern-matching ids, dicts, left out)."""
    return {c.id for c in walk(component) if isinstance(getattr(c, "id", None), str)}
