"""Static text on the page that the language switch translates in place."""

from __future__ import annotations

from dash import html

from network.text.catalogue import t

from .ids import TEXT


def live_text(key: str, lang: str, tag: type = html.Span, **kwargs: object) -> html.Span:
    """The catalogue's text for ``key`` in ``lang``, in an element the language switch finds
    by its id ({"type": TEXT, "key": key}) and relabels without redrawing the page."""
    return tag(t(key, lang), id={"type": TEXT, "key": key}, **kwargs)


#: What Dash's dropdowns say of themselves (their search box, clear buttons...), by key.
DROPDOWN_WORDS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                  "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """A dropdown's own words in ``lang`` (its ``labels``): Dash writes them in English."""
    return {key: t(f"ui.dropdown.{key}", lang) for key in DROPDOWN_WORDS}
