"""``python -m loadtest.run`` (``make loadtest``): a bounded load test on the loopback.

Starts ``gunicorn wsgi:server`` as ``make serve`` does (gunicorn.conf.py: 2 workers × 2
threads, bound to 127.0.0.1 on a free port; with ``--redis`` a redis-server too, the store
in it), then runs locust headless (:mod:`loadtest.locustfile`, in a process of its own: its
gevent never patches this one) for ``--seconds``: ``--visitors`` browsing the bundled data
and ``--uploaders`` uploading. Meanwhile it asks ``/healthz`` every 0.25 s on a fresh
connection and samples the resident memory of gunicorn's processes. It prints one table
(p50/p95/p99 of each action and request, errors, requests/s, memory, the ``/healthz``
figures of the same run and the ratio of the slider step to them) and exits 1 on any 5xx
or error. Everything stops by itself: locust after ``--seconds`` (and a grace of 10 s),
then the servers.

``--short`` is the CI version run by ``tests/load/test_load.py`` (20 visitors, 3 uploaders,
25 s). ``--json PATH`` writes the figures for scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from loadtest.servers import ROOT, Gunicorn, Redis, cpu_seconds

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
HEALTHZ_EVERY = 0.25  # seconds between two /healthz probes
RSS_EVERY = 0.5
GRACE = 10  # seconds locust lets running tasks finish after the run time
#: The slider step: what a visitor waits for when moving the year (one request since the
#: address sync joined the drawing and picks were decided in the browser)
SLIDER = "step year"
RENDER = "year: url"  # the view's callback alone (its first output is the address)
#: loadtest.locustfile's marks (not imported from there: no gevent in this process)
STOPPED, RETRIED = "stopped with the run", "retried:"


@dataclass
class Run:
    """What one run measured."""

    seconds: float
    requests: list[list] = field(default_factory=list)  # [start, type, name, ms, status, error]
    uploaded: list[str] = field(default_factory=list)
    healthz: list[tuple[float, float, int]] = field(default_factory=list)  # (t, ms, status)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (t, MiB)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used in the run
    load: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load, before and after
    access_5xx: int = 0
    t0: float = 0.0
    locust_rc: int | None = None
    locust_output: str = ""
    notes: list[str] = field(default_factory=list)


def _sample_healthz(url: str, stop: threading.Event, out: list) -> None:
    while not stop.is_set():
        t = time.time()
        try:
            response = requests.get(url + "/healthz", timeout=10,
                                    headers={"Connection": "close"})
            status = response.status_code
        except requests.RequestException:
            status = 0
        out.append((t, (time.time() - t) * 1000, status))
        stop.wait(max(0.0, HEALTHZ_EVERY - (time.time() - t)))


def _sample_rss(server: Gunicorn, locust: int, stop: threading.Event, run: Run) -> None:
    """Memory of gunicorn's processes, and the CPU gunicorn and locust used (a locust on
    the same cores takes its share of them: said beside the figures)."""
    start = server.cpu_seconds()
    while not stop.is_set():
        run.rss.append((time.time(), server.rss_mb()))
        run.cpu["gunicorn"] = server.cpu_seconds() - start
        run.cpu["locust"] = max(run.cpu.get("locust", 0.0), cpu_seconds(locust))
        stop.wait(RSS_EVERY)


def drive(server: Gunicorn, seconds: float, visitors: int, uploaders: int,
          during: list[tuple[float, Callable[[], object]]] | None = None,
          env: dict[str, str] | None = None, spawn_rate: float = 10.0) -> Run:
    """Run locust against ``server`` for ``seconds``; ``during`` holds (second, action)
    pairs run at those times after the start (the faults)."""
    run = Run(seconds=seconds)
    with tempfile.TemporaryDirectory(prefix="redes-locust-") as folder:
        raw = Path(folder) / "raw.json"
        classes = [name for name, n in (("Visitor", visitors), ("Uploader", uploaders)) if n]
        command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
                   "--host", server.url, "-u", str(visitors + uploaders),
                   "-r", str(spawn_rate), "-t", f"{int(seconds)}s",
                   "--stop-timeout", str(GRACE), "--only-summary", "--loglevel", "WARNING",
                   "--skip-log-setup", *classes]
        child_env = {**os.environ, "PYTHONPATH": str(ROOT), "LOADTEST_RAW": str(raw),
                     "LOADTEST_VISITORS": str(visitors), "LOADTEST_UPLOADERS": str(uploaders),
                     **(env or {})}
        stop = threading.Event()
        log_before = server.log_path.stat().st_size
        load_before = os.getloadavg()[0]
        run.t0 = time.time()
        process = subprocess.Popen(command, cwd=ROOT, env=child_env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        samplers = [threading.Thread(target=_sample_healthz, args=(server.url, stop, run.healthz),
                                     daemon=True),
                    threading.Thread(target=_sample_rss, args=(server, process.pid, stop, run),
                                     daemon=True)]
        for sampler in samplers:
            sampler.start()
        timers = [threading.Timer(at, _noting(run, action)) for at, action in during or []]
        for timer in timers:
            timer.start()
        try:
            run.locust_output, _ = process.communicate(timeout=seconds + GRACE + 60)
        except subprocess.TimeoutExpired:
            process.kill()
            run.locust_output, _ = process.communicate()
            run.notes.append("locust did not stop in time and was killed")
        finally:
            for timer in timers:
                timer.cancel()
            stop.set()
            for sampler in samplers:
                sampler.join(15)
        run.locust_rc = process.returncode
        run.load = (load_before, os.getloadavg()[0])
        if raw.exists():
            data = json.loads(raw.read_text())
            run.requests, run.uploaded = data["requests"], data["uploaded"]
        else:
            run.notes.append("locust wrote no results:\n" + run.locust_output[-3000:])
        run.access_5xx = _access_5xx(server, log_before)
        if run.access_5xx:
            run.notes.append("the server's log, last traceback:\n" + _last_traceback(server))
    return run


def _last_traceback(server: Gunicorn) -> str:
    text = server.tail(200_000)
    start = text.rfind("Traceback (most recent call last)")
    if start < 0:
        return "(none in the log)"
    end = text.find("\n127.0.0.1 - ", start)  # the next access-log line
    return text[max(0, text.rfind("\n", 0, start - 300)):end if end > 0 else None][-4000:]


def _noting(run: Run, action: Callable[[], object]) -> Callable[[], None]:
    def act() -> None:
        try:
            note = action()
        except Exception as exc:  # a fault that could not be made is a finding too
            note = f"{getattr(action, '__name__', 'action')} failed: {exc!r}"
        if note:
            run.notes.append(f"{time.time() - run.t0:5.1f} s: {note}")
    return act


def _access_5xx(server: Gunicorn, since: int) -> int:
    """Responses with a 5xx status in gunicorn's access log since byte ``since``."""
    server.flush()
    with server.log_path.open("rb") as fh:
        fh.seek(since)
        text = fh.read().decode("utf-8", "replace")
    return len(re.findall(r'" 5\d\d ', text))


# --- figures ---------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100); nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[min(len(ordered), int(rank)) - 1]


def figures(run: Run, window: tuple[float, float] | None = None) -> dict:
    """The run's figures, for requests that started within ``window`` (seconds after the
    start) when given."""
    lo, hi = window or (float("-inf"), float("inf"))

    def inside(t: float) -> bool:
        return lo <= t - run.t0 < hi

    records = [r for r in run.requests if inside(r[0])]
    groups: dict[str, list[list]] = {}
    for record in records:
        groups.setdefault(record[2], []).append(record)
    stopped = sum(r[5] == STOPPED for r in records if r[1] != "STEP")
    retried = sum(r[2].startswith(RETRIED) for r in records)
    # cut short by the end of the run, or sent again (what Chromium does when a kept-alive
    # connection closes before any answer): counted apart
    records = [r for r in records if r[5] != STOPPED and not r[2].startswith(RETRIED)]
    real = [r for r in records if r[1] != "STEP"]
    callbacks = [r for r in real if r[1] == "POST" and not r[2].startswith("upload")]
    groups["all callbacks"] = callbacks
    groups["all requests"] = real
    health = [h for h in run.healthz if inside(h[0])]
    span = min(hi, run.seconds) - max(lo, 0.0)
    rows = {name: _row(rs) for name, rs in groups.items()}
    rows["/healthz (probe)"] = {
        "n": len(health), "p50": percentile([h[1] for h in health], 50),
        "p95": percentile([h[1] for h in health], 95),
        "p99": percentile([h[1] for h in health], 99),
        "max": max([h[1] for h in health], default=float("nan")),
        "errors": sum(h[2] != 200 for h in health), "5xx": sum(h[2] >= 500 for h in health)}
    rss = [m for t, m in run.rss if inside(t)]
    statuses = [r[4] for r in real if r[2].startswith("upload: ") and r[1] == "POST"]
    return {
        "seconds": span, "rows": rows, "stopped": stopped, "retried": retried,
        "access_5xx": run.access_5xx if window is None else "whole run: " + str(run.access_5xx),
        "requests_per_s": len(real) / span if span > 0 else float("nan"),
        "errors": sum(bool(r[5]) for r in real) + rows["/healthz (probe)"]["errors"],
        "5xx": sum(r[4] >= 500 for r in real) + rows["/healthz (probe)"]["5xx"],
        "uploads": {"accepted": statuses.count(201), "limited (429)": statuses.count(429),
                    "refused (422)": statuses.count(422), "sent": len(statuses)},
        "rss_mib": {"start": rss[0] if rss else float("nan"), "peak": max(rss, default=0.0),
                    "end": rss[-1] if rss else float("nan")},
        "cpu_seconds": dict(run.cpu), "load_average": run.load, "cores": os.cpu_count(),
        "ratio": {name: rows[name]["p95"] / rows["/healthz (probe)"]["p95"]
                  for name in (SLIDER, RENDER) if name in rows},
    }


def _row(records: list[list]) -> dict:
    times = [r[3] for r in records]
    return {"n": len(records), "p50": percentile(times, 50), "p95": percentile(times, 95),
            "p99": percentile(times, 99), "max": max(times, default=float("nan")),
            "errors": sum(bool(r[5]) for r in records),
            "5xx": sum(r[4] >= 500 for r in records)}


ORDER = ("step open", "step year", "step filter", "step profile", "step collaborators",
         "step upload", RENDER, "upload: csv", "upload: xlsx", "upload: its page",
         "all callbacks", "all requests", "/healthz (probe)")


def table(fig: dict, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'':24}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
                 f"{'errors':>8}{'5xx':>6}")
    for name in ORDER:
        row = fig["rows"].get(name)
        if row and row["n"]:
            lines.append(f"{name:24}{row['n']:>7}{row['p50']:>9.0f}{row['p95']:>9.0f}"
                         f"{row['p99']:>9.0f}{row['max']:>9.0f}{row['errors']:>8}"
                         f"{row['5xx']:>6}")
    rss = fig["rss_mib"]
    ratio = ", ".join(f"{name} {value:.1f}×" for name, value in fig["ratio"].items())
    lines += [
        f"requests/s {fig['requests_per_s']:.1f} over {fig['seconds']:.0f} s; "
        f"errors {fig['errors']}; 5xx {fig['5xx']} (access log: {fig.get('access_5xx', '?')})",
        "uploads: " + ", ".join(f"{k} {v}" for k, v in fig["uploads"].items()),
        f"sent again after a kept-alive connection closed before any answer (as Chromium "
        f"does): {fig['retried']}; cut short by the end of the run: {fig['stopped']}",
        f"gunicorn RSS (master + workers): start {rss['start']:.0f} MiB, peak "
        f"{rss['peak']:.0f} MiB, end {rss['end']:.0f} MiB",
        f"p95 against /healthz p95 of the same run: {ratio or 'n/a'}",
        f"CPU seconds in the run: gunicorn {fig['cpu_seconds'].get('gunicorn', 0):.0f}, locust "
        f"{fig['cpu_seconds'].get('locust', 0):.0f} (same {fig['cores']} cores); load average "
        f"{fig['load_average'][0]:.1f} before, {fig['load_average'][1]:.1f} after",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--uploaders", type=int, default=10)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY")
    parser.add_argument("--redis", action="store_true", help="keep the store in a redis-server")
    parser.add_argument("--short", action="store_true",
                        help="the CI version: 20 visitors, 3 uploaders, 25 s")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.short:
        args.seconds, args.visitors, args.uploaders = 25, 20, 3
    args.seconds = min(args.seconds, 300)  # bounded, whatever is asked
    with tempfile.TemporaryDirectory(prefix="redes-loadtest-") as folder:
        redis = Redis(Path(folder) / "redis") if args.redis else None
        if redis:
            redis.start()
        try:
            env = {"REDES_CACHE_URL": redis.url} if redis else {}
            with Gunicorn(Path(folder), env, workers=args.workers) as server:
                print(f"gunicorn on {server.url} ({args.workers} workers × "
                      f"{os.environ.get('GUNICORN_THREADS', '2')} threads"
                      f"{', store in Redis' if redis else ''}); {args.visitors} visitors and "
                      f"{args.uploaders} uploaders for {args.seconds:.0f} s", flush=True)
                run = drive(server, args.seconds, args.visitors, args.uploaders,
                            spawn_rate=args.spawn_rate)
        finally:
            if redis:
                redis.stop()
    fig = figures(run)
    fig["5xx"] = max(fig["5xx"], run.access_5xx)  # the server's count, or the clients'
    print(table(fig, f"\n{args.visitors} visitors (bundled data), {args.uploaders} uploaders, "
                     f"{args.seconds:.0f} s, {os.cpu_count()} cores"))
    for note in run.notes:
        print("note:", note)
    if args.json:
        args.json.write_text(json.dumps({**fig, "notes": run.notes}, indent=1))
    failed = fig["errors"] or fig["5xx"] or not run.requests
    if failed:
        print("FAILED: " + ("no requests were made" if not run.requests else
                            f"{fig['errors']} errors, {fig['5xx']} 5xx"))
        _print_errors(run)
    return 1 if failed else 0


def _print_errors(run: Run, most: int = 10) -> None:
    seen: dict[str, int] = {}
    for record in run.requests:
        if record[5] and record[1] != "STEP":
            seen[f"{record[2]}: {record[5]}"] = seen.get(f"{record[2]}: {record[5]}", 0) + 1
    for text, count in sorted(seen.items(), key=lambda kv: -kv[1])[:most]:
        print(f"  {count} × {text}")


if __name__ == "__main__":
    sys.exit(main())
