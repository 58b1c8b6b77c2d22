"""Paths a real user walks through the explorer, in headless Chromium against the live app.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from .conftest import WAIT_MS, wait_idle, wait_rendered

pytestmark = pytest.mark.browser

# Elements in view carry the class "on"; the rest of the data set is there, hidden.
NODES = "document.getElementById('graph')._cyreg.cy.nodes('.on').length"
EDGES = "document.getElementById('graph')._cyreg.cy.edges('.on').length"
SUMMARY_EN = re.compile(r"^(\d{4}): (\d+) actors and (\d+) ties in view\.$")
SUMMARY_ES = re.compile(r"^(\d{4}): (\d+) actores y (\d+) vínculos a la vista\.$")


# -- helpers --------------------------------------------------------------------------------

def nodes(page: Page) -> int:
    return page.evaluate(NODES)


def edges(page: Page) -> int:
    return page.evaluate(EDGES)


def summary(page: Page) -> str:
    return page.locator("#graph-summary").inner_text().strip()


def query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def position(page: Page, actor: str) -> tuple[float, float] | None:
    xy = page.evaluate(
        """(id) => {
            const n = document.getElementById('graph')._cyreg.cy.getElementById(id);
            if (!n.length) { return null; }
            const p = n.position();
            return [p.x, p.y];
        }""",
        actor,
    )
    return tuple(xy) if xy else None


def key_actor_names(page: Page) -> list[str]:
    return page.locator("#key-actors tbody tr button").all_inner_texts()


def level_box(page: Page, value: str):
    return page.locator(f"#levels input[value='{value}']")


def toggle_level(page: Page, label: str) -> None:
    """Click a level's label, as a user does, and wait for the app to settle."""
    page.locator("#levels label", has_text=re.compile(f"^{label}$")).click()
    wait_idle(page)


def set_year(page: Page, year: int) -> None:
    """Type a year into the slider's number box; the slider takes it when the box loses focus
    (Dash 4 ignores Enter there)."""
    box = page.locator("#year input[type=number]")
    box.fill(str(year))
    box.press("Tab")
    expect(page.locator("#year-label")).to_have_text(str(year))
    wait_idle(page)


def wait_nodes(page: Page, expected: int) -> None:
    page.wait_for_function(f"{NODES} === {expected}", timeout=WAIT_MS, polling=50)


def wait_cy_still(page: Page) -> None:
    """Wait until the picture has stopped moving (centring animates the viewport)."""
    page.wait_for_function(
        """() => {
            const cy = document.getElementById('graph')._cyreg.cy;
            return !cy.animated() && cy.nodes().every(n => !n.animated());
        }""",
        timeout=WAIT_MS, polling=50,
    )


def screenshot(page: Page, path: str) -> None:
    """Save the window for a person to look at; nothing may stick out sideways."""
    wait_cy_still(page)
    width = page.viewport_size["width"]
    page.screenshot(path=path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "horizontal scroll"


def expected_view(dataset, q: str) -> tuple[int, int]:
    """Actors and ties the domain puts in view for a query string."""
    from network.view.state import ViewState
    from network.view.visible import normalise, visible

    view = visible(dataset, normalise(ViewState.from_query(q), dataset).filters)
    return len(view.actors), len(view.ties)


# -- 1. opening the app ------------------------------------------------------------------------

def test_open_the_app(page: Page, open_app, dataset) -> None:
    open_app()
    expect(page).to_have_title("Redes")
    actors, ties = expected_view(dataset, "")
    assert nodes(page) == actors > 50
    assert edges(page) == ties
    expect(page.locator("#year-label")).to_have_text(str(dataset.last_year))
    expect(page.locator("#graph-summary")).to_have_text(
        f"{dataset.last_year}: {actors} actors and {ties} ties in view.")
    expect(page.locator("#key-actors tbody tr")).to_have_count(10)
    expect(page.locator("#graph-empty")).to_be_hidden()
    for chart in ("#breakdown", "#timeline"):
        traces = page.locator(f"{chart} .js-plotly-plot .trace")
        expect(traces.first).to_be_attached()
        assert traces.count() > 0, f"{chart} has no plotted trace"
    # the details panel invites a choice rather than staying blank
    expect(page.locator("#details")).not_to_be_empty()
    assert page.viewport_size == {"width": 1366, "height": 768}
    screenshot(page, "/tmp/redes-1366.png")


# -- 2. a level off and on --------------------------------------------------------------------

def test_toggle_a_level(page: Page, open_app, dataset) -> None:
    open_app()
    all_nodes, before = nodes(page), summary(page)
    assert "levels" not in query(page)

    toggle_level(page, "Local")
    expect(level_box(page, "local")).not_to_be_checked()
    expect(page).to_have_url(re.compile(r"[?&]levels="))
    actors, ties = expected_view(dataset, "levels=national,latin_american,global")
    wait_nodes(page, actors)
    assert actors < all_nodes
    assert summary(page) != before
    assert SUMMARY_EN.match(summary(page)).group(2) == str(actors)
    assert query(page)["levels"] == "national,latin_american,global"

    toggle_level(page, "Local")
    expect(level_box(page, "local")).to_be_checked()
    wait_nodes(page, all_nodes)
    expect(page.locator("#graph-summary")).to_have_text(before)
    assert "levels" not in query(page)


# -- 3. the year slider --------------------------------------------------------------------------

def test_move_to_an_early_year(page: Page, open_app, dataset) -> None:
    open_app()
    latest_nodes = nodes(page)
    latest_table = key_actor_names(page)
    rae_latest = position(page, "rae")
    assert rae_latest is not None

    set_year(page, 1990)
    actors, ties = expected_view(dataset, "year=1990")
    wait_nodes(page, actors)
    assert actors < latest_nodes / 2, "an early year should show far fewer actors"
    expect(page.locator("#graph-summary")).to_have_text(
        f"1990: {actors} actors and {ties} ties in view.")
    assert query(page)["year"] == "1990"
    expect(page.locator("#year [role=slider]")).to_have_attribute("aria-valuenow", "1990")
    assert key_actor_names(page) != latest_table
    # stable layout: an actor present in both years stays where it was
    assert position(page, "rae") == rae_latest


# -- 4. choosing an actor ----------------------------------------------------------------------

def test_pick_an_actor_from_the_graph_and_the_table(page: Page, open_app, dataset) -> None:
    open_app()
    expect(page.locator("#details h3")).to_have_count(0)

    # a real click on ANPE where the graph draws it
    wait_cy_still(page)
    x, y = page.evaluate(
        """() => {
            const cy = document.getElementById('graph')._cyreg.cy;
            const p = cy.getElementById('anpe').renderedPosition();
            return [p.x, p.y];
        }""")
    box = page.locator("#graph").bounding_box()
    assert 0 < x < box["width"] and 0 < y < box["height"], "ANPE is drawn inside the graph"
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page.locator("#details h3")).to_have_text(dataset.actor_name("anpe", "en"))
    expect(page).to_have_url(re.compile(r"[?&]actor=anpe(&|$)"))
    assert page.locator("#details a.source").count() > 0, "the profile lists its sources"
    wait_idle(page)

    # a click on the top key actor
    first = page.locator("#key-actors tbody tr button").first
    full_name = first.get_attribute("title")
    first.click()
    expect(page.locator("#details h3")).to_have_text(full_name)
    expect(page).not_to_have_url(re.compile(r"[?&]actor=anpe(&|$)"))
    actor = query(page)["actor"]
    assert dataset.actor_name(actor, "en") == full_name
    assert page.locator("#details a.source").count() > 0, "the profile lists its sources"
    expect(page.locator("#key-actors tr.selected button")).to_have_text(first.inner_text())
    wait_idle(page)


# -- 5. search ------------------------------------------------------------------------------------

def test_search_ignores_accents(page: Page, open_app, dataset) -> None:
    open_app()
    search = page.locator("#search")
    hit = page.locator("#search-hits button.hit").filter(
        has=page.locator("strong", has_text=re.compile("^Ecológica$")))

    search.fill("ecologica")
    expect(hit).to_have_count(1)
    hit.click()
    expect(page.locator("#details h3")).to_have_text(dataset.actor_name("ecologica", "en"))
    expect(page).to_have_url(re.compile(r"[?&]actor=ecologica(&|$)"))
    expect(page.locator("#search-hits button.hit")).to_have_count(0)  # the list closes

    search.fill("Ecológica")
    expect(hit).to_have_count(1)

    search.fill("zzzz")
    expect(page.locator("#search-hits")).to_contain_text("No organisation matches")
    expect(page.locator("#search-hits button.hit")).to_have_count(0)
    wait_idle(page)

    # typed and Enter at once: the first match is chosen and the list stays closed
    search.fill("cedal")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]actor=cedal(&|$)"))
    wait_idle(page)
    expect(page.locator("#search-hits button.hit")).to_have_count(0)


# -- 6. language ------------------------------------------------------------------------------

def test_switch_language(page: Page, open_app) -> None:
    open_app()
    headings = page.locator("h2")
    expect(headings.filter(has_text="Filters")).to_have_count(1)
    count = nodes(page)

    page.locator("#lang label", has_text="Español").click()
    expect(headings.filter(has_text=re.compile("^Filtros$"))).to_have_count(1)
    expect(headings.filter(has_text=re.compile("^Actores clave$"))).to_have_count(1)
    expect(page.locator("#graph-summary")).to_have_text(SUMMARY_ES)
    expect(page).to_have_url(re.compile(r"[?&]lang=es(&|$)"))
    expect(page.locator("#levels label", has_text="Nacional")).to_have_count(1)
    wait_idle(page)
    assert nodes(page) == count

    page.locator("#lang label", has_text="English").click()
    expect(headings.filter(has_text=re.compile("^Filters$"))).to_have_count(1)
    expect(headings.filter(has_text=re.compile("^Key actors$"))).to_have_count(1)
    expect(page.locator("#graph-summary")).to_have_text(SUMMARY_EN)
    expect(page).not_to_have_url(re.compile(r"lang=es"))
    wait_idle(page)


def test_language_switch_updates_the_lang_attribute(page: Page, open_app) -> None:
    open_app()
    expect(page.locator("div.app")).to_have_attribute("lang", "en")
    page.locator("#lang label", has_text="Español").click()
    expect(page.locator("#graph-summary")).to_have_text(SUMMARY_ES)
    wait_idle(page)
    expect(page.locator("div.app")).to_have_attribute("lang", "es", timeout=WAIT_MS)


# -- 7. deep link --------------------------------------------------------------------------------

DEEP = "year=2000&levels=national%2Cglobal&metric=betweenness&actor=rae&lang=es"


def test_deep_link_restores_the_view(page: Page, open_app, dataset) -> None:
    open_app("?" + DEEP)
    actors, ties = expected_view(dataset, DEEP)
    expect(page.locator("#year-label")).to_have_text("2000")
    expect(page.locator("#year [role=slider]")).to_have_attribute("aria-valuenow", "2000")
    for value, ticked in (("local", False), ("national", True),
                          ("latin_american", False), ("global", True)):
        box = level_box(page, value)
        expect(box).to_be_checked() if ticked else expect(box).not_to_be_checked()
    expect(page.locator("#metric .dash-dropdown-value")).to_have_text("Intermediación")
    expect(page.locator("#graph-summary")).to_have_text(
        f"2000: {actors} actores y {ties} vínculos a la vista.")
    expect(page.locator("#details h3")).to_have_text(dataset.actor_name("rae", "es"))
    expect(page.locator("h2", has_text=re.compile("^Filtros$"))).to_have_count(1)
    expect(page.locator("#lang input[value=es]")).to_be_checked()
    wait_nodes(page, actors)
    assert edges(page) == ties
    assert query(page) == {"year": "2000", "levels": "national,global",
                           "metric": "betweenness", "actor": "rae", "lang": "es"}


# -- 8. back and forward -------------------------------------------------------------------------

def test_controls_by_hand_then_back_and_forward(page: Page, open_app, dataset) -> None:
    open_app()
    set_year(page, 2000)
    at_2000 = expected_view(dataset, "year=2000")[0]
    wait_nodes(page, at_2000)
    toggle_level(page, "Local")
    no_local = expected_view(dataset, "year=2000&levels=national,latin_american,global")[0]
    wait_nodes(page, no_local)
    toggle_level(page, "Latin American")
    # the same controls as the deep link of test_deep_link_restores_the_view, set by hand
    wait_nodes(page, expected_view(dataset, DEEP)[0])
    assert query(page)["levels"] == "national,global"
    assert query(page)["year"] == "2000"

    page.go_back()
    expect(page).to_have_url(re.compile(r"levels=national%2Clatin_american%2Cglobal"))
    expect(level_box(page, "latin_american")).to_be_checked()
    expect(level_box(page, "local")).not_to_be_checked()
    wait_nodes(page, no_local)

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"levels="))
    assert query(page).get("year") == "2000"
    expect(level_box(page, "local")).to_be_checked()
    expect(page.locator("#year-label")).to_have_text("2000")
    expect(page.locator("#year [role=slider]")).to_have_attribute("aria-valuenow", "2000")
    wait_nodes(page, at_2000)

    page.go_back()  # the year too: back to the latest year
    expect(page.locator("#year-label")).to_have_text(str(dataset.last_year))
    wait_nodes(page, expected_view(dataset, "")[0])
    wait_idle(page)

    page.go_forward()
    expect(page.locator("#year-label")).to_have_text("2000")
    wait_nodes(page, at_2000)
    page.go_forward()
    expect(level_box(page, "local")).not_to_be_checked()
    expect(page).to_have_url(re.compile(r"levels="))
    wait_nodes(page, no_local)
    wait_idle(page)


# -- 9. a Spanish browser ------------------------------------------------------------------------

def test_spanish_browser_gets_spanish(new_page, live_server: str) -> None:
    page = new_page(locale="es-PE")
    page.goto(live_server)
    wait_rendered(page)
    expect(page.locator("h2", has_text=re.compile("^Filtros$"))).to_have_count(1)
    expect(page.locator("h2", has_text=re.compile("^Actores clave$"))).to_have_count(1)
    expect(page.locator("#graph-summary")).to_have_text(SUMMARY_ES)
    expect(page.locator("#lang input[value=es]")).to_be_checked()
    expect(page.locator("div.app")).to_have_attribute("lang", "es")
    assert "lang" not in query(page)


# -- 10. nothing in view --------------------------------------------------------------------------

def test_nothing_in_view_is_explained(page: Page, open_app) -> None:
    open_app()
    for label in ("Local", "National", "Latin American", "Global"):
        toggle_level(page, label)
    empty = page.locator("#graph-empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("Nothing to show")
    wait_nodes(page, 0)
    expect(page.locator("#graph-summary")).to_contain_text(": 0 actors and 0 ties")
    expect(page.locator("#key-actors")).not_to_be_empty()


# -- 11. play ------------------------------------------------------------------------------------

def test_play_advances_the_year(page: Page, open_app) -> None:
    open_app("?year=1990")
    play = page.locator("#play")
    play.click()
    expect(play).to_contain_text("Pause")
    page.wait_for_function(
        "parseInt(document.getElementById('year-label').textContent) >= 1992",
        timeout=WAIT_MS, polling=100)
    play.click()  # stop, so no tick is in flight when the page closes
    expect(play).to_contain_text("Play")
    wait_idle(page, quiet_ms=1_000)
    year = int(page.locator("#year-label").inner_text())
    assert year > 1990
    expect(page).to_have_url(re.compile(rf"[?&]year={year}(&|$)"))


def test_nodes_do_not_cover_each_other(page: Page, open_app) -> None:
    open_app()
    covered = page.evaluate(
        """() => {
            const ns = document.getElementById('graph')._cyreg.cy.nodes('.on');
            const out = [];
            for (let i = 0; i < ns.length; i++) {
                for (let j = i + 1; j < ns.length; j++) {
                    const a = ns[i], b = ns[j];
                    const dx = a.position('x') - b.position('x');
                    const dy = a.position('y') - b.position('y');
                    const reach = (a.width() + b.width()) / 2;
                    // more than a third of the smaller node under the other one
                    if (Math.hypot(dx, dy) < reach - Math.min(a.width(), b.width()) / 3) {
                        out.push(a.id() + '/' + b.id());
                    }
                }
            }
            return out;
        }""")
    assert covered == [], f"{len(covered)} pairs of nodes cover each other: {covered}"


# -- screenshots (for a person to look at) --------------------------------------------------------

#: What share of the graph's area differs from its background, and how many colours it holds,
#: in a PNG of the window (decoded by the page itself: no imaging library here).
INK = """async ([src, box]) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = Math.round(box.width);
    c.height = Math.round(box.height);
    const g = c.getContext('2d');
    g.drawImage(img, box.x, box.y, box.width, box.height, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
        const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(rgb, (counts.get(rgb) || 0) + 1);
    }
    const background = Math.max(...counts.values());
    return {colours: counts.size, ink: 1 - background / (d.length / 4)};
}"""


def test_screenshot_full_hd(page: Page, open_app, dataset) -> None:
    """On a Full HD screen the saved picture shows the network drawn, every actor in view on
    the canvas, the words that say what it shows, and no error."""
    import base64
    from pathlib import Path

    from .test_never_blank import DRAWN

    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app()
    actors, ties = expected_view(dataset, "")
    assert (nodes(page), edges(page)) == (actors, ties)
    assert page.evaluate(DRAWN) == "ok"  # the actors in view lie on the visible canvas
    expect(page.locator("#graph-summary")).to_have_text(
        f"{dataset.last_year}: {actors} actors and {ties} ties in view.")
    for region in ("#graph", "#graph-summary", "#key-actors", "#legend"):
        expect(page.locator(region)).to_be_in_viewport()
    expect(page.locator("#graph-empty")).to_be_hidden()
    expect(page.locator(".dash-fe-error__title, .dash-error-card, #_dash-global-error-container"
                        " .dash-fe-error-top")).to_have_count(0)
    screenshot(page, "/tmp/redes-1920.png")
    png = Path("/tmp/redes-1920.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    box = page.locator("#graph").bounding_box()
    seen = page.evaluate(INK, ["data:image/png;base64," + base64.b64encode(png).decode(), box])
    # not blank: the actors and ties are drawn in their colours over the background
    assert seen["colours"] > 20 and seen["ink"] > 0.01, seen


def test_working_together_is_a_line_and_funding_an_arrow(page: Page, open_app) -> None:
    # journeys-4: every tie had an arrowhead, an undirected graph's too
    open_app("?year=2012")
    wait_rendered(page)
    shapes = page.evaluate("""() => {
        const cy = document.getElementById('graph')._cyreg.cy, out = {};
        cy.edges('.on').forEach(e => {
            out[e.data('relation')] = e.pstyle('target-arrow-shape').strValue; });
        return out; }""")
    assert shapes["collaborates"] == "none"
    assert shapes["funds"] == "triangle" and shapes["member_of"] == "triangle"
