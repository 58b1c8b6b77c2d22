"""Tests for serving.security through the real app (``create_app``) and Flask's test client:
the headers on every kind of response, cross-site requests refused, and every bad request
answered 4xx with its reason in JSON, never a 500 nor a traceback."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from pathlib import Path

import pytest

from app import create_app
from serving.security import API_KEY_HEADER, MAX_HEADER_BYTES
from settings import Settings

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
CB = "/_dash-update-component"
EVIL = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
SAME = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
#: A callback the page runs on the server, as the page sends it (search for an actor).
SEARCH = {"output": "search-hits.children",
          "outputs": {"id": "search-hits", "property": "children"},
          "inputs": [{"id": "search", "property": "value", "value": "ecologica"}],
          "state": [{"id": "lang", "property": "value", "value": "en"}],
          "changedPropIds": ["search.value"]}


def _app(tmp_path_factory, **env: str):
    store = tmp_path_factory.mktemp("security-store")
    # no rate limits: these tests send many requests from one client (serving.ratelimit's own)
    return create_app(Settings.from_env({"REDES_STORE_DIR": str(store), "REDES_RATE_API": "",
                                         "REDES_RATE_UPLOADS": "", **env}))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return _app(tmp_path_factory)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def _minimal_files() -> dict:
    return {"file": [(io.BytesIO(p.read_bytes()), p.name) for p in sorted(MINIMAL.glob("*.csv"))]}


def _body(r) -> str:
    return r.get_data().decode("utf-8", "replace")


# --- headers on every response --------------------------------------------------------------


def _page_script(client) -> str:
    """The address of a script of Dash's component suites, as the page names it."""
    page = _body(client.get("/"))
    return re.search(r'src="(/_dash-component-suites/dash/deps/react@[^"]+)"', page).group(1)


RESPONSES = {
    "page": lambda c: c.get("/"),
    "page with a link's state": lambda c: c.get("/?year=2000&lang=es"),
    "asset": lambda c: c.get("/assets/app.css"),
    "component suite": lambda c: c.get(_page_script(c)),
    "layout": lambda c: c.get("/_dash-layout"),
    "health API": lambda c: c.get("/healthz"),
    "upload API": lambda c: c.post("/api/datasets", data=_minimal_files(),
                                   content_type="multipart/form-data"),
    "callback": lambda c: c.post(CB, json=SEARCH),
    "template": lambda c: c.get("/template/redes-template-en.zip"),
    "404": lambda c: c.get("/template/redes-template-xx.xlsx"),
    "405": lambda c: c.get(CB),
    "403": lambda c: c.post(CB, json=SEARCH, headers=EVIL),
    "400": lambda c: c.post(CB, json={}),
}


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_carries_the_security_headers(app, client, kind):
    r = RESPONSES[kind](client)
    assert r.status_code < 500, _body(r)[:300]
    policy = dict(d.strip().split(" ", 1) for d in r.headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"].split() == ["'self'", *app.csp_hashes()]
    assert policy == {
        "default-src": "'self'", "script-src": policy["script-src"],
        "style-src": "'self' 'unsafe-inline'", "img-src": "'self' data: blob:",
        "font-src": "'self'", "connect-src": "'self'", "object-src": "'none'",
        "base-uri": "'self'", "form-action": "'self'", "frame-ancestors": "'self'"}
    assert "unsafe-eval" not in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "same-origin"
    assert r.headers["X-Frame-Options"] == "SAMEORIGIN"
    permissions = r.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "fullscreen=(self)"):
        assert feature in permissions


def test_the_policy_allows_exactly_the_pages_inline_scripts(app, client):
    page = _body(client.get("/"))
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", page, re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1)
              and not page[:m.start()].rstrip().endswith("<!--[if IE]>")]
    assert len(inline) >= 2  # Dash's renderer and the clientside callbacks
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
              for s in inline}
    script_src = client.get("/").headers["Content-Security-Policy"].split("script-src ")[1]
    assert set(script_src.split(";")[0].split()) == {"'self'"} | hashes


def test_frame_ancestors_come_from_the_setting(tmp_path_factory):
    app = _app(tmp_path_factory, REDES_FRAME_ANCESTORS="'self' https://example.org")
    r = app.server.test_client().get("/")
    assert "frame-ancestors 'self' https://example.org" in r.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in r.headers  # it cannot say "and example.org"


@pytest.mark.parametrize("value", ["'self'; script-src *", "https://a.org,https://b.org", ""])
def test_a_frame_ancestors_setting_that_could_break_the_policy_is_refused(value):
    with pytest.raises(ValueError, match="REDES_FRAME_ANCESTORS"):
        Settings.from_env({"REDES_FRAME_ANCESTORS": value})


# --- cross-site requests ---------------------------------------------------------------------


CROSS_SITE = {
    "browser says cross-site": EVIL,
    "browser says same-site (another subdomain)": {"Origin": "https://a.localhost",
                                                    "Sec-Fetch-Site": "same-site"},
    "Origin of another host, no Sec-Fetch-Site (plain-http browser)": {
        "Origin": "https://evil.example"},
    "Origin of another port": {"Origin": "http://localhost:8051"},
    "Origin null (sandboxed frame)": {"Origin": "null"},
}


@pytest.mark.parametrize("case", CROSS_SITE)
def test_a_cross_site_post_is_refused(client, case):
    headers = CROSS_SITE[case]
    callback = client.post(CB, json=SEARCH, headers=headers)
    upload = client.post("/api/datasets", data=_minimal_files(),
                         content_type="multipart/form-data", headers=headers)
    for r in (callback, upload):
        assert r.status_code == 403 and "another site" in r.json["error"]


def test_the_pages_own_requests_and_scripts_are_served(client):
    # the page's own callbacks: same-origin, Origin of the server
    r = client.post(CB, json=SEARCH, headers=SAME)
    assert r.status_code == 200 and "Ecol" in _body(r)
    # without Origin and Sec-Fetch-Site: no browser page (curl, scripts, make bench)
    assert client.post(CB, json=SEARCH).status_code == 200
    for headers in (SAME, {"Origin": "http://localhost"}, {}):
        r = client.post("/api/datasets", data=_minimal_files(),
                        content_type="multipart/form-data", headers=headers)
        assert r.status_code == 201, _body(r)
    # reading is never refused, wherever a link was followed from
    assert client.get("/", headers=EVIL).status_code == 200


def test_the_api_key_when_set_is_needed_by_the_upload_api_only(tmp_path_factory):
    client = _app(tmp_path_factory, REDES_API_KEY="s3cret").server.test_client()

    def upload(**headers):
        return client.post("/api/datasets", data=_minimal_files(),
                           content_type="multipart/form-data", headers=headers)

    assert upload().status_code == 403 and API_KEY_HEADER in upload().json["error"]
    assert upload(**{API_KEY_HEADER: "guess"}).status_code == 403
    assert upload(**{API_KEY_HEADER: "s3cret"}).status_code == 201
    assert upload(**{API_KEY_HEADER: "s3cret", **EVIL}).status_code == 403  # still cross-site
    assert client.post(CB, json=SEARCH, headers=SAME).status_code == 200  # the page needs none


# --- bad requests: 4xx with the reason, never a 500 ------------------------------------------


def _callback(**change) -> dict:
    return {**SEARCH, **change}


BAD = {
    # the callback endpoint
    "callback: malformed JSON": (
        400, lambda c: c.post(CB, data="{not json", content_type="application/json")),
    "callback: JSON that is a list": (400, lambda c: c.post(CB, json=[1, 2])),
    "callback: JSON nested 100,000 deep": (400, lambda c: c.post(
        CB, data="[" * 100_000 + "]" * 100_000, content_type="application/json")),
    "callback: JSON null": (400, lambda c: c.post(CB, data="null",
                                                  content_type="application/json")),
    "callback: empty object": (400, lambda c: c.post(CB, json={})),
    "callback: unknown output": (400, lambda c: c.post(CB, json=_callback(output="x.y"))),
    "callback: one that runs in the browser": (400, lambda c: c.post(CB, json=_callback(
        output="html-lang.data"))),
    "callback: inputs not a list": (400, lambda c: c.post(CB, json=_callback(inputs=5))),
    "callback: an input missing": (400, lambda c: c.post(CB, json=_callback(
        inputs=[]))),
    "callback: another component's input": (400, lambda c: c.post(CB, json=_callback(
        inputs=[{"id": "year", "property": "value", "value": 1}]))),
    "callback: an input without its id": (400, lambda c: c.post(CB, json=_callback(
        inputs=[{"property": "value", "value": "ecologica"}]))),
    "callback: state missing": (400, lambda c: c.post(CB, json=_callback(state=[]))),
    "callback: outputs of another shape": (400, lambda c: c.post(CB, json=_callback(
        outputs=[1, 2]))),
    "callback: changedPropIds not strings": (400, lambda c: c.post(CB, json=_callback(
        changedPropIds=[{"a": 1}]))),
    "callback: empty body": (415, lambda c: c.post(CB)),
    "callback: not JSON": (415, lambda c: c.post(CB, data="{}", content_type="text/plain")),
    "callback: GET": (405, lambda c: c.get(CB)),
    "callback: PUT": (405, lambda c: c.put(CB, json=SEARCH)),
    # the component suites
    "suites: ..%2f": (404, lambda c: c.get("/_dash-component-suites/dash/..%2f..%2fdash.py")),
    "suites: ../": (404, lambda c: c.get("/_dash-component-suites/dash/../../etc/passwd")),
    "suites: unknown package": (404, lambda c: c.get("/_dash-component-suites/os/x.js")),
    "suites: unknown file": (404, lambda c: c.get("/_dash-component-suites/dash/nope.js")),
    "suites: NUL": (404, lambda c: c.get("/_dash-component-suites/dash/x%00.js")),
    # the upload API
    "API: GET": (405, lambda c: c.get("/api/datasets")),
    "API: HEAD": (405, lambda c: c.head("/api/datasets")),
    "API: no body, no type": (415, lambda c: c.post("/api/datasets")),
    "API: JSON": (415, lambda c: c.post("/api/datasets", json={"file": "x"})),
    "API: unknown lang": (400, lambda c: c.post("/api/datasets?lang=xx", data=_minimal_files(),
                                                content_type="multipart/form-data")),
    "API: no files": (422, lambda c: c.post("/api/datasets", data={},
                                            content_type="multipart/form-data")),
    "API: 3,000 parts": (413, lambda c: c.post("/api/datasets", content_type="multipart/form-data",
                                               data={f"f{i}": "x" for i in range(3000)})),
    "API: unknown address below it": (404, lambda c: c.get("/api/nope")),
    # the rest
    "template: unknown language": (404, lambda c: c.get("/template/redes-template-xx.xlsx")),
    "template: unknown format": (404, lambda c: c.get("/template/redes-template-en.exe")),
    "template: no such address": (404, lambda c: c.get("/template/anything")),
    "asset: ..%2f": (404, lambda c: c.get("/assets/..%2fapp.py")),
    "asset: missing": (404, lambda c: c.get("/assets/nope.js")),
    "health: POST": (405, lambda c: c.post("/healthz")),
    "layout: POST": (405, lambda c: c.post("/_dash-layout")),
    "huge headers": (431, lambda c: c.get("/", headers={"X-Big": "a" * MAX_HEADER_BYTES})),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_request_is_a_4xx_with_its_reason(client, case):
    status, send = BAD[case]
    r = send(client)
    assert r.status_code == status, _body(r)[:300]
    assert "Traceback" not in _body(r) and "File \"" not in _body(r)
    if r.request.method != "HEAD":
        assert r.is_json, _body(r)[:300]
        reason = r.json.get("error") or r.json["problems"][0]["message"]
        assert len(reason) > 10
    if status == 405:
        assert "POST" in r.headers["Allow"] or "GET" in r.headers["Allow"]


def test_too_many_parts_say_so_not_too_large(client):
    r = BAD["API: 3,000 parts"][1](client)
    assert "1000 files" in r.json["error"] and "larger than" not in r.json["error"]


def test_reasons_are_in_the_readers_language(client):
    r = client.post(CB, json={}, headers={"Accept-Language": "es-PE,es;q=0.9"})
    assert r.status_code == 400 and "solicitud" in r.json["error"]
    r = client.post("/api/datasets?lang=es", json={})
    assert r.status_code == 415 and "Esta dirección lee" in r.json["error"]


def test_a_fault_is_a_500_that_tells_nothing_of_it(tmp_path_factory, caplog):
    app = _app(tmp_path_factory)

    @app.server.route("/boom")
    def boom():
        raise RuntimeError("secret detail of the fault")

    r = app.server.test_client().get("/boom")
    assert r.status_code == 500 and r.is_json
    assert "secret detail" not in _body(r) and "Traceback" not in _body(r)
    assert "logged" in r.json["error"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "secret detail of the fault" in caplog.text  # the log has it


def test_a_fresh_servers_threads_all_get_the_component_scripts(tmp_path):
    # Dash used to register its scripts on the first request only after flagging the set-up
    # done: a second thread of a fresh gunicorn worker got 404 for react-dom and others
    import re
    from concurrent.futures import ThreadPoolExecutor

    from app import create_app
    from settings import Settings

    app = create_app(Settings.from_env({"REDES_STORE_DIR": str(tmp_path)}))
    assert app.registered_paths["dash"]  # registered before any request
    page = app.server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    fresh = create_app(Settings.from_env({"REDES_STORE_DIR": str(tmp_path)}))

    def fetch(url):
        return fresh.server.test_client().get(url).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(fetch, scripts * 2))
    assert scripts and set(codes) == {200}


def test_the_page_s_first_words_are_in_the_reader_s_language(client):
    # journeys-5, the policymaker: a Spanish link showed Dash's "Loading..." for 3 s
    spanish = client.get("/?lang=es").get_data(as_text=True)
    assert "Cargando Redes…" in spanish and "Loading..." not in spanish
    browser = client.get("/", headers={"Accept-Language": "es-PE,es;q=0.9"})
    assert "Cargando Redes…" in browser.get_data(as_text=True)
    assert "Loading Redes…" in client.get("/?lang=en").get_data(as_text=True)
