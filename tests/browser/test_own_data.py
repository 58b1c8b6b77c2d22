"""Bring your own data in the browser: download the template, upload a broken workbook and read
the report (in two languages), upload a valid data set and explore it, keep it on reload but not
in a new tab, share it only once published, use the other views on it, and return to the
bundled data.

Every test also fails on a console error or on a request to another host (see conftest).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from .conftest import WAIT_MS, wait_idle, wait_rendered

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent.parent / "fixtures"
# 4 actors, 3 ties; founded from 1978, tied from 1989
MINIMAL = sorted((FIXTURES / "minimal").glob("*.csv"))
BROKEN = FIXTURES / "hostile" / "duplicate_ids" / "book.xlsx"  # "ideas" twice in actors
OWN_SUMMARY = "2012: 4 actors and 3 ties in view."
KEY = re.compile(r"^[0-9a-f]{64}$")
NODES = "document.getElementById('graph')._cyreg.cy.nodes('.on').length"


# -- helpers --------------------------------------------------------------------------------

def summary(page: Page):
    return page.locator("#graph-summary")


def bundled_summary(dataset, lang: str = "en") -> str:
    """What the graph summary says for the bundled data's default view."""
    from network.view.state import ViewState
    from network.view.visible import normalise, visible

    state = normalise(ViewState.from_query(""), dataset)
    view = visible(dataset, state.filters)
    words = ("actors and", "ties in view") if lang == "en" else ("actores y", "vínculos a la vista")
    return (f"{dataset.last_year}: {len(view.actors)} {words[0]} {len(view.ties)} {words[1]}.")


def expect_bundled(page: Page, dataset) -> None:
    """The page shows the bundled data: its summary, no banner, no data key."""
    expect(summary(page)).to_have_text(bundled_summary(dataset))
    expect(page.locator("#data-banner")).to_be_hidden()
    assert "data=" not in page.url


def expect_own(page: Page) -> None:
    """The page shows the uploaded minimal data set."""
    expect(summary(page)).to_have_text(OWN_SUMMARY)
    assert page.evaluate(NODES) == 4
    expect(page.locator("#data-banner")).to_be_visible()


def upload(page: Page, files: list[Path], verdict: str) -> None:
    """Open the data panel, choose the files, and wait for the report's verdict."""
    panel = page.locator("#data-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").first.click()
    page.locator("#data-upload input[type=file]").set_input_files([str(f) for f in files])
    expect(page.locator(f"#data-report .data-verdict.{verdict}")).to_be_visible()
    wait_idle(page)


def reloading(page: Page, locator) -> None:
    """Click something that loads the page again, and wait until the new page has rendered."""
    with page.expect_navigation():
        locator.click()
    wait_rendered(page)


def unique_copy(folder: Path) -> list[Path]:
    """The minimal data set with a note of its own, so that its content key is new."""
    files = []
    for f in MINIMAL:
        text = f.read_text(encoding="utf-8")
        if f.name == "sources.csv":
            text = text.replace("Wageningen University,2013,", f"Wageningen University,2013,"
                                f"copy for {folder.name}")
        (folder / f.name).write_text(text, encoding="utf-8")
        files.append(folder / f.name)
    return files


def explore_minimal(page: Page, files: list[Path] = MINIMAL) -> None:
    """Upload the minimal data set (or a copy) and explore it."""
    upload(page, files, "ok")
    expect(page.locator("#data-report .data-verdict.ok")).to_contain_text(
        "valid, with 4 actors and 3 ties, 1989–2012")
    expect(page.locator("#data-explore")).to_be_visible()
    reloading(page, page.locator("#data-explore"))
    expect_own(page)


def data_param(url: str) -> str | None:
    return (parse_qs(urlparse(url).query).get("data") or [None])[-1]


# -- 1 and 2. the template, and a broken upload -----------------------------------------------

def test_download_the_template_and_upload_a_broken_workbook(
        page: Page, open_app, dataset) -> None:
    open_app()
    page.locator("#data-panel summary").first.click()
    for link, ext in (("#data-template-xlsx", ".xlsx"), ("#data-template-csv", ".zip")):
        expect(page.locator(link)).to_have_attribute("href", f"/template/redes-template-en{ext}")
        with page.expect_download() as info:
            page.locator(link).click()
        download = info.value
        assert download.suggested_filename == f"redes-template-en{ext}"
        assert Path(download.path()).read_bytes()[:2] == b"PK"  # a zip: xlsx is one too

    # a workbook with an id twice: where it is and what to change, and nothing loaded
    upload(page, [BROKEN], "error")
    report = page.locator("#data-report")
    expect(report.locator(".data-verdict")).to_contain_text(
        "book.xlsx: 1 error, so nothing was loaded.")
    table = report.locator(".problem-table")
    expect(table.locator("thead th")).to_have_text(
        ["Problem", "Sheet or file", "Row", "Column", "What to change"])
    row = table.locator("tbody tr").first
    expect(row.locator("td")).to_have_text(
        ["Error", "book.xlsx › actors", "6", "id", re.compile("“ideas” appears more than once")])
    expect(page.locator("#data-explore")).to_be_hidden()
    expect_bundled(page, dataset)
    assert page.evaluate("sessionStorage.getItem('redes-data')") is None

    # the report is translated in place
    page.locator("#lang label", has_text="Español").click()
    expect(table.locator("thead th")).to_have_text(
        ["Problema", "Hoja o archivo", "Fila", "Columna", "Qué cambiar"])
    expect(report.locator(".data-verdict.error")).to_contain_text("no se cargó nada")
    expect(row.locator("td")).to_have_text(
        ["Error", "book.xlsx › actors", "6", "id", re.compile("“ideas”")])
    expect(page.locator("#data-explore")).to_be_hidden()
    expect(summary(page)).to_have_text(bundled_summary(dataset, "es"))
    wait_idle(page)


def test_a_page_in_spanish_offers_the_spanish_template(page: Page, live_server) -> None:
    page.goto(live_server + "?lang=es")
    expect(page.locator("#data-template-xlsx")).to_have_text("Libro de Excel (.xlsx)")
    expect(page.locator("#data-template-xlsx")).to_have_attribute(
        "href", "/template/redes-template-es.xlsx", timeout=WAIT_MS)
    expect(page.locator("#data-template-csv")).to_have_attribute(
        "href", "/template/redes-template-es.zip", timeout=WAIT_MS)


# -- 3. explore a valid upload -----------------------------------------------------------------

def test_explore_own_data_keep_it_on_reload_not_in_a_new_tab(
        page: Page, open_app, dataset, watch) -> None:
    open_app()
    explore_minimal(page)
    expect(page.locator("#data-status")).to_have_text(re.compile(
        r"^You are exploring your own data: .+ \(4 actors, 3 ties\)\. Only this browser tab"))
    expect(page.locator("#data-publish")).to_be_visible()
    expect(page.locator("#data-return")).to_be_visible()
    assert KEY.match(page.evaluate("sessionStorage.getItem('redes-data')") or "")
    assert "data=" not in page.url, "an unpublished upload is not named in the address"
    expect(page.locator("#key-actors tbody tr button", has_text="RAE")).to_have_count(1)

    # the explorer works on it: search, and select
    page.locator("#search").fill("ideas")
    hit = page.locator("#search-hits button.hit").first
    expect(hit).to_be_visible()
    hit.click()
    expect(page.locator("#details h3")).to_have_text("Centro IDEAS")
    expect(page).to_have_url(re.compile(r"[?&]actor=ideas(&|$)"))
    wait_idle(page)

    # a reload keeps the tab's data, and the view
    page.reload()
    wait_rendered(page)
    expect_own(page)
    expect(page.locator("#details h3")).to_have_text("Centro IDEAS")

    # a new tab in the same browser shows the bundled data, even at the same address
    tab = page.context.new_page()
    watch.attach(tab)
    tab.goto(page.url)
    wait_rendered(tab)
    expect_bundled(tab, dataset)
    tab.close()


# -- 4. sharing: only once published -----------------------------------------------------------

def test_share_only_once_published(page: Page, open_app, new_page, live_server, dataset,
                                   tmp_path) -> None:
    open_app()
    explore_minimal(page, unique_copy(tmp_path))  # a data set no other test publishes

    # before publishing, a link to the view opens the bundled data for anyone else
    share = page.locator("#share-link").get_attribute("href")
    assert share.startswith("?") and "data=" not in share
    other = new_page()
    other.goto(live_server + share)
    wait_rendered(other)
    expect_bundled(other, dataset)

    # publish: the address names the data set, and opens it for anyone
    page.locator("#data-publish").click()
    expect(page).to_have_url(re.compile(r"[?&]data=[0-9a-f]{64}(&|$)"))
    expect(page.locator("#data-status")).to_contain_text("a published data set")
    expect(page.locator("#data-publish")).to_be_hidden()
    key = data_param(page.url)
    expect(page.locator("#share-link")).to_have_attribute("href", re.compile(f"data={key}"))
    wait_idle(page)
    other = new_page()
    other.goto(page.url)
    wait_rendered(other)
    expect_own(other)
    expect(other.locator("#data-status")).to_contain_text("a published data set")
    expect(other.locator("#data-publish")).to_be_hidden()
    assert data_param(other.url) == key

    # a link to a data set the server does not have: the bundled data, and why
    other.goto(live_server + "?data=" + "0" * 64)
    wait_rendered(other)
    expect(summary(other)).to_have_text(bundled_summary(dataset))
    expect(other.locator("#data-status")).to_contain_text("is not on the server")
    expect(other.locator("#data-return")).to_be_hidden()


# -- 5 and 6. the other views on own data, and back to the bundled data -----------------------

def test_other_views_on_own_data_then_return(page: Page, open_app, dataset) -> None:
    open_app()
    explore_minimal(page)
    page.locator("#view label", has_text="Who says what").click()
    expect(page).to_have_url(re.compile(r"[?&]view=discourses(&|$)"))
    expect(page.locator("#discourse-view")).to_be_visible()
    expect(page.locator("#dv-cards article")).to_have_count(1)
    expect(page.locator("#dv-cards article")).to_contain_text("Market adaptation")
    wait_idle(page)
    page.locator("#dv-cards article button").first.click()
    expect(page).to_have_url(re.compile(r"[?&]discourse=market_adaptation(&|$)"))
    page.wait_for_function(
        "document.getElementById('affiliation')._cyreg.cy.nodes('.coalition').length > 0")
    wait_idle(page)

    # presenter mode: not the thesis's tour (written for the bundled data) but a first tour
    # made from this data, its captions read from it
    page.locator("#view label", has_text="Who works with whom").click()
    expect(page.locator("#network-view")).to_be_visible()
    wait_idle(page)
    page.locator("#present-start").click()
    expect(page.locator("#app")).to_have_class(re.compile(r"\bpresenting\b"))
    expect(page.locator("#present-title")).to_have_text("The whole network")
    expect(page.locator("#present-caption")).to_contain_text("4 organisations and 3 ties in 2012")
    wait_idle(page)
    page.locator("#present-exit").click()
    expect(page.locator("#app")).not_to_have_class(re.compile(r"\bpresenting\b"))
    expect(page.locator("#data-banner")).to_be_visible()
    wait_idle(page)

    # in Spanish, then back to the bundled data, still in Spanish
    page.locator("#lang label", has_text="Español").click()
    expect(page.locator("#data-status")).to_contain_text("Está explorando sus propios datos")
    expect(summary(page)).to_have_text("2012: 4 actores y 3 vínculos a la vista.")
    wait_idle(page)
    reloading(page, page.locator("#data-return"))
    expect(page).to_have_url(re.compile(r"[?&]lang=es(&|$)"))
    expect(summary(page)).to_have_text(bundled_summary(dataset, "es"))
    expect(page.locator("#data-banner")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('redes-data')") is None


# -- guards ------------------------------------------------------------------------------------

def test_a_file_over_the_limit_is_refused_in_the_browser(page: Page, open_app, dataset) -> None:
    """3 MB against the live server's 2 MB limit (20 MB by default): a message at once, and
    nothing sent to the server."""
    open_app()
    posted: list[int] = []
    page.on("request", lambda r: posted.append(len(r.post_data_buffer or b""))
            if "_dash-update-component" in r.url else None)
    page.locator("#data-panel summary").first.click()
    big = {"name": "huge.zip", "mimeType": "application/zip", "buffer": b"\0" * (3 * 2**20)}
    page.locator("#data-upload input[type=file]").set_input_files(big)
    verdict = page.locator("#data-report .data-verdict.error")
    expect(verdict).to_contain_text("huge.zip is 3 MB, larger than the 2 MB an upload may be")
    wait_idle(page)
    assert posted and max(posted) < 2**20  # the report's request only, never the file
    expect(summary(page)).to_have_text(bundled_summary(dataset))


def test_names_with_html_are_shown_as_text(page: Page, open_app) -> None:
    """Actor names with <script> and <img onerror> show as text and never run."""
    page.add_init_script("window.alert = () => { window.__alerted = true; };")
    open_app()
    upload(page, sorted((FIXTURES / "hostile" / "html_in_names").glob("*.csv")), "ok")
    reloading(page, page.locator("#data-explore"))
    page.locator("#search").fill("IDEAS")
    wait_idle(page)
    page.locator("#search").press("Enter")
    profile = page.locator("#details")
    expect(profile).to_contain_text('<img src=x onerror="alert(1)">Centro <b>IDEAS</b>',
                                    timeout=WAIT_MS)
    assert page.locator("#details img, #details b, #key-actors b").count() == 0
    page.locator("#search").fill("rae")
    wait_idle(page)
    page.locator("#search").press("Enter")
    expect(profile).to_contain_text("<script>alert('rae')</script>", timeout=WAIT_MS)
    wait_idle(page)
    assert page.evaluate("window.__alerted === undefined")


def test_a_data_set_gone_while_the_page_shows_it(page: Page, open_app, live_store,
                                                  tmp_path) -> None:
    """The upload expires while its page is open: the page changes nothing and says so; a
    reload shows the bundled data with a note, and the tab forgets the upload."""
    from serving.rebuild import forget_datasets

    open_app()
    explore_minimal(page, unique_copy(tmp_path))
    key = page.evaluate("sessionStorage.getItem('redes-data')")
    for path in (live_store / "datasets").glob(f"{key}*"):
        path.unlink()  # what expiry does
    forget_datasets()  # and no worker still holds it in memory
    box = page.locator("#year input[type=number]")  # move to 2000
    box.fill("2000")
    box.press("Tab")
    expect(page.locator("#data-status")).to_contain_text("cannot be reached just now")
    wait_idle(page)
    expect(summary(page)).to_have_text(OWN_SUMMARY)  # nothing answered with other data
    page.reload()
    wait_rendered(page)
    expect(page.locator("#data-status")).to_contain_text("is not on the server")
    assert not re.search(r"\b4 actors", summary(page).inner_text())  # not the upload
    assert page.evaluate("sessionStorage.getItem('redes-data')") is None


# -- 8. the template's CSV files with their datapackage.json ------------------------------------

def test_the_templates_csv_files_with_their_datapackage_give_its_title(
        page: Page, open_app, tmp_path) -> None:
    """Every file chosen reaches the server and is named in the report; the package's title
    names the data set (the upload box once refused .json in the browser, without a word)."""
    import json

    files = unique_copy(tmp_path)
    package = tmp_path / "datapackage.json"
    package.write_text(json.dumps({"name": "test-network", "title": "A test network of four",
                                   "licenses": [{"name": "CC-BY-4.0"}]}), encoding="utf-8")
    open_app()
    upload(page, [*files, package], "ok")
    verdict = page.locator("#data-report .data-verdict.ok")
    expect(verdict).to_contain_text("7 files (")
    for f in [*files, package]:
        expect(verdict).to_contain_text(f.name)
    reloading(page, page.locator("#data-explore"))
    expect_own(page)
    expect(page.locator("#data-status")).to_contain_text("“A test network of four”")


# -- 9. files from other tools: Gephi's CSV pair, and Redes's own GraphML back -----------------

def test_a_gephi_csv_pair_and_a_redes_graphml_export_load(page: Page, open_app, dataset,
                                                          tmp_path) -> None:
    from network.formats.gephi import graphml_bytes
    from network.view.state import Filters

    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("Id,Label,club\na,Ana,x\nb,Beto,y\nc,Carla,x\n", encoding="utf-8")
    edges.write_text("Source,Target,Type,Weight\na,b,Undirected,2.5\nb,c,Undirected,1.0\n",
                     encoding="utf-8")
    open_app()
    upload(page, [nodes, edges], "ok")
    # named in one order, whatever order the browser hands the files over in; no year made up
    expect(page.locator("#data-report .data-verdict.ok")).to_have_text(
        "edges.csv, nodes.csv: valid, with 3 actors and 2 ties, and no year given.")
    expect(page.locator("#data-report")).not_to_contain_text("The table is missing")

    export = tmp_path / "redes-network.graphml"
    export.write_bytes(graphml_bytes(dataset, Filters(year=dataset.last_year,
                                                      start=dataset.first_year)))
    upload(page, [export], "ok")
    report = page.locator("#data-report")
    expect(report.locator(".data-verdict.ok")).to_contain_text(
        f"valid, with {len(dataset.actors)} actors and {len(dataset.ties)} ties")
    expect(report).not_to_contain_text("were ignored")
    expect(report).not_to_contain_text("cites one new source")


def test_a_network_with_no_years_is_one_picture_with_a_tour_of_its_own(
        page: Page, open_app, tmp_path) -> None:
    # journeys-4, the researcher: a file with no dates was shown as the year 2006 (the
    # thesis's fieldwork) with a one-year slider, "new" beside every actor, "stated in the
    # thesis" in its filters, and one untitled scene to present
    from .conftest import present_step

    edges = tmp_path / "path.csv"
    edges.write_text("source,target\nAna,Beto\nBeto,Carla\nCarla,Dora\n", encoding="utf-8")
    open_app()
    upload(page, [edges], "ok")
    reloading(page, page.locator("#data-explore"))
    expect(summary(page)).to_have_text("4 actors and 3 ties in view (the data gives no years).")
    expect(page.locator(".timebar .timeless")).to_be_visible()
    for hidden in (".timebar .slider", "#play", ".timebar .year-box"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("#key-actors")).not_to_contain_text("new")
    visible_text = page.evaluate("document.body.innerText")
    assert "thesis" not in visible_text.lower() and "2006" not in visible_text
    assert "year=" not in page.url

    page.locator("#present-start").click()
    expect(page.locator("#present-title")).to_have_text("path")
    expect(page.locator("#present-caption")).to_have_text(
        "4 organisations and 3 ties; the size of each circle shows how many ties it has.")
    expect(page.locator("#present-count")).to_contain_text("1")
    expect(page.locator("#present-count")).to_contain_text("3")
    expect(page.locator("#present-play")).to_be_hidden()
    wait_idle(page)
    present_step(page, "ArrowRight", 1)
    expect(page.locator("#present-title")).to_have_text("The most connected")
    expect(page.locator("#present-caption")).to_contain_text(
        "Most ties: Beto (2), Carla (2) and Ana (1).")
    present_step(page, "ArrowRight", 2)
    expect(page.locator("#present-title")).to_have_text("Who bridges")
