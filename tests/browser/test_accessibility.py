"""axe-core (vendored from the npm registry in tests/vendor/axe-core, injected from disk) on
the main views: no serious or critical violation.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import wait_idle

pytestmark = pytest.mark.browser

AXE = Path(__file__).parents[1] / "vendor" / "axe-core" / "axe.min.js"
VIEWS = {
    "explorer": "?year=2008&actor=anpe",
    "spanish": "?year=2008&lang=es",
    "collaborators": "?year=2008&panel=collaborate&me=idma&target=galci",
    "discourses": "?year=2010&view=discourses&discourse=market_access",
    "presenting": "?year=2010&present=1&scene=0",
}


def violations(page: Page) -> list[dict]:
    # evaluated through DevTools: the page's CSP (no inline scripts) refuses a <script> tag
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")


@pytest.mark.parametrize("name", list(VIEWS))
def test_no_serious_or_critical_violations(page: Page, open_app, name: str) -> None:
    open_app(VIEWS[name])
    wait_idle(page, quiet_ms=300)
    found = violations(page)
    assert found == [], "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}"
                                  for v in found)
