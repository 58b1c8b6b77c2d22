"""Workbooks are read through python-calamine (fast) and must read exactly as openpyxl did:
the same text for every kind of cell, rows and columns where the spreadsheet shows them
(a table that starts lower or further right keeps its row numbers), formulas with no saved
value empty."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook, load_workbook

from network.formats.upload_state import ReadState
from network.formats.workbook import _load, read_sheet
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
