"""Workbooks are read through python-calamine (fast) and must read exactly as openpyxl did:
the same text for every kind of cell, rows and columns where the spreadsheet shows them
(a table that starts lower or further right keeps its row numbers), formulas with no saved
value empty."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook, load_workbook

from network.formats.upload_state import ReadState, Stop
from network.formats.workbook import _load, read_sheet, read_workbook
from network.model.limits import Limits
from network.model.loader import cell_text
from network.model.problems import Report


def _book() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actors"
    ws["B3"], ws["C3"], ws["D3"], ws["E3"], ws["F3"] = "id", "founded", "weight", "when", "f"
    ws.append([None, "a", 1990, 2.5, dt.date(2001, 2, 3), "=1+1"])
    ws.append([None, "b", None, -0.25, None, True])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_calamine_reads_as_openpyxl_did():
    data = _book()
    old = load_workbook(io.BytesIO(data), read_only=True, data_only=True)["Actors"]
    expected = [[cell_text(v) for v in row] for row in old.iter_rows(values_only=True)]
    new = next(ws for ws in _load(data).worksheets if ws.title == "Actors")
    got = [[cell_text(v) for v in row] for row in new.iter_rows(values_only=True)]
    assert got == expected
    assert got[2][1:4] == ["id", "founded", "weight"] and got[3][1:6] == [
        "a", "1990", "2.5", "2001-02-03", ""]


def test_a_sheet_reads_into_the_same_frame():
    data = _book()
    old = load_workbook(io.BytesIO(data), read_only=True, data_only=True)["Actors"]
    new = next(iter(_load(data).worksheets))
    frames = [read_sheet(ws, "book › Actors", ReadState(Report(), Limits())) for ws in (old, new)]
    assert frames[0].equals(frames[1])


def _table_book() -> bytes:
    wb = Workbook()
    wb.active.title = "actors"
    wb.active.append(["id", "name"])
    wb.active.append(["a", "A"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _with_cell(xml_cell: bytes) -> bytes:
    """A one-table book with one more cell written into its sheet's XML by hand."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_table_book()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                ref = xml_cell.split(b'r="')[1].split(b'"')[0]
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:' + ref + b'"',
                              data)
                row = b'<row r="' + ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ") + b'">'
                data = data.replace(b"</sheetData>", row + xml_cell + b"</row></sheetData>")
            target.writestr(item, data)
    return out.getvalue()


def _read(data: bytes):
    import zipfile

    state = ReadState(Report(), Limits())
    try:
        tables = read_workbook("book.xlsx", data, zipfile.ZipFile(io.BytesIO(data)), state)
    except Stop:
        tables = None
    return tables, state.report.render("en")


def test_a_sheet_wider_than_any_table_is_refused_before_it_is_built():
    # calamine would build the grid up to the furthest cell at once (XFD1048576: 550 GB,
    # and the process aborts)
    tables, report = _read(_with_cell(b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'))
    assert tables is None and "16384" in report and "columns" in report


def test_a_long_sheet_is_read_row_by_row():
    tables, report = _read(_with_cell(b'<c r="B1048576" t="inlineStr"><is><t>x</t></is></c>'))
    assert tables is not None or "rows" in report


def test_an_error_cell_keeps_its_text():
    # calamine reads #REF! as empty: such a sheet is read by openpyxl, which keeps it
    tables, _ = _read(_with_cell(b'<c r="B3" t="e"><v>#REF!</v></c>'))
    assert (tables["actors"] == "#REF!").any().any()
