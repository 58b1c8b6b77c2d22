"""A Spanish page shows the bundled data's own texts in Spanish: the data set's title in
"Datos, fuentes y licencia", the profile (name and note) and the heading and credit line of
a saved picture (journeys-3 J1.1).

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import WAIT_MS

pytestmark = pytest.mark.browser

QUERY = "?year=2008&actor=rae&lang=es"


def test_the_spanish_profile_and_provenance_carry_no_english(page: Page, open_app,
                                                             dataset) -> None:
    open_app(QUERY)
    rae = dataset.actors.loc["rae"]
    details = page.locator("#details")
    expect(details.locator("h3")).to_have_text(rae["name_es"])
    expect(details.locator(".note")).to_have_text(f"Nota: {rae['note_es']}")
    expect(details).not_to_contain_text(rae["name"])
    expect(details).not_to_contain_text(rae["note"])
    provenance = page.locator("#provenance")
    expect(provenance.locator("h3")).to_have_text(dataset.title_es)
    expect(provenance).not_to_contain_text(dataset.title)


def test_the_spanish_picture_is_headed_and_credited_in_spanish(page: Page, open_app,
                                                               dataset) -> None:
    open_app(QUERY)
    licence = dataset.licences[0]
    with page.expect_response(lambda r: "_dash-update-component" in r.url
                              and "caption" in r.text(), timeout=WAIT_MS) as info:
        with page.expect_download(timeout=WAIT_MS):
            page.locator("#export-png").click()
    answer = info.value.text()
    assert dataset.title_es in answer and licence["title_es"] in answer
    assert dataset.title not in answer and licence["title"] not in answer
