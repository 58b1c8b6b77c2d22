"""Saving a view from the browser: pictures as drawn, the network for Gephi, the evidence pack.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest
from playwright.sync_api import Page

from network.view.state import ViewState
from network.view.visible import normalise, visible

from .conftest import WAIT_MS

pytestmark = pytest.mark.browser

QUERY = "?year=2008&levels=national%2Clatin_american&lang=en"


def save(page: Page, button: str):
    with page.expect_download(timeout=WAIT_MS) as info:
        page.locator(f"#{button}").click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_pictures_as_drawn(page: Page, open_app) -> None:
    open_app(QUERY)
    name, png = save(page, "export-png")
    assert name == "redes-2008-network.png" and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5_000  # a real picture, not an empty canvas
    # by default the picture stands on its own: a caption block (title, year, filters,
    # legend, source) above and below the graph; unticked, the graph alone
    page.locator("#export-caption input").uncheck()
    _, bare = save(page, "export-png")
    assert bare.startswith(b"\x89PNG") and size(png)[1] > size(bare)[1] + 150
    name, svg = save(page, "export-svg")
    assert name.endswith(".svg") and b"<svg" in svg[:500]


def test_network_for_gephi_and_data(page: Page, open_app, dataset) -> None:
    open_app(QUERY)
    view = visible(dataset, normalise(ViewState.from_query(QUERY), dataset).filters)
    name, gexf = save(page, "export-gexf")
    assert name == "redes-2008-network.gexf"
    graph = nx.read_gexf(io.BytesIO(gexf))
    assert set(graph.nodes) == set(view.actors.index)
    name, data = save(page, "export-data")
    assert "actors.csv" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_evidence_pack(page: Page, open_app) -> None:
    open_app(QUERY)
    name, pack = save(page, "export-evidence")
    assert name == "redes-2008-evidence.zip"
    files = zipfile.ZipFile(io.BytesIO(pack))
    names = files.namelist()
    assert "methods.md" in names and any(n.endswith(".png") for n in names)
    assert any(n.endswith(".xlsx") for n in names) and any(n.endswith(".gexf") for n in names)
    assert "year=2008" in files.read("methods.md").decode()
