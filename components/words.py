"""Static text on the page that the language switch translates in place."""

from __future__ import annotations

from dash import html

from network.text.catalogue import t

from .ids import TEXT


def live_text(key: str, lang: str, tag: type = html.Span, **kwargs: object) -> html.Span:
    """The catalogue's text for ``key`` in ``lang``, in an element the language switch finds
    by its id ({"type": TEXT, "key": key}) and relabels without redrawing the page."""
    return tag(t(key, lang), id={"type": TEXT, "key": key}, **kwargs)
