"""``python -m loadtest.faults`` (``make faults``): faults made under load, on the loopback.

Each scenario starts its own gunicorn (and redis-server), runs visitors of the bundled data
and uploaders (:mod:`loadtest.locustfile`) for ``--seconds``, makes its fault part-way and
judges what the users saw:

* ``worker``: ``kill -9`` of one gunicorn worker at 10 s. No 5xx; no more failed requests
  than a worker holds (its threads' requests in flight and its kept-alive connections);
  a new worker answers within seconds; every accepted upload is still served afterwards.
* ``redis-stop``: the store in Redis, redis-server stopped at 20 s (of 40). Visitors of the
  bundled data see no error and no 5xx; an upload gets a 422 saying the store is unavailable.
* ``redis-hang``: redis-server SIGSTOPped at 20 s (it accepts connections, answers
  nothing). As above, and the visitors' p95 after the hang (22–40 s) is within 2× of
  before it (8–20 s, once every visitor has opened the page).
* ``quota``: a store quota of 0.3 MB (``REDES_STORE_QUOTA_MB``), filled by the uploaders:
  no error, no 5xx, uploads still accepted (the least recently used go). Skipped, saying
  so, while no quota setting exists.
* ``heavy``: four heavy uploads (10,000 actors as XLSX, ``POST /api/datasets``) at once
  beside the visitors:
  ``/healthz`` must never take over 1 s and the bundled page's p95 stay under 2 s.

Prints each scenario's figures and verdict; exits 1 when one fails.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from loadtest.run import RENDER, SLIDER, STOPPED, Run, drive, figures, table
from loadtest.servers import Gunicorn, Redis

THREADS = int(os.environ.get("GUNICORN_THREADS", "2"))
AT = 10.0  # seconds into the run when the fault is made
REDIS_AT, WARM = 20.0, 8.0  # Redis fails at 20 s, compared with 8–20 s (warm, no fault)
QUOTA_MB = 0.3  # a few uploads of the bundled data (~60 KB each as stored) fill it
HEAVY_ACTORS = 10_000  # ~10 s of CPU to read, check and lay out on the 2-core machine


@dataclass
class Verdict:
    name: str
    passed: bool | None  # None: skipped
    lines: list[str] = field(default_factory=list)

    def check(self, ok: bool, text: str) -> None:
        self.lines.append(f"  [{'ok' if ok else 'FAIL'}] {text}")
        if not ok:
            self.passed = False


def _visitor_errors(run: Run, after: float = 0.0) -> list[list]:
    return [r for r in run.requests if r[5] and r[5] != STOPPED
            and r[1] != "STEP" and not r[2].startswith("upload") and r[0] - run.t0 >= after]


def _served(server: Gunicorn, keys: list[str]) -> list[str]:
    """The accepted uploads a worker no longer serves."""
    lost = []
    for key in keys:
        for _ in range(2):  # a fresh connection each time: either worker may answer
            answer = requests.get(server.url + "/healthz", timeout=30,
                                  headers={"X-Redes-Data": key, "Connection": "close"}).json()
            if answer.get("upload") != key:
                lost.append(key)
                break
    return lost


def worker(folder: Path, seconds: float, visitors: int, uploaders: int) -> Verdict:
    verdict = Verdict("killed worker (kill -9 of one gunicorn worker)", True)
    with Gunicorn(folder) as server:
        before = server.workers()
        killed: dict[str, float] = {}

        def kill() -> str:
            pid = server.workers()[0]
            os.kill(pid, signal.SIGKILL)
            killed["pid"], killed["at"] = pid, time.time()
            threading.Thread(target=watch, daemon=True).start()
            return f"killed worker {pid}"

        def watch() -> None:
            deadline = time.time() + 30
            while time.time() < deadline:
                now = server.workers()
                fresh = [p for p in now if p not in before]
                if len(now) == len(before) and fresh:
                    killed["respawned"] = time.time() - killed["at"]
                    return
                time.sleep(0.02)

        run = drive(server, seconds, visitors, uploaders, during=[(AT, kill)])
        lost = _served(server, run.uploaded)
    fig = figures(run)
    verdict.lines.append(table(fig))
    verdict.lines += [f"  {note}" for note in run.notes]
    failed = [r for r in run.requests if r[5] and r[5] != STOPPED
              and r[1] != "STEP"]
    bound = THREADS + visitors // 2  # in flight on the worker, and its kept-alive connections
    verdict.check(fig["5xx"] == 0 and run.access_5xx == 0,
                  f"no 5xx ({fig['5xx']} seen, {run.access_5xx} in the access log)")
    verdict.check(len(failed) <= bound,
                  f"{len(failed)} requests failed (bound {bound}: {THREADS} in flight and the "
                  f"connections kept alive with the killed worker): "
                  + "; ".join(sorted({f'{r[2]}: {r[5][:80]}' for r in failed})[:4]))
    respawn = killed.get("respawned")
    verdict.check(respawn is not None and respawn < 5,
                  f"a new worker in {respawn:.2f} s" if respawn is not None
                  else "no new worker within 30 s")
    verdict.check(not lost, f"{len(run.uploaded)} uploads accepted, {len(lost)} lost")
    return verdict


def redis(folder: Path, seconds: float, visitors: int, uploaders: int,
          hang: bool) -> Verdict:
    what = "hung Redis (SIGSTOP)" if hang else "stopped Redis"
    verdict = Verdict(what, True)
    with Redis(folder / "redis") as store:
        with Gunicorn(folder, {"REDES_CACHE_URL": store.url}) as server:
            fault: Callable[[], str]
            if hang:
                def fault() -> str:
                    store.pause()
                    return "redis-server stopped answering (SIGSTOP)"
            else:
                def fault() -> str:
                    store.stop()
                    return "redis-server stopped"
            run = drive(server, seconds, visitors, uploaders, during=[(REDIS_AT, fault)],
                        env={"LOADTEST_STORE_MAY_FAIL": "1"})
            if hang:
                store.resume()
    # normal: after every visitor has opened the page (the first seconds are cold caches)
    normal, faulty = figures(run, (WARM, REDIS_AT)), figures(run, (REDIS_AT + 2, seconds))
    verdict.lines.append(table(normal, f"before the fault ({WARM:.0f}–{REDIS_AT:.0f} s):"))
    verdict.lines.append(table(faulty, f"after it ({REDIS_AT + 2:.0f}–{seconds:.0f} s):"))
    verdict.lines += [f"  {note}" for note in run.notes]
    errors = _visitor_errors(run)
    verdict.check(not errors, f"visitors of the bundled data: {len(errors)} errors "
                  + "; ".join(sorted({f'{r[2]}: {r[5][:80]}' for r in errors})[:4]))
    verdict.check(max(figures(run)["5xx"], run.access_5xx) == 0,
                  f"no 5xx (access log: {run.access_5xx})")
    refused = faulty["uploads"]["refused (422)"]
    verdict.check(faulty["uploads"]["sent"] == 0 or refused > 0,
                  f"uploads after the fault: {faulty['uploads']} (422 = 'the store is "
                  "unavailable, nothing was lost: upload again in a moment')")
    for name in ("all callbacks", SLIDER, RENDER):
        a, b = normal["rows"].get(name), faulty["rows"].get(name)
        if not a or not b or not a["n"] or not b["n"]:
            continue
        ratio = b["p95"] / a["p95"]
        line = f"{name}: p95 {a['p95']:.0f} ms before, {b['p95']:.0f} ms after ({ratio:.2f}×)"
        if hang and name in ("all callbacks", SLIDER):
            verdict.check(ratio <= 2, line + ", within 2×")
        else:
            verdict.lines.append("  " + line)
    return verdict


def quota(folder: Path, seconds: float, visitors: int, uploaders: int) -> Verdict:
    from settings import SETTINGS

    names = [name for name, _, _ in SETTINGS if "QUOTA" in name or "STORE_MAX" in name]
    if not names:
        return Verdict("full quota", None, ["  skipped: no quota setting yet (issue 16 point 2: "
                                            "a store quota in bytes with LRU eviction)"])
    setting = f"REDES_{names[0]}"
    verdict = Verdict(f"full quota ({setting}={QUOTA_MB})", True)
    with Gunicorn(folder, {setting: str(QUOTA_MB)}) as server:
        run = drive(server, seconds, visitors, uploaders, env={"LOADTEST_STORE_MAY_FAIL": "1"})
        store = folder / "store"
        size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    fig = figures(run)
    verdict.lines.append(table(fig))
    verdict.check(fig["errors"] == 0 and max(fig["5xx"], run.access_5xx) == 0,
                  f"no error, no 5xx ({fig['errors']} errors, {fig['5xx']} 5xx)")
    verdict.lines.append(f"  store folder after the run: {size / 2**20:.2f} MiB (quota "
                         f"{QUOTA_MB} MB for the data sets; derived results come on top); "
                         f"uploads {fig['uploads']}")
    verdict.check(fig["uploads"]["accepted"] > 0, "uploads are still accepted when full")
    return verdict


def heavy(folder: Path, seconds: float, visitors: int, uploaders: int) -> Verdict:
    from loadtest.payloads import XLSX_MIME, heavy_xlsx

    verdict = Verdict(f"four heavy uploads ({HEAVY_ACTORS:,} actors as XLSX, through the API) "
                      "beside the visitors", True)
    started = time.time()
    book = heavy_xlsx(HEAVY_ACTORS)
    verdict.lines.append(f"  the workbook: {len(book) / 2**20:.1f} MiB, made in "
                         f"{time.time() - started:.0f} s")
    answers: list[str] = []
    with Gunicorn(folder) as server:
        def post() -> None:
            t = time.time()
            try:
                response = requests.post(server.url + "/api/datasets", timeout=seconds,
                                         files=[("file", ("heavy.xlsx", book, XLSX_MIME))])
                answer = f"{response.status_code} in {time.time() - t:.1f} s"
                job = response.headers.get("Location") if response.status_code == 202 else None
                while job and time.time() - t < seconds:  # a job: ask for its result
                    time.sleep(1)
                    result = requests.get(server.url + job if job.startswith("/") else job,
                                          timeout=seconds)
                    if result.status_code != 202:
                        answer += f", then {result.status_code} at {time.time() - t:.1f} s"
                        break
                else:
                    if job:
                        answer += ", still running when the run ended"
                answers.append(answer)
            except requests.RequestException as exc:
                answers.append(f"no answer after {time.time() - t:.1f} s "
                               f"({type(exc).__name__})")

        def four() -> str:
            for _ in range(4):
                threading.Thread(target=post, daemon=True).start()
            return "four heavy uploads sent"

        run = drive(server, seconds, visitors, uploaders, during=[(5.0, four)])
    window = figures(run, (5.0, seconds))
    verdict.lines.append(table(window, f"from the uploads on (5–{seconds:.0f} s):"))
    verdict.lines += [f"  {note}" for note in run.notes]
    verdict.lines.append(f"  the heavy uploads: {', '.join(answers) or 'none answered in time'}")
    health = window["rows"]["/healthz (probe)"]
    verdict.check(health["max"] <= 1000 and health["errors"] == 0,
                  f"/healthz never over 1 s: max {health['max']:.0f} ms, "
                  f"{health['errors']} unanswered")
    page = window["rows"].get("all callbacks", {"p95": float("nan"), "n": 0})
    verdict.check(page["n"] > 0 and page["p95"] < 2000,
                  f"the bundled page's p95 under 2 s: {page['p95']:.0f} ms ({page['n']} requests)")
    return verdict


SCENARIOS = {
    "worker": worker,
    "redis-stop": lambda f, s, v, u: redis(f, s, v, u, hang=False),
    "redis-hang": lambda f, s, v, u: redis(f, s, v, u, hang=True),
    "quota": quota,
    "heavy": lambda f, s, v, u: heavy(f, s, v, 0),
}
#: the shortest run of a scenario (its fault comes later, or takes longer to show)
LEAST_SECONDS = {"redis-stop": 40.0, "redis-hang": 40.0, "heavy": 40.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.faults", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", default=list(SCENARIOS),
                        help=f"some of {', '.join(SCENARIOS)} (default: all)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--visitors", type=int, default=20)
    parser.add_argument("--uploaders", type=int, default=3)
    args = parser.parse_args(argv)
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    verdicts = []
    for name in args.scenarios:
        seconds = min(max(args.seconds, AT + 10, LEAST_SECONDS.get(name, 0)), 120)
        uploaders = 0 if name == "heavy" else args.uploaders
        print(f"\n=== {name} ({args.visitors} visitors, {uploaders} uploaders, "
              f"{seconds:.0f} s)", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"redes-fault-{name}-") as folder:
            try:
                verdict = SCENARIOS[name](Path(folder), seconds, args.visitors, args.uploaders)
            except Exception as exc:
                verdict = Verdict(name, False, [f"  the scenario could not run: {exc!r}"])
        verdicts.append(verdict)
        state = {True: "passed", False: "FAILED", None: "skipped"}[verdict.passed]
        print(f"{verdict.name}: {state}\n" + "\n".join(verdict.lines), flush=True)
    print("\nsummary: " + "; ".join(
        f"{v.name}: {({True: 'passed', False: 'FAILED', None: 'skipped'})[v.passed]}"
        for v in verdicts))
    return 1 if any(v.passed is False for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
