"""Walking a Dash component tree in tests: every component, and one found by its id."""

from __future__ import annotations

from collections.abc import Iterator


def walk(component) -> Iterator:
    """``component`` and everything under it, in document order."""
    if isinstance(component, list | tuple):
        for child in component:
            yield from walk(child)
        return
    if not hasattr(component, "to_plotly_json"):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def by_id(component, wanted) -> object:
    """The one component under ``component`` whose id is ``wanted``."""
    found = [c for c in walk(component) if getattr(c, "id", None) == wanted]
    assert len(found) == 1, (wanted, len(found))
    return found[0]


def text(component) -> str:
    """The text a reader sees in ``component`` (its strings, in order)."""
    if isinstance(component, str):
        return component
    if isinstance(component, list | tuple):
        return "".join(text(c) for c in component)
    if hasattr(component, "to_plotly_json"):
        return text(getattr(component, "children", None))
    return "" if component is None else str(component)


def plain_ids(component) -> set[str]:
    """The string ids under ``component`` (pattern-matching ids, dicts, left out)."""
    return {c.id for c in walk(component) if isinstance(getattr(c, "id", None), str)}
