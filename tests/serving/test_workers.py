"""Tests for serving uploads from several processes: real gunicorn workers and machines.

Every worker of a machine shares the folder REDES_STORE_DIR; several machines share Redis
(REDES_CACHE_URL). A page names its data set in the ``X-Redes-Data`` header (a link's in
``X-Redes-Link``), so any worker must answer any page with the right data set. These tests
start real gunicorn servers (``gunicorn wsgi:server -c gunicorn.conf.py``, two workers each)
on free ports, upload through ``POST /api/datasets`` and ask ``/healthz`` (which tells the
answering worker's pid) and ``/_dash-layout``.

The hostile corpus and the size limit run through Flask's test client (much faster).
The Redis test starts a real ``redis-server`` and is skipped only when the binary is missing.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from network.model.derived import derived_key
from serving.store import DiskStore, RedisStore
from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures"
MINIMAL = FIXTURES / "minimal"
HOSTILE = FIXTURES / "hostile"
HOSTILE_CASES = sorted(p.name for p in HOSTILE.iterdir()
                       if p.is_dir() and p.name != "__pycache__")
GUNICORN = Path(sys.executable).parent / "gunicorn"

BUNDLED_ACTORS, BUNDLED_TIES = 75, 92
MINIMAL_ACTORS, MINIMAL_TIES = 4, 3
#: networks of the minimal upload (tests/fixtures/minimal/networks.csv) ...
MINIMAL_NETWORKS = ["Agro-ecological network", "Organic market network"]
#: ... and networks only the bundled data has: a page built for the upload never names them
BUNDLED_ONLY_NETWORKS = ["Social justice network", "Ecological farming network"]
DATA, LINK = "X-Redes-Data", "X-Redes-Link"
TIMEOUT = 30  # seconds for one request (a 2-core machine under load is slow, never stuck)
START_TIMEOUT = 60  # seconds for gunicorn to load the bundled data and answer /healthz


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def _rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


# --- gunicorn ----------------------------------------------------------------------------------


class Server:
    """A gunicorn master with its workers, in a process group of its own."""

    def __init__(self, name: str, store_dir: Path, log: Path, cache_url: str = "",
                 extra_env: dict[str, str] | None = None):
        self.name = name
        self.store_dir = store_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("REDES_") and k != "GUNICORN_CMD_ARGS"}
        env.update(WEB_CONCURRENCY="2", PORT=str(self.port), REDES_STORE_DIR=str(store_dir),
                   REDES_CACHE_URL=cache_url, PYTHONUNBUFFERED="1",
                   REDES_RATE_API="", REDES_RATE_UPLOADS="", REDES_RATE_PUBLISH="",
                   **(extra_env or {}))
        self._log_file = log.open("wb")
        # gunicorn.conf.py as in production (workers from WEB_CONCURRENCY, preload_app),
        # only bound to the loopback instead of every interface
        self.process = subprocess.Popen(
            [str(GUNICORN), "wsgi:server", "-c", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.pgid = self.process.pid  # a new session: the master leads the group

    def output(self) -> str:
        self._log_file.flush()
        return self.log.read_text(errors="replace")[-4000:]

    def wait_ready(self, deadline: float) -> None:
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited ({self.process.returncode}):\n"
                                   + self.output())
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {self.name} did not answer /healthz:\n"
                                   + self.output())
            time.sleep(0.1)

    def _group_alive(self) -> bool:
        try:
            os.killpg(self.pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def stop(self) -> None:
        """TERM the whole group (master and workers), KILL what is left after 10 s."""
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.pgid, sig)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline:
                if self.process.poll() is None:
                    try:
                        self.process.wait(0.1)
                    except subprocess.TimeoutExpired:
                        pass
                elif not self._group_alive():
                    break
                else:
                    time.sleep(0.05)
            if self.process.poll() is not None and not self._group_alive():
                break
        self._log_file.close()
        assert not self._group_alive(), f"gunicorn {self.name} left processes behind"

    # -- requests -------------------------------------------------------------------------
    def upload(self, folder: Path) -> dict:
        files = [("file", (p.name, p.read_bytes())) for p in _files(folder)]
        response = requests.post(self.url + "/api/datasets", files=files, timeout=TIMEOUT)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["valid"] is True and len(body["key"]) == 64, body
        return body

    def healthz(self, headers: dict[str, str] | None = None) -> dict:
        """One /healthz on a fresh connection (``Connection: close``: the next request may
        go to any worker)."""
        response = requests.get(self.url + "/healthz", timeout=TIMEOUT,
                                headers={"Connection": "close", **(headers or {})})
        assert response.status_code == 200, (response.status_code, response.text[:500])
        return response.json()


def _start(servers: list[Server]) -> None:
    """Wait for servers started together (they load the bundled data side by side)."""
    deadline = time.monotonic() + START_TIMEOUT
    try:
        for server in servers:
            server.wait_ready(deadline)
    except BaseException:
        for server in servers:
            server.stop()
        raise


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """One machine: gunicorn with two workers sharing a store folder."""
    folder = tmp_path_factory.mktemp("gunicorn")
    server = Server("disk", folder / "store", folder / "gunicorn.log")
    _start([server])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def minimal_key(gunicorn) -> str:
    """The minimal data set, uploaded once to the shared gunicorn."""
    return gunicorn.upload(MINIMAL)["key"]


def _until_two_workers(ask, rounds: int = 25, batch: int = 16) -> list:
    """Call ``ask()`` (it returns a dict with ``worker``) concurrently, batch after batch,
    until answers came from two worker pids; every answer is returned for checking."""
    answers: list = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(rounds):
            answers += list(pool.map(lambda _: ask(), range(batch)))
            if len({a["worker"] for a in answers}) >= 2:
                return answers
    pytest.fail(f"{len(answers)} requests were all answered by worker(s) "
                f"{sorted({a['worker'] for a in answers})}: is WEB_CONCURRENCY=2 honoured?")


# --- one machine, two workers ------------------------------------------------------------------


def test_every_worker_serves_the_upload_and_the_bundled_data(gunicorn, minimal_key):
    uploaded = _until_two_workers(lambda: gunicorn.healthz({DATA: minimal_key}))
    workers = {a["worker"] for a in uploaded}
    assert len(workers) == 2
    for answer in uploaded:
        assert answer["status"] == "ok"
        assert (answer["actors"], answer["ties"]) == (MINIMAL_ACTORS, MINIMAL_TIES), answer
        assert answer["upload"] == minimal_key and answer["data"] == minimal_key[:16], answer

    # the same workers, asked without the header, serve the bundled data
    bundled = _until_two_workers(lambda: gunicorn.healthz())
    assert {a["worker"] for a in bundled} == workers
    for answer in bundled:
        assert (answer["actors"], answer["ties"], answer["upload"]) == \
            (BUNDLED_ACTORS, BUNDLED_TIES, None), answer
    assert len({a["data"] for a in bundled}) == 1 and bundled[0]["data"] != minimal_key[:16]


def _layout_on_one_connection(server: Server, key: str) -> dict:
    """/healthz, /_dash-layout, /healthz on one kept-alive connection, so one worker (whose
    pid both /healthz name) builds the page."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
    try:
        built = {}

        def get(path: str) -> bytes:
            conn.request("GET", path, headers={DATA: key})
            response = conn.getresponse()
            body = response.read()
            assert response.status == 200, (path, response.status, body[:500])
            built[path] = response.getheader("X-Redes-Page-Data")
            return body

        before = json.loads(get("/healthz"))
        socket_name = conn.sock.getsockname() if conn.sock else None
        layout = get("/_dash-layout")
        after = json.loads(get("/healthz"))
        same = conn.sock is not None and conn.sock.getsockname() == socket_name
        return {"worker": before["worker"], "after": after["worker"], "same": same,
                "layout": layout, "built": built["/_dash-layout"]}
    finally:
        conn.close()


def test_every_worker_builds_the_page_of_the_upload(gunicorn, minimal_key):
    answers = _until_two_workers(lambda: _layout_on_one_connection(gunicorn, minimal_key),
                                 rounds=15, batch=8)
    kept = [a for a in answers if a["same"] and a["worker"] == a["after"]]
    assert len({a["worker"] for a in kept}) == 2, "no kept-alive connection to each worker"
    for answer in answers:
        layout = answer["layout"]
        for name in MINIMAL_NETWORKS:
            assert name.encode() in layout, name
        for name in BUNDLED_ONLY_NETWORKS:
            assert name.encode() not in layout, name
        assert answer["built"] == minimal_key  # the page says which data set it shows
    # and without the header, the page of the bundled data
    bundled = requests.get(gunicorn.url + "/_dash-layout", timeout=TIMEOUT)
    assert bundled.status_code == 200
    assert all(name in bundled.text for name in MINIMAL_NETWORKS + BUNDLED_ONLY_NETWORKS)


# --- links open only published uploads ---------------------------------------------------------


def test_only_publication_opens_a_link(gunicorn):
    # an upload of its own (publishing it must not change what the other tests see)
    folder = HOSTILE / "isolated_actor"
    key = gunicorn.upload(folder)["key"]
    actors = _rows(folder / "actors.csv")
    assert actors not in (BUNDLED_ACTORS, MINIMAL_ACTORS)

    for _ in range(4):  # a few times: both workers, whichever answers
        assert gunicorn.healthz({DATA: key})["actors"] == actors
        linked = gunicorn.healthz({LINK: key})
        assert (linked["actors"], linked["upload"]) == (BUNDLED_ACTORS, None), linked
        # the link header wins over the page's own: an unpublished link opens nothing
        both = gunicorn.healthz({LINK: key, DATA: key})
        assert (both["actors"], both["upload"]) == (BUNDLED_ACTORS, None), both

    # published (as the page's Publish button does: a mark in the shared store) it opens
    assert DiskStore(gunicorn.store_dir).publish(key)
    for _ in range(4):
        linked = gunicorn.healthz({LINK: key})
        assert (linked["actors"], linked["upload"]) == (actors, key), linked


@pytest.mark.parametrize("header", [DATA, LINK])
@pytest.mark.parametrize("value", [
    "f" * 64,                     # well-formed, never uploaded
    "0123456789abcdef" * 4,       # well-formed, never uploaded
    "F" * 64,                     # upper case: not a key
    "abc",                        # too short
    "../../../../etc/passwd",     # a path
    "redes:*",                    # a Redis pattern
    "f" * 63 + "g",               # not hex
    "f" * 65,                     # too long
])
def test_an_unknown_or_malformed_key_gives_the_bundled_data(gunicorn, header, value):
    answer = gunicorn.healthz({header: value})
    assert (answer["actors"], answer["ties"], answer["upload"]) == \
        (BUNDLED_ACTORS, BUNDLED_TIES, None), answer
    layout = requests.get(gunicorn.url + "/_dash-layout", headers={header: value},
                          timeout=TIMEOUT)
    assert layout.status_code == 200


# --- two machines sharing Redis ----------------------------------------------------------------


@pytest.fixture(scope="module")
def two_machines(redis_url, tmp_path_factory):
    """Two gunicorn servers with folders of their own and one Redis."""
    folder = tmp_path_factory.mktemp("machines")
    servers = [Server(name, folder / f"store-{name}", folder / f"{name}.log", redis_url)
               for name in ("a", "b")]
    _start(servers)
    yield servers
    for server in servers:
        server.stop()


def test_two_machines_share_uploads_and_derived_results_through_redis(two_machines, redis_url):
    a, b = two_machines
    key = a.upload(MINIMAL)["key"]
    redis = RedisStore(redis_url, ttl_seconds=3600)
    try:
        assert redis.client.exists(f"redes:ds:{key}")
        # the upload stored its layout; drop it so that machine B has to make it and share it
        positions = derived_key(key, "positions")
        made_by_a = redis.cache_get(positions)
        assert made_by_a, "the upload did not keep its positions in Redis"
        redis.client.delete(f"redes:cache:{positions}")

        answers = _until_two_workers(lambda: b.healthz({DATA: key}))
        for answer in answers:
            assert (answer["actors"], answer["ties"], answer["upload"]) == \
                (MINIMAL_ACTORS, MINIMAL_TIES, key), answer
        assert redis.client.exists(f"redes:cache:{positions}"), "B did not share its layout"
        assert redis.cache_get(positions) == made_by_a  # the same layout wherever it is made
        assert 3500 < redis.client.ttl(f"redes:ds:{key}") <= 168 * 3600  # REDES_STORE_TTL_HOURS
        # the machines' folders hold no data set: Redis is the store
        for server in (a, b):
            assert not [p for p in server.store_dir.rglob("*") if p.is_file()], server.name
        # machine A serves it too, and both still serve the bundled data
        assert a.healthz({DATA: key})["actors"] == MINIMAL_ACTORS
        assert a.healthz()["actors"] == b.healthz()["actors"] == BUNDLED_ACTORS
    finally:
        redis.client.close()


# --- the upload API through Flask's test client ------------------------------------------------


def _client(tmp_path: Path, **env: str):
    from app import create_app
    from settings import Settings

    # the hostile corpus is many uploads from one client: no rate limit here (those are
    # tested in tests/callbacks/test_data.py)
    settings = Settings.from_env({"REDES_STORE_DIR": str(tmp_path), "REDES_RATE_API": "", **env})
    return create_app(settings).server.test_client()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return _client(tmp_path_factory.mktemp("client-store"))


def _post(client, files: list[tuple[str, bytes]], lang: str = "en"):
    data = {"file": [(io.BytesIO(body), name) for name, body in files]}
    return client.post(f"/api/datasets?lang={lang}", data=data,
                       content_type="multipart/form-data")


@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_a_hostile_upload_is_answered_never_a_server_error(client, case):
    files = [(p.name, p.read_bytes()) for p in _files(HOSTILE / case)]
    response = _post(client, files)
    assert response.status_code in (201, 422), (response.status_code, response.data[:500])
    body = response.get_json()
    assert set(body) == {"valid", "key", "kind", "errors", "warnings", "problems", "assumed"}
    assert body["errors"] == sum(p["severity"] == "error" for p in body["problems"])
    for problem in body["problems"]:
        assert set(problem) == {"severity", "where", "row", "column", "message"}
        assert problem["severity"] in ("error", "warning")
        assert isinstance(problem["message"], str) and problem["message"].strip()
        assert "fault in Redes" not in problem["message"], problem  # upload.internal
    if response.status_code == 422:
        assert body["valid"] is False and body["key"] is None
        assert any(p["severity"] == "error" for p in body["problems"]), body
    else:  # a few cases are valid data, made safe (HTML in names, formulas, a nested ZIP)
        assert body["valid"] is True and len(body["key"]) == 64, body
        assert not any(p["severity"] == "error" for p in body["problems"]), body
    # in Spanish: the same verdict and as many messages
    spanish = _post(client, files, lang="es")
    assert spanish.status_code == response.status_code
    assert len(spanish.get_json()["problems"]) == len(body["problems"])


def test_the_corpus_is_here():
    assert len(HOSTILE_CASES) >= 25 and "path_traversal" in HOSTILE_CASES


def test_a_request_over_the_limit_is_refused_with_413(tmp_path):
    client = _client(tmp_path, REDES_UPLOAD_MAX_MB="1")
    # Flask refuses requests over REDES_UPLOAD_MAX_MB * 4/3 + 1 MB (room for the base64 of
    # an upload inside a callback): 1 MB → 2.33 MB; this body is 3 MB
    big = b"id,name\n" + b"x" * (3 * 1024 * 1024)
    response = _post(client, [("actors.csv", big)])
    assert response.status_code == 413
    assert response.is_json
    assert "REDES_UPLOAD_MAX_MB" in response.get_json()["error"]
    assert "1 MB" in response.get_json()["error"]


def test_an_upload_over_the_limit_but_under_the_request_limit_is_a_problem(tmp_path):
    client = _client(tmp_path, REDES_UPLOAD_MAX_MB="1")
    big = b"id,name\n" + b"x" * (2 * 1024 * 1024)  # 2 MB: Flask lets it in, the upload not
    response = _post(client, [("actors.csv", big)])
    assert response.status_code == 422
    body = response.get_json()
    assert body["valid"] is False
    assert any("MB" in p["message"] for p in body["problems"]), body
