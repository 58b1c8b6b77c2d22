"""The export bar under the graph, and the tables a view exports (no callbacks here)."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from network.analysis.frame import frame_of
from network.analysis.ranking import composition_over_years, key_actors
from network.formats import captions
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import ViewState
from network.view.visible import categories

from .ids import ID
from .palette import COLOURS
from .words import live_text

#: (button id, label key) in the order shown
BUTTONS = (
    (ID.EXPORT_PNG, "ui.export.png"),
    (ID.EXPORT_SVG, "ui.export.svg"),
    (ID.EXPORT_TABLES, "ui.export.tables"),
    (ID.EXPORT_TABLES_CSV, "ui.export.tables_csv"),
    (ID.EXPORT_GRAPHML, "ui.export.graphml"),
    (ID.EXPORT_GEXF, "ui.export.gexf"),
    (ID.EXPORT_DATA, "ui.export.data"),
    (ID.EXPORT_EVIDENCE, "ui.export.evidence"),
)


def bar(lang: str) -> html.Div:

    return html.Div([
        live_text("ui.export", lang, html.Span, className="field-label"),
        *[html.Button(live_text(key, lang), id=cid, className="button secondary small")
          for cid, key in BUTTONS],
        dcc.Checklist(id=ID.EXPORT_CAPTION, value=["on"], className="checks export-caption",
                      options=[{"label": t("ui.export.caption", lang), "value": "on"}]),
        dcc.Store(id=ID.PICTURE_CAPTION),
        dcc.Store(id=ID.PICTURE_SAVED),
        dcc.Store(id=ID.EVIDENCE_PICTURE),
        dcc.Download(id=ID.EXPORT_DOWNLOAD),
        live_text("ui.export.help", lang, html.P, className="help"),
    ], className="export-bar", role="group")


def picture_caption(ds: Dataset, state: ViewState, lang: str, linkable: bool = True) -> dict:
    """What the browser writes around a saved picture (assets/redes-picture.js: composePicture):
    the domain's words (title, view, filters, credit), the legend of the colours in view
    with their labels, and the link that reopens the view; for data no link can open (an
    upload not published, ``linkable`` False), a line that says so instead."""
    view = frame_of(ds, state.filters, state.metric).view
    shown = set(categories(view.actors, state.colour))
    legend = [[t(f"{state.colour}.{c}", lang), colour]
              for c, colour in COLOURS[state.colour].items() if c in shown]
    if not linkable:
        return {**captions.picture_caption(ds, state.filters, lang), "legend": legend,
                "link": "", "more": t("ui.export.caption.no_link", lang)}
    return {**captions.picture_caption(ds, state.filters, lang), "legend": legend,
            "link": "?" + state.to_query(), "more": t("ui.export.caption.link", lang)}


def tables(ds: Dataset, state: ViewState, lang: str,
           breakdown_by: str = "ngo_type") -> dict[str, pd.DataFrame]:
    """The key-actor table and the breakdowns of ``state``, labelled in ``lang``."""
    filters = state.filters
    col = {k: t(f"ui.export.col.{k}", lang) for k in ("rank", "name", "value", "previous_rank")}
    key = key_actors(ds, filters, state.metric, top=None)
    key_table = pd.DataFrame({
        col["rank"]: key["rank"].to_numpy(),
        "id": key["id"].to_numpy(),
        col["name"]: [ds.actor_name(a, lang) for a in key["id"]],
        col["value"]: key["value"].to_numpy(),
        col["previous_rank"]: key["previous_rank"].to_numpy(),
    })
    by_level = frame_of(ds, filters, state.metric).breakdown(breakdown_by)
    return {
        t("ui.export.sheet.key_actors", lang): key_table,
        t("ui.export.sheet.by_level", lang): by_level,
        t("ui.export.sheet.over_years", lang): composition_over_years(ds, filters, breakdown_by),
    }
