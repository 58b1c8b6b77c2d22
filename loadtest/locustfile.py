"""Locust users for ``make loadtest`` (run by :mod:`loadtest.run`, which sets the host and
the counts; ``locust -f loadtest/locustfile.py --host http://127.0.0.1:8050`` works too).

* :class:`Visitor` browses the bundled data as Chromium does: it opens the page (``/``,
  ``/_dash-layout``, ``/_dash-dependencies``, the first callbacks), then moves the year,
  changes the platform levels, clicks an organisation (its profile) and finds its
  collaborators, replaying the recorded callback requests (:mod:`loadtest.dash_calls`)
  with the browser's headers (``Origin``, ``Sec-Fetch-Site: same-origin``).
* :class:`Uploader` posts the bundled data to ``/api/datasets`` (the CSV files, each upload
  made distinct, or one XLSX workbook), then reopens the page with its upload
  (``X-Redes-Data``) and checks that the page is built for it.

Every request, and each action as a whole (``STEP`` entries: what a visitor waits for), is
written to ``LOADTEST_RAW`` (JSON) when the run ends; :mod:`loadtest.run` reads it.
Environment: ``LOADTEST_VISITORS``, ``LOADTEST_UPLOADERS`` (fixed counts), ``LOADTEST_RAW``,
``LOADTEST_STORE_MAY_FAIL=1`` (a 422 saying the store is unavailable is the expected answer
to an upload: the Redis faults), ``REDES_API_KEY`` (sent when set).
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser
from urllib3 import encode_multipart_formdata

from loadtest.dash_calls import Page, browser_headers, bundled_actors, load_templates
from loadtest.payloads import XLSX_MIME, bundled_csvs, bundled_xlsx, distinct_csvs

TEMPLATES = load_templates()
ACTORS = bundled_actors()
CSVS = bundled_csvs()
XLSX = bundled_xlsx()
RAW: list[list] = []  # [start, type, name, ms, status, error]
UPLOADED: list[str] = []  # keys of the uploads the server accepted
STORE_MAY_FAIL = os.environ.get("LOADTEST_STORE_MAY_FAIL") == "1"
STORE_FAILED = "could not keep your data"  # network/text/locales: upload.store_failed
STOPPED = "stopped with the run"
RETRIED = "retried:"  # a request sent again (see Visitor._post)


@events.request.add_listener
def _record(request_type, name, response_time, response=None, exception=None,
            start_time=None, **_kw):
    status = getattr(response, "status_code", 0) or 0
    error = f"{type(exception).__name__}: {exception}"[:200] if exception else ""
    if isinstance(exception, gevent.GreenletExit | StopUser):
        error = STOPPED  # the run ended in the middle of it: not the server's doing
    RAW.append([start_time or time.time(), request_type, name, round(response_time, 2),
                status, error])


@events.quitting.add_listener
def _write(environment, **_kw):
    path = os.environ.get("LOADTEST_RAW")
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"requests": RAW, "uploaded": UPLOADED}, fh)


def _step(name: str, started: float, error: str | None) -> None:
    """One action as a whole: what the visitor waited for."""
    events.request.fire(request_type="STEP", name=name, start_time=started,
                        response_time=(time.time() - started) * 1000, response_length=0,
                        response=None, context={}, exception=error)


def _label(body: dict) -> str:
    """A short name for a callback: the first component it writes."""
    outputs = body.get("outputs")
    first = outputs[0] if isinstance(outputs, list) and outputs else outputs
    return str(first.get("id") if isinstance(first, dict) else "?")


def _closed_before_answer(response) -> bool:
    return not response.status_code and type(response.error).__name__ in (
        "HTTPConnectionClosed", "ConnectionResetError", "BrokenPipeError")


def _why(response) -> str:
    """A failed response in a few words: its status and the start of its body, or the
    connection's error (status 0)."""
    if not response.status_code:
        return f"no answer: {response.error!r}"[:200]
    return f"{response.status_code}: {(response.text or '')[:150]}"


class Visitor(FastHttpUser):
    fixed_count = int(os.environ.get("LOADTEST_VISITORS", "50"))
    wait_time = between(1.0, 5.0)  # a visitor reads a moment before the next step
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        self.page = Page(TEMPLATES, random.Random())
        self.headers = browser_headers(self.host)
        self.open_page()

    def _get(self, path: str, name: str, headers: dict | None = None) -> str | None:
        with self.client.get(path, name=name, headers=headers or {},
                             catch_response=True) as response:
            if response.status_code != 200:
                why = _why(response)
                response.failure(why)
                return f"{name}: {why}"
        return None

    def replay(self, action: str, **change) -> None:
        started, error = time.time(), None
        for wave in self.page.action(action, **change):
            jobs = [gevent.spawn(self._post, action, path, call) for path, call in wave]
            gevent.joinall(jobs)
            error = error or next((j.value for j in jobs if j.value), None)
        _step(f"step {action}", started, error)

    def _post(self, action: str, path: str, call: dict, again: bool = True) -> str | None:
        body = self.page.body(call)
        name = f"{action}: {_label(body)}"
        with self.client.post(path, data=json.dumps(body).encode(), headers=self.headers,
                              name=name, catch_response=True) as response:
            if again and _closed_before_answer(response):
                # Chromium sends a request again when a kept-alive connection is closed
                # before any answer (the server's keep-alive ran out as it was reused)
                response.request_meta["name"] = f"{RETRIED} {name}"
                response.success()
                return self._post(action, path, call, again=False)
            if response.status_code == 200:
                try:
                    self.page.apply(json.loads(response.content or b"null"))
                except ValueError:
                    response.failure("not JSON")
                    return f"{name}: not JSON"
            elif response.status_code != 204:  # 204: nothing to update
                why = _why(response)
                response.failure(why)
                return f"{name}: {why}"
        return None

    def open_page(self) -> None:
        started = time.time()
        error = (self._get("/", "page: /") or self._get("/_dash-layout", "page: layout")
                 or self._get("/_dash-dependencies", "page: dependencies"))
        _step("step open", started, error)
        self.page = Page(TEMPLATES, self.page.rng)
        self.replay("page")

    @task(8)
    def move_the_year(self) -> None:
        self.replay("year", year=self.page.some_year())

    @task(2)
    def change_levels(self) -> None:
        self.replay("filter", levels=self.page.some_levels())

    @task(3)
    def open_a_profile(self) -> None:
        self.replay("profile", actor=random.choice(ACTORS))

    @task(1)
    def find_collaborators(self) -> None:
        if not self.page.props.get(("selected", "data")):
            self.replay("profile", actor=random.choice(ACTORS))
        self.replay("collaborators")

    @task(1)
    def reload(self) -> None:
        self.open_page()


class Uploader(FastHttpUser):
    fixed_count = int(os.environ.get("LOADTEST_UPLOADERS", "10"))
    wait_time = between(3.0, 8.0)
    network_timeout = 60.0
    connection_timeout = 10.0

    @task
    def upload(self) -> None:
        if random.random() < 0.5:
            kind, files = "csv", distinct_csvs(CSVS, uuid.uuid4().hex[:12])
            parts = [("file", (name, body, "text/csv")) for name, body in files]
        else:
            kind, parts = "xlsx", [("file", ("redes.xlsx", XLSX, XLSX_MIME))]
        body, content_type = encode_multipart_formdata(parts)
        headers = {**browser_headers(self.host), "Content-Type": content_type}
        if os.environ.get("REDES_API_KEY"):
            headers["X-Redes-Api-Key"] = os.environ["REDES_API_KEY"]
        started, key, error = time.time(), None, None
        with self.client.post("/api/datasets?lang=en", data=body, headers=headers,
                              name=f"upload: {kind}", catch_response=True) as response:
            status = response.status_code
            text = (response.text or "")[:2000]
            if status == 202:  # a background job: poll its address until it is done
                response.success()
                status, text = self._poll(response, text)
            if status == 201:
                key = json.loads(text)["key"]
                UPLOADED.append(key)
            elif status == 429:  # a rate limit: the designed answer, counted apart
                response.success()
            elif status == 422 and STORE_MAY_FAIL and STORE_FAILED in text:
                response.success()
            else:
                response.failure(_why(response))
                error = f"upload {status}"
        if key:  # the page reloads with the upload (assets/0-data.js names it)
            with self.client.get("/_dash-layout", headers={"X-Redes-Data": key},
                                 name="upload: its page", catch_response=True) as response:
                built = response.headers.get("X-Redes-Page-Data") if response.headers else None
                if response.status_code != 200:
                    response.failure(_why(response))
                    error = error or "page of upload"
                elif built != key and not STORE_MAY_FAIL:
                    response.failure(f"page built for {built!r}, not the upload")
                    error = error or "upload not served"
        _step("step upload", started, error)

    def _poll(self, response, text: str, seconds: float = 60) -> tuple[int, str]:
        """The final status and body of an upload answered 202 (a job): its address is in
        ``Location`` or the body's ``job``/``url``/``status_url``."""
        try:
            body = json.loads(text)
        except ValueError:
            body = {}
        address = (response.headers.get("Location") if response.headers else None) or next(
            (body[k] for k in ("status_url", "job", "url") if isinstance(body.get(k), str)), "")
        if not address:
            return 202, "202 without a job address"
        deadline = time.time() + seconds
        while time.time() < deadline:
            gevent.sleep(0.5)
            with self.client.get(address, name="upload: job", catch_response=True) as answer:
                if answer.status_code != 202:
                    answer.success()
                    return answer.status_code, (answer.text or "")[:2000]
        return 0, "the job did not finish in time"
