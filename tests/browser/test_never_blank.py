"""The graph never goes blank: every switch between the network and the discourse view, and
every presenter scene forward and back, leaves the actors in view (those not faded, when a
selection fades the rest) drawn on the canvas.

The bug this guards against: the network graph is hidden while the discourse view shows; a
fit or centring made while it had no size left zoom 4 and pan -Infinity, an empty canvas
that only a reload cured.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from network.view.scenes import load_scenes

from .conftest import WAIT_MS, present_step, wait_idle

pytestmark = pytest.mark.browser

TOUR = load_scenes()

#: The graph's viewport is finite and the actors in view lie on the visible canvas.
DRAWN = """() => {
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    if (!cy || cy.width() < 10) { return 'no visible graph'; }
    const pan = cy.pan(), zoom = cy.zoom();
    if (!isFinite(zoom) || !isFinite(pan.x) || !isFinite(pan.y)) { return 'viewport ' + zoom; }
    // the actors the view is about: those not faded (a scene that picks an actor fades the
    // rest, and the presenter frames the point of the scene), else every actor in view
    const on = cy.nodes('.on'), focal = on.not('.faded');
    const shown = focal.length ? focal : on;
    if (!shown.length) { return 'ok'; }  // an empty view says so in words (tested elsewhere)
    const bb = shown.renderedBoundingBox();
    if (![bb.x1, bb.x2, bb.y1, bb.y2].every(isFinite)) { return 'bounding box NaN'; }
    const inside = shown.filter(n => { const p = n.renderedPosition();
        return p.x >= -1 && p.x <= cy.width() + 1 && p.y >= -1 && p.y <= cy.height() + 1; });
    if (inside.length < shown.length) {
        return (shown.length - inside.length) + ' of ' + shown.length + ' actors off the canvas';
    }
    return bb.w > 20 || shown.length === 1 ? 'ok' : 'picture squeezed to ' + bb.w + ' px';
}"""


def assert_drawn(page: Page, where: str) -> None:
    # the viewport settles within an animation (400 ms); poll rather than sleep
    try:
        page.wait_for_function(f"() => ({DRAWN})() === 'ok'", timeout=WAIT_MS, polling=100)
    except Exception:  # noqa: BLE001 - say what the canvas shows instead of a timeout
        raise AssertionError(f"{where}: {page.evaluate(DRAWN)}") from None


def test_switching_views_back_and_forth_keeps_the_graph(page: Page, open_app) -> None:
    open_app("?year=2008")
    assert_drawn(page, "first view")
    for turn in range(3):
        page.get_by_text("Who says what").click()
        wait_idle(page)
        page.get_by_text("Who works with whom").click()
        wait_idle(page)
        assert_drawn(page, f"back from the discourse view, turn {turn + 1}")
    # and the year and a reset still draw (they did not before: only a reload did)
    page.get_by_text("Who says what").click()
    wait_idle(page)
    page.get_by_text("Who works with whom").click()
    wait_idle(page)
    page.locator("#reset").click()
    wait_idle(page)
    assert_drawn(page, "after a reset")


def test_every_scene_forward_and_back_keeps_the_graph(page: Page, open_app) -> None:
    open_app("?present=1&scene=0")
    seen = [0]
    for _ in range(len(TOUR) - 1):
        present_step(page, "ArrowRight", seen[-1] + 1)
        seen.append(seen[-1] + 1)
        if "view=discourses" not in page.url:
            assert_drawn(page, f"scene {seen[-1] + 1} going forward")
    for _ in range(len(TOUR) - 1):
        present_step(page, "ArrowLeft", seen[-1] - 1)
        seen.append(seen[-1] - 1)
        if "view=discourses" not in page.url:
            assert_drawn(page, f"scene {seen[-1] + 1} going back")
    assert seen[-1] == 0 and max(seen) == len(TOUR) - 1
    # playing the years after the back-steps draws on a real canvas
    page.locator("#present-play").click()
    page.wait_for_timeout(1_500)
    page.locator("#present-play").click()
    wait_idle(page)
    assert_drawn(page, "after playing the years")
