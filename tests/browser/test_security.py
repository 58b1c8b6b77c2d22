"""The page under the server's Content-Security-Policy, in a real browser.

Every browser test runs with the policy on and fails on any violation (see conftest's
``WATCH_CSP``); this one shows that the policy is really sent and enforced, and that the
watch really catches a breach.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page

from .conftest import wait_rendered

pytestmark = pytest.mark.browser


def test_the_policy_is_enforced_and_a_breach_fails_the_test(page: Page, live_server, watch):
    response = page.goto(live_server)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    wait_rendered(page)
    assert watch.csp == []  # the app itself breaks nothing

    # an injected inline script and eval() are refused, and the watch reports both
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.head.appendChild(s);
    }""")
    # (a string timer is compiled by the page, not by the test's evaluate, which CSP spares)
    page.evaluate("() => setTimeout('window.__evaluated = true', 0)")
    deadline = time.monotonic() + 10
    while len(watch.csp) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert page.evaluate("() => [window.__injected, window.__evaluated]") == [None, None]
    assert any("script-src-elem" in v for v in watch.csp), watch.csp
    assert any("script-src" in v and "eval" in v for v in watch.csp), watch.csp
    watch.csp.clear()  # the breaches were this test's own
