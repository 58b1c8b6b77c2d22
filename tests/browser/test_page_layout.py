"""The explorer's columns at laptop and wide-screen widths: no empty stretch in the middle
column under the network when the profile beside it is long.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import wait_rendered

pytestmark = pytest.mark.browser

#: Where the network view's content ends, and where the charts and side panel are.
COLUMNS = """() => { const r = s => document.querySelector(s).getBoundingClientRect();
    return {content: r('#network-view').bottom, network: r('.network').bottom,
            charts: r('.charts').top, chartsLeft: r('.charts').left,
            networkLeft: r('.network').left, side: r('.side').bottom,
            wide: document.documentElement.scrollWidth}; }"""


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_the_charts_follow_the_network_beside_a_long_profile(new_page, live_server, width: int,
                                                             height: int) -> None:
    page = new_page(viewport={"width": width, "height": height})
    page.goto(live_server + "?year=2008&actor=rae&lang=es")  # a long profile
    wait_rendered(page)
    expect(page.locator("#details h3")).to_be_visible()
    at = page.evaluate(COLUMNS)
    assert at["side"] > at["content"] + 300  # the profile runs far below the network
    assert at["network"] - at["content"] < 40  # the network's box ends with its content
    assert 0 < at["charts"] - at["network"] < 40  # and the charts come right after it
    assert abs(at["chartsLeft"] - at["networkLeft"]) < 1  # in the same column
    assert at["wide"] <= width


def test_a_1024_screen_keeps_one_column(new_page, live_server) -> None:
    page = new_page(viewport={"width": 1024, "height": 768})
    page.goto(live_server + "?year=2008&actor=rae&lang=es")
    wait_rendered(page)
    at = page.evaluate(COLUMNS)
    assert at["charts"] > at["side"] and at["wide"] <= 1024
