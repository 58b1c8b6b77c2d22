"""Search: matching organisations as the user types (accents and case ignored)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, html

from components.ids import ID, SEARCH_HIT
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.visible import search
from serving.library import Library

from . import dataset


def hits(ds: Dataset, query: str | None, lang: str) -> list:
    if not query or not query.strip():
        return []
    found = search(ds, query, limit=8)
    if not found:
        return [html.P(t("ui.search.none", lang, q=query.strip()), className="none")]
    return [
        html.Button([html.Strong(ds.short_name(a, lang)), " ", html.Span(ds.actor_name(a, lang))],
                    id={"type": SEARCH_HIT, "actor": a}, className="hit", role="option")
        for a in found
    ]


def register(app: Dash, library: Library) -> None:
    @app.callback(
        Output(ID.SEARCH_HITS, "children"),
        Input(ID.SEARCH, "value"),
        Input(ID.SELECTED, "data"),
        State(ID.LANG, "value"),
    )
    def _hits(query, _selected, lang):
        ds = dataset(library)
        if ctx.triggered_id == ID.SELECTED:
            return []  # a choice was made: close the list
        return hits(ds, query, lang or "en")
