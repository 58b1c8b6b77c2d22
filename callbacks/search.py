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
    return [html.Button(hit_words(ds, a, lang), id={"type": SEARCH_HIT, "actor": a},
                        className="hit", role="option") for a in found]


def hit_words(ds: Dataset, actor: str, lang: str) -> list:
    """A suggestion's words: the acronym in bold and the name, or the name alone (in bold)
    when the actor has no acronym of its own (short name and name would say it twice)."""
    short, name = ds.short_name(actor, lang), ds.actor_name(actor, lang)
    if " ".join(short.split()).casefold() == " ".join(name.split()).casefold():
        return [html.Strong(name)]
    return [html.Strong(short), " ", html.Span(name)]


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
