"""The discourse view: who says what (actors and the seven discourses), where discourse
coalitions and ties coincide, each discourse's storyline, and NGO types over time.

Plain data in, Dash components and Cytoscape elements out; no callbacks here.
"""

from __future__ import annotations

import dash_cytoscape as cyto
from dash import dcc, html

from network.analysis import discourse
from network.analysis.frame import frame_of
from network.layout import discourse as discourse_layout
from network.model.dataset import THESIS, Dataset
from network.text.catalogue import t
from network.view.state import ViewState

from .charts import CHART_CONFIG, year_axis
from .ids import DISC_PICK, ID
from .palette import COLOURS
from .words import live_text

MOTHER_COLOURS = {"social_movement": "#009E73", "liberal_market": "#CC79A7"}
MAX_COALITION_EDGES = 3000


def section(ds: Dataset, lang: str) -> html.Div:
    """The view's static frame (filled by the render callback)."""

    def graph(cid: str) -> cyto.Cytoscape:
        # Many actors sit close together in the coalition picture: it names only the chosen
        # discourse's coalition (and any actor being pressed).
        names = [] if cid == ID.AFFILIATION else [
            {"selector": "node", "style": {"label": ""}},
            {"selector": "node.coalition, node:active", "style": {"label": "data(label)"}}]
        return cyto.Cytoscape(
            id=cid, elements=[], stylesheet=stylesheet() + names,
            layout={"name": "preset", "fit": True, "padding": 25},
            style={"width": "100%", "height": "100%"}, minZoom=0.05, maxZoom=4,
            # (not "responsive": redes-graph.js refits a picture to its new size, see graph.py)
            boxSelectionEnabled=False, responsive=False, autoRefreshLayout=True)

    return html.Div([
        html.Div([
            html.Div([
                live_text("ui.dv.affiliation", lang, html.H3),
                live_text(ds.words("ui.dv.affiliation.help"), lang, html.P, className="help"),
                html.Div(graph(ID.AFFILIATION), className="dv-graph"),
            ], className="dv-half"),
            html.Div([
                live_text("ui.dv.coalitions", lang, html.H3),
                live_text("ui.dv.coalitions.help", lang, html.P, className="help"),
                html.Div(graph(ID.COALITIONS), className="dv-graph"),
                html.P(id=ID.DV_COMPARE, className="help", role="status"),
            ], className="dv-half"),
        ], className="dv-graphs", hidden=ds.discourses.empty),  # no discourses: nothing to draw
        html.Div([
            live_text("ui.dv.discourses", lang, html.H3),
            live_text(ds.words("ui.dv.discourses.help"), lang, html.P, className="help"),
            html.Div(id=ID.DV_CARDS, className="dv-cards"),
        ]),
        dcc.RadioItems(id=ID.DV_PER, value="domain", inline=True, className="breakdown-by",
                       options=per_options(lang),
                       **({"style": {"display": "none"}} if ds.timeless else {})),
        # the charts are over the years: none for data that gives no year
        html.Div([
            # An explicit height: a responsive chart drawn while hidden measures 0 px.
            dcc.Graph(id=ID.DV_TYPES, config=CHART_CONFIG,
                      className="chart", style={"height": "420px"}),
            dcc.Graph(id=ID.DV_DIVERSITY, config=CHART_CONFIG,
                      className="chart", style={"height": "330px"}),
        ], className="charts-row", hidden=ds.timeless),
        html.P(id=ID.DV_ROLES, className="help"),
    ], id=ID.DISCOURSE_VIEW, className="discourse-view", hidden=True)


def per_options(lang: str) -> list[dict]:
    return [{"label": t(f"disc.per.{p}", lang), "value": p} for p in discourse.TYPES_PER]


def stylesheet() -> list[dict]:
    return [
        {"selector": "node", "style": {
            "background-color": "data(colour)", "width": 30, "height": 30,
            "border-width": 1.5, "border-color": "#1b1b1b", "label": "data(label)",
            "font-size": 40, "font-family": "DejaVu Sans, Arial, sans-serif",
            "text-valign": "center", "text-halign": "left", "text-margin-x": -8,
            "text-outline-color": "#fff", "text-outline-width": 4, "min-zoomed-font-size": 6}},
        {"selector": "node.discourse", "style": {
            "shape": "round-rectangle", "width": 44, "height": 44, "text-halign": "right",
            "text-margin-x": 12, "font-weight": "bold", "font-size": 44,
            # a phone sets a long name on two lines (assets/redes-narrow.js)
            "text-wrap": "wrap"}},
        {"selector": "node.diverges", "style": {"border-width": 4, "border-style": "dashed"}},
        {"selector": "node.coalition", "style": {"border-width": 5, "border-color": "#000",
                                                 "z-index": 9}},
        {"selector": ".faded", "style": {"opacity": 0.18}},
        {"selector": "edge", "style": {"width": 2.5, "line-color": "#8a8a8a", "opacity": 0.85,
                                       "curve-style": "haystack"}},
        {"selector": "edge.inferred", "style": {"line-style": "dashed"}},
        {"selector": "edge.both", "style": {"width": 4, "line-color": "#222"}},
        {"selector": "edge.coalition_only", "style": {"width": 2.5, "line-color": "#0072B2",
                                                      "line-style": "dashed"}},
        {"selector": "edge.tie_only", "style": {"width": 1.2, "line-color": "#9a9a9a"}},
        {"selector": "edge.coalition", "style": {"width": 4, "opacity": 1}},
    ]


def _names(ds: Dataset, lang: str) -> dict[str, str]:
    return {a: ds.short_name(a, lang) for a in ds.actors.index}


def affiliation_elements(ds: Dataset, state: ViewState, lang: str) -> list[dict]:
    """Actors in view with their discourses (bipartite), at stable positions."""
    filters = state.filters
    table = discourse.affiliation(ds, filters)
    positions = discourse_layout.affiliation_positions(ds)
    coalition = discourse.coalition_of(ds, filters, state.discourse) if state.discourse else None
    names = _names(ds, lang)
    palette = COLOURS["ngo_type"]
    out: list[dict] = []
    for d, row in ds.discourses.iterrows():
        node = discourse_layout.discourse_node_id(d)
        classes = ["discourse"]
        if row["diverges"]:
            classes.append("diverges")
        if state.discourse is not None:
            classes.append("coalition" if d == state.discourse else "faded")
        name = ds.label("discourses", d, lang)
        out.append({"data": {"id": node, "label": name, "colour": MOTHER_COLOURS[row["mother"]]},
                    "position": _xy(positions[node]), "classes": " ".join(classes)})
    for actor in dict.fromkeys(table["actor"]):
        kind = ds.actors.loc[actor, "ngo_type"] or "none"
        classes = [] if coalition is None else ["coalition" if actor in coalition else "faded"]
        out.append({"data": {"id": actor, "label": names[actor],
                             "colour": palette.get(kind, "#8C8C8C")},
                    "position": _xy(positions[actor]), "classes": " ".join(classes)})
    for k, (actor, d, certainty) in enumerate(
            table[["actor", "discourse", "certainty"]].itertuples(index=False, name=None)):
        classes = [certainty]
        if state.discourse is not None:
            classes.append("coalition" if d == state.discourse else "faded")
        out.append({"data": {"id": f"e{k}", "source": actor,
                             "target": discourse_layout.discourse_node_id(d)},
                    "classes": " ".join(classes)})
    return out


def _xy(p: tuple[float, float]) -> dict[str, float]:
    return {"x": float(p[0]), "y": float(p[1])}


def coalition_elements(ds: Dataset, state: ViewState, lang: str) -> tuple[list[dict], object]:
    """Actors in view at their usual places, with coalition pairs and ties as edges."""
    filters = state.filters
    comparison = discourse.compare(ds, filters)
    kinds = (("both", comparison.both), ("coalition_only", comparison.coalition_only),
             ("tie_only", comparison.tie_only))
    coalition = discourse.coalition_of(ds, filters, state.discourse) if state.discourse else None
    shown = {a for _, pairs in kinds for pair in pairs for a in pair}
    positions = ds.positions["force"]
    names = _names(ds, lang)
    palette = COLOURS["ngo_type"]
    view = frame_of(ds, filters, state.metric).view
    out: list[dict] = []
    for actor in view.actors.index:
        if actor not in shown:
            continue
        kind = view.actors.loc[actor, "ngo_type"] or "none"
        classes = [] if coalition is None else ["coalition" if actor in coalition else "faded"]
        out.append({"data": {"id": actor, "label": names[actor],
                             "colour": palette.get(kind, "#8C8C8C")},
                    "position": _xy(positions[actor]), "classes": " ".join(classes)})
    edges = 0
    for kind, pairs in kinds:
        for a, b in pairs:
            if edges >= MAX_COALITION_EDGES:
                break
            classes = [kind]
            if coalition is not None:
                classes.append("coalition" if a in coalition and b in coalition else "faded")
            out.append({"data": {"id": f"{kind}:{a}:{b}", "source": a, "target": b},
                        "classes": " ".join(classes)})
            edges += 1
    return out, comparison


def cards(ds: Dataset, state: ViewState, lang: str) -> list:
    table = discourse.discourse_table(ds, state.filters, lang)
    out = []
    for row in table.itertuples(index=False):
        chosen = row.id == state.discourse
        mother = t(f"disc.mother.{row.mother}", lang)
        out.append(html.Article([
            html.H4([html.Span(className="swatch square",
                               style={"background": MOTHER_COLOURS[row.mother]}), row.name]),
            html.P([t(f"domain.{row.domain}", lang), " · ", mother,
                    *([" · ", html.Strong(t("disc.diverges", lang))] if row.diverges else [])],
                   className="muted"),
            html.P(row.storyline),
            html.P([t("ui.dv.supporters", lang, count=row.count), ": ",
                    ", ".join(ds.short_name(a, lang) for a in row.supporters)], className="muted"),
            html.Button(t("ui.dv.clear" if chosen else "ui.dv.show", lang),
                        id={"type": DISC_PICK, "discourse": "" if chosen else row.id},
                        className="button small" + ("" if chosen else " secondary"),
                        **{"aria-pressed": "true" if chosen else "false"}),
        ], className="dv-card" + (" chosen" if chosen else "")))
    return out


def types_figure(ds: Dataset, state: ViewState, lang: str, year: int, per: str = "domain") -> dict:
    """NGO types over the years, one small stacked panel per domain (or level)."""
    frame = discourse.types_over_time(ds, state.filters, per)
    groups = list(dict.fromkeys(frame["group"]))
    axis = {g: "" if i == 0 else str(i + 1) for i, g in enumerate(groups)}
    traces = []
    palette = COLOURS["ngo_type"]
    for (group, kind), part in frame.groupby(["group", "ngo_type"], sort=False):
        if not part["count"].any():
            continue
        traces.append({"type": "scatter", "mode": "lines", "stackgroup": group,
                       "x": part["year"].tolist(), "y": part["count"].tolist(),
                       "name": f"{t(f'ngo_type.{kind}', lang)} · {t(f'{per}.{group}', lang)}",
                       "legendgroup": kind, "line": {"width": 0.5, "color": palette.get(kind)},
                       "xaxis": "x", "yaxis": f"y{axis[group]}"})
    layout = _layout(t(f"ui.dv.types.{per}", lang), year)
    layout["height"] = 110 * max(len(groups), 1) + 70
    layout["xaxis"] = {"anchor": f"y{axis[groups[-1]]}" if groups else "y",  # ticks at the bottom
                       **year_axis(frame["year"])}
    layout["annotations"] = []
    share = 1 / max(len(groups), 1)
    for i, group in enumerate(groups):
        key = "yaxis" if axis[group] == "" else f"yaxis{axis[group]}"
        top = 1 - i * share
        layout[key] = {"domain": [top - share + 0.03 * share * 3, top - 0.03],
                       "rangemode": "tozero"}
        layout["annotations"].append({
            "text": t(f"{per}.{group}", lang), "xref": "paper", "yref": "paper", "x": 0,
            "y": top, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
            "font": {"size": 11}})
    layout["showlegend"] = False
    return {"data": traces, "layout": layout}


def diversity_figure(ds: Dataset, state: ViewState, lang: str, year: int) -> dict:
    frame = discourse.diversification(ds, state.filters)
    traces = [{"type": "scatter", "mode": "lines", "x": frame["year"].tolist(),
               "y": frame["types"].tolist(), "name": t("disc.div.types", lang),
               "line": {"color": "#0072B2", "width": 3}}]
    layout = _layout(t("ui.dv.diversity", lang), year)
    layout["yaxis"] = {"title": {"text": t("disc.div.types", lang)}, "rangemode": "tozero",
                       "dtick": 1}
    layout["xaxis"] = year_axis(frame["year"])
    return {"data": traces, "layout": layout}


def _layout(title: str, year: int) -> dict:
    return {
        "title": {"text": title, "font": {"size": 14}}, "height": 320,
        "margin": {"l": 50, "r": 10, "t": 40, "b": 30},
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": 12},
        "shapes": [{"type": "line", "x0": year, "x1": year, "yref": "paper", "y0": 0, "y1": 1,
                    "line": {"dash": "dot", "color": "#111"}}],
        "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
    }


def render(ds: Dataset, state: ViewState, lang: str, year: int,
           per: str = "domain") -> dict[str, object]:
    """Everything the view shows, keyed by component id (the thesis's note on NGO roles
    only for the thesis's data)."""
    affiliation = affiliation_elements(ds, state, lang)
    coalition, comparison = coalition_elements(ds, state, lang)
    if ds.discourses.empty:
        summary = t("ui.dv.none", lang)
    elif not any("source" in e["data"] for e in affiliation):
        summary = ds.say("ui.dv.empty", lang, year=year)
    else:
        summary = t("ui.dv.compare", lang, both=comparison.n_both,
                    coalition=comparison.n_coalition_only, tie=comparison.n_tie_only,
                    unknown=comparison.n_unrecorded, jaccard=f"{comparison.jaccard:.2f}")
    roles = discourse.roles(ds, state.filters)
    return {
        ID.AFFILIATION: affiliation,
        ID.COALITIONS: coalition,
        ID.DV_COMPARE: summary,
        ID.DV_CARDS: (cards(ds, state, lang) if not ds.discourses.empty
                      else [html.P(t("ui.dv.none", lang), className="notice")]),
        ID.DV_TYPES: types_figure(ds, state, lang, year,
                                  per if per in discourse.TYPES_PER else "domain"),
        ID.DV_DIVERSITY: diversity_figure(ds, state, lang, year),
        # what the thesis says of NGO roles: for the thesis's data only
        ID.DV_ROLES: (discourse.roles_note(lang) if roles is None and ds.voice == THESIS
                      else ""),
    }
