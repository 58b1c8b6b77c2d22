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

import contextlib
import logging
import resource
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from network.model.limits import MB

if TYPE_CHECKING:
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
        hard = old[1]
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
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
        _celery[settings.cache_url] = app
    return _celery[settings.cache_url]
