"""The page: header, filters, the network, key actors, breakdowns and the profile panel."""

from __future__ import annotations

from dash import dcc, html

from network.analysis.metrics import METRICS
from network.model.dataset import Dataset, licence_title
from network.model.limits import Limits
from network.model.links import web_link
from network.model.schema import CERTAINTIES, DOMAINS, LEVELS, enum_values
from network.text.catalogue import LANGUAGES, t
from network.view.state import COLOUR_BY, LAYOUTS, UNDATED, VIEWS, ViewState
from network.view.visible import NOT_GIVEN, values_present
from serving.library import RequestedDataset

from . import (
    collaborate,
    data,
    discourse_view,
    exporting,
    present,
    tables,
)
from .charts import CHART_CONFIG
from .graph import graph_component
from .ids import ID
from .words import dropdown_labels, live_text


def options(ds: Dataset, lang: str) -> dict[str, list[dict]]:
    """The choices of every control, labelled in ``lang``; a filter's, those the data has."""
    networks = [
        {"label": ds.label("networks", nid, lang), "value": nid} for nid in ds.networks.index
    ]
    has = values_present(ds)
    return {
        ID.LEVELS: [{"label": t(f"level.{v}", lang), "value": v} for v in LEVELS
                    if v in has["levels"]],
        ID.DOMAINS: [{"label": t(f"domain.{v}", lang), "value": v} for v in DOMAINS
                     if v in has["domains"]],
        ID.NETWORKS: networks,
        ID.SECTORS: [{"label": t(f"sector.{v}", lang), "value": v}
                     for v in enum_values("actors", "sector") if v in has["sectors"]],
        ID.NGO_TYPES: [{"label": t(f"ngo_type.{v}", lang), "value": v}
                       for v in (*enum_values("actors", "ngo_type"), NOT_GIVEN, "none")
                       if v in has["ngo_types"]],
        ID.CERTAINTY: [{"label": ds.say(f"certainty.{v}", lang), "value": v}
                       for v in CERTAINTIES],
        # data of one's own starts where undated rows are shown: "from its first year" and
        # "in every year" are one choice there, offered once
        ID.UNDATED: [{"label": ds.say(f"ui.undated.{v}", lang, year=ds.undated_from),
                      "value": v} for v in UNDATED
                     if not (v == "always" and ds.undated_from <= ds.first_year)],
        ID.METRIC: [{"label": m.label[lang], "value": m.id} for m in METRICS.values()],
        ID.COLOUR: [{"label": t(f"ui.colour.{v}", lang), "value": v} for v in COLOUR_BY],
        ID.LAYOUT: [{"label": t(f"ui.layout.{v}", lang), "value": v} for v in LAYOUTS],
        ID.VIEW: [{"label": t(f"ui.view.{v}", lang), "value": v} for v in VIEWS],
        ID.PANEL: [{"label": t("ui.details", lang), "value": "details"},
                   {"label": t("ui.co.tab", lang), "value": "collaborate"}],
    }


def networks_placeholder(ds: Dataset, lang: str) -> str:
    """What the empty network list says: all networks (there may be only one)."""
    n = len(ds.networks)
    return t("ui.networks.one", lang) if n == 1 else t("ui.networks.all", lang, n=n)


def _marks(ds: Dataset) -> dict[int, str]:
    years = list(ds.years)
    marks = {y: str(y) for y in years if y % 10 == 0}
    marks[years[0]] = str(years[0])
    marks[years[-1]] = str(years[-1])
    # drop a decade mark crowding an end mark (closer than an eighth of the span: 1946 and
    # 1950 overprinted on a 1946-2012 slider)
    near = max(4, (years[-1] - years[0]) / 8)
    for y in list(marks):
        if y not in (years[0], years[-1]) and min(abs(y - years[0]), abs(years[-1] - y)) < near:
            del marks[y]
    return dict(sorted(marks.items()))


def _fieldset(label_key: str, control, lang: str, help_key: str | None = None,
              hidden: bool = False) -> html.Fieldset:
    parts = [live_text(label_key, lang, html.Legend)]
    parts.append(control)
    if help_key:
        parts.append(live_text(help_key, lang, html.P, className="help"))
    return html.Fieldset(parts, className="control", hidden=hidden)


def page(current: RequestedDataset, lang: str, limits: Limits, ttl_hours: float) -> html.Div:
    """The whole page in ``lang`` for the data set ``current`` names, with the controls at
    the default view; ``limits`` and ``ttl_hours`` are the upload settings the data bar
    explains."""
    ds = current.dataset
    opts = options(ds, lang)
    state = ViewState()
    return html.Div([
        *_stores(current.own),
        _header(ds, lang),
        data.section(current, lang, limits or Limits(), ttl_hours),
        html.Main([
            _filters(ds, opts, state, lang),
            _network(ds, opts, state, lang),
            _side(ds, opts, state, lang),
            _charts(ds, lang),
        ], className="app-main"),
        present.bar(ds, lang),
        _footer(ds, lang, current.own),
    ], id=ID.APP, className="app", lang=lang)


def _stores(own: bool) -> list:
    """The page's memory: the address bar and the stores the callbacks share."""
    return [
        dcc.Location(id=ID.URL, refresh=False),
        dcc.Store(id=ID.SELECTED, data=None),
        dcc.Store(id=ID.PAINT),
        dcc.Store(id=ID.HTML_LANG),
        dcc.Store(id=ID.DISCOURSE, data=None),
        dcc.Store(id=ID.DV_REVEALED),
        dcc.Store(id=ID.PAINTED, data=None),
        dcc.Store(id=ID.RESYNC),
        dcc.Store(id=ID.MEASURE_JOB),
        dcc.Store(id=ID.MEASURE_RUN),
        dcc.Store(id=ID.MEASURE_DONE),
        dcc.Store(id=ID.PRESENT, data=False),
        dcc.Store(id=ID.SCENE, data=None),
        # None: the prepared tour. The scenes made on the bundled data stay in the browser;
        # those made on an upload last as long as the tab, and never mix with the others.
        dcc.Store(id=ID.SCENES, storage_type="session" if own else "local", data=None),
        dcc.Store(id=ID.SCENE_STEPS, data=None),
        dcc.Store(id=ID.BEFORE_PRESENT, data=None),
        dcc.Store(id=ID.TABLE_SORT, data=None),
        dcc.Store(id=ID.TABLES_QUERY),
        dcc.Store(id=ID.TABLES_OPEN, data=False),
    ]


def _header(ds: Dataset, lang: str) -> html.Header:
    """Title, search, the language switch and the button that starts presenting."""
    return html.Header([
        html.Div([
            html.H1(live_text("app.title", lang)),
            live_text(ds.words("app.tagline"), lang, html.P, className="tagline"),
        ], className="brand"),
        html.Div([
            html.Label(live_text("ui.search", lang), htmlFor=ID.SEARCH,
                       className="visually-hidden"),
            dcc.Input(id=ID.SEARCH, type="search", debounce=False, autoComplete="off",
                      placeholder=t("ui.search.placeholder", lang), className="search-input"),
            html.Div(id=ID.SEARCH_HITS, className="search-hits", role="listbox"),
        ], className="search"),
        html.Div([
            html.Span(t("ui.language", lang), className="visually-hidden"),
            dcc.RadioItems(id=ID.LANG, value=lang, inline=True, className="lang-switch",
                           # each language named in itself, as the catalogue names it
                           options=[{"label": t("language.name", code), "value": code}
                                    for code in LANGUAGES]),
        ], className="lang"),
        html.Button(live_text("ui.present", lang), id=ID.PRESENT_START,
                    className="button present-start",
                    title=t("ui.present.help", lang)),
    ], className="app-header")


def _filters(ds: Dataset, opts: dict[str, list[dict]], state: ViewState,
             lang: str) -> html.Aside:
    """The filters, every choice ticked (the default view shows everything)."""
    every = {key: [o["value"] for o in opts[key]] for key in opts}

    def checks(key: str) -> dcc.Checklist:
        return dcc.Checklist(id=key, options=opts[key], value=every[key], className="checks")

    return html.Aside([
        live_text("ui.filters", lang, html.H2),
        # a filter with one choice filters nothing: it is not shown (its control stays)
        _fieldset("ui.levels", checks(ID.LEVELS), lang, "ui.levels.help",
                  hidden=len(opts[ID.LEVELS]) < 2),
        _fieldset("ui.domains", checks(ID.DOMAINS), lang, hidden=len(opts[ID.DOMAINS]) < 2),
        _fieldset("ui.networks",
                  dcc.Dropdown(id=ID.NETWORKS, options=opts[ID.NETWORKS], value=[], multi=True,
                               placeholder=networks_placeholder(ds, lang),
                               labels=dropdown_labels(lang)), lang),
        _fieldset("ui.sectors", checks(ID.SECTORS), lang, hidden=len(opts[ID.SECTORS]) < 2),
        _fieldset("ui.ngo_types", checks(ID.NGO_TYPES), lang,
                  hidden=len(opts[ID.NGO_TYPES]) < 2),
        _fieldset("ui.certainty", checks(ID.CERTAINTY), lang,
                  ds.words("ui.certainty.help")),
        _fieldset("ui.undated", dcc.RadioItems(id=ID.UNDATED, options=opts[ID.UNDATED],
                                               value=state.undated, className="checks"),
                  lang, "ui.undated.help", hidden=ds.timeless),  # no year: nothing to choose
        html.Button(live_text("ui.reset", lang), id=ID.RESET, className="button secondary"),
    ], className="filters", **{"aria-label": t("ui.filters", lang)})


def _network(ds: Dataset, opts: dict[str, list[dict]], state: ViewState,
             lang: str) -> html.Section:
    """The middle column: the year, the switch between the network and the discourses, and
    under the network view its controls, legend, picture, summaries, export and tables."""
    return html.Section([
        _timebar(ds, lang),
        # data with no discourses has only one view to show: no switch (a link to the other
        # still opens it, and it says the data records none)
        dcc.RadioItems(id=ID.VIEW, value=state.view, options=opts[ID.VIEW], inline=True,
                       className="panel-switch view-switch",
                       **({"style": {"display": "none"}} if ds.discourses.empty else {})),
        html.Div([
            _view_controls(opts, state, lang),
            # the legend above the picture, where a 1366x768 screen shows it
            html.Div(id=ID.LEGEND, className="legend"),
            _picture(lang),
            html.P(id=ID.GRAPH_SUMMARY, className="graph-summary", role="status"),
            html.P(id=ID.DATING, className="dating help"),
            exporting.bar(lang),
            tables.section(lang),
        ], id=ID.NETWORK_VIEW),
        discourse_view.section(ds, lang),
    ], className="network")


def _timebar(ds: Dataset, lang: str) -> html.Div:
    """The year: its label, the slider (at the last year) and the play button's timer. Data
    of one year has nothing to slide or play; data with no year at all says so instead of
    showing a year it never gave."""
    one_year = ds.first_year == ds.last_year
    return html.Div([
        *([live_text("ui.timeless", lang, html.P, className="timeless help")]
          if ds.timeless else []),
        html.Div([live_text("ui.year", lang, className="label"),
                  html.Output("" if ds.timeless else str(ds.last_year), id=ID.YEAR_LABEL,
                              className="year-label")],
                 className="year-box", hidden=ds.timeless),
        html.Div(dcc.Slider(id=ID.YEAR, min=ds.first_year, max=ds.last_year, step=1,
                            value=ds.last_year, marks=_marks(ds), included=False),
                 className="slider", hidden=one_year),
        html.Button(t("ui.play", lang), id=ID.PLAY, className="button play", n_clicks=0,
                    hidden=one_year),
        dcc.Interval(id=ID.TIMER, interval=900, disabled=True),
    ], className="timebar")


def _view_controls(opts: dict[str, list[dict]], state: ViewState, lang: str) -> html.Div:
    """How the picture is drawn: size by a measure, colour by, arrangement."""
    return html.Div([
        _fieldset("ui.metric", dcc.Dropdown(id=ID.METRIC, options=opts[ID.METRIC],
                                            value=state.metric, clearable=False,
                                            labels=dropdown_labels(lang)), lang),
        _fieldset("ui.colour", dcc.Dropdown(id=ID.COLOUR, options=opts[ID.COLOUR],
                                            value=state.colour, clearable=False,
                                            labels=dropdown_labels(lang)), lang),
        _fieldset("ui.layout", dcc.RadioItems(id=ID.LAYOUT, options=opts[ID.LAYOUT],
                                              value=state.layout, inline=True), lang),
    ], className="view-controls")


def _picture(lang: str) -> html.Div:
    """The network graph, with what it says while loading and when nothing is in view."""
    return html.Div([
        graph_component(),
        # shown until the first picture is drawn (assets/app.css: :has(...painted))
        live_text("ui.graph.loading", lang, html.Div, className="graph-loading",
                  role="status"),
        html.Div(id=ID.GRAPH_EMPTY, className="graph-empty", role="status"),
    ], className="graph-box", role="img", **{"aria-label": t("ui.graph.label", lang)})


def _side(ds: Dataset, opts: dict[str, list[dict]], state: ViewState,
          lang: str) -> html.Section:
    """The right column: key actors, then the profile or finding collaborators."""
    return html.Section([
        html.Div([
            live_text("ui.key_actors", lang, html.H2),
            html.P(id=ID.METRIC_HELP, className="help"),
            html.Div(id=ID.KEY_ACTORS),
        ], className="panel"),
        html.Div([
            # A radio group (arrow keys move between the two) drawn as tabs.
            dcc.RadioItems(id=ID.PANEL, value=state.panel, options=opts[ID.PANEL], inline=True,
                           className="panel-switch"),
            html.Div([html.Div(id=ID.DETAILS)], id=ID.DETAILS_PANEL, className="panel details"),
            html.Div([
                collaborate.controls(ds, lang),
                html.Div(id=ID.COLLAB, className="collab-results", **{"aria-live": "polite"}),
                collaborate.downloads(lang),
            ], id=ID.COLLAB_PANEL, className="panel collaborate", hidden=True),
        ], className="panel-box"),
    ], className="side")


def _charts(ds: Dataset, lang: str) -> html.Section:
    """The breakdown by level and over the years, by NGO type or sector (not over the years
    for data that gives none)."""
    return html.Section([
        live_text("ui.breakdown", lang, html.H2),
        dcc.RadioItems(id=ID.BREAKDOWN_BY, value="ngo_type", inline=True, className="breakdown-by",
                       options=[{"label": t("ui.breakdown.ngo_type", lang), "value": "ngo_type"},
                                {"label": t("ui.breakdown.sector", lang), "value": "sector"}]),
        html.Div([
            dcc.Graph(id=ID.BREAKDOWN, config=CHART_CONFIG, className="chart"),
            dcc.Graph(id=ID.TIMELINE, config=CHART_CONFIG, className="chart",
                      **({"style": {"display": "none"}} if ds.timeless else {})),
        ], className="charts-row"),
    ], className="charts")


def _footer(ds: Dataset, lang: str, own: bool) -> html.Footer:
    """The presenter's scene editor, where the data comes from, and the link to this view."""
    return html.Footer([
        present.editor(ds, lang),
        html.Details([
            html.Summary(live_text("ui.provenance", lang)),
            html.Div(provenance(ds, lang, own), id=ID.PROVENANCE),
        ], className="provenance"),
        html.Div([
            html.A(live_text("ui.share", lang), id=ID.SHARE_LINK, href="?", className="share-link"),
            live_text("ui.share.help", lang, html.Span, className="help"),
        ], id=ID.SHARE, className="share"),
    ], className="app-footer")


def _link(words: object, url: object, **attributes: str) -> list:
    """``words`` as a link to ``url`` when it is a web address; else as text, followed by
    the address (if any) as text."""
    words = "" if words is None else str(words)
    href = web_link(url)
    if href:
        return [html.A(words, href=href, **attributes)]
    return [html.Span(words)] + ([html.Span(f" ({url})", className="address")]
                                 if isinstance(url, str) and url.strip() else [])


def provenance(ds: Dataset, lang: str, own: bool = False) -> html.Div:
    """Title, licence and every source of the data, with links: only web addresses
    (:func:`network.model.links.web_link`) are links, any other address is shown as text."""
    licences = [html.Li(_link(licence_title(lic, lang), lic.get("path"),
                              rel="license"))
                for lic in ds.licences]
    sources = [
        html.Li([
            html.Strong(src_id + " "),
            *_link(s["title"], s["url"], rel="noopener", target="_blank"),
            html.Span(f" — {s['publisher']}" if s["publisher"] else ""),
            html.Span(f", {s['date']}" if s["date"] else ""),
        ], id=f"source-{src_id}")
        for src_id, s in ds.sources.iterrows()
    ]
    return html.Div([
        html.H3(ds.title_in(lang)),
        html.P(t("ui.provenance.own", lang) if own else ds.say("ui.provenance.intro", lang)),
        html.H4(t("ui.provenance.licence", lang)),
        html.Ul(licences + [html.Li(t("ui.provenance.code", lang))]),
        html.H4(t("ui.details.sources", lang)),
        html.Ol(sources, className="sources"),
    ])
