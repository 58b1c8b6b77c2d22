"""The discourse view in the browser: open it, choose a discourse, see its coalition in both
pictures, move the year and see the view change.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from network.analysis import discourse
from network.view.state import ViewState
from network.view.visible import normalise

from .conftest import wait_idle

pytestmark = pytest.mark.browser


def marked(page: Page, graph: str) -> list[str]:
    return page.evaluate(
        f"document.getElementById('{graph}')._cyreg.cy.nodes('.coalition').map(n => n.id()).sort()")


def edges(page: Page, graph: str) -> int:
    return page.evaluate(f"document.getElementById('{graph}')._cyreg.cy.edges().length")


def test_open_choose_a_discourse_and_move_the_year(page: Page, open_app, dataset) -> None:
    open_app("?year=2010")
    page.locator("#view label", has_text="Who says what").click()
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]view=discourses(&|$)"))
    expect(page.locator("#discourse-view")).to_be_visible()
    expect(page.locator("#network-view")).to_be_hidden()
    expect(page.locator("#dv-cards article")).to_have_count(len(dataset.discourses))
    filters = normalise(ViewState(year=2010), dataset).filters
    page.wait_for_function(
        f"document.getElementById('affiliation')._cyreg.cy.edges().length === "
        f"{len(discourse.affiliation(dataset, filters))}")

    card = page.locator("#dv-cards article", has_text="Market access")
    card.locator("button").click()
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]discourse=market_access(&|$)"))
    coalition = sorted(discourse.coalition_of(dataset, filters, "market_access"))
    page.wait_for_function(
        "document.getElementById('affiliation')._cyreg.cy.nodes('.coalition').length > 1")
    assert marked(page, "affiliation") == sorted([*coalition, "d:market_access"])
    assert set(marked(page, "coalitions")) == set(coalition) & {
        n for n in page.evaluate(
            "document.getElementById('coalitions')._cyreg.cy.nodes().map(n => n.id())")}
    expect(page.locator("#dv-cards article.chosen")).to_contain_text("Market access")

    # NGO types over time by platform level instead of by domain
    page.locator("#dv-per label", has=page.locator("input[value='level']")).click()
    expect(page.locator("#dv-per input[value='level']")).to_be_checked()
    wait_idle(page)
    expect(page.locator("#dv-types")).to_contain_text("by platform level")
    expect(page.locator("#dv-types")).to_contain_text("Latin American")

    # in 1990 no endorsement is recorded yet: the picture empties and the view says why
    box = page.locator("#year input[type=number]")
    box.fill("1990")
    box.press("Tab")
    wait_idle(page)
    expect(page.locator("#dv-compare")).to_contain_text("No discourse is recorded")
    assert edges(page, "affiliation") == 0


def test_click_a_discourse_in_the_picture_and_read_it_in_spanish(page: Page, open_app) -> None:
    open_app("?year=2010&view=discourses&lang=es")
    expect(page.locator("#view label", has_text="Quién dice qué")).to_be_visible()
    page.wait_for_function(
        "document.getElementById('affiliation')._cyreg.cy.getElementById('d:cleaner_production').length")
    page.evaluate("document.getElementById('affiliation')._cyreg.cy"
                  ".getElementById('d:cleaner_production').emit('tap')")
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]discourse=cleaner_production(&|$)"))
    expect(page.locator("#dv-cards article.chosen")).to_contain_text("Producción más limpia")
    expect(page.locator("#dv-roles")).to_contain_text("roles")
