"""Every file an export writes from hostile data opens with no formula run, no markup and no
link but to web pages; and the data package, neutralised, still loads back as the same data.

The hostile data set (:mod:`tests.hostile`) has a formula, ``<script>`` or a non-web address
in every kind of text; :func:`tests.hostile.opened` opens each file as a spreadsheet or a
Markdown viewer would and fails on anything they would run.
"""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from network.analysis.ranking import key_actors
from network.formats import evidence, gephi, methods, package, spreadsheets, view_package
from network.formats.upload import load_package, read_upload
from network.model.schema import TABLE_ORDER
from network.view.state import Filters, ViewState
from tests.formats.exported import TODAY
from tests.hostile import (
    DATA_HTML,
    FORMULAS,
    HYPERLINK,
    JAVASCRIPT,
    LICENCE_WEB,
    SCRIPT,
    SUM,
    TEXT_MINUS,
    VBSCRIPT,
    WEB,
    hostile_dataset,
    opened,
)

STATE = ViewState()  # the whole data set: every hostile row is in view
WEB_LINK = "https://redes.example.org/?year=2003"


@pytest.fixture(scope="module")
def hostile():
    return hostile_dataset()


def _tables(ds) -> dict[str, pd.DataFrame]:
    """Tables as the export bar gives them: the key actors with their names, and a sheet
    whose name and headers are formulas too."""
    key = key_actors(ds, STATE.filters, "degree", top=None)
    key = key.assign(name=[ds.actor_name(a) for a in key["id"]],
                     note=[ds.actors.loc[a, "note"] for a in key["id"]])
    odd = pd.DataFrame({"=head": [HYPERLINK, -3, -1.5], "@n": [-3, 2, 0],
                        "error": ["#REF!", "#N/A", "ok"]})  # a workbook's error values
    return {"key_actors": key, SUM: odd}


def _all_cells(found: dict[str, list[str]], ending: str) -> list[str]:
    return [c for name, cells in found.items() if name.endswith(ending) for c in cells]


def _neutralised_in(cells: list[str], texts=FORMULAS) -> None:
    """Every hostile text reached the files, with the apostrophe before it."""
    for text in texts:
        assert "'" + text in cells, text


def test_the_data_export_neutralises_every_text_cell_of_every_table(hostile):
    found = opened("data.zip", view_package.view_zip(hostile, STATE.filters, TODAY))
    assert set(found) == {"datapackage.json", *(f"{t}.csv" for t in TABLE_ORDER)}
    _neutralised_in(_all_cells(found, ".csv"))
    actors = found["actors.csv"]
    assert "'" + HYPERLINK in actors and "'" + TEXT_MINUS in actors
    assert SCRIPT in actors  # markup is no formula: a CSV keeps it as it is
    assert "2000" in actors and "1990" in actors  # numbers are written as numbers


def test_the_tables_neutralise_every_cell_and_header_in_csv_and_xlsx(hostile):
    tables = _tables(hostile)
    found = opened("tables.xlsx", spreadsheets.tables_xlsx(tables))
    found |= opened("tables.zip", spreadsheets.tables_csv_zip(tables, TODAY))
    for ending in (".xlsx", ".csv"):
        cells = _all_cells(found, ending)
        _neutralised_in(cells, (HYPERLINK, TEXT_MINUS, "=head", "@n"))
    csv_cells = _all_cells(found, ".csv")
    assert "-3" in csv_cells and "-1.5" in csv_cells  # negative numbers stay numbers
    assert "#REF!" in _all_cells(found, ".xlsx")  # text, not an error value


def test_every_file_of_the_evidence_pack_opens_safely(hostile):
    pack = evidence.evidence_pack(hostile, STATE, "en", WEB_LINK, TODAY, b"\x89PNG", None,
                                  _tables(hostile))
    found = opened("evidence.zip", pack)
    assert any(name.endswith(".xlsx") for name in found)
    assert any(name.endswith(".graphml") for name in found)
    _neutralised_in(_all_cells(found, "-data/actors.csv") + _all_cells(found, ".csv"))
    _neutralised_in(_all_cells(found, ".xlsx"), (HYPERLINK, TEXT_MINUS))
    note = "\n".join(found["methods.md"])
    assert f"<{WEB}>" in note and f"<{LICENCE_WEB}>" in note and f"<{WEB_LINK}>" in note


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("link", [WEB_LINK, JAVASCRIPT, DATA_HTML, "/?year=2003", None])
def test_the_methods_note_escapes_markup_and_links_only_web_pages(hostile, lang, link):
    note = methods.methods_note(hostile, ViewState(actor="alpha"), lang, link, TODAY)
    lines = opened("methods.md", note.encode("utf-8"))["methods.md"]
    text = "\n".join(lines)
    assert "\\<script\\>alert(1)\\</script\\>" in text  # shown as the text it is
    assert "\\[x\\](javascript:alert(1))" in text
    for address in (JAVASCRIPT, VBSCRIPT):
        assert address in text and f"<{address}>" not in text  # as text, not a link
    assert "data:text/html,\\<script\\>" in text
    assert f"<{WEB}>" in text
    if link == WEB_LINK:
        assert f"<{WEB_LINK}>" in text


def test_a_line_break_in_the_data_cannot_start_markup_in_the_note():
    assert methods.markdown_text("a\n# b\r\n<i>c</i>\u2028d") == "a # b  \\<i\\>c\\</i\\> d"
    assert methods.markdown_link("https://x.org/a b>c") == "<https://x.org/a%20b%3Ec>"


def test_graph_files_keep_the_data_exact_for_graph_tools(hostile):
    """GraphML and GEXF are read by Gephi, yEd, Cytoscape, not run by a spreadsheet: the
    values stay exactly the data's (XML escapes the markup)."""
    graphml = gephi.graphml_bytes(hostile, STATE.filters)
    gexf = gephi.gexf_bytes(hostile, STATE.filters, today=TODAY)
    opened("network.graphml", graphml)
    opened("network.gexf", gexf)
    graph = nx.read_graphml(io.BytesIO(graphml))
    assert graph.nodes["alpha"]["label"] == HYPERLINK
    assert graph.nodes["alpha"]["description"] == SCRIPT
    assert nx.read_gexf(io.BytesIO(gexf)).nodes["alpha"]["label"] == HYPERLINK


# --- the round trip: neutralised, and still the same data -----------------------------------


def test_the_data_export_uploaded_again_is_the_same_data_set(hostile):
    result = read_upload([("data.zip", view_package.view_zip(hostile, STATE.filters, TODAY))])
    assert result.dataset is not None, result.report.render()
    assert result.content_key[:16] == hostile.key  # the same tables, title and licences
    again = result.dataset
    assert again.actors.loc["alpha", "name"] == HYPERLINK
    assert again.actors.loc["beta", "name"] == TEXT_MINUS
    assert again.sources.loc["E1", "publisher"] == "=cmd|' /C calc'!A0"
    for table in TABLE_ORDER:
        pd.testing.assert_frame_equal(getattr(again, table).reset_index(drop=True),
                                      getattr(hostile, table).reset_index(drop=True))


def test_the_evidence_pack_uploaded_again_is_the_same_data_set(hostile):
    pack = evidence.evidence_pack(hostile, STATE, "es", WEB_LINK, TODAY, None, None,
                                  _tables(hostile))
    result = read_upload([("evidence.zip", pack)])
    assert result.dataset is not None, result.report.render()
    assert result.content_key[:16] == hostile.key


def test_the_stored_copy_is_neutralised_and_reads_back_as_the_same_data(hostile):
    files = package.package_files({t: getattr(hostile, t) for t in TABLE_ORDER},
                                  hostile.title, hostile.licences)
    result = read_upload(files)
    assert result.dataset is not None and result.package is not None
    found = opened("stored.zip", result.package)
    _neutralised_in(_all_cells(found, ".csv"))
    back = load_package(result.package)
    assert back.content_key == result.content_key and back.content_key[:16] == hostile.key


def test_text_already_starting_with_an_apostrophe_survives_the_round_trip(hostile):
    tables = {t: getattr(hostile, t).copy() for t in TABLE_ORDER}
    tables["actors"].loc["gamma", "name"] = "'=quoted"
    tables["actors"].loc["gamma", "note"] = "'RAE"
    data = package.package_zip(tables, "t", today=TODAY)
    actors = opened("p.zip", data)["actors.csv"]
    assert "''=quoted" in actors and "'RAE" in actors
    back = read_upload([("p.zip", data)]).dataset
    assert back is not None
    assert back.actors.loc["gamma", "name"] == "'=quoted"
    assert back.actors.loc["gamma", "note"] == "'RAE"


def test_a_hand_made_csv_with_an_apostrophe_reads_as_a_spreadsheet_shows_it(hostile):
    files = package.package_files({t: getattr(hostile, t) for t in TABLE_ORDER}, "t")
    files = [(name, data.replace(b"Plain NGO", b"'+51 1 234")) for name, data in files]
    result = read_upload(files)
    assert result.dataset is not None
    assert result.dataset.actors.loc["gamma", "name"] == "+51 1 234"


def test_filters_are_not_needed_for_a_safe_export(hostile):
    """A narrower view neutralises the same way (the rule does not depend on the view)."""
    found = opened("data.zip", view_package.view_zip(hostile, Filters(year=2001), TODAY))
    assert "'" + HYPERLINK in found["actors.csv"]
