"""Tables for spreadsheets: nothing runs as a formula, numbers stay numbers, names fit."""

import csv
import io

import openpyxl
import pandas as pd

from network.formats import spreadsheets
from network.model.formulas import FORMULA_START
from tests.formats.exported import HOSTILE, TODAY, sheets, unzip


def test_xlsx_runs_no_formula_and_keeps_numbers(ds):
    workbook = openpyxl.load_workbook(io.BytesIO(spreadsheets.tables_xlsx(sheets(ds))))
    names = workbook.sheetnames
    assert names[0] == "key_actors" and len(names) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), cell.value
    hostile = workbook[names[2]]
    assert [c.value for c in hostile["A"]][1:] == ["'" + h for h in HOSTILE]
    assert [c.value for c in hostile["B"]][1:] == list(range(len(HOSTILE)))
    assert all(c.data_type == "n" for c in hostile["B"][1:])
    assert hostile["C3"].value is None and hostile["C5"].value == -1.5
    key = workbook["key_actors"]
    assert [c.value for c in key[1]] == ["id", "value", "rank", "previous_rank", "change"]
    assert key["B2"].data_type == "n" and isinstance(key["C2"].value, int)
    breakdown = workbook[names[1]]
    assert [c.value for c in breakdown["A"]][1:] == ["global", "latin_american", "local",
                                                     "national"]


def test_xlsx_header_is_bold_and_frozen_and_an_empty_workbook_opens():
    frame = pd.DataFrame({"name": ["a"], "n": [1]})
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheets.tables_xlsx({"t": frame}))).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    empty = openpyxl.load_workbook(io.BytesIO(spreadsheets.tables_xlsx({})))
    assert empty.sheetnames == ["Sheet"]


def test_csv_zip_is_neutralised_and_reads_in_pandas(ds):
    archive = unzip(spreadsheets.tables_csv_zip(sheets(ds), today=TODAY))
    assert archive.namelist() == ["key_actors.csv", "by_level_ngo_types.csv", "hostile.csv",
                                  "hostile_with_a_very_long_name_that_goes_on.csv"]
    raw = archive.read("hostile.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert frame["name"].tolist() == ["'" + h for h in HOSTILE]
    assert frame["count"].dtype.kind == "i"
    for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))):
        for cell in row:  # only numbers (-1.5) may start like a formula
            assert not cell.startswith(FORMULA_START) or float(cell) < 0, cell


def test_csv_text_neutralises_headers_and_cells():
    text = spreadsheets.csv_text(pd.DataFrame({"=head": ["=1+1", "RAE"], "n": [-2, 3]}))
    assert text.splitlines() == ["'=head,n", "'=1+1,-2", "RAE,3"]


def test_sheet_names_follow_excels_rules():
    assert spreadsheets.sheet_names(["a", "A", "History", "x" * 40, "x" * 40]) == [
        "a", "A (2)", "History_", "x" * 31, "x" * 27 + " (2)"]
