"""Heavy work off the request path: where Dash's background callbacks run, and the limits
every job obeys (app.py picks the Dash manager from these; serving never imports Dash).

Reading, checking and laying out an upload can take many seconds of CPU; in a web request
thread that time is taken from everyone else (four big uploads once left the whole server,
``/healthz`` included, answering nobody for 47 s). So the page's upload runs as a Dash
background callback: the request that starts it returns at once, the page polls for its
progress and can cancel it, and the work runs elsewhere:

* on one machine (``REDES_CACHE_URL`` empty), in a process of its own started by Dash's
  ``DiskcacheManager`` (results in ``<store dir>/jobs``, shared by the workers);
* with Redis (``REDES_CACHE_URL`` set), in a Celery worker (``CeleryManager``): the Procfile's
  ``worker:`` line, and ``make serve`` starts one beside gunicorn.

Every job runs inside :func:`limited`: a time limit (an alarm) and a memory limit (a soft
address-space limit above what the process already uses), both from settings. Passing
either raises :class:`JobLimit`, which the job turns into a clear message in its report.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import re
import resource
import secrets
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from network.analysis.ranking import (
    PENDING,
    measure_failed,
    measure_in_background,
    measure_status,
)
from network.formats.upload import UploadResult
from network.model.limits import MB
from network.model.problems import Report
from network.view.visible import from_link
from serving.store import StoreError

if TYPE_CHECKING:
    from serving.library import Library
    from settings import Settings

log = logging.getLogger(__name__)


class JobLimit(BaseException):
    """A job went past its time (``which == "time"``) or memory (``"memory"``) limit.

    A BaseException, like KeyboardInterrupt: the readers turn any Exception into a problem
    in their report, and this one must get past them to end the job."""

    def __init__(self, which: str):
        super().__init__(which)
        self.which = which


@contextlib.contextmanager
def limited(seconds: float, megabytes: float) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall time and ``megabytes`` more memory
    than the process holds now; :class:`JobLimit` when it passes either (0: no limit).

    The time limit needs the main thread (signals only reach it there): a job's own process
    and a Celery worker run jobs there; anywhere else only the memory limit applies.

    >>> with limited(5, 0):
    ...     sum(range(10))
    45
    """
    import psutil

    old = resource.getrlimit(resource.RLIMIT_AS)
    timed = seconds > 0 and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if megabytes > 0:
        ceiling = psutil.Process().memory_info().vms + int(megabytes * MB)
        for limit in old:  # never above a limit already there (soft or hard)
            if limit != resource.RLIM_INFINITY:
                ceiling = min(ceiling, limit)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, old[1]))
    if timed:
        def alarm(_signum: int, _frame: object) -> None:
            raise JobLimit("time")

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except MemoryError:
        raise JobLimit("memory") from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if megabytes > 0:
            resource.setrlimit(resource.RLIMIT_AS, old)


#: How much lower than the web workers a job runs (os.nice): four jobs on two cores must not
#: starve the requests of everyone else (make faults: /healthz waited 1.8 s without it).
NICENESS = 10


def lower_priority() -> None:
    """Run this process (a job's own) below the web workers; once is enough."""
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < NICENESS:
            os.nice(NICENESS)
    except OSError:  # not allowed here: the job runs at the usual priority
        pass


def job_cache(settings: Settings) -> Any:
    """Where Dash's DiskcacheManager keeps jobs' progress and results on one machine: a
    disk cache beside the store, private to the server's user, shared by its workers."""
    import diskcache

    folder = Path(settings.store_dir) / "jobs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return diskcache.Cache(str(folder))


_celery: dict[str, Any] = {}


def celery_app(settings: Settings) -> Any:
    """The Celery app of this Redis (one per URL and process): the web workers send jobs to
    it and ``celery -A wsgi:celery_app worker`` runs them."""
    if settings.cache_url not in _celery:
        from celery import Celery

        app = Celery("redes", broker=settings.cache_url, backend=settings.cache_url)
        # a backstop over limited(): a job stuck outside Python is ended by the worker
        app.conf.task_time_limit = int(settings.job_seconds) + 30 if settings.job_seconds else None
        app.conf.worker_max_tasks_per_child = 50  # a leaking reader cannot grow for ever
        app.conf.broker_connection_retry_on_startup = True
        # a hung Redis must not hold a request thread for Celery's default two minutes
        app.conf.broker_transport_options = {"socket_timeout": 2, "socket_connect_timeout": 2}
        app.conf.redis_socket_timeout = 2
        app.conf.redis_socket_connect_timeout = 2
        _celery[settings.cache_url] = app
    return _celery[settings.cache_url]


# --- uploads through the API ------------------------------------------------------------------

#: Seconds an API job's answer is kept for its caller to collect.
KEEP_ANSWERS = 24 * 3600


def api_answer(result: UploadResult, lang: str) -> dict[str, Any]:
    """What ``POST /api/datasets`` answers for an upload (the same, sync or as a job)."""
    errors, warnings = result.report.totals
    return {"valid": result.dataset is not None, "key": result.content_key or None,
            "kind": result.kind, "errors": errors, "warnings": warnings,
            "problems": [{"severity": p.severity, "where": p.table, "row": p.row,
                          "column": p.column, "message": p.message(lang)}
                         for p in result.report.problems],
            "assumed": result.assumptions}


def read_within_limits(library: Library, files: list[tuple[str, bytes]], lang: str,
                       progress: Callable[[str], None] | None = None) -> UploadResult:
    """An upload read as a job: within the library's time and memory limits, and one that
    passes either is an upload result whose report says which (never a stack trace). The
    page's upload job and the API's both read through here."""
    try:
        with limited(library.job_seconds, library.job_memory_mb):
            return library.read(files, lang, progress)
    except JobLimit as over:
        report = Report()
        report.error("upload", f"upload.job_{over.which}", seconds=f"{library.job_seconds:g}",
                     megabytes=f"{library.job_memory_mb:g}")
        return UploadResult(None, report)


def measure(library: Library, job: object) -> float | None:
    """A background job of the page: the slow measure of the view ``job`` names (``{"data":
    the upload's key in the store, "query": link}``) computed into the data set's shared
    store, within the job limits (one it passes is remembered, and the page says so). The
    time it ended (the page then draws again, and says when the data set has gone or the
    result could not be kept), or None when the job names nothing measurable."""
    if not isinstance(job, dict) or not isinstance(job.get("data"), str):
        return None
    try:
        ds = library.find(job["data"])
    except StoreError:
        ds = None
    if ds is None:  # gone from the store: the page's next request says so
        return time.time()
    state = from_link(ds, job.get("query") if isinstance(job.get("query"), str) else None)
    try:
        with limited(library.job_seconds, library.job_memory_mb):
            measure_in_background(ds, state.filters, state.metric)
    except JobLimit as over:
        measure_failed(ds, state.filters, state.metric, over.which)
        return time.time()
    if measure_status(ds, state.filters, state.metric) == PENDING:  # not kept: disk full...
        measure_failed(ds, state.filters, state.metric, "store")
    return time.time()


class ApiJobs:
    """Big uploads through ``POST /api/datasets`` as jobs: the request answers 202 at once
    with the job's address, and ``GET`` on it answers 202 while it runs, then the upload's
    answer. Jobs run in a process of their own (answers in the job cache) or, with Redis,
    in the Celery worker. A job id is a random token: only who started it can ask."""

    def __init__(self, library: Library, settings: Settings):
        self.library = library
        self.celery = celery_app(settings) if settings.cache_url else None
        self.cache = None if self.celery is not None else job_cache(settings)
        if self.celery is not None:
            @self.celery.task(name="redes.api_upload")  # type: ignore[untyped-decorator]
            def api_upload(files: list[list[str]], lang: str) -> dict[str, Any]:
                lower_priority()
                return api_answer(read_within_limits(
                    library, [(n, base64.b64decode(b)) for n, b in files], lang), lang)

            self._task = api_upload

    def start(self, files: list[tuple[str, bytes]], lang: str) -> str:
        """Start reading ``files``; the job's id."""
        if self.celery is not None:
            sent = [[name, base64.b64encode(body).decode()] for name, body in files]
            job = str(self._task.apply_async(args=(sent, lang)).id)
            # Celery calls any id it never saw "PENDING": keep the ids it was given
            self.celery.backend.client.set(f"redes:apijob:{job}", b"1", ex=KEEP_ANSWERS)
            return job
        from multiprocess import Process

        job = secrets.token_urlsafe(18)
        process = Process(target=self._run, args=(job, files, lang), daemon=False)
        process.start()
        assert self.cache is not None
        self.cache.set(f"api:{job}:pid", process.pid, expire=KEEP_ANSWERS)
        return job

    def _run(self, job: str, files: list[tuple[str, bytes]], lang: str) -> None:
        """The job's own process: read, then keep the answer for the caller."""
        assert self.cache is not None
        lower_priority()
        try:
            answer = api_answer(read_within_limits(self.library, files, lang), lang)
        except BaseException:  # noqa: BLE001 - a fault of ours, said as such
            log.exception("API upload job failed")
            answer = {"failed": True}
        self.cache.set(f"api:{job}:answer", answer, expire=KEEP_ANSWERS)

    def status(self, job: str) -> tuple[str, dict[str, Any] | None]:
        """("running", None), ("done", answer), ("failed", None) or ("unknown", None)."""
        if not re.fullmatch(r"[A-Za-z0-9_-]{8,80}", job):
            return "unknown", None
        if self.celery is not None:
            if not self.celery.backend.client.exists(f"redes:apijob:{job}"):
                return "unknown", None
            found = self.celery.AsyncResult(job)
            if found.state == "SUCCESS":
                return "done", found.result
            return ("failed", None) if found.state == "FAILURE" else ("running", None)
        assert self.cache is not None
        answer = self.cache.get(f"api:{job}:answer")
        if answer is not None:
            return ("failed", None) if answer.get("failed") else ("done", answer)
        pid = self.cache.get(f"api:{job}:pid")
        if pid is None:
            return "unknown", None
        import psutil

        try:
            alive = psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.Error:  # gone (between two looks, too)
            alive = False
        if not alive:  # ended without an answer (killed, or past a hard limit)
            if self.cache.get(f"api:{job}:answer") is None:
                return "failed", None
            return self.status(job)
        return "running", None
