"""The load test's parts (loadtest/), and its short version, which CI runs.

The recorded callback requests (loadtest/templates/) must still be what the page sends:
replayed on the app through Flask's test client, every one is answered (200 or 204) and
moves the view as a browser's would. When the page's callbacks change, this fails: re-record
with ``.venv/bin/python -m loadtest.record``.

The short run (``python -m loadtest.run --short``: 20 visitors, 3 uploaders, 25 s against
gunicorn on the loopback) fails on any 5xx or error. locust (and its gevent) runs in a
process of its own and never enters this one.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from loadtest.dash_calls import Page, browser_headers, bundled_actors, load_templates

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from app import create_app
    from settings import Settings

    store = tmp_path_factory.mktemp("store")
    return create_app(Settings.from_env({"REDES_STORE_DIR": str(store)})).server.test_client()


def _replay(client, page: Page, action: str, **change) -> list[int]:
    statuses = []
    for wave in page.action(action, **change):
        for path, call in wave:
            response = client.post(path, data=json.dumps(page.body(call)),
                                   headers=browser_headers("http://localhost"))
            statuses.append(response.status_code)
            assert response.status_code in (200, 204), (action, path, response.data[:300])
            if response.status_code == 200:
                page.apply(response.get_json())
    return statuses


def test_the_recorded_requests_still_drive_the_page(client):
    page = Page(load_templates(), random.Random(7))
    assert client.get("/_dash-layout").status_code == 200
    _replay(client, page, "page")
    painted = page.props[("painted", "data")]
    assert painted.endswith("|year=2012&lang=en"), painted

    _replay(client, page, "year", year=1994)
    assert "year=1994" in page.props[("url", "search")]
    assert "year=1994" in page.props[("painted", "data")]

    _replay(client, page, "filter", levels=["national", "global"])
    assert "levels=national%2Cglobal" in page.props[("url", "search")]

    actor = "idma" if "idma" in bundled_actors() else bundled_actors()[0]
    _replay(client, page, "profile", actor=actor)
    assert page.props[("selected", "data")] == actor
    assert f"actor={actor}" in page.props[("url", "search")]

    _replay(client, page, "collaborators")
    assert f"me={actor}" in page.props[("url", "search")]
    assert "panel=collaborate" in page.props[("url", "search")]


def test_varied_values_are_answered(client):
    page = Page(load_templates(), random.Random(11))
    _replay(client, page, "page")
    actors = bundled_actors()
    for _ in range(6):
        _replay(client, page, "year", year=page.some_year())
        _replay(client, page, "profile", actor=page.rng.choice(actors))
    _replay(client, page, "filter", levels=page.some_levels())
    _replay(client, page, "collaborators")


def test_the_runner_does_not_import_gevent():
    # gevent patches the standard library when locust starts: it must stay in locust's
    # own process, never in the runner's (nor in pytest's)
    code = ("import sys, loadtest.run, loadtest.faults, loadtest.dash_calls, loadtest.payloads;"
            "sys.exit('gevent' in sys.modules or 'locust' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


@pytest.mark.load
def test_short_load_run_has_no_error_and_no_5xx(tmp_path):
    out = tmp_path / "figures.json"
    process = subprocess.run(
        [sys.executable, "-m", "loadtest.run", "--short", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=150)
    report = process.stdout[-6000:] + process.stderr[-3000:]
    assert process.returncode == 0, report
    figures = json.loads(out.read_text())
    assert figures["errors"] == 0 and figures["5xx"] == 0, report
    rows = figures["rows"]
    for step in ("step open", "step year", "step filter", "step profile",
                 "step collaborators", "step upload"):
        assert rows.get(step, {}).get("n", 0) > 0, f"no {step} in the run\n{report}"
    assert rows["/healthz (probe)"]["n"] >= 20, report
    assert figures["uploads"]["accepted"] > 0, report
    print(report)
