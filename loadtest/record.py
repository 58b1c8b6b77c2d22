"""Record the callback requests the page really sends, as templates for the load test.

``python -m loadtest.record`` starts gunicorn on the loopback, opens the app in headless
Chromium (Playwright, /usr/bin/chromium) and does what a visitor does: open the page, move
the year, untick a platform level, click an organisation (its profile), then *Find
collaborators for* it. Every ``POST /_dash-update-component`` body of each action is saved,
in the order sent and grouped in waves (requests the browser had in flight together), to
``loadtest/templates/<action>.json``; :mod:`loadtest.dash_calls` replays them with other
years and organisations. Re-record after a change to the page's callbacks.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from loadtest.servers import Gunicorn

TEMPLATES = Path(__file__).parent / "templates"
CHROMIUM = os.environ.get("REDES_CHROMIUM", "/usr/bin/chromium")
ENDPOINT = "/_dash-update-component"
ACTOR = "anpe"  # the organisation clicked (replays pick others)
YEAR = 1995

TAP = """(actor) => document.getElementById('graph')._cyreg.cy.getElementById(actor).emit('tap')"""
IDLE = """(quiet) => window.__pending === 0 && performance.now() - window.__lastDone > quiet
           && !document.querySelector('._dash-loading')"""
TRACK = """(() => {
  window.__pending = 0; window.__lastDone = performance.now();
  const original = window.fetch.bind(window);
  window.fetch = (...args) => { window.__pending += 1;
    return original(...args).finally(() => { window.__pending -= 1;
                                               window.__lastDone = performance.now(); }); };
})();"""


class Recorder:
    """Collects the callback requests of the current action."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.in_flight = 0
        self.wave = 0

    def on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if request.method != "POST" or parts.path != ENDPOINT:
            return
        if self.in_flight == 0:
            self.wave += 1
        self.in_flight += 1
        headers = request.headers
        self.calls.append({
            "wave": self.wave, "output": json.loads(request.post_data)["output"],
            "query": parts.query,
            "body": json.loads(request.post_data),
            "browser_headers": {k: v for k, v in headers.items()
                                if k.lower() in ("origin", "sec-fetch-site", "content-type",
                                                 "x-redes-data", "x-redes-link")},
            "_request": request})

    def on_done(self, request) -> None:
        for call in self.calls:
            if call.get("_request") is request:
                self.in_flight -= 1
                response = request.response()
                call["status"] = response.status if response else None

    def take(self) -> list[dict]:
        calls, self.calls, self.wave = self.calls, [], 0
        for call in calls:
            call.pop("_request", None)
        return calls


def record(url: str, out: Path) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    recorder = Recorder()
    actions: dict[str, list[dict]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--headless=new", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.add_init_script(TRACK)
        page.on("request", recorder.on_request)
        page.on("requestfinished", recorder.on_done)
        page.on("requestfailed", recorder.on_done)

        def settle(name: str) -> None:
            page.wait_for_function(IDLE, arg=400, timeout=60_000, polling=50)
            time.sleep(0.3)
            page.wait_for_function(IDLE, arg=400, timeout=60_000, polling=50)
            actions[name] = recorder.take()
            print(f"{name}: {len(actions[name])} callback requests, statuses "
                  f"{sorted({c['status'] for c in actions[name]})}")

        page.goto(url + "/")
        page.wait_for_selector("#graph canvas", timeout=120_000)
        settle("page")
        box = page.locator("#year input[type=number]")
        box.fill(str(YEAR))
        box.press("Tab")
        settle("year")
        page.locator("#levels label", has_text="Local").first.click()
        settle("filter")
        page.evaluate(TAP, ACTOR)
        page.locator("#details h3").wait_for(timeout=60_000)
        settle("profile")
        page.locator("#details button", has_text="Find collaborators for").click()
        settle("collaborators")
        browser.close()
    out.mkdir(parents=True, exist_ok=True)
    for name, calls in actions.items():
        meta = {"action": name, "recorded_year": YEAR, "recorded_actor": ACTOR,
                "calls": calls}
        (out / f"{name}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")
    return actions


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="redes-record-") as folder:
        with Gunicorn(Path(folder)) as server:
            record(server.url, TEMPLATES)
    print(f"templates written to {TEMPLATES}")


if __name__ == "__main__":
    main()
