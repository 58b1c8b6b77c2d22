"""A measure too slow for a web request (issue 16): the page draws the view by a quick
measure, says so, and a background job computes the chosen one into the shared store; a job
that passes its limits is remembered and the page says why. The size at which a measure
counts as slow is lowered here (``SLOW_ABOVE``) so that small data shows the mechanism."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

import network.analysis.ranking as ranking
from callbacks.render import measure_outputs
from components.ids import ID
from network import load
from network.analysis.metrics import SLOW_ABOVE, compute
from network.analysis.ranking import (
    FAILED,
    PENDING,
    QUICK,
    READY,
    failure_of,
    measurable,
    measure_failed,
    measure_in_background,
    measure_status,
    metric_values,
)
from network.view.state import Filters, ViewState
from network.view.visible import visible
from serving import jobs
from serving.library import Library
from serving.rebuild import forget_datasets
from serving.store import DiskStore

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


class Shared:
    """A derived-results store in memory (the DiskStore's and Redis's interface)."""

    def __init__(self):
        self.values: dict = {}

    def cache_get(self, key):
        return self.values.get(key)

    def cache_set(self, key, value):
        self.values[key] = value


@pytest.fixture
def slow_betweenness(monkeypatch):
    monkeypatch.setitem(SLOW_ABOVE, "betweenness", 10)


@pytest.fixture
def shared_ds():
    return replace(load().dataset, derived_cache=Shared())


def test_a_slow_measure_waits_for_its_job_and_a_quick_one_does_not(slow_betweenness,
                                                                     shared_ds):
    view = Filters(year=2008)
    assert measure_status(shared_ds, view, "betweenness") == PENDING
    assert measure_status(shared_ds, view, "degree") == READY
    measure_in_background(shared_ds, view, "betweenness")
    assert measure_status(shared_ds, view, "betweenness") == READY
    # the job kept this year's and the year before's (the key actors' change) measures
    assert len(shared_ds.derived_cache.values) == 2
    seen = visible(shared_ds, view)
    groups = {str(a): str(g) for a, g in seen.actors["sector"].items()}
    assert metric_values(shared_ds, view, "betweenness") == pytest.approx(
        compute("betweenness", seen.graph, groups), nan_ok=True)


def test_the_bundled_data_is_measured_in_place(slow_betweenness):
    # no shared store: no job could hand its result to the page
    assert measure_status(load().dataset, Filters(year=2008), "betweenness") == READY


def test_a_failed_job_is_remembered_with_its_reason(slow_betweenness, shared_ds):
    view = Filters(year=2010)
    measure_failed(shared_ds, view, "betweenness", "memory")
    assert measure_status(shared_ds, view, "betweenness") == FAILED
    assert failure_of(shared_ds, view, "betweenness") == "memory"
    assert failure_of(shared_ds, Filters(year=2009), "betweenness") is None


def test_the_page_draws_by_the_quick_measure_and_says_so(slow_betweenness, shared_ds):
    state = ViewState(year=2008, metric="betweenness", lang="es")
    shown, status = measurable(shared_ds, state)
    assert status == PENDING and shown.metric == QUICK and shown.year == 2008
    out = measure_outputs(shared_ds, state, status, "ab" * 32)
    assert "metric=betweenness" in out[(ID.SHARE_LINK, "href")]  # the link keeps the choice
    assert "segundo plano" in out[(ID.METRIC_HELP, "children")]
    assert out[(ID.MEASURE_JOB, "data")] == {"data": "ab" * 32, "query": state.to_query()}
    measure_in_background(shared_ds, state.filters, "betweenness")
    shown, status = measurable(shared_ds, state)
    assert status == READY and shown == state


def test_a_failed_measure_starts_no_job_and_says_why(slow_betweenness, shared_ds):
    state = ViewState(year=2008, metric="betweenness")
    measure_failed(shared_ds, state.filters, "betweenness", "time")
    shown, status = measurable(shared_ds, state)
    out = measure_outputs(shared_ds, state, status)
    assert shown.metric == QUICK and "within the time" in out[(ID.METRIC_HELP, "children")]
    assert (ID.MEASURE_JOB, "data") in out and not isinstance(out[(ID.MEASURE_JOB, "data")],
                                                              dict)


@pytest.fixture
def library(tmp_path):
    forget_datasets()
    lib = Library(load().dataset, DiskStore(tmp_path, ttl_seconds=3600), job_seconds=1)
    yield lib
    forget_datasets()


def _upload(library) -> str:
    files = [(p.name, p.read_bytes()) for p in sorted(MINIMAL.glob("*.csv"))]
    return library.read(files).content_key


def test_the_job_measures_an_upload_into_the_store(slow_betweenness, library):
    key = _upload(library)
    query = ViewState(metric="betweenness").to_query()
    ds = library.find(key)
    filters = ViewState.from_query(query).filters
    assert measure_status(ds, replace(filters, year=ds.last_year), "betweenness") == PENDING
    assert isinstance(jobs.measure(library, {"data": key, "query": query}), float)
    forget_datasets()  # the page's worker: only the store is shared with the job
    ds = library.find(key)
    assert measure_status(ds, replace(filters, year=ds.last_year), "betweenness") == READY


def test_a_job_past_its_time_is_remembered(slow_betweenness, library, monkeypatch):
    key = _upload(library)
    monkeypatch.setattr(jobs, "measure_in_background", lambda *_: time.sleep(5))
    jobs.measure(library, {"data": key, "query": "metric=betweenness"})
    ds = library.find(key)
    view = replace(ViewState().filters, year=ds.last_year)
    assert measure_status(ds, view, "betweenness") == FAILED
    assert failure_of(ds, view, "betweenness") == "time"


@pytest.mark.parametrize("job", [None, 5, {}, {"data": 5}, [{"data": "ab" * 32}]])
def test_a_job_for_nothing_measurable_does_nothing(library, job):
    assert jobs.measure(library, job) is None


@pytest.mark.parametrize("key", ["ab" * 32, "ab" * 8, "../x"])
def test_a_job_for_a_data_set_gone_from_the_store_ends_so_the_page_says_so(library, key):
    # the page's next request finds the data set missing and says so: it must be asked
    assert isinstance(jobs.measure(library, {"data": key, "query": 3}), float)


def test_a_result_the_store_could_not_keep_is_said_not_computed_again(
        slow_betweenness, library, monkeypatch):
    key = _upload(library)
    monkeypatch.setattr(jobs, "measure_in_background", lambda *_: None)  # nothing kept
    assert isinstance(jobs.measure(library, {"data": key, "query": "metric=betweenness"}),
                      float)
    ds = library.find(key)
    view = replace(ViewState().filters, year=ds.last_year)
    assert measure_status(ds, view, "betweenness") == FAILED
    assert failure_of(ds, view, "betweenness") == "store"
    out = measure_outputs(ds, replace(ViewState(metric="betweenness"), year=ds.last_year),
                          FAILED, key)
    assert "could not keep it" in out[(ID.METRIC_HELP, "children")]


def test_ranking_keeps_the_job_and_the_page_on_one_key(shared_ds, slow_betweenness):
    # the job writes where the page looks (one derived key for both)
    view = Filters(year=2005)
    measure_in_background(shared_ds, view, "betweenness")
    assert ranking.measure_status(shared_ds, view, "betweenness") == READY


def test_the_page_asks_the_job_for_the_upload_it_shows(slow_betweenness, tmp_path):
    # the job finds the data set by its key in the store (the page's), not by the shorter
    # key a data set names its derived results with
    from app import create_app
    from callbacks import DATA_HEADER
    from settings import Settings
    from tests.callbacks.view_request import view_body

    app = create_app(Settings.from_env({"REDES_STORE_DIR": str(tmp_path / "store"),
                                        "REDES_RATE_UPLOADS": ""}))
    library = app.server.config["REDES_LIBRARY"]
    key = _upload(library)
    ds = library.find(key)
    client = app.server.test_client()
    body = view_body(client.get("/_dash-dependencies").json, ds, "metric=betweenness",
                     changed=ID.METRIC)
    r = client.post("/_dash-update-component", json=body,
                                      headers={DATA_HEADER: key})
    assert r.status_code == 200, r.get_data(True)[:300]
    job = r.json["response"][ID.MEASURE_JOB]["data"]
    assert job["data"] == key and "metric=betweenness" in job["query"]
    assert "background" in r.json["response"][ID.METRIC_HELP]["children"]
    assert isinstance(jobs.measure(library, job), float)


def test_exports_of_a_pending_view_use_the_measure_it_is_drawn_by(slow_betweenness,
                                                                   shared_ds, monkeypatch):
    # the tables and the evidence pack name the measure: never a slow one in the request
    from callbacks import exporting

    asked = []
    real = ranking.metric_values

    def counting(ds, filters, metric):
        asked.append(metric)
        return real(ds, filters, metric)

    monkeypatch.setattr(ranking, "metric_values", counting)
    file = exporting.server_file(shared_ds, ID.EXPORT_TABLES_CSV, "?year=2008&metric=betweenness")
    assert "betweenness" not in asked and file["content"]
    pack = exporting.evidence(shared_ds, "?year=2008&metric=betweenness", None, None)
    assert "betweenness" not in asked and pack["content"]
