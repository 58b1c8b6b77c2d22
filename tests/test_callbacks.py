"""Callbacks called as plain functions, and the app over HTTP (Flask test client)."""

import json

import pytest
from dash import no_update

from app import create_app
from callbacks.render import OUTPUTS, render
from callbacks.search import hits
from callbacks.state import CONTROLS, controls_from_state, pick, play, state_from_controls, sync
from components.ids import ID, PICK, SEARCH_HIT
from network.view import normalise, visible
from network.viewstate import ViewState
from settings import Settings


def _values(ds, query):
    return controls_from_state(ds, normalise(ViewState.from_query(query), ds), "en")


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
    values[[c[0] for c in CONTROLS].index(ID.YEAR)] = 1995
    url, controls = sync(ds, "", ID.YEAR, "en", values)
    assert "year=1995" in url
    assert controls == [no_update] * len(CONTROLS)


def test_sync_writes_the_controls_when_the_url_changes(ds):
    url, controls = sync(ds, "?year=1999&levels=national", ID.URL, "en", _values(ds, ""))
    assert url is no_update
    by_id = dict(zip([c[0] for c in CONTROLS], controls, strict=True))
    assert by_id[ID.YEAR] == 1999 and by_id[ID.LEVELS] == ["national"]
    assert by_id[ID.LANG] == "en"


def test_reset_goes_back_to_the_default_view_in_the_same_language(ds):
    values = _values(ds, "year=1990&levels=local&lang=es")
    url, controls = sync(ds, "?year=1990&levels=local&lang=es", ID.RESET, "en", values)
    assert ViewState.from_query(url) == ViewState(year=ds.last_year, lang="es")
    assert controls[[c[0] for c in CONTROLS].index(ID.YEAR)] == ds.last_year


def test_pick_takes_clicks_but_not_fresh_buttons():
    assert pick(ID.GRAPH, None, {"id": "rae"}, [], None) == "rae"
    assert pick({"type": PICK, "actor": "anpe"}, 1, None, [], None) == "anpe"
    assert pick({"type": SEARCH_HIT, "actor": "cer"}, None, None, [], None) is no_update
    assert pick(ID.SEARCH, 1, None, ["ecologica"], None) == "ecologica"
    assert pick(ID.SEARCH, 1, None, [], "rae") is no_update


def test_play_steps_through_the_years_and_stops_at_the_end():
    assert play(ID.PLAY, True, 2012, 1972, 2012) == (False, 1972)
    assert play(ID.PLAY, True, 1990, 1972, 2012) == (False, no_update)
    assert play(ID.TIMER, False, 1990, 1972, 2012) == (False, 1991)
    assert play(ID.TIMER, False, 2011, 1972, 2012) == (True, 2012)
    assert play(ID.PLAY, False, 1990, 1972, 2012) == (True, no_update)


def test_render_shows_the_view(ds):
    state = normalise(ViewState(year=2000, actor="rae", lang="es"), ds)
    out = render(ds, state)
    assert set(out) == set(OUTPUTS)
    view = visible(ds, state.filters)
    nodes = [e for e in out[(ID.GRAPH, "elements")] if "source" not in e["data"]]
    assert len(nodes) == len(view.actors)
    assert all("position" in n for n in nodes)
    assert "2000" in out[(ID.GRAPH_SUMMARY, "children")]
    assert "actores" in out[(ID.GRAPH_SUMMARY, "children")]
    assert out[(ID.GRAPH_EMPTY, "hidden")] is True
    assert out[(ID.SHARE_LINK, "href")] == "?" + state.to_query()
    assert "Red de Agricultura" in json.dumps(out[(ID.DETAILS, "children")], default=str)


def test_render_explains_an_empty_view(ds):
    out = render(ds, normalise(ViewState(levels=()), ds))
    assert out[(ID.GRAPH_EMPTY, "hidden")] is False
    assert out[(ID.GRAPH_EMPTY, "children")]
    assert out[(ID.GRAPH, "elements")] == []


def test_render_keeps_positions_across_years(ds):
    def pos(year):
        out = render(ds, normalise(ViewState(year=year), ds))
        return {e["data"]["id"]: e["position"] for e in out[(ID.GRAPH, "elements")] if "position" in e}
    early, late = pos(1995), pos(2010)
    shared = set(early) & set(late)
    assert shared and all(early[a] == late[a] for a in shared)


def test_search_hits_and_no_match_message(ds):
    assert hits(ds, "ecologica", "en")
    none = hits(ds, "zzzz", "es")
    assert "zzzz" in none[0].children


# --- over HTTP ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client():
    return create_app(Settings.from_env({})).server.test_client()


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json["status"] == "ok" and r.json["actors"] > 50


def test_layout_in_the_browsers_language(client):
    es = client.get("/_dash-layout", headers={"Accept-Language": "es-PE,es;q=0.9"}).get_data(True)
    en = client.get("/_dash-layout", headers={"Accept-Language": "en-US"}).get_data(True)
    assert "Filtros" in es and "Filters" in en


def test_update_component_over_http(client):
    layout = client.get("/_dash-layout").json
    assert layout
    deps = client.get("/_dash-dependencies").json
    render_cb = next(d for d in deps if d["output"].startswith("..graph.elements"))
    ds = client.application.config["REDES_DATASET"]
    values = _values(ds, "year=1990")
    inputs = [{"id": cid, "property": prop, "value": v}
              for (cid, _, prop), v in zip(CONTROLS, values, strict=True)]
    inputs.append({"id": ID.BREAKDOWN_BY, "property": "value", "value": "ngo_type"})
    body = {"output": render_cb["output"], "outputs": render_cb["outputs"] if "outputs" in render_cb
            else None, "inputs": inputs, "changedPropIds": [f"{ID.YEAR}.value"], "state": []}
    if body["outputs"] is None:
        body["outputs"] = [{"id": o.split(".")[0], "property": o.split(".")[1]}
                           for o in render_cb["output"].strip(".").split("...")]
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200, r.get_data(True)[:500]
    summary = r.json["response"][ID.GRAPH_SUMMARY]["children"]
    assert summary.startswith("1990:")


def test_responses_are_compressed(client):
    r = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("Content-Encoding") == "gzip"


def test_bad_data_folder_gives_a_clear_error(tmp_path):
    from app import DataError

    with pytest.raises(DataError, match="missing"):
        create_app(Settings.from_env({"REDES_DATA": str(tmp_path)}))
