"""Presenter mode in the browser: enter, step with the keyboard and a clicker's keys, play the
years, leave with Escape; and the scene list: add, reorder, delete, download, upload.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from network.view.scenes import load_scenes, scene_title

from .conftest import WAIT_MS, wait_idle
from .test_present_pictures import PICTURE

pytestmark = pytest.mark.browser

TOUR = load_scenes()


def step(page: Page, key: str) -> None:
    page.keyboard.press(key)
    wait_idle(page)


def test_present_step_with_keys_and_leave(page: Page, open_app) -> None:
    open_app("?year=2001")
    page.locator("#present-start").click()
    wait_idle(page)
    expect(page.locator("#app")).to_have_class(re.compile(r"\bpresenting\b"))
    expect(page.locator("#present-title")).to_have_text(scene_title(TOUR[0], "en"))
    expect(page.locator("#present-count")).to_have_text(f"Scene 1 of {len(TOUR)}")
    expect(page.locator(".app-header")).to_be_hidden()
    expect(page.locator(".filters")).to_be_hidden()
    step(page, "ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]scene=1(&|$)"))
    expect(page.locator("#present-title")).to_have_text(scene_title(TOUR[1], "en"))
    step(page, "PageDown")  # what a presentation clicker sends
    expect(page).to_have_url(re.compile(r"[?&]scene=2(&|$)"))
    step(page, "PageUp")
    expect(page).to_have_url(re.compile(r"[?&]scene=1(&|$)"))
    step(page, "ArrowLeft")
    expect(page).to_have_url(re.compile(r"[?&]scene=0(&|$)"))
    # Space steps as in a slide show when nothing is focused (journeys-5: it did nothing)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    step(page, " ")
    expect(page).to_have_url(re.compile(r"[?&]scene=1(&|$)"))
    page.evaluate("document.activeElement && document.activeElement.blur()")
    step(page, "Shift+ ")
    expect(page).to_have_url(re.compile(r"[?&]scene=0(&|$)"))
    # the picture fits the projector's screen: every node in view is on screen
    page.wait_for_function("""() => {
        const cy = document.getElementById('graph')._cyreg.cy, e = cy.extent();
        return cy.nodes('.on').every(n => { const p = n.position();
            return p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2; });
    }""", timeout=WAIT_MS)
    step(page, "Escape")
    expect(page.locator("#app")).not_to_have_class(re.compile(r"\bpresenting\b"))
    expect(page.locator(".filters")).to_be_visible()
    assert "present=" not in page.url


def test_play_the_years_while_presenting(page: Page, open_app) -> None:
    open_app("?year=1990&present=1")
    page.locator("#present-play").click()
    page.wait_for_function(
        "parseInt(document.getElementById('year-label').textContent) >= 1992", timeout=WAIT_MS)
    page.locator("#present-play").click()  # stop
    expect(page.locator("#present-play")).to_contain_text("Play")
    wait_idle(page, quiet_ms=1_000)


def test_scene_list_add_reorder_delete_download_and_upload(page: Page, open_app, tmp_path) -> None:
    open_app("?year=1999&levels=local")
    page.locator("details.scenes summary").click()
    items = page.locator("#scene-list li")
    expect(items).to_have_count(len(TOUR))
    page.locator("#scene-title").fill("Local level in 1999")
    page.locator("#scene-caption").fill("Only the fairs and shops.")
    page.locator("#scene-add").click()
    wait_idle(page)
    expect(items).to_have_count(len(TOUR) + 1)
    expect(items.last).to_contain_text("Local level in 1999")
    items.last.get_by_role("button", name=re.compile("^Move up")).click()
    wait_idle(page)
    expect(items.nth(len(TOUR) - 1)).to_contain_text("Local level in 1999")
    items.first.get_by_role("button", name=re.compile("^Delete")).click()
    wait_idle(page)
    expect(items).to_have_count(len(TOUR))
    with page.expect_download() as info:
        page.locator("#scene-download").click()
    saved = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert len(saved) == len(TOUR) and any(s["title"].get("en") == "Local level in 1999"
                                           for s in saved)
    # a broken file: a clear message, and the list stays as it was
    broken = tmp_path / "broken.json"
    broken.write_text('[{"title": "no query here"}]', encoding="utf-8")
    page.locator("#scene-upload input[type=file]").set_input_files(str(broken))
    wait_idle(page)
    expect(page.locator("#scene-message")).to_contain_text("query")
    expect(items).to_have_count(len(TOUR))
    good = tmp_path / "mine.json"
    good.write_text(json.dumps([{"query": "year=2005", "title": {"en": "Only one"}}]),
                    encoding="utf-8")
    page.locator("#scene-upload input[type=file]").set_input_files(str(good))
    wait_idle(page)
    expect(items).to_have_count(1)
    expect(page.locator("#scene-message")).to_contain_text("1 scenes loaded")
    page.locator("#scene-reset").click()
    wait_idle(page)
    expect(items).to_have_count(len(TOUR))


def test_a_shortened_scene_link_opens_the_scenes_own_view(page: Page, open_app) -> None:
    # stepped to: scene 10 as the presenter reaches it
    open_app("?lang=en&present=1&scene=9")
    step(page, "ArrowRight")
    expect(page.locator("#present-title")).to_have_text(scene_title(TOUR[10], "en"))
    stepped = page.evaluate("document.getElementById('graph').dataset.painted")
    shown = page.evaluate("document.getElementById('graph')._cyreg.cy.nodes('.on').length")
    # opened from a link that names only the scene: the same view, not the whole network
    open_app("?lang=en&present=1&scene=10")
    wait_idle(page, quiet_ms=500)
    expect(page.locator("#present-title")).to_have_text(scene_title(TOUR[10], "en"))
    expect(page).to_have_url(re.compile(r"[?&]actor=ecologica(&|$)"))
    expect(page.locator("#year-label")).to_have_text("2012")
    page.wait_for_function("(key) => document.getElementById('graph').dataset.painted === key",
                           arg=stepped, timeout=WAIT_MS)
    assert page.evaluate(
        "document.getElementById('graph')._cyreg.cy.nodes('.on').length") == shown
    # and framed as the step frames it: the scene's own actors fill the picture
    page.wait_for_function(f"() => ({PICTURE})().share >= 0.6", timeout=WAIT_MS)


def test_save_the_picture_from_the_presenter_with_the_keyboard(page: Page, open_app) -> None:
    open_app("?lang=en&present=1&scene=1")
    save = page.get_by_role("button", name="Save picture (PNG)")
    expect(save).to_be_visible()
    save.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".png")
    with open(info.value.path(), "rb") as saved:
        assert saved.read(8) == b"\x89PNG\r\n\x1a\n"
    expect(page.locator("#app")).to_have_class(re.compile(r"\bpresenting\b"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_presenters_buttons_take_one_row_at_1024(page: Page, open_app, lang) -> None:
    # a second row made the caption bar taller and the picture smaller (Spanish at 1024)
    page.set_viewport_size({"width": 1024, "height": 768})
    open_app(f"?lang={lang}&present=1&scene=4")
    expect(page.locator(".present-save")).to_be_visible()
    tops = page.evaluate("""() => [...document.querySelectorAll('.present-controls > *')]
        .filter(e => e.offsetParent).map(e => Math.round(e.getBoundingClientRect().top))""")
    heights = page.evaluate("""() => [...document.querySelectorAll('.present-controls > *')]
        .filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)""")
    assert len(tops) >= 5 and max(tops) - min(tops) <= max(heights) / 2, tops
