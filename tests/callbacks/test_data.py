"""Bring your own data in the app: the page and its callbacks answer for the data set the
tab names (a request header), the upload report, publication and the template routes."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pytest
from dash import no_update

from app import create_app
from callbacks.data import publish, upload
from callbacks.state import controls_from_state, sync
from components import data as data_view
from components.ids import ID
from network.view.state import ViewState
from network.view.visible import normalise
from serving.library import Library
from serving.rebuild import forget_datasets
from settings import Settings
from tests.callbacks.outputs import by_output, declared
from tests.callbacks.view_request import view_body

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
OWN = "X-Redes-Data"
LINK = "X-Redes-Link"
URL, STATUS = (ID.URL, "search"), (ID.DATA_STATUS, "children")
PUBLISH_HIDDEN, SHARE = (ID.DATA_PUBLISH, "hidden"), (ID.SHARE_LINK, "href")


def data_url(path: Path) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(path.read_bytes()).decode()


def sent(folder: Path) -> dict:
    return {"files": [[p.name, data_url(p)] for p in sorted(folder.iterdir()) if p.is_file()]}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    forget_datasets()
    store = tmp_path_factory.mktemp("store")
    yield create_app(Settings.from_env({"REDES_STORE_DIR": str(store)}))
    forget_datasets()


@pytest.fixture(scope="module")
def library(app) -> Library:
    return app.server.config["REDES_LIBRARY"]


@pytest.fixture(scope="module")
def key(library) -> str:
    result = library.read([(p.name, p.read_bytes()) for p in sorted(MINIMAL.glob("*.csv"))])
    assert result.dataset is not None
    return result.content_key


@pytest.fixture
def client(app):
    return app.server.test_client()


# --- the page and its callbacks answer for the tab's data set ---------------------------


def test_the_page_is_built_for_the_data_set_the_tab_names(client, key, ds):
    bundled = client.get("/_dash-layout").get_data(True)
    own = client.get("/_dash-layout", headers={OWN: key}).get_data(True)
    assert "Organic producers" in own and "You are exploring your own data" in own
    assert "You are exploring" not in bundled and key not in bundled
    assert f"All {len(ds.networks)} networks" in bundled and "All 2 networks" in own


def test_an_unpublished_link_opens_the_bundled_data_with_a_note(client, key, ds):
    r = client.get("/healthz", headers={LINK: key}).json
    assert r["actors"] == len(ds.actors) and r["upload"] is None
    page = client.get("/_dash-layout", headers={LINK: key}).get_data(True)
    assert "is not on the server" in page  # says why it shows the bundled data


@pytest.mark.parametrize("value", ["ab" * 32, "not-a-key", "../../etc/passwd", ""])
def test_an_unknown_or_bad_key_gives_the_bundled_data(client, value, ds):
    r = client.get("/healthz", headers={OWN: value})
    assert r.status_code == 200 and r.json["actors"] == len(ds.actors)
    assert client.get("/_dash-layout", headers={OWN: value}).status_code == 200


def _render_request(client, query: str, headers: dict) -> dict:
    """Post the view callback as the browser does; the response's outputs."""
    from network import load

    ds = load(MINIMAL).dataset if headers else load().dataset
    body = view_body(client.get("/_dash-dependencies").json, ds, query)
    r = client.post("/_dash-update-component", json=body, headers=headers)
    assert r.status_code == 200, r.get_data(True)[:500]
    return r.json["response"]


def test_every_step_is_computed_on_the_tabs_data_set(client, key, library):
    own = _render_request(client, "year=2010", {OWN: key})
    assert own[ID.GRAPH_SUMMARY]["children"] == "2010: 4 actors and 3 ties in view."
    bundled = _render_request(client, "year=2010", {})
    assert bundled[ID.GRAPH_SUMMARY]["children"].startswith("2010:")
    assert not re.search(r"\b4 actors", bundled[ID.GRAPH_SUMMARY]["children"])
    # the share link names the data set only once it is published
    assert "data=" not in own[ID.SHARE_LINK]["href"]


# --- upload and report ------------------------------------------------------------------


def test_a_valid_upload_gives_a_key_and_a_summary(library):
    stored = upload(library, sent(MINIMAL), "en")
    assert len(stored["key"]) == 64 and stored["summary"] == {
        "actors": 4, "ties": 3, "first": 1989, "last": 2012, "dated": True}
    text = str(data_view.report(stored, "en"))
    # the time line starts with the first tie (1989), not the oldest founding (1978)
    assert "valid, with 4 actors and 3 ties, 1989–2012" in text


def test_a_broken_upload_is_reported_with_sheet_row_and_column_in_both_languages(library):
    stored = upload(library, sent(HOSTILE / "duplicate_ids"), "en")
    assert stored["key"] is None
    assert stored["problems"][0][:5] == ["error", "book.xlsx › actors", "v.duplicate", 6, "id"]
    en, es = str(data_view.report(stored, "en")), str(data_view.report(stored, "es"))
    assert "1 error, so nothing was loaded" in en
    assert "“ideas” appears more than once" in en
    assert "Qué cambiar" in es and "Fila" in es and "aparece más de una vez" in es


def test_warnings_do_not_block_and_assumptions_are_listed(library):
    stored = upload(library, sent(HOSTILE / "kumu_workbook"), "en")
    assert stored["key"] and stored["assumed"]
    text = str(data_view.report(stored, "en"))
    assert "What Redes assumed" in text


def test_what_the_browser_sends_is_checked(library):
    assert upload(library, None, "en") is no_update
    assert upload(library, {"files": "nonsense"}, "en") is no_update
    assert upload(library, ["not", "a", "dict"], "en") is no_update
    stored = upload(library, {"files": [["a.csv", 42], ["b.csv"], "junk"]}, "en")
    assert stored["key"] is None and stored["problems"]  # a message, not an exception


def test_too_big_and_reading_messages():
    big = {"names": ["huge.zip"], "too_big": {"size": 50 * 2**20, "limit": 20 * 2**20}}
    assert "huge.zip is 50 MB, larger than the 20 MB" in str(data_view.report(big, "en"))
    assert "pesa 50 MB" in str(data_view.report(big, "es"))
    assert "Reading a.csv" in str(data_view.report({"names": ["a.csv"], "reading": True}, "en"))
    assert data_view.report(None, "en") == []


# --- publication -------------------------------------------------------------------------


def _publish(app, *args) -> dict:
    """``publish``'s answer by (id, property), as the publish callback declares it."""
    return by_output(publish(*args), declared(app, URL, STATUS, PUBLISH_HIDDEN, SHARE))


def test_publishing_puts_the_data_set_in_links(app, library, key):
    with app.server.test_request_context(headers={OWN: key}):
        out = _publish(app, library, "?year=2000", "en")
    assert out[URL] == out[SHARE] == f"?year=2000&data={key}" and out[PUBLISH_HIDDEN] is True
    banner, _, note, _, link = out[STATUS]
    assert "a published data set" in banner and "shown only this once" in note
    assert link.href.startswith(f"/withdraw/{key}?secret=")
    assert library.opens(key).published
    # once published, the address the controls write carries the key
    ds = library.find(key)
    values = controls_from_state(ds, normalise(ViewState(year=2005), ds), "en")
    new_url, _ = sync(ds, "?year=2000", ID.YEAR, "en", values, key)
    assert new_url == f"?year=2005&lang=en&data={key}"


def test_publishing_without_an_upload_says_so(app, library):
    with app.server.test_request_context():
        out = _publish(app, library, "", "en")
    assert out[URL] is no_update and "could not be published" in out[STATUS]


def test_a_link_keeps_only_a_well_formed_key():
    assert ViewState.from_query("data=" + "ab" * 32).data == "ab" * 32
    assert ViewState.from_query("data=../x").data is None
    assert ViewState(data="ab" * 32).to_query() == "data=" + "ab" * 32


# --- templates and the upload API --------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_templates_are_served(client, lang):
    xlsx = client.get(f"/template/redes-template-{lang}.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert f"redes-template-{lang}.xlsx" in xlsx.headers["Content-Disposition"]
    csvs = client.get(f"/template/redes-template-{lang}.zip")
    assert csvs.status_code == 200 and csvs.mimetype == "application/zip"
    assert client.get(f"/template/redes-template-{lang}.exe").status_code == 404
    assert client.get("/template/redes-template-fr.xlsx").status_code == 404


def test_the_upload_api_answers_with_the_report(client):
    files = {"file": [(p.open("rb"), p.name) for p in sorted(MINIMAL.glob("*.csv"))]}
    r = client.post("/api/datasets", data=files, content_type="multipart/form-data")
    assert r.status_code == 201 and r.json["valid"] and len(r.json["key"]) == 64
    bad = client.post("/api/datasets?lang=es", content_type="multipart/form-data", data={
        "file": [((HOSTILE / "duplicate_ids" / "book.xlsx").open("rb"), "book.xlsx")]})
    assert bad.status_code == 422 and bad.json["problems"][0]["row"] == 6
    assert "más de una vez" in bad.json["problems"][0]["message"]


# --- every view on uploaded data ----------------------------------------------------------

VALID_UPLOADS = ["minimal", "no_discourses", "kumu_workbook", "gexf_unknown_attributes",
                 "isolated_actor", "html_in_names", "formulas", "latin1_encoding"]


@pytest.mark.parametrize("case", VALID_UPLOADS)
def test_every_view_works_on_uploaded_data(case):
    from callbacks.exporting import FILES, evidence, server_file
    from callbacks.render import render
    from components import tables
    from network.formats.upload import read_upload

    folder = MINIMAL if case == "minimal" else HOSTILE / case
    ds = read_upload([(p.name, p.read_bytes()) for p in sorted(folder.iterdir())
                      if p.is_file()]).dataset
    assert ds is not None
    first = ds.actors.index[0]
    for query in ("", "view=discourses", f"panel=collaborate&me={first}", f"actor={first}",
                  "present=1", "layout=levels&colour=level", f"year={ds.first_year}&lang=es"):
        state = normalise(ViewState.from_query(query), ds)
        out = render(ds, state, scenes=[] if state.present else None)
        assert out[(ID.GRAPH_SUMMARY, "children")]
        assert tables.tables(ds, state, "es", None)
    discourses = render(ds, normalise(ViewState(view="discourses"), ds))
    assert discourses[(ID.DV_ROLES, "children")] == ""  # the thesis's note is not about it
    if ds.discourses.empty:
        assert "records no discourses" in discourses[(ID.DV_COMPARE, "children")]
    for button in FILES:
        assert server_file(ds, button, "?lang=es", "ngo_type")["content"]
    pack = evidence(ds, "?", "http://127.0.0.1", "data:image/png;base64,iVBORw0KGgo=", "ngo_type")
    assert pack["filename"].endswith(".zip")


def test_an_untitled_upload_is_named_in_the_readers_language(client, key):
    es = client.get("/_dash-layout", headers={OWN: key, "Accept-Language": "es"}).get_data(True)
    assert "“Datos sin título” (4 actores" in es


# --- a page never mixes two data sets ----------------------------------------------------


def test_the_layout_says_which_data_set_it_was_built_with(client, key):
    assert client.get("/_dash-layout", headers={OWN: key}).headers["X-Redes-Page-Data"] == key
    assert client.get("/_dash-layout").headers["X-Redes-Page-Data"] == ""
    gone = client.get("/_dash-layout", headers={OWN: "ab" * 32})
    assert gone.headers["X-Redes-Page-Data"] == "" and gone.headers["X-Redes-Forget"] == "1"
    closed = client.get("/_dash-layout", headers={LINK: "cd" * 32})  # a link: nothing to forget
    assert closed.headers["X-Redes-Page-Data"] == "" and "X-Redes-Forget" not in closed.headers


def test_an_unreachable_store_is_not_a_reason_to_forget(app, client, key, monkeypatch):
    from serving.store import StoreError

    def down(*_args, **_kwargs):
        raise StoreError("Redis: connection refused")

    forget_datasets()
    monkeypatch.setattr(app.server.config["REDES_LIBRARY"].store, "get_dataset", down)
    r = client.get("/_dash-layout", headers={OWN: key})
    assert r.status_code == 200 and r.headers["X-Redes-Page-Data"] == ""
    assert "X-Redes-Forget" not in r.headers


def test_a_callback_for_a_data_set_gone_since_the_page_loaded_changes_nothing(client):
    """The page is told, and no output is answered with the bundled data instead."""
    gone = "ef" * 32
    r = client.post("/_dash-update-component", headers={OWN: gone}, json={
        "output": f"{ID.SEARCH_HITS}.children", "outputs": {"id": ID.SEARCH_HITS,
                                                           "property": "children"},
        "inputs": [{"id": ID.SEARCH, "property": "value", "value": "rae"}],
        "state": [{"id": ID.LANG, "property": "value", "value": "en"}],
        "changedPropIds": [f"{ID.SEARCH}.value"]})
    assert r.status_code == 200
    body = r.json
    assert ID.SEARCH_HITS not in body.get("response", {})  # no answer from other data
    side = body["sideUpdate"]
    assert side[ID.DATA_BANNER] == {"hidden": False}
    assert "cannot be reached just now" in side[ID.DATA_STATUS]["children"]


def test_an_edge_list_with_no_year_gets_none_made_up(library, tmp_path):
    # journeys-4: every actor was "founded 2000 (our inference)", the verdict said 2000–2000
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,weight\nAna,Beto,2\nBeto,Carla,1\n", encoding="utf-8")
    stored = upload(library, {"files": [[edges.name, data_url(edges)]]}, "en")
    assert stored["key"] and stored["summary"]["dated"] is False
    text = str(data_view.report(stored, "en"))
    assert "edges.csv: valid, with 3 actors and 2 ties, and no year given." in text
    assert "none was made up" in text and "2000" not in text
    ds = library.find(stored["key"])
    assert not ds.dated and library.current(None).dataset.dated
    assert (ds.actors["founded_certainty"] == "unknown").all()


def test_the_verdict_counts_every_problem_even_those_not_listed(library):
    """600 bad years: 500 listed, one line for the rest, and the verdict says 600."""
    files = [(p.name, p.read_bytes()) for p in sorted(MINIMAL.glob("*.csv"))]
    actors = dict(files)["actors.csv"].decode().splitlines()
    rows = [actors[2].replace("ideas,", f"x{i},", 1).replace(",1978,", ",19x8,", 1)
            for i in range(600)]
    files = [(n, "\n".join([*actors, *rows]).encode() + b"\n" if n == "actors.csv" else b)
             for n, b in files]
    stored = data_view.result_to_store(library.read(files), ["actors.csv"])
    text = str(data_view.report(stored, "en"))
    assert "600 errors, so nothing was loaded" in text
    assert "and 200 more problem(s)" in text  # 100 errors and 100 warnings (no ties)


def test_provenance_of_an_upload_does_not_speak_of_the_thesis(client, key):
    own = client.get("/_dash-layout", headers={OWN: key, "Accept-Language": "es"}).get_data(True)
    assert "Redes revisó su forma" in own and "Datos sin título" in own
    assert "resumen de la tesis (S0)" not in own
    bundled = client.get("/_dash-layout").get_data(True)
    assert "Compiled from the thesis summary (S0)" in bundled


def test_an_over_size_request_is_refused_in_the_readers_language(tmp_path):
    small = create_app(Settings.from_env({"REDES_UPLOAD_MAX_MB": "1",
                                          "REDES_STORE_DIR": str(tmp_path)}))
    r = small.server.test_client().post("/api/datasets", data=b"x" * (3 * 2**20),
                                        headers={"Accept-Language": "es"},
                                        content_type="application/octet-stream")
    assert r.status_code == 413 and "no se leyó nada" in r.json["error"]
    assert "1 MB" in r.json["error"]


def test_uploads_kept_for_ever_are_not_said_to_expire():
    note = data_view.gone_note("en", 0)
    assert "hours" not in note and "not on the server" in note
    assert "168 hours" in data_view.gone_note("en", 168)



# --- the upload as a background job ---------------------------------------------------------


def test_the_upload_job_reports_its_stages(library):
    stages = []
    stored = upload(library, sent(MINIMAL), "en", stages.append)
    assert stored["key"] and stages == ["read", "check", "layout", "store"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_upload_job_past_its_time_is_stopped_with_a_message(app, monkeypatch, lang):
    import time

    from serving.library import Library

    slow = Library(app.server.config["REDES_LIBRARY"].bundled,
                   app.server.config["REDES_LIBRARY"].store, job_seconds=0.3)

    def read(*_args, **_kwargs):
        time.sleep(5)  # a reader stuck on a huge file

    monkeypatch.setattr(slow, "read", read)
    began = time.monotonic()
    stored = upload(slow, sent(MINIMAL), lang)
    assert time.monotonic() - began < 3
    assert stored["key"] is None and stored["errors"] == 1
    text = str(data_view.report(stored, lang))
    assert "0.3" in text and ("seconds" in text if lang == "en" else "segundos" in text)
    assert "Traceback" not in text


def test_an_upload_job_past_its_memory_is_stopped_with_a_message(app, monkeypatch):
    from serving.library import Library

    greedy = Library(app.server.config["REDES_LIBRARY"].bundled,
                     app.server.config["REDES_LIBRARY"].store, job_memory_mb=64)

    def read(*_args, **_kwargs):
        return bytearray(512 * 2**20)  # half a gigabyte at once

    monkeypatch.setattr(greedy, "read", read)
    stored = upload(greedy, sent(MINIMAL), "en")
    assert stored["key"] is None and "64 MB" in str(data_view.report(stored, "en"))
    # the limit is lifted after the job: the process can allocate again
    assert len(bytearray(256 * 2**20)) == 256 * 2**20



# --- withdrawing a published data set -----------------------------------------------------------


def test_the_publisher_withdraws_a_data_set_with_the_secret_link(tmp_path):
    forget_datasets()
    app = create_app(Settings.from_env({"REDES_STORE_DIR": str(tmp_path)}))
    library = app.server.config["REDES_LIBRARY"]
    client = app.server.test_client()
    files = [(p.name, p.read_bytes()) for p in sorted(MINIMAL.glob("*.csv"))]
    key = library.read(files).content_key
    with app.server.test_request_context(headers={OWN: key}):
        out = _publish(app, library, "", "es")
    href = out[STATUS][-1].href
    assert library.opens(key).published
    # the link asks first: a preview or a prefetch withdraws nothing
    page = client.get(href, headers={"Accept-Language": "es"})
    assert page.status_code == 200 and "Retirarlo" in page.text
    assert library.opens(key).published
    # a wrong secret withdraws nothing
    wrong = client.post(f"/withdraw/{key}", data={"secret": "x" * 32},
                        headers={"Sec-Fetch-Site": "same-origin"})
    assert wrong.status_code == 403 and library.opens(key).published
    secret = href.split("secret=", 1)[1]
    done = client.post(f"/withdraw/{key}", data={"secret": secret},
                       headers={"Sec-Fetch-Site": "same-origin"})
    assert done.status_code == 200 and "no longer on this server" in done.text
    assert not library.opens(key).published and library.find(key) is None
    # from another site, nothing is withdrawn even with the secret (cross-site check)
    assert client.post(f"/withdraw/{key}", data={"secret": secret},
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    forget_datasets()



# --- rate limits ------------------------------------------------------------------------------


@pytest.fixture
def strict(tmp_path):
    """An app that takes two uploads, publications and API uploads a minute per client."""
    forget_datasets()
    yield create_app(Settings.from_env({
        "REDES_STORE_DIR": str(tmp_path), "REDES_RATE_UPLOADS": "2/minute",
        "REDES_RATE_PUBLISH": "2/minute", "REDES_RATE_API": "2/minute"}))
    forget_datasets()


def test_a_burst_of_api_uploads_gets_429_with_retry_after(strict):
    client = strict.server.test_client()
    answers = []
    for _ in range(4):
        files = [("file", (io.BytesIO(p.read_bytes()), p.name)) for p in MINIMAL.glob("*.csv")]
        answers.append(client.post("/api/datasets?lang=es", data={"file": [f[1] for f in files]},
                                   content_type="multipart/form-data"))
    assert [a.status_code for a in answers] == [201, 201, 429, 429]
    assert 1 <= int(answers[2].headers["Retry-After"]) <= 60
    assert "inténtelo de nuevo" in answers[2].get_json()["error"]
    # another client is not held back by this one
    other = client.post("/api/datasets", environ_base={"REMOTE_ADDR": "10.1.2.3"},
                        data={"file": [(io.BytesIO(p.read_bytes()), p.name)
                                       for p in MINIMAL.glob("*.csv")]},
                        content_type="multipart/form-data")
    assert other.status_code == 201


def _page_upload(client, names: list[str], changed: list[str] | None = None):
    body = {"output": f"{ID.DATA_RESULT}.data", "outputs": {"id": ID.DATA_RESULT,
                                                           "property": "data"},
            "inputs": [{"id": ID.DATA_SENT, "property": "data",
                        "value": {"files": [[n, "data:text/csv;base64,"] for n in names]}}],
            "state": [{"id": ID.LANG, "property": "value", "value": "en"}],
            "changedPropIds": [f"{ID.DATA_SENT}.data"] if changed is None else changed}
    return client.post("/_dash-update-component", json=body,
                       headers={"Sec-Fetch-Site": "same-origin"})


def test_a_burst_of_page_uploads_is_told_when_to_try_again(strict):
    client = strict.server.test_client()
    answers = [_page_upload(client, ["actors.csv"]) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert "cacheKey" in answers[0].get_json()  # the first two start jobs
    refused = answers[2].get_json()
    stored = refused["response"][ID.DATA_RESULT]["data"]
    assert refused["multi"] is True and stored["key"] is None and stored["names"] == ["actors.csv"]
    text = str(data_view.report(stored, "en"))
    assert "try again in" in text and "Nothing was read" in text
    assert "problem-table" not in text and "Correct the rows" not in text  # no rows to fix
    assert int(answers[2].headers["Retry-After"]) >= 1


def test_a_burst_of_publications_is_told_when_to_try_again(strict):
    library = strict.server.config["REDES_LIBRARY"]
    key = library.read([(p.name, p.read_bytes()) for p in MINIMAL.glob("*.csv")]).content_key
    statuses = []
    for _ in range(3):
        with strict.server.test_request_context(headers={OWN: key}):
            statuses.append(_publish(strict, library, "", "en")[STATUS])
    assert "published" in str(statuses[1]) and "try again in" in statuses[2]



def test_publishing_again_gives_no_new_secret_and_the_first_still_withdraws(tmp_path):
    # anyone with a published link knows the key and could ask to publish it again: only
    # the first publisher ever gets a withdraw secret, and it is never replaced
    forget_datasets()
    app = create_app(Settings.from_env({"REDES_STORE_DIR": str(tmp_path)}))
    library = app.server.config["REDES_LIBRARY"]
    key = library.read([(p.name, p.read_bytes()) for p in MINIMAL.glob("*.csv")]).content_key
    first = library.publish(key)
    assert first and library.publish(key) == ""
    with app.server.test_request_context(headers={OWN: key}):
        again = _publish(app, library, "", "en")[STATUS]
    assert "withdraw" not in json.dumps(again, default=str).lower()
    assert not library.withdraw(key, "x" * 32)
    assert library.withdraw(key, first)
    forget_datasets()


def test_an_upload_request_counts_whatever_it_says_changed(strict):
    # Dash runs the callback the body's output names: an empty changedPropIds must not
    # slip past the count
    client = strict.server.test_client()
    answers = [_page_upload(client, ["a.csv"], changed).get_json()
               for changed in ([], ["nothing.here"], [])]
    assert ["multi" in a for a in answers] == [False, False, True]  # the third is refused


def test_a_misshapen_upload_request_over_the_limit_is_still_refused_cleanly(strict):
    client = strict.server.test_client()
    for _ in range(2):
        _page_upload(client, ["a.csv"])
    odd = {"output": f"{ID.DATA_RESULT}.data", "outputs": {"id": ID.DATA_RESULT,
                                                          "property": "data"},
           "inputs": [{"id": ID.DATA_SENT, "property": "data", "value": "not files"}],
           "state": [{"id": ID.LANG, "property": "value", "value": "en"}],
           "changedPropIds": []}
    response = client.post("/_dash-update-component", json=odd,
                           headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.get_json()["response"][ID.DATA_RESULT]["data"]["names"] == []
