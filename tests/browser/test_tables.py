"""The table view in the browser: synced with the view, sortable, usable by keyboard, and a
row selects the actor in the graph.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from components.ids import SORT
from network.view.state import ViewState
from network.view.visible import normalise, visible

from .conftest import wait_idle, wait_rendered

pytestmark = pytest.mark.browser

#: The ties heading's sort button, as Dash writes a pattern id into the page (keys sorted).
TIES_SORT = json.dumps({"type": SORT, "table": "actors", "column": "ties"}, sort_keys=True,
                       separators=(",", ":"))


def test_table_view(page: Page, open_app, dataset) -> None:
    open_app("?year=2008&levels=national")
    page.locator("#tables-box summary").click()
    wait_idle(page)
    view = visible(dataset, normalise(ViewState.from_query("year=2008&levels=national"),
                                      dataset).filters)
    rows = page.locator("#actor-table tbody tr")
    expect(rows).to_have_count(len(view.actors))
    expect(page.locator("#tie-table tbody tr")).to_have_count(len(view.ties))
    # sort by ties in view, most first, with the heading button
    heading = page.locator("#actor-table th button", has_text="Ties in view")
    heading.click()
    wait_idle(page)
    heading = page.locator("#actor-table th button", has_text="Ties in view")
    heading.click()
    wait_idle(page)
    # the ties column: the heading cell that holds the ties sort button (found by its id)
    ties_heading = page.locator(f"#actor-table th:has(button[id='{TIES_SORT}'])")
    expect(ties_heading).to_have_attribute("aria-sort", "descending")
    column = ties_heading.evaluate("th => th.cellIndex")
    cells = page.locator(f"#actor-table tbody tr td:nth-child({column + 1})")
    expect(cells).to_have_count(len(view.actors))
    counts = [int(x) for x in cells.all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    # choose an organisation by keyboard: it is selected in the graph
    first = page.locator("#actor-table tbody tr").first.locator("button")
    name = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]actor=[a-z0-9_]+(&|$)"))
    actor = re.search(r"[?&]actor=([a-z0-9_]+)", page.url).group(1)
    assert dataset.actor_name(actor, "en") == name
    page.wait_for_function(
        f"document.getElementById('graph')._cyreg.cy.getElementById('{actor}').hasClass('focus')")
    # the table follows the slider
    box = page.locator("#year input[type=number]")
    box.fill("1995")
    box.press("Tab")
    wait_idle(page)
    earlier = visible(dataset, normalise(ViewState.from_query("year=1995&levels=national"),
                                         dataset).filters)
    expect(rows).to_have_count(len(earlier.actors))


#: The organisations table and the box it scrolls in: widths, and the box's background.
TABLE_FIT = """() => { const t = document.getElementById('actor-table'), box = t.parentElement;
    return {box: box.clientWidth, scroll: box.scrollWidth,
            cue: getComputedStyle(box).backgroundImage}; }"""


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_column_fits_at_1366_and_a_narrower_table_shows_it_scrolls(
        new_page, live_server, lang: str) -> None:
    page = new_page(viewport={"width": 1366, "height": 768})
    page.goto(live_server + f"?year=2008&lang={lang}")
    wait_rendered(page)
    page.locator("#tables-box summary").click()
    expect(page.locator("#actor-table tbody tr").first).to_be_visible()
    fit = page.evaluate(TABLE_FIT)
    assert fit["scroll"] <= fit["box"], fit  # the last column (certainty) is not cut
    # narrower, it scrolls sideways: the box shows a shadow at the edge that hides columns
    page.set_viewport_size({"width": 1180, "height": 768})
    page.wait_for_function(
        "(() => { const b = document.getElementById('actor-table').parentElement;"
        " return b.scrollWidth > b.clientWidth; })()")
    assert "gradient" in page.evaluate(TABLE_FIT)["cue"]
