"""Switch every label to the chosen language in place, without reloading the page."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, ctx
from dash.exceptions import PreventUpdate

from components import collaborate, discourse_view
from components.ids import ID, TEXT
from components.layout import networks_placeholder, options, provenance
from components.words import dropdown_labels
from network.text.catalogue import LANGUAGES, t
from serving.library import Library

from . import callback_data

COLLAB_OPTION_IDS = (ID.ME, ID.TARGET, ID.STEPS, ID.ONLY_NGOS, ID.ONLY_LEVELS)
#: Every dropdown: its own words (search box, clear buttons) follow the language too.
DROPDOWN_IDS = (ID.NETWORKS, ID.METRIC, ID.COLOUR, ID.ME, ID.TARGET)
OPTION_IDS = (ID.LEVELS, ID.DOMAINS, ID.NETWORKS, ID.SECTORS, ID.NGO_TYPES, ID.CERTAINTY,
              ID.UNDATED,
              ID.METRIC, ID.COLOUR, ID.LAYOUT, ID.PANEL, ID.VIEW)


def register(app: Dash, library: Library) -> None:
    @app.callback(
        Output({"type": TEXT, "key": ALL}, "children"),
        [Output(cid, "options") for cid in OPTION_IDS],
        Output(ID.BREAKDOWN_BY, "options"),
        Output(ID.SEARCH, "placeholder"),
        Output(ID.NETWORKS, "placeholder"),
        Output(ID.PROVENANCE, "children"),
        Output(ID.APP, "lang"),
        [Output(cid, "options") for cid in COLLAB_OPTION_IDS],
        Output(ID.ME, "placeholder"),
        Output(ID.DV_PER, "options"),
        Output(ID.TARGET, "placeholder"),
        [Output(cid, "labels") for cid in DROPDOWN_IDS],
        Input(ID.LANG, "value"),
        prevent_initial_call=True,
    )
    def _translate(lang):
        if lang not in LANGUAGES:  # the page offers no other; a hand-made request may
            raise PreventUpdate
        current = callback_data(library)
        ds, own = current.dataset, current.own
        keys = [o["id"]["key"] for o in ctx.outputs_list[0]]
        opts = options(ds, lang)
        collab = collaborate.options(ds, lang)
        return (
            [t(k, lang) for k in keys],
            *[opts[cid] for cid in OPTION_IDS],
            [{"label": t("ui.breakdown.ngo_type", lang), "value": "ngo_type"},
             {"label": t("ui.breakdown.sector", lang), "value": "sector"}],
            t("ui.search.placeholder", lang),
            networks_placeholder(ds, lang),
            provenance(ds, lang, own),
            lang,
            *[collab[cid] for cid in COLLAB_OPTION_IDS],
            t("ui.co.me.placeholder", lang),
            discourse_view.per_options(lang),
            t("ui.co.target.placeholder", lang),
            *[dropdown_labels(lang) for _ in DROPDOWN_IDS],
        )

    # The play buttons say what a click does: a small answer of its own, so that starting
    # and stopping the years does not relabel the whole page.
    @app.callback(
        Output(ID.PLAY, "children"),
        Output(ID.PRESENT_PLAY, "children"),
        Input(ID.TIMER, "disabled"),
        Input(ID.LANG, "value"),
        prevent_initial_call=True,
    )
    def _play_label(stopped, lang):
        label = play_label(stopped, lang or "en")
        return label, label

    # The document's own language, for screen readers and hyphenation (the whole page).
    app.clientside_callback(
        "function (lang) { document.documentElement.lang = lang || 'en'; return lang; }",
        Output(ID.HTML_LANG, "data"),
        Input(ID.LANG, "value"),
    )


def play_label(stopped: bool | None, lang: str) -> str:
    """What the play buttons say: play while the years stand still, pause while they run."""
    return t("ui.play" if stopped or stopped is None else "ui.pause", lang)
