"""A phone (390 x 844) in the browser: the network early, a chosen organisation's profile
brought into view, the discourse view readable, charts whose words neither overprint nor
run off their frame.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

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
