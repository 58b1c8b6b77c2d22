"""A phone (390 x 844) in the browser: the network early, a chosen organisation's profile
brought into view, the discourse view readable, charts whose words neither overprint nor
run off their frame.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from network.text.catalogue import t

from .conftest import wait_idle, wait_rendered

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

#: The profile's heading is in the top quarter of the screen.
AT_THE_TOP = ("(() => { const h = document.querySelector('#details h3'); if (!h) return false;"
              " const top = h.getBoundingClientRect().top;"
              " return top >= -2 && top < innerHeight * 0.25; })()")


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_tapping_a_key_actor_brings_its_profile_into_view(new_page, live_server,
                                                          motion: str) -> None:
    page = new_page(viewport=PHONE, locale="es-PE", reduced_motion=motion)
    page.goto(live_server + "?year=2008&lang=es")
    wait_rendered(page)
    button = page.locator("#key-actors button", has_text="RAE Perú")
    button.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    button.click()
    heading = page.locator("#details h3")
    expect(heading).to_contain_text("Red de Agricultura Ecológica")
    # at the top of the screen (after a smooth scroll, unless motion is reduced), focused
    page.wait_for_function(AT_THE_TOP)
    assert page.evaluate("window.scrollY") > before
    expect(heading).to_be_focused()
    wait_idle(page)
    expect(heading).to_be_in_viewport()


def test_a_search_on_a_phone_opens_the_profile_in_view(new_page, live_server) -> None:
    page = new_page(viewport=PHONE, locale="es-PE", reduced_motion="reduce")
    page.goto(live_server + "?year=2008&lang=es")
    wait_rendered(page)
    page.locator("#search").fill("IDMA")
    page.locator("#search-hits button").first.click()
    heading = page.locator("#details h3")
    expect(heading).to_contain_text("Instituto de Desarrollo y Medio Ambiente")
    page.wait_for_function(AT_THE_TOP)
    expect(heading).to_be_focused()


def test_a_laptop_does_not_jump_when_the_profile_is_in_view(page: Page, open_app) -> None:
    open_app("?year=2008")  # 1366 x 768: the profile starts on screen
    before = page.evaluate("window.scrollY")
    page.locator("#key-actors button").nth(1).click()
    wait_idle(page)
    expect(page.locator("#details h3")).to_be_visible()
    page.wait_for_timeout(1600)  # the late check for an unchanged profile has run
    assert page.evaluate("window.scrollY") == before


def test_the_network_comes_first_on_the_first_screen(new_page, live_server) -> None:
    page = new_page(viewport=PHONE, locale="es-PE")
    page.goto(live_server + "?year=2008&lang=es")
    wait_rendered(page)
    graph = page.locator(".graph-box").bounding_box()
    # wholly on the first screen, in its upper half, no taller than it is wide
    assert graph["y"] < PHONE["height"] / 2
    assert graph["y"] + graph["height"] <= PHONE["height"]
    assert 280 <= graph["height"] <= graph["width"]
    # its controls and legend follow it
    legend = page.locator("#legend").bounding_box()
    controls = page.locator(".view-controls").bounding_box()
    assert legend["y"] > graph["y"] + graph["height"]
    assert controls["y"] > graph["y"] + graph["height"]


#: Every word of a chart's picture: its box, and whether it lies inside the chart's frame.
CHART_WORDS = """(id) => {
    const root = document.getElementById(id).querySelector('svg.main-svg');
    const frame = root.getBoundingClientRect();
    const words = [];
    document.getElementById(id).querySelectorAll('svg text').forEach((el) => {
        if (!el.textContent.trim()) return;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return;
        words.push({text: el.textContent, x: r.left, y: r.top, w: r.width, h: r.height,
                    inside: r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5
                            && r.top >= frame.top - 0.5 && r.bottom <= frame.bottom + 0.5});
    });
    return words;
}"""


def overprinted(words: list[dict]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap (by more than a pixel each way)."""
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > 1 and dy > 1:
                pairs.append((a["text"], b["text"]))
    return pairs


@pytest.mark.parametrize("width,lang", [(390, "es"), (390, "en"), (1366, "es"), (1366, "en")])
def test_chart_words_neither_overprint_nor_leave_the_frame(new_page, live_server, width: int,
                                                           lang: str) -> None:
    page = new_page(viewport={"width": width, "height": 844 if width < 500 else 768})
    # facts stated or sourced only: the breakdown has its "level not stated" bar
    page.goto(live_server + f"?year=2008&lang={lang}&certainty=stated%2Csourced")
    wait_rendered(page)
    for by in ("ngo_type", "sector"):
        page.locator("#breakdown-by label", has=page.locator(f"input[value='{by}']")).click()
        wait_idle(page)
        for chart in ("breakdown", "timeline"):
            page.locator(f"#{chart}").scroll_into_view_if_needed()
            words = page.evaluate(CHART_WORDS, chart)
            assert len(words) > 8, (chart, words)
            assert overprinted(words) == [], (chart, by)
            assert [w["text"] for w in words if not w["inside"]] == [], (chart, by)
        # the bar of levels not stated is named in full (its lines are <tspan>s of one word)
        unstated = t("level.unstated_short", lang).replace(" ", "")
        shown = [w["text"] for w in page.evaluate(CHART_WORDS, "breakdown")]
        assert unstated in shown, shown


#: The discourse pictures on screen: the box, the nodes' extent and the discourses' names.
PICTURE = """(id) => {
    const cy = document.getElementById(id)._cyreg.cy, z = cy.zoom(), pan = cy.pan();
    const at = (b) => ({x1: b.x1 * z + pan.x, x2: b.x2 * z + pan.x,
                        y1: b.y1 * z + pan.y, y2: b.y2 * z + pan.y});
    const names = cy.nodes('.discourse').filter(n => Number(n.style('text-opacity')) > 0)
        .map(n => at(n.boundingBox({includeNodes: false, includeEdges: false,
                                    includeLabels: true})));
    const nodes = at(cy.nodes().boundingBox({includeLabels: false}));
    return {w: cy.width(), h: cy.height(), nodes: nodes, names: names,
            discourses: cy.nodes('.discourse').length};
}"""


@pytest.mark.parametrize("lang", ["es", "en"])
def test_who_says_what_is_readable_on_a_phone(new_page, live_server, lang: str) -> None:
    page = new_page(viewport=PHONE)
    page.goto(live_server + f"?year=2008&lang={lang}&view=discourses")
    wait_rendered(page)
    page.wait_for_function(
        "document.getElementById('affiliation')._cyreg.cy.nodes('.discourse').length > 0")
    wait_idle(page, quiet_ms=600)
    shown = page.evaluate(PICTURE, "affiliation")
    # every discourse named, whole, inside the picture, no name over another
    assert len(shown["names"]) == shown["discourses"] > 3
    for b in shown["names"]:
        assert b["x1"] >= -1 and b["x2"] <= shown["w"] + 1, b
    for i, a in enumerate(shown["names"]):
        for b in shown["names"][i + 1:]:
            assert a["y2"] <= b["y1"] + 1 or b["y2"] <= a["y1"] + 1, (a, b)
    # the picture fills its box's height: a column, not a thin strip
    nodes = shown["nodes"]
    assert nodes["y2"] - nodes["y1"] > 0.7 * shown["h"]
    # the coalitions (a landscape network) in a box not much taller than the drawing
    coalitions = page.evaluate(PICTURE, "coalitions")
    drawn = coalitions["nodes"]["y2"] - coalitions["nodes"]["y1"]
    assert drawn > 0.45 * coalitions["h"], coalitions
