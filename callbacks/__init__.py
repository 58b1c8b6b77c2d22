"""Thin glue between the page and the domain: each module registers its callbacks."""

from __future__ import annotations

from dash import ctx


def triggered_value() -> object:
    """The new value of what fired the running callback (None when nothing did).

    Pattern-matched buttons fire with ``n_clicks`` None when a re-render draws them anew; a
    real click always has a number.
    """
    return ctx.triggered[0]["value"] if ctx.triggered else None
