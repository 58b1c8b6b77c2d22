"""Callbacks called as plain functions, and the app over HTTP (Flask test client)."""

import json

import pytest
from dash import no_update

from app import create_app
from callbacks.render import OUTPUTS, render
from callbacks.search import first_hit, hits
from callbacks.state import (
    CONTROLS,
    controls_from_state,
    play,
    state_from_controls,
    sync,
    triggered,
    view,
)
from components.ids import ID, SEARCH_HIT
from network.view.state import ViewState
from network.view.visible import normalise, visible
from settings import Settings
from tests.callbacks.outputs import by_output, declared
from tests.callbacks.view_request import view_body
from tests.components.find import find_all, ids_in_layout

#: The app whose registered callbacks say which output each returned value is for.
APP = create_app(Settings.from_env({}))
URL = (ID.URL, "search")
#: the address and the controls: the first outputs of the view's callback (sync's answer)
SYNC = declared(APP, URL, *((cid, prop) for cid, _, prop in CONTROLS))[:1 + len(CONTROLS)]
assert SYNC == (URL, *((cid, prop) for cid, _, prop in CONTROLS)), "the view's outputs moved"
YEAR, TIMER_OFF = (ID.YEAR, "value"), (ID.TIMER, "disabled")
ME, TARGET, PANEL = (ID.ME, "value"), (ID.TARGET, "value"), (ID.PANEL, "value")


def _values(ds, query):
    return controls_from_state(ds, normalise(ViewState.from_query(query), ds), "en")


def _sync(*args) -> dict:
    """What the URL-and-controls callback writes, by (id, property)."""
    url, controls = sync(*args)
    return by_output([url, *controls], SYNC)


def _control(cid: str) -> int:
    """Where the control ``cid`` sits in a list of control values."""
    return [c[0] for c in CONTROLS].index(cid)


def test_controls_and_state_are_inverse(ds):
    for query in ("", "year=2000&levels=local%2Cglobal&lang=es&actor=rae",
                  "sectors=state&certainty=stated&metric=kcore", "networks=organic_market"):
        state = normalise(ViewState.from_query(query), ds)
        back = state_from_controls(ds, controls_from_state(ds, state, "en"))
        assert back.filters == state.filters
        assert (back.actor, back.metric) == (state.actor, state.metric)


def test_all_boxes_ticked_means_no_filter(ds):
    state = state_from_controls(ds, _values(ds, ""))
    assert state.levels is None and state.sectors is None


def test_sync_writes_the_url_when_a_control_changes(ds):
    values = _values(ds, "")
    values[_control(ID.YEAR)] = 1995
    out = _sync(ds, "", ID.YEAR, "en", values)
    assert "year=1995" in out[URL]
    assert all(out[key] is no_update for key in SYNC if key != URL)


def test_sync_writes_the_controls_when_the_url_changes(ds):
    out = _sync(ds, "?year=1999&levels=national", ID.URL, "en", _values(ds, ""))
    assert out[URL] is no_update
    assert out[YEAR] == 1999 and out[(ID.LEVELS, "value")] == ["national"]
    # a control that already shows its value is not written again: rewriting the language
    # relabelled the whole page on every presenter step
    assert out[(ID.LANG, "value")] is no_update and out[(ID.METRIC, "value")] is no_update
    out = _sync(ds, "?year=1999&lang=es", ID.URL, "en", _values(ds, ""))
    assert out[(ID.LANG, "value")] == "es"


def test_opening_the_view_the_page_shows_writes_no_control(ds):
    query = "year=2004&levels=national%2Cglobal&metric=pagerank&actor=rae&lang=es"
    values = _values(ds, query)
    values[_control(ID.LEVELS)] = ["global", "national"]  # other order
    out = _sync(ds, "?" + query, ID.URL, "en", values)
    assert all(out[key] is no_update for key in SYNC if key != URL)


def test_reset_goes_back_to_the_default_view_in_the_same_language(ds):
    values = _values(ds, "year=1990&levels=local&lang=es")
    out = _sync(ds, "?year=1990&levels=local&lang=es", ID.RESET, "en", values)
    assert ViewState.from_query(out[URL]) == ViewState(year=ds.last_year, lang="es")
    assert out[YEAR] == ds.last_year


def test_enter_in_the_search_box_selects_the_first_suggestion(ds):
    assert first_hit(ds, "ecológica") == "ecologica" and first_hit(ds, "CEDAL") == "cedal"
    assert first_hit(ds, "zzzz-nothing") is no_update
    assert first_hit(ds, "  ") is no_update and first_hit(ds, None) is no_update


def test_play_steps_through_the_years_and_stops_at_the_end():
    outputs = declared(APP, TIMER_OFF, YEAR)

    def played(*args) -> dict:
        return by_output(play(*args), outputs)

    assert played(ID.PLAY, True, 2012, 1972, 2012) == {TIMER_OFF: False, YEAR: 1972}
    assert played(ID.PLAY, True, 1990, 1972, 2012) == {TIMER_OFF: False, YEAR: no_update}
    assert played(ID.TIMER, False, 1990, 1972, 2012) == {TIMER_OFF: no_update,  # never
                                                         YEAR: 1991}  # re-enables
    assert played(ID.TIMER, False, 2011, 1972, 2012) == {TIMER_OFF: True, YEAR: 2012}
    assert played(ID.PLAY, False, 1990, 1972, 2012) == {TIMER_OFF: True, YEAR: no_update}
    assert played(ID.TIMER, True, 1990, 1972, 2012) == {  # a late tick
        TIMER_OFF: no_update, YEAR: no_update}


def _shown(out) -> dict[str, list]:
    """Node id → [colour, size, classes] from a full paint (a fresh page)."""
    change = out[(ID.PAINT, "data")]
    assert change["reset"] is True
    return {n[0]: n[1:] for n in change["nodes"]}


def test_render_shows_the_view(ds):
    state = normalise(ViewState(year=2000, actor="rae", lang="es"), ds)
    out = render(ds, state)
    assert set(out) == set(OUTPUTS)
    view = visible(ds, state.filters)
    shown = _shown(out)
    assert set(shown) == set(view.actors.index)
    assert shown["rae"][2].split()[:1] == ["on"] and "focus" in shown["rae"][2]
    base = out[(ID.GRAPH, "elements")]
    assert len(base) == len(ds.actors) + len(ds.ties)  # the whole data set, painted on top
    assert all("position" in e for e in base if "source" not in e["data"])
    assert "2000" in out[(ID.GRAPH_SUMMARY, "children")]
    assert "actores" in out[(ID.GRAPH_SUMMARY, "children")]
    assert out[(ID.GRAPH_EMPTY, "hidden")] is True
    assert out[(ID.SHARE_LINK, "href")] == "?" + state.to_query()
    assert "Red de Agricultura" in json.dumps(out[(ID.DETAILS, "children")], default=str)


def test_render_explains_an_empty_view(ds):
    out = render(ds, normalise(ViewState(levels=()), ds))
    assert out[(ID.GRAPH_EMPTY, "hidden")] is False
    assert out[(ID.GRAPH_EMPTY, "children")]
    assert _shown(out) == {}
    assert out[(ID.PAINT, "data")]["edges"] == []


def test_an_empty_view_says_when_network_assignments_are_only_inferred(ds):
    # every tie's network is our reading: "stated or sourced" in one network shows none of
    # its ties, and the page says why instead of "try another year"
    state = ViewState(year=2010, networks=("organic_market",), certainty=("stated", "sourced"))
    out = render(ds, normalise(state, ds))
    assert out[(ID.GRAPH_EMPTY, "hidden")] is False
    assert "our inference" in out[(ID.GRAPH_EMPTY, "children")]
    plain = render(ds, normalise(ViewState(levels=()), ds))[(ID.GRAPH_EMPTY, "children")]
    assert "our inference" not in plain


def test_a_step_sends_only_what_changed(ds):
    # 2007 -> 2006: a few actors and ties leave, a few nodes change size
    before = normalise(ViewState(year=2007, lang="en"), ds)
    after = normalise(ViewState(year=2006, lang="en"), ds)
    first = render(ds, before)
    key = first[(ID.PAINT, "data")]["key"]
    step = render(ds, after, painted=key)
    change = step[(ID.PAINT, "data")]
    assert step[(ID.GRAPH, "elements")] is no_update  # same language and arrangement
    assert change["reset"] is False and change["base"] == key and change["fit"] is False
    old, new = _shown(first), _shown(render(ds, after))
    # exactly the nodes that appear or change, and those that leave
    assert {n[0] for n in change["nodes"]} == {k for k, v in new.items() if old.get(k) != v}
    hidden_nodes = {k for k in change["hide"] if not k.startswith("tie:")}
    assert hidden_nodes == set(old) - set(new)
    assert len(change["nodes"]) < len(new) / 4 and change["hide"]  # not a full resend
    # applying the delta to the old picture gives the new one
    applied = {k: v for k, v in old.items() if k not in hidden_nodes}
    applied.update({n[0]: n[1:] for n in change["nodes"]})
    assert applied == new
    # the same view again: nothing to send
    again = render(ds, after, painted=change["key"])[(ID.PAINT, "data")]
    assert again["nodes"] == again["edges"] == again["hide"] == []


def test_new_language_or_arrangement_resends_the_base_but_keeps_the_paint(ds):
    state = normalise(ViewState(year=2005, lang="en"), ds)
    key = render(ds, state)[(ID.PAINT, "data")]["key"]
    es = render(ds, normalise(ViewState(year=2005, lang="es"), ds), painted=key)
    assert es[(ID.GRAPH, "elements")] is not no_update
    assert es[(ID.PAINT, "data")]["nodes"] == []  # labels come with the base; paint is the same
    levels = render(ds, normalise(ViewState(year=2005, lang="en", layout="levels"), ds),
                    painted=key)
    assert levels[(ID.PAINT, "data")]["fit"] is True
    positions = {e["data"]["id"]: e["position"] for e in levels[(ID.GRAPH, "elements")]
                 if "position" in e}
    assert positions["rae"] == {"x": ds.positions["levels"]["rae"][0],
                                "y": ds.positions["levels"]["rae"][1]}


def test_a_key_from_other_data_or_garbage_gets_a_full_paint(ds):
    state = normalise(ViewState(year=2005), ds)
    for key in (None, "", "nonsense", "0123456789abcdef|year=2005", 42):
        change = render(ds, state, painted=key)[(ID.PAINT, "data")]
        assert change["reset"] is True and change["base"] is None


def test_render_keeps_positions_across_years(ds):
    def pos(year, lang):
        out = render(ds, normalise(ViewState(year=year, lang=lang), ds))
        return {e["data"]["id"]: e["position"] for e in out[(ID.GRAPH, "elements")]
                if "position" in e}
    early, late = pos(1995, "en"), pos(2010, "es")
    assert early == late and len(early) == len(ds.actors)


def test_baked_elements_match_the_paint(ds):
    from callbacks.render import _state_paint
    from components.graph import base_elements, painted

    state = normalise(ViewState(year=2008), ds)
    p = _state_paint(ds, state)
    baked = painted(base_elements(ds, "en", "force"), p)
    assert len(baked) == len(p.nodes) + len(p.edges)
    assert all(e["classes"].startswith("on") for e in baked)


def test_the_browser_script_names_the_ids_it_uses():
    from pathlib import Path

    script = "\n".join(f.read_text() for f in
                        sorted((Path(__file__).parents[2] / "assets").glob("redes-*.js")))
    assert f'var GRAPH = "{ID.GRAPH}"' in script and f'"{ID.RESYNC}"' in script
    assert f'"{ID.TABLES_BOX}"' in script and f'"{ID.TABLES_OPEN}"' in script
    from components.ids import INTRO, SEARCH_HIT
    for name in (ID.CO_PATHS, ID.DETAILS, ID.SEARCH, ID.PRESENT_EXIT, ID.PRESENT_START,
                 ID.TIMER, ID.SCENE_NEXT, ID.SCENE_PREV, ID.AFFILIATION, ID.APP):
        assert f'"{name}"' in script, name
    assert f'"type":"{INTRO}"' in script and f'"type":"{SEARCH_HIT}"' in script


def test_search_hits_and_no_match_message(ds):
    assert hits(ds, "ecologica", "en")
    none = hits(ds, "zzzz", "es")
    assert not find_all(none, lambda c: isinstance(getattr(c, "id", None), dict)
                        and c.id.get("type") == SEARCH_HIT)  # no hit to choose
    message = find_all(none, lambda c: getattr(c, "className", None) == "none")
    assert len(message) == 1 and "zzzz" in message[0].children


# --- over HTTP ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client():
    return APP.server.test_client()


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json["status"] == "ok" and r.json["actors"] > 50


def test_layout_in_the_browsers_language(client):
    es = client.get("/_dash-layout", headers={"Accept-Language": "es-PE,es;q=0.9"}).get_data(True)
    en = client.get("/_dash-layout", headers={"Accept-Language": "en-US"}).get_data(True)
    assert "Filtros" in es and "Filters" in en


def test_layout_in_the_links_language_from_the_first_paint(client):
    # assets/0-data.js sends a link's lang= with the layout request: it beats the browser's
    es = client.get("/_dash-layout", headers={"Accept-Language": "en-US",
                                              "X-Redes-Lang": "es"}).get_data(True)
    assert "Filtros" in es and "Filters" not in es
    odd = client.get("/_dash-layout", headers={"Accept-Language": "en-US",
                                               "X-Redes-Lang": "xx"}).get_data(True)
    assert "Filters" in odd


def test_update_component_over_http(client):
    layout = client.get("/_dash-layout").json
    deps = client.get("/_dash-dependencies").json
    # the page holds every component the render callback writes
    on_page = ids_in_layout(layout)
    assert {cid for cid, _ in OUTPUTS} <= {i for i in on_page if isinstance(i, str)}
    ds = client.application.config["REDES_DATASET"]
    body = view_body(deps, ds, "year=1990")
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200, r.get_data(True)[:500]
    summary = r.json["response"][ID.GRAPH_SUMMARY]["children"]
    assert summary.startswith("1990:")
    paint = r.json["response"][ID.PAINT]["data"]
    assert paint["reset"] is True and "year=1990" in paint["key"]


def test_responses_are_compressed(client):
    r = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("Content-Encoding") == "gzip"


def test_bad_data_folder_gives_a_clear_error(tmp_path):
    from app import DataError

    with pytest.raises(DataError, match="missing"):
        create_app(Settings.from_env({"REDES_DATA": str(tmp_path)}))


# --- finding collaborators ---------------------------------------------------------------

def test_choose_from_clicks():
    from callbacks.collaborate import choose
    from components.ids import COLLAB_FOR, INTRO

    outputs = declared(APP, ME, TARGET, PANEL)
    nothing = dict.fromkeys(outputs, no_update)

    def chosen(*args) -> dict:
        return by_output(choose(*args), outputs)

    assert chosen({"type": COLLAB_FOR, "actor": "rae"}, 1, None, "details", None) == {
        ME: "rae", TARGET: None, PANEL: "collaborate"}
    assert chosen({"type": INTRO, "actor": "anpe"}, 1, None, "collaborate", "rae") == {
        **nothing, TARGET: "anpe"}
    assert chosen({"type": INTRO, "actor": "anpe"}, None, None, "collaborate",
                  "rae") == nothing  # drawn, not clicked
    tap = {"id": "idma"}
    assert chosen(ID.GRAPH, None, tap, "collaborate", None) == {**nothing, ME: "idma"}
    assert chosen(ID.GRAPH, None, tap, "collaborate", "rae") == {**nothing, TARGET: "idma"}
    assert chosen(ID.GRAPH, None, tap, "collaborate", "idma") == nothing
    assert chosen(ID.GRAPH, None, tap, "details", "rae") == nothing


def test_download_writes_safe_csv_of_the_linked_view(ds):
    import csv
    import io

    from callbacks.collaborate import download

    out = download(ds, ID.DOWNLOAD_SUGGESTIONS, "?year=2008&panel=collaborate&me=idma&lang=es")
    assert out["filename"] == "redes-suggestions-idma-2008.csv" and out["type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(out["content"].lstrip("\ufeff"))))
    assert rows and {"puesto", "id", "nombre", "puntuación (sobre 10)", "por qué"} <= set(rows[0])
    assert download(ds, ID.DOWNLOAD_PATHS, "?year=2008&panel=collaborate&me=idma") is None
    assert download(ds, ID.DOWNLOAD_SUGGESTIONS, "?year=2008") is None  # nobody chosen
    paths = download(ds, ID.DOWNLOAD_PATHS, "?year=2008&panel=collaborate&me=idma&target=galci")
    assert "idma;rae;consortium;galci" in paths["content"]


def test_render_collaborate_panel_and_focus(ds):
    state = normalise(ViewState.from_query(
        "year=2008&panel=collaborate&me=idma&target=galci&lang=en"), ds)
    out = render(ds, state)
    assert out[(ID.COLLAB_PANEL, "hidden")] is False and out[(ID.DETAILS_PANEL, "hidden")] is True
    text = json.dumps(out[(ID.COLLAB, "children")], default=str)
    assert "Suggested collaborators" in text and "Ways to GALCI" in text
    shown = _shown(out)
    assert "focus" in shown["idma"][2] and "path" in shown["galci"][2]
    assert "faded" in shown["cites"][2]
    assert set(out[(ID.PAINT, "data")]["frame"]) >= {"idma", "rae", "galci"}
    assert out[(ID.DOWNLOAD_PATHS, "disabled")] is False


def test_a_neutralised_csv_cannot_run_formulas():
    import pandas as pd

    from network.formats.spreadsheets import csv_text

    text = csv_text(pd.DataFrame({"name": ["=1+1", "@SUM(A1)", "+x", "-y", "RAE"],
                                  "n": [1, -2, 3, 4, 5]}))
    assert "'=1+1" in text and "'@SUM(A1)" in text and "'+x" in text and "'-y" in text
    assert ",-2" in text  # numbers stay numbers


# --- saving the view ---------------------------------------------------------------------

def test_server_files_for_each_button(ds):
    import base64
    import io
    import zipfile

    import networkx as nx
    import openpyxl

    from callbacks.exporting import server_file

    query = "?year=2008&levels=national%2Cglobal&lang=es"
    view = visible(ds, normalise(ViewState.from_query(query), ds).filters)
    graphml = server_file(ds, ID.EXPORT_GRAPHML, query)
    assert graphml["filename"].endswith(".graphml") and "2008" in graphml["filename"]
    g = nx.read_graphml(io.BytesIO(base64.b64decode(graphml["content"])))
    assert set(g.nodes) == set(view.actors.index) and g.number_of_edges() == len(view.ties)
    gexf = server_file(ds, ID.EXPORT_GEXF, query)
    assert set(nx.read_gexf(io.BytesIO(base64.b64decode(gexf["content"]))).nodes) == set(g.nodes)
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(
        server_file(ds, ID.EXPORT_TABLES, query)["content"])))
    assert book.sheetnames[0] == "Actores clave"
    csvs = zipfile.ZipFile(io.BytesIO(base64.b64decode(
        server_file(ds, ID.EXPORT_TABLES_CSV, query)["content"])))
    import pandas as pd

    key_csv = next(n for n in csvs.namelist() if n.endswith(".csv") and "actores" in n)
    frame = pd.read_csv(io.BytesIO(csvs.read(key_csv)), encoding="utf-8-sig")
    assert set(frame["id"]) == set(view.actors.index)
    content = server_file(ds, ID.EXPORT_DATA, query)["content"]
    data = zipfile.ZipFile(io.BytesIO(base64.b64decode(content)))
    assert "actors.csv" in data.namelist() and "datapackage.json" in data.namelist()


def test_evidence_pack_holds_the_picture_the_note_and_the_link(ds):
    import base64
    import datetime as dt
    import io
    import zipfile

    from callbacks.exporting import evidence

    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    out = evidence(ds, "?year=2008&actor=rae", "http://example.org",
                   "data:image/png;base64," + base64.b64encode(png).decode(),
                   today=dt.date(2026, 11, 29))
    pack = zipfile.ZipFile(io.BytesIO(base64.b64decode(out["content"])))
    names = pack.namelist()
    assert any(n.endswith(".png") for n in names)
    note = pack.read("methods.md").decode()
    assert "http://example.org/?year=2008&actor=rae" in note
    broken = evidence(ds, "?year=2008", "", "data:image/png;base64,@@@not base64")
    assert not any(n.endswith(".png") for n in zipfile.ZipFile(
        io.BytesIO(base64.b64decode(broken["content"]))).namelist())


def test_no_chart_offers_to_send_itself_off_the_machine(client):
    # Plotly's mode bar has a *Share chart* button that posts the chart to a web service
    def graphs(node):
        if isinstance(node, dict):
            if node.get("type") == "Graph" and node.get("namespace") == "dash_core_components":
                yield node["props"]
            for value in node.values():
                yield from graphs(value)
        elif isinstance(node, list):
            for value in node:
                yield from graphs(value)

    found = list(graphs(client.get("/_dash-layout").json))
    assert len(found) >= 4  # the two breakdowns and the discourse view's two charts
    for props in found:
        config = props.get("config") or {}
        assert config.get("displayModeBar") is False, props["id"]
        assert not config.get("showSendToCloud"), props["id"]


def test_a_presenter_step_draws_only_what_a_projector_shows(ds):
    # what assets/app.css hides while presenting is neither computed nor sent: a step is the
    # picture and its caption (leaving presenter mode draws the rest again)
    from callbacks.render import HIDDEN_WHILE_PRESENTING

    for shown in ("network", "discourses"):
        state = normalise(ViewState(year=2008, present=True, scene=0, view=shown), ds)
        out = render(ds, state)
        assert all(out[key] is no_update for key in HIDDEN_WHILE_PRESENTING)
        assert out[(ID.PRESENT_TITLE, "children")] and out[(ID.PAINT, "data")]
        back = render(ds, normalise(ViewState(year=2008, view=shown), ds))
        assert all(back[key] is not no_update for key in HIDDEN_WHILE_PRESENTING
                   if shown == "discourses" or not key[0].startswith("dv-"))


def test_the_breakdown_by_level_has_a_bar_for_levels_not_stated(ds):
    # "stated or sourced": most levels are our reading, and they are counted as such, not
    # under the level we guessed
    state = normalise(ViewState(year=2010, certainty=("stated", "sourced")), ds)
    figure = render(ds, state)[(ID.BREAKDOWN, "figure")]
    x = figure["data"][0]["x"]
    assert len(x) == 5 and x[-1] == "Not<br>stated"  # two short lines: never cut
    unstated = sum(trace["y"][-1] for trace in figure["data"])
    view = visible(ds, state.filters)
    assert unstated == int((view.actors["level"] == "unstated").sum()) > 0
    everything = render(ds, normalise(ViewState(year=2010), ds))[(ID.BREAKDOWN, "figure")]
    assert len(everything["data"][0]["x"]) == 4


def test_in_a_stated_only_view_a_level_not_stated_is_drawn_hollow_and_said_so(ds):
    # the level bands draw every actor at its level; one whose level is our inference must
    # not look placed there by a source (third walk: "the bands contradict the chart")
    state = normalise(ViewState(year=2010, layout="levels", certainty=("stated", "sourced"),
                                lang="en"), ds)
    out = render(ds, state)
    shown = _shown(out)
    levels = ds.actors.loc[list(shown), "level_certainty"]
    hollow = {a for a, (_, _, classes) in shown.items() if "unplaced" in classes.split()}
    assert hollow == set(levels.index[~levels.isin(["stated", "sourced"])]) and hollow
    assert "not given at this certainty" in json.dumps(out[(ID.LEGEND, "children")], default=str)
    everything = render(ds, normalise(ViewState(year=2010, layout="levels"), ds))
    assert not any("unplaced" in c for _, _, c in _shown(everything).values())
    legend = json.dumps(everything[(ID.LEGEND, "children")], default=str)
    assert "not given at this certainty" not in legend


def test_a_link_opened_is_drawn_in_the_answer_that_sets_its_controls(client):
    # one round trip: the address changes (a link, back or forward, a presenter's step)
    # and the same answer writes the controls and draws the view they name
    ds = client.application.config["REDES_DATASET"]
    body = view_body(client.get("/_dash-dependencies").json, ds, "", changed=ID.URL)
    url = next(i for i in body["inputs"] if i["id"] == ID.URL)
    url["value"] = "?year=1990&levels=national"
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200, r.get_data(True)[:500]
    answer = r.json["response"]
    assert answer[ID.YEAR]["value"] == 1990 and answer[ID.LEVELS]["value"] == ["national"]
    assert answer[ID.GRAPH_SUMMARY]["children"].startswith("1990:")
    assert ID.URL not in answer  # the address already says it
    assert answer[ID.SHARE_LINK]["href"].startswith("?year=1990&levels=national")


@pytest.mark.parametrize("trigger", [ID.BREAKDOWN_BY, ID.DV_PER, ID.RESYNC, "first"])
def test_a_redraw_that_moves_nothing_leaves_the_address_and_the_controls(ds, trigger):
    # the breakdown's choice, a finished measure, or a first load with no query
    values = _values(ds, "year=1995&levels=national")
    url, controls, state = view(ds, "?year=2001", trigger, "en", values)
    assert url is no_update and all(c is no_update for c in controls)
    assert state.year == 1995 and state.levels == ("national",)  # drawn as the controls say


def test_a_control_changed_with_a_redraw_still_moves_the_address(ds):
    # a play tick's year queued behind a finished measure's redraw: the year counts
    assert triggered([f"{ID.RESYNC}.data", f"{ID.YEAR}.value"], ID.RESYNC) == ID.YEAR
    values = _values(ds, "year=1995")
    url, _, state = view(ds, "?year=1994", triggered([f"{ID.RESYNC}.data",
                                                        f"{ID.YEAR}.value"], ID.RESYNC),
                         "en", values)
    assert "year=1995" in url and state.year == 1995
