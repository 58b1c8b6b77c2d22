"""A data set written to attack whoever opens its exports: spreadsheet formulas in every kind
of text, markup in descriptions and titles, and addresses that are not web pages.

The text columns of every table start with what a spreadsheet would run (``=HYPERLINK``,
``=cmd|``, ``@SUM``, ``+``, ``-``, a tab, the fullwidth ``＝``) or hold ``<script>``; two
sources have ``javascript:`` and ``data:text/html`` addresses, a licence a ``vbscript:`` one.
Validation strips a cell, so the tab-prefixed text is checked by the unit tests of the rule
(:mod:`tests.model.test_formulas`), and here arrives as the formula after it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pandas as pd

from network.model.formulas import FORMULA_START
from tests.packages import NETWORKS, actor_rows, checked_dataset, tie_rows

HYPERLINK = '=HYPERLINK("http://evil.example","click")'
CMD = "=cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"
PLUS = "+1+1"
MINUS = "-2+3"
TAB = "\t=1+1"
FULLWIDTH = "\uff1d1+1"
SCRIPT = "<script>alert(1)</script>"
TEXT_MINUS = "-3 projects"

#: Every text above that a spreadsheet would run (after validation strips the tab).
FORMULAS = (HYPERLINK, CMD, SUM, PLUS, MINUS, TAB.strip(), FULLWIDTH, TEXT_MINUS)

JAVASCRIPT = "javascript:alert(1)"
DATA_HTML = "data:text/html,<script>alert(1)</script>"
VBSCRIPT = "vbscript:msgbox(1)"
WEB = "https://example.org/report"
LICENCE_WEB = "https://creativecommons.org/licenses/by/4.0/"

#: Actors, with the hostile text in their names, descriptions and notes.
ACTORS = [
    {"id": "alpha", "name": HYPERLINK, "name_es": CMD, "acronym": SUM, "city": TAB,
     "description": SCRIPT, "description_es": PLUS, "note": MINUS, "evidence": "S0;E1"},
    {"id": "beta", "name": TEXT_MINUS, "city": "", "name_es": FULLWIDTH, "description": MINUS,
     "description_es": SCRIPT, "note": SUM, "evidence": "E2"},
    {"id": "gamma", "name": "Plain NGO", "city": "", "evidence": "E3", "founded": 1990},
    {"id": "delta", "name": "@delta", "city": "", "evidence": "E3"},  # a collaborator to suggest
]
TIES = [("alpha", "beta", "net_a", 2001), ("beta", "gamma", "net_b", 2003),
        ("gamma", "alpha", "net_a", 1995), ("delta", "gamma", "net_a", 2002)]
SOURCES = [
    {"id": "S0", "title": HYPERLINK, "url": "", "publisher": SUM, "date": "2013",
     "note": PLUS},
    {"id": "E1", "title": SCRIPT, "url": JAVASCRIPT, "publisher": CMD, "date": "",
     "note": MINUS},
    {"id": "E2", "title": "Fine [x](javascript:alert(1))", "url": DATA_HTML,
     "publisher": "", "date": "", "note": ""},
    {"id": "E3", "title": "A web page", "url": WEB, "publisher": "", "date": "", "note": ""},
]
LICENCES = ({"name": "=HYPERLINK(1)", "title": SCRIPT, "path": VBSCRIPT},
            {"name": "CC-BY-4.0", "title": "Creative Commons", "path": LICENCE_WEB})


def hostile_tables() -> dict[str, pd.DataFrame]:
    """The raw tables (all text, as a CSV gives them)."""
    ties = tie_rows(TIES)
    ties["note"] = [CMD, SCRIPT, "", ""]
    ties["evidence"] = ["E1", "S0", "E3", "E3"]
    networks = pd.DataFrame([{**n, "evidence": "S0"} for n in NETWORKS])
    networks.loc[0, "name"] = PLUS
    return {
        "sources": pd.DataFrame(SOURCES),
        "networks": networks,
        "actors": actor_rows(ACTORS),
        "ties": ties,
        "discourses": pd.DataFrame([
            {"id": "d1", "name": MINUS, "name_es": SUM, "domain": "organic_production",
             "mother": "social_movement", "diverges": "false", "storyline": SCRIPT,
             "storyline_es": HYPERLINK, "evidence": "S0"}]),
        "actor_discourses": pd.DataFrame([
            {"actor": "alpha", "discourse": "d1", "from_year": "2000", "evidence": "S0",
             "certainty": "stated", "note": CMD}]),
    }


def hostile_dataset():
    """The hostile tables validated and built, titled with a formula, with two licences."""
    return checked_dataset(hostile_tables(), title=SUM, licences=LICENCES)


# --- opening what an export wrote, as a spreadsheet or a Markdown viewer would ------------

#: An element ``<f>`` (a formula) in a sheet's XML, with or without a namespace prefix.
_FORMULA_XML = re.compile(rb"<(?:\w+:)?f[\s>/]")

#: In Markdown: "<" not escaped by a backslash, and "](" (a link) not escaped.
_OPEN_ANGLE = re.compile(r"(?<!\\)<")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>")
_LINK = re.compile(r"(?<!\\)\]\(")


def opened(name: str, data: bytes) -> dict[str, list[str]]:
    """Open one exported file as the program people use for it would, failing the test on
    anything that program would run: a formula in a CSV or workbook cell, raw markup or a
    link that is not a web address in Markdown. ZIP archives are opened member by member.

    Returns the text cells (or lines) of each file by name, so a test can also check that
    the hostile text did reach the file (and so that the check was not vacuous).
    """
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "zip":
        found: dict[str, list[str]] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                found.update(opened(member, archive.read(member)))
        return found
    if suffix == "csv":
        return {name: _csv_cells(name, data)}
    if suffix == "xlsx":
        return {name: _xlsx_cells(name, data)}
    if suffix == "md":
        return {name: _markdown_lines(name, data.decode("utf-8"))}
    if suffix in ("graphml", "gexf"):  # for graph tools, not spreadsheets: values are exact
        root = ET.fromstring(data)
        assert not any(el.tag.rsplit("}", 1)[-1] == "script" for el in root.iter()), name
        return {name: [v for el in root.iter() for v in el.attrib.values()]}
    if suffix == "json":
        json.loads(data)
    if suffix == "png":  # the picture the browser drew, passed through as it came
        return {name: []}
    return {name: data.decode("utf-8").splitlines()}


def _csv_cells(name: str, data: bytes) -> list[str]:
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
             for c in row]
    for cell in cells:
        if cell.startswith(FORMULA_START):  # only a number may start so
            float(cell)  # raises, failing the test, for "-2+3", "=1", "@SUM(...)"
    return cells


def _xlsx_cells(name: str, data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert not _FORMULA_XML.search(archive.read(member)), (name, member)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (name, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (name, cell.coordinate)
                    assert not cell.value.startswith(FORMULA_START), (name, cell.value)
                    cells.append(cell.value)
    return cells


def _markdown_lines(name: str, text: str) -> list[str]:
    for line in text.splitlines():
        rest = _AUTOLINK.sub("", line)  # every link left must be a web address
        assert not _OPEN_ANGLE.search(rest), (name, line)  # no raw HTML, no other <link>
        assert not _LINK.search(line), (name, line)
    assert "<script" not in text.replace("\\<script", ""), name
    return text.splitlines()
