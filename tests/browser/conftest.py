"""Fixtures for the browser tests: one live Redes server, headless Debian Chromium, and a
page that fails the test on any console error, any request leaving the machine or any
breach of the server's Content-Security-Policy (the live server sends the real one)."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.servers import free_port

CHROMIUM = Path(os.environ.get("REDES_CHROMIUM", "/usr/bin/chromium"))
#: How long a browser test waits for the page to show what it expects. A test waits for a
#: state (a text, Dash idle), never for a fixed time, so this is only the bound after which
#: "not yet" counts as "never": long enough for a 2-core CI machine running `make bench`
#: beside the suite (a language switch there takes up to ~8 s), short enough to fail fast.
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

#: Counts the app's fetches in flight (Dash talks to the server with fetch only), so a test
#: can wait until every callback chain has come back instead of sleeping.
TRACK_FETCH = """
(() => {
  if (window.__redesFetchTracked) { return; }
  window.__redesFetchTracked = true;
  window.__redesPending = 0;
  window.__redesLastDone = performance.now();
  const original = window.fetch.bind(window);
  window.fetch = function(...args) {
    window.__redesPending += 1;
    return original(...args).finally(() => {
      window.__redesPending -= 1;
      window.__redesLastDone = performance.now();
    });
  };
})();
"""

#: Reports every breach of the page's Content-Security-Policy (a blocked script, eval,
#: style, image, connection ...) as a console error the watch below recognises.
CSP_MARK = "CSP violation:"
WATCH_CSP = """
(() => {
  if (window.__redesCspWatched) { return; }
  window.__redesCspWatched = true;
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error('CSP_MARK ' + e.effectiveDirective + ' refused ' + (e.blockedURI || '?')
                  + ' in ' + (e.sourceFile || '?') + ':' + e.lineNumber
                  + (e.sample ? ' (' + e.sample + ')' : ''));
  }, true);
})();
""".replace("CSP_MARK", CSP_MARK)

#: The head of a JavaScript function (``() => ...``, ``(x) => ...``, ``function ...``).
FUNCTION_HEAD = re.compile(r"^\s*(async\s+)?(function\b|\([^()]*\)\s*=>|[\w$]+\s*=>)")


def as_function(expression: str) -> str:
    """``expression`` as a function: Playwright polls an expression string with eval() in
    the page, which the CSP refuses, and compiles a function once through DevTools, which
    the CSP spares.

    >>> as_function("a.length > 0"), as_function("() => 1"), as_function("(n) => n")
    ('() => (a.length > 0)', '() => 1', '(n) => n')
    """
    return expression if FUNCTION_HEAD.match(expression) else f"() => ({expression})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(
                    reason=f"browser tests need Chromium at {CHROMIUM} (apt install chromium)"))


# -- the live server ---------------------------------------------------------------------

@pytest.fixture(scope="session")
def live_store(tmp_path_factory) -> Path:
    """The folder where the live server keeps uploads (one per session: the default one
    outlives it)."""
    return tmp_path_factory.mktemp("redes-store")


@pytest.fixture(scope="session")
def live_server(live_store: Path) -> Iterator[str]:
    """The real app on a free local port, in a background thread, for the whole session."""
    from werkzeug.serving import make_server

    from app import create_app
    from settings import Settings

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # a 2 MB upload limit, so that the test of a file over it need not make a 21 MB one; no
    # rate limits (every test uploads from 127.0.0.1; the limits have tests of their own)
    app = create_app(Settings.from_env({"REDES_STORE_DIR": str(live_store),
                                        "REDES_UPLOAD_MAX_MB": "2", "REDES_RATE_UPLOADS": "",
                                        "REDES_RATE_PUBLISH": "", "REDES_RATE_API": ""}))
    port = free_port()
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="redes-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def dataset():
    """The same data package the live server serves (for expected values)."""
    from network.loading import load
    from settings import Settings

    return load(Settings.from_env({}).data).dataset


# -- the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768},
            "locale": "en-GB"}


class Watch:
    """Console errors, page errors, CSP violations and requests to other hosts seen by one
    page."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []
        self.csp: list[str] = []

    def attach(self, page) -> None:
        page.set_default_timeout(WAIT_MS)
        page.add_init_script(WATCH_CSP)
        page.add_init_script(TRACK_FETCH)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("request", self._request)
        wait_for_function = page.wait_for_function
        page.wait_for_function = lambda expression, *args, **kwargs: wait_for_function(
            as_function(expression), *args, **kwargs)

    def _console(self, msg) -> None:
        # the page's own report (WATCH_CSP) and Chromium's message about the same breach
        if msg.type == "error" and (msg.text.startswith(CSP_MARK)
                                    or "Content Security Policy" in msg.text):
            self.csp.append(msg.text)
        elif msg.type == "error":
            self.errors.append(f"console: {msg.text} ({msg.location})")

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname not in LOCAL_HOSTS:
            self.external.append(request.url)

    def check(self) -> None:
        assert not self.csp, f"the page broke the Content-Security-Policy: {self.csp}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.external, (
            f"requests to other hosts (the app must work offline): {self.external}")


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(page, watch: Watch):
    """pytest-playwright's page, watched: the test fails on console errors or external requests."""
    watch.attach(page)
    yield page
    watch.check()


@pytest.fixture
def new_page(browser, watch: Watch):
    """Open a watched page in a fresh context with the given context options (e.g. locale)."""
    contexts = []

    def make(**context_args):
        context = browser.new_context(
            **{"viewport": {"width": 1366, "height": 768}, **context_args})
        contexts.append(context)
        page = context.new_page()
        watch.attach(page)
        return page

    yield make
    for context in contexts:
        context.close()
    watch.check()


# -- waiting for the app ----------------------------------------------------------------------

def wait_idle(page, quiet_ms: int = 150, timeout: float = WAIT_MS) -> None:
    """Wait until Dash has no request in flight and none has finished for ``quiet_ms``."""
    page.wait_for_function(
        """(quiet) => window.__redesPending === 0
              && performance.now() - window.__redesLastDone > quiet
              && !document.querySelector('._dash-loading')""",
        arg=quiet_ms, timeout=timeout, polling=50,
    )


def present_step(page, key: str, scene: int) -> None:
    """Press ``key`` in presenter mode and wait until scene ``scene`` (counted from 0) is the
    one shown, its requests done (a step starts in the browser: waiting for no request in
    flight alone could return before the step's request had even started)."""
    page.keyboard.press(key)
    page.wait_for_function(
        "(n) => new URLSearchParams(location.search).get('scene') === String(n)",
        arg=scene, timeout=WAIT_MS, polling=50)
    wait_idle(page)


def wait_labelled(page, passes_before: int = 0, timeout: float = WAIT_MS) -> None:
    """Wait until the graph's labels are placed for the view drawn last (and, given the
    count of label passes read before a zoom, placed again since), with no pass pending."""
    try:
        page.wait_for_function(
            """(before) => {
                const g = document.getElementById('graph'), cy = g && g._cyreg && g._cyreg.cy;
                const marks = g && g.parentElement.dataset;  // (redes-labels.js says why there)
                return cy && !cy.scratch('_redesLabelTimer') && g.dataset.painted
                    && marks.labelled === g.dataset.painted
                    && Math.abs(Number(marks.labelZoom) - cy.zoom()) < 1e-9
                    && Number(marks.labelPasses || 0) > before;
            }""",
            arg=passes_before, timeout=timeout, polling=50,
        )
    except Exception:  # noqa: BLE001 - say which condition never held, not a bare timeout
        state = page.evaluate("""() => {
            const g = document.getElementById('graph'), cy = g && g._cyreg && g._cyreg.cy;
            const m = g ? g.parentElement.dataset : {};
            return {painted: g && g.dataset.painted, labelled: m.labelled,
                    labelZoom: m.labelZoom, zoom: cy && cy.zoom(), pan: cy && cy.pan(),
                    size: cy && [cy.width(), cy.height()], passes: m.labelPasses,
                    timer: !!(cy && cy.scratch('_redesLabelTimer'))}; }""")
        raise AssertionError(f"labels never placed for the view shown: {state}") from None


def label_passes(page) -> int:
    """How many times the graph's labels have been placed so far."""
    return int(page.evaluate(
        "Number(document.getElementById('graph').parentElement.dataset.labelPasses || 0)"))


def wait_rendered(page, timeout: float = WAIT_MS) -> None:
    """Wait until the graph canvas exists, the summary is written and Dash is idle."""
    page.wait_for_selector("#graph canvas", state="attached", timeout=timeout)
    page.wait_for_function(
        """() => {
            const s = document.querySelector('#graph-summary');
            const g = document.getElementById('graph');
            const app = document.getElementById('app');
            // a presenter's page draws no summary (a projector hides it)
            const said = app && app.classList.contains('presenting')
                || (s && s.textContent.trim().length > 0);
            return said && g && g._cyreg && g._cyreg.cy && g.dataset.painted;
        }""",
        timeout=timeout, polling=50,
    )
    wait_idle(page, timeout=timeout)


@pytest.fixture
def open_app(page, live_server: str):
    """Go to the app (with an optional query string) and wait until it has rendered."""

    def go(query: str = "", target=None):
        target = target or page
        target.goto(live_server + query)
        wait_rendered(target)
        return target

    return go
