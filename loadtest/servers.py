"""The servers a load or fault run starts, on the loopback only: gunicorn as ``make serve``
runs it (``gunicorn wsgi:server`` with gunicorn.conf.py, bound to 127.0.0.1), and Debian's
redis-server when asked. Each is its own process group, stopped (TERM, then KILL) on exit.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
#: The load test's uploaders stand for ten clients but share one address (127.0.0.1), and a
#: rate limit counts per address: allow ten clients' worth (the default is 10/minute;60/hour).
#: 429s are still counted, apart from errors.
RATE_API = "100/minute;600/hour"
START_SECONDS = 90  # gunicorn loads the bundled data before forking (slow on a busy machine)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop_group(process: subprocess.Popen, grace: float = 10) -> None:
    """TERM the process group ``process`` leads, KILL what is left after ``grace`` s."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        if sig == signal.SIGTERM:  # a stopped (SIGSTOP) process hears TERM only when resumed
            try:
                os.killpg(process.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            continue
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break  # master and workers gone


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (live ones; reaped ones count in their
    parent's children times)."""
    total = 0.0
    try:
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


class Gunicorn:
    """``gunicorn wsgi:server -c gunicorn.conf.py --bind 127.0.0.1:<free port>``."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None, workers: int = 2):
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "gunicorn.log"
        clean = {k: v for k, v in os.environ.items()
                 if not k.startswith("REDES_") and k != "GUNICORN_CMD_ARGS"}
        clean.update(WEB_CONCURRENCY=str(workers), PORT=str(self.port), PYTHONUNBUFFERED="1",
                     REDES_STORE_DIR=str(folder / "store"), REDES_RATE_API=RATE_API)
        clean.update(env or {})
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(GUNICORN), "wsgi:server", "-c", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT, env=clean, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def wait_ready(self, seconds: float = START_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.tail()}")
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz:\n{self.tail()}")
            time.sleep(0.2)

    def flush(self) -> None:
        if not self._log.closed:
            self._log.flush()

    def tail(self, chars: int = 4000) -> str:
        self.flush()
        return self.log_path.read_text(errors="replace")[-chars:]

    def workers(self) -> list[int]:
        """The pids of the master's live workers."""
        try:
            return [c.pid for c in psutil.Process(self.process.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def rss_mb(self) -> float:
        """Resident memory of the master and its workers together, in MiB (shared pages
        counted in each process, as ``ps`` does: an upper bound)."""
        total = 0
        try:
            master = psutil.Process(self.process.pid)
            for proc in [master, *master.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
        except psutil.NoSuchProcess:
            return 0.0
        return total / 2**20

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the master and its live workers so far."""
        return cpu_seconds(self.process.pid)

    def stop(self) -> None:
        _stop_group(self.process)
        self._log.close()

    def __enter__(self) -> Gunicorn:
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Redis:
    """Debian's redis-server on a free loopback port, nothing saved to disk."""

    def __init__(self, folder: Path):
        binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin")
        if binary is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        folder.mkdir(parents=True, exist_ok=True)
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", str(self.folder), "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        client.close()

    def pause(self) -> None:
        """SIGSTOP: the port still accepts connections (the kernel's backlog), nothing
        answers: a hung Redis."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None:
            _stop_group(self.process, grace=5)
            self.process = None

    def __enter__(self) -> Redis:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
