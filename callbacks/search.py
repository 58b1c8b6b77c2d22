"""Search: matching organisations as the user types (accents and case ignored)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html, no_update

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


def first_hit(ds: Dataset, query: str | None) -> object:
    """The actor Enter in the search box selects: the first suggestion, if any."""
    found = search(ds, query, limit=1) if query and query.strip() else []
    return found[0] if found else no_update


def register(app: Dash, library: Library) -> None:
    @app.callback(
        Output(ID.SEARCH_HITS, "children"),
        Input(ID.SEARCH, "value"),
        State(ID.LANG, "value"),
        prevent_initial_call=True,
    )
    def _hits(query, lang):
        return hits(dataset(library), query, lang or "en")

    # a choice made (a suggestion, a tap, a key actor): the list closes, in the browser
    app.clientside_callback(
        "function () { return []; }",
        Output(ID.SEARCH_HITS, "children", allow_duplicate=True),
        Input(ID.SELECTED, "data"),
        prevent_initial_call=True,
    )

    # (the list closes in the same answer: a late answer of the browser-side close could
    # otherwise come before a last keystroke's list)
    @app.callback(
        Output(ID.SELECTED, "data", allow_duplicate=True),
        Output(ID.SEARCH_HITS, "children", allow_duplicate=True),
        Input(ID.SEARCH, "n_submit"),
        State(ID.SEARCH, "value"),
        prevent_initial_call=True,
    )
    def _enter(_submit, query):
        return first_hit(dataset(library), query), []
