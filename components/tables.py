"""The accessible table view: the actors and ties in view as sortable tables, for keyboard and
screen-reader users (plain data in, Dash components out; no callbacks here)."""

from __future__ import annotations

import pandas as pd
from dash import html

from network.analysis.frame import frame_of
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import ViewState
from network.view.visible import categories

from .ids import ID, SORT, TABLE_PICK
from .words import live_text

ACTOR_COLUMNS = ("name", "kind", "ngo_type", "sector", "level", "founded", "ties", "certainty")
TIE_COLUMNS = ("source", "relation", "target", "network", "from_year", "certainty")
MAX_ROWS = 500


def actor_rows(ds: Dataset, state: ViewState, lang: str) -> pd.DataFrame:
    """One row per actor in view, with words (not codes) in ``lang``; ``id`` kept."""
    view = frame_of(ds, state.filters, state.metric).view
    a = view.actors
    degree = dict(view.graph.to_undirected().degree()) if len(a) else {}
    return pd.DataFrame({
        "id": a.index.to_numpy(),
        "name": [ds.actor_name(x, lang) for x in a.index],
        "kind": [t(f"kind.{k}", lang) for k in a["kind"]],
        "ngo_type": [t(f"ngo_type.{k}", lang) for k in categories(a, "ngo_type")],
        "sector": [t(f"sector.{k}", lang) for k in a["sector"]],
        "level": [t(f"level.{k}", lang) for k in a["level"]],
        "founded": pd.array(a["founded"].astype("Int64")),  # whole years, never 1998.0
        "ties": [int(degree.get(x, 0)) for x in a.index],
        "certainty": [ds.say(f"certainty.{k}", lang) for k in a["certainty"]],
    })


def tie_rows(ds: Dataset, state: ViewState, lang: str) -> pd.DataFrame:
    view = frame_of(ds, state.filters, state.metric).view
    ties = view.ties
    return pd.DataFrame({
        "source_id": ties["source"].to_numpy(), "target_id": ties["target"].to_numpy(),
        "source": [ds.short_name(x, lang) for x in ties["source"]],
        "relation": [t(f"relation.{r}", lang) for r in ties["relation"]],
        "target": [ds.short_name(x, lang) for x in ties["target"]],
        "network": [ds.label("networks", n, lang) for n in ties["network"]],
        "from_year": pd.array(ties["from_year"].astype("Int64")),
        "certainty": [ds.say(f"certainty.{k}", lang) for k in ties["certainty"]],
    })


def _sorted(frame: pd.DataFrame, sort: dict | None, table: str, default: str) -> pd.DataFrame:
    column, descending = default, False
    if sort and sort.get("table") == table and sort.get("column") in frame.columns:
        column, descending = sort["column"], bool(sort.get("descending"))
    key = frame[column]
    if key.dtype == object:
        key = key.str.casefold()
    order = key.sort_values(ascending=not descending, kind="stable", na_position="last").index
    return frame.loc[order]


def _head(table: str, columns: tuple[str, ...], sort: dict | None, lang: str) -> html.Thead:
    cells = []
    for c in columns:
        active = bool(sort) and sort.get("table") == table and sort.get("column") == c
        aria = ("descending" if sort.get("descending") else "ascending") if active else "none"
        arrow = (" ▼" if sort.get("descending") else " ▲") if active else ""
        cells.append(html.Th(html.Button(t(f"ui.tables.col.{c}", lang) + arrow,
                                         id={"type": SORT, "table": table, "column": c},
                                         className="link-button"),
                             scope="col", **{"aria-sort": aria}))
    return html.Thead(html.Tr(cells))


def _pick(actor: str, text: str, selected: str | None, row: str) -> html.Button:
    # Its own id type with the row: the same actor appears in several rows and panels, and
    # component ids must be unique.
    return html.Button(text, id={"type": TABLE_PICK, "actor": actor, "row": row},
                       className="link-button",
                       **{"aria-pressed": "true" if actor == selected else "false"})


def tables(ds: Dataset, state: ViewState, lang: str, sort: dict | None) -> list:
    """Both tables for ``state``, sorted as asked, each cut at MAX_ROWS with a note."""
    actors = _sorted(actor_rows(ds, state, lang), sort, "actors", "name")
    ties = _sorted(tie_rows(ds, state, lang), sort, "ties", "source")
    out: list = [html.H3(t("ui.tables.actors", lang, n=len(actors)))]
    rows = []
    for k, r in enumerate(actors.head(MAX_ROWS).itertuples(index=False)):
        cells = [html.Td(_pick(r.id, r.name, state.actor, f"a{k}"))]
        cells += [html.Td("" if pd.isna(v) else str(v),
                          className="num" if c in ("founded", "ties") else None)
                  for c, v in zip(ACTOR_COLUMNS[1:], [r.kind, r.ngo_type, r.sector, r.level,
                                                      r.founded, r.ties, r.certainty],
                                  strict=True)]
        rows.append(html.Tr(cells, className="selected" if r.id == state.actor else None))
    out.append(html.Table([_head("actors", ACTOR_COLUMNS, sort, lang), html.Tbody(rows)],
                          className="data-table", id=ID.ACTOR_TABLE))
    if len(actors) > MAX_ROWS:
        out.append(html.P(t("ui.tables.more", lang, shown=MAX_ROWS, n=len(actors)),
                          className="help"))
    out.append(html.H3(t("ui.tables.ties", lang, n=len(ties))))
    rows = []
    for k, r in enumerate(ties.head(MAX_ROWS).itertuples(index=False)):
        rows.append(html.Tr([
            html.Td(_pick(r.source_id, r.source, state.actor, f"s{k}")), html.Td(r.relation),
            html.Td(_pick(r.target_id, r.target, state.actor, f"t{k}")), html.Td(r.network),
            html.Td("" if pd.isna(r.from_year) else str(r.from_year), className="num"),
            html.Td(r.certainty),
        ]))
    out.append(html.Table([_head("ties", TIE_COLUMNS, sort, lang), html.Tbody(rows)],
                          className="data-table", id=ID.TIE_TABLE))
    if len(ties) > MAX_ROWS:
        out.append(html.P(t("ui.tables.more", lang, shown=MAX_ROWS, n=len(ties)), className="help"))
    return out


def section(lang: str) -> html.Details:

    return html.Details([
        html.Summary(live_text("ui.tables", lang)),
        live_text("ui.tables.help", lang, html.P, className="help"),
        # scrolls sideways where the columns do not fit, with a shadow at the edge that
        # hides more (assets/app.css)
        html.Div(id=ID.TABLES, className="sideways"),
    ], id=ID.TABLES_BOX, className="tables-box")


def next_sort(current: dict | None, table: str, column: str) -> dict:
    """A heading button sorts by its column; pressed again, it reverses the order."""
    if current and current.get("table") == table and current.get("column") == column:
        return {"table": table, "column": column, "descending": not current.get("descending")}
    return {"table": table, "column": column, "descending": False}
