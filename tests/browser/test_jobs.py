"""Uploads as background jobs, as a user meets them: the page says what the job is doing,
Cancel stops it, and with Redis a Celery worker (started here, never assumed) runs it.

The live server of the other browser tests runs jobs in processes of their own (Dash's
DiskcacheManager); the last test starts gunicorn with ``REDES_CACHE_URL`` set, a
``redis-server`` and ``celery -A wsgi:celery_app worker``, all on 127.0.0.1, and stops them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.serving.test_workers import ROOT, Server, _start

from .conftest import WAIT_MS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINIMAL = sorted((FIXTURES / "minimal").glob("*.csv"))
CELERY = Path(sys.executable).parent / "celery"


def _choose(page: Page, files: list[Path]) -> None:
    panel = page.locator("#data-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").first.click()
    page.locator("#data-upload input[type=file]").set_input_files([str(f) for f in files])


def _forks() -> list:
    """This process's children that are copies of it (jobs; not the browser's driver)."""
    import psutil

    me = psutil.Process()
    return [c for c in me.children() if c.is_running() and c.status() != psutil.STATUS_ZOMBIE
            and c.cmdline() == me.cmdline()]


def test_a_slow_upload_shows_its_stage_and_can_be_cancelled(page: Page, open_app, monkeypatch):
    from serving.library import Library

    def stuck(self, files, lang="en", progress=None):
        # the job's process is forked from this one, so it runs this reader: one that says
        # it is reading and then takes far longer than anyone waits
        if progress is not None:
            progress("read")
        time.sleep(120)

    monkeypatch.setattr(Library, "read", stuck)
    open_app()
    _choose(page, MINIMAL)
    working = page.locator("#data-working")
    expect(working).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#data-progress")).to_have_text("Reading your files…", timeout=WAIT_MS)
    jobs = _forks()
    assert len(jobs) == 1, "the job runs in a process of its own"
    page.locator("#data-cancel").click()
    expect(working).to_be_hidden(timeout=WAIT_MS)
    deadline = time.monotonic() + 10
    while _forks() and time.monotonic() < deadline:  # Cancel ends the job's process
        time.sleep(0.1)
    assert _forks() == []
    verdict = page.locator("#data-report .data-verdict")
    names = ", ".join(f.name for f in MINIMAL)  # the report names every file chosen
    expect(verdict).to_have_text(f"Reading {len(MINIMAL)} files ({names}) was cancelled.")
    page.wait_for_timeout(1_500)  # a job that went on would report within a poll or two
    expect(verdict).to_have_class("data-verdict cancelled")


@pytest.fixture(scope="module")
def with_celery(redis_url, tmp_path_factory):
    """gunicorn (two workers) with Redis as its store and a Celery worker running its jobs."""
    if redis_url is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    folder = tmp_path_factory.mktemp("celery")
    # 1 KB: the minimal package is "big" for the API, so it is a job too
    server = Server("celery", folder / "store", folder / "gunicorn.log", redis_url,
                    extra_env={"REDES_API_SYNC_MB": "0.001"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDES_")}
    env.update(REDES_CACHE_URL=redis_url, REDES_STORE_DIR=str(folder / "store-worker"),
               PYTHONUNBUFFERED="1", REDES_API_SYNC_MB="0.001")
    log = (folder / "celery.log").open("wb")
    worker = subprocess.Popen(
        [str(CELERY), "-A", "wsgi:celery_app", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _start([server])
        yield server
    finally:
        server.stop()
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(5)
        log.close()


def test_with_redis_a_celery_worker_runs_the_upload(with_celery, new_page):
    page = new_page()
    page.goto(with_celery.url)
    page.wait_for_selector("#graph canvas", state="attached", timeout=WAIT_MS)
    _choose(page, MINIMAL)
    # the worker loads the bundled data before it takes its first job: allow for it
    verdict = page.locator("#data-report .data-verdict.ok")
    expect(verdict).to_be_visible(timeout=90_000)
    expect(verdict).to_contain_text("4 actors and 3 ties")



def test_with_redis_a_big_api_upload_is_a_celery_job(with_celery):
    import requests

    files = [("file", (p.name, p.read_bytes())) for p in MINIMAL]
    started = requests.post(with_celery.url + "/api/datasets", files=files, timeout=30)
    assert started.status_code == 202, started.text
    address = with_celery.url + started.headers["Location"]
    deadline = time.monotonic() + 90
    answer = requests.get(address, timeout=30)
    while answer.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.5)
        answer = requests.get(address, timeout=30)
    assert answer.status_code == 201 and answer.json()["valid"] is True, answer.text
    # an id Celery never gave is unknown, not "running" for ever
    unknown = requests.get(with_celery.url + "/api/datasets/jobs/abcdefgh-1234", timeout=30)
    assert unknown.status_code == 404
