"""Tests for network.model.loader: text decoding, CSV dialects and XLSX workbooks."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from network.loading import load
from network.model.loader import decode, read_csv_text, read_tables
from network.model.problems import Report
from network.model.schema import TABLE_ORDER

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


# --- decode -----------------------------------------------------------------------------

TEXT = "Red de Agricultura Ecológica del Perú, Asociación Nacional de Productores"


def test_decode_utf8():
    assert decode(TEXT.encode("utf-8")) == (TEXT, False)


def test_decode_utf8_with_bom():
    text, latin1 = decode(TEXT.encode("utf-8-sig"))
    assert (text, latin1) == (TEXT, False)
    assert not text.startswith("\ufeff")


def test_decode_cp1252():
    text = TEXT + " “quoted” – €"  # characters only Windows-1252 (not Latin-1) has
    assert decode(text.encode("cp1252")) == (text, True)


def test_decode_latin1_bytes_cp1252_cannot_read():
    # 0x81 is unassigned in Windows-1252; the Latin-1 fallback still gives text.
    text, latin1 = decode(b"Ecol\xf3gica \x81")
    assert latin1 and text.startswith("Ecológica")


def test_decode_ascii_is_not_flagged():
    assert decode(b"id,name\nrae,RAE\n") == ("id,name\nrae,RAE\n", False)


# --- read_csv_text ----------------------------------------------------------------------


def test_read_csv_text_rows_are_spreadsheet_rows_and_text():
    frame = read_csv_text("id,founded\n\nrae, 1989 \nidma,\n")
    assert list(frame.index) == [3, 4]  # the blank line 2 is skipped but counted
    assert list(frame["founded"]) == ["1989", ""]  # stripped, still text


def test_read_csv_text_semicolons_and_quoted_commas():
    frame = read_csv_text('id;name;evidence\nrae;"RAE, Peru";"S0;E1"\n')
    assert frame.loc[2].tolist() == ["rae", "RAE, Peru", "S0;E1"]


def test_read_csv_text_short_rows_are_padded():
    frame = read_csv_text("a,b,c\n1\n")
    assert frame.loc[2].tolist() == ["1", "", ""]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_read_csv_text_any_line_ending(newline):
    frame = read_csv_text(newline.join(["id,name", "rae,RAE", "idma,IDMA"]) + newline)
    assert list(frame["id"]) == ["rae", "idma"]


# --- XLSX workbooks ---------------------------------------------------------------------


def _rows(table: str) -> list[list[str]]:
    text = (MINIMAL / f"{table}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _workbook(path: Path, skip: tuple[str, ...] = (), edit=None) -> Path:
    """The minimal package as one workbook, one sheet per table (sheet name = table)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name in TABLE_ORDER:
        if name in skip:
            continue
        ws = wb.create_sheet(name)
        for row in _rows(name):
            ws.append(row)
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def _set_cached_value(path: Path, sheet: str, cell: str, value: str) -> None:
    """Store ``value`` as the value a spreadsheet program saved for a formula cell.

    openpyxl writes formulas without a cached value, as a workbook nobody has opened yet.
    """
    wb = load_workbook(path)
    index = wb.sheetnames.index(sheet) + 1
    wb.close()
    member = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == member:
                xml = data.decode("utf-8")
                start = xml.index(f'<c r="{cell}"')
                end = xml.index("</c>", start)
                old = xml[start:end]
                assert "<v />" in old, old
                data = (xml[:start] + old.replace("<v />", f"<v>{value}</v>") + xml[end:]).encode()
            zout.writestr(info, data)


def test_xlsx_gives_the_same_actors_as_csv(tmp_path):
    from_csv = load(MINIMAL)
    from_xlsx = load(_workbook(tmp_path / "package.xlsx"))
    assert from_xlsx.report.problems == [], from_xlsx.report.render()
    assert from_csv.dataset is not None and from_xlsx.dataset is not None
    a, b = from_csv.dataset, from_xlsx.dataset
    assert a.actors.equals(b.actors)
    assert a.ties.equals(b.ties)
    assert a.actor_discourses.equals(b.actor_discourses)
    assert b.actors.loc["rae", "name_es"] == "Red de Agricultura Ecológica del Perú"


def test_xlsx_native_numbers_and_booleans(tmp_path):
    """Cells a spreadsheet stores as numbers or booleans read as the same text as in CSV."""

    def typed_cells(wb):
        ws = wb["actors"]
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            cells = dict(zip(header, row, strict=True))
            cells["founded"].value = int(cells["founded"].value)
            cells["is_group"].value = cells["is_group"].value == "true"
        ties = wb["ties"]
        ties["H2"] = 1.0  # weight as a float with no fraction
        ties["H3"] = 2.5

    result = load(_workbook(tmp_path / "typed.xlsx", edit=typed_cells))
    assert result.report.problems == [], result.report.render()
    actors = result.dataset.actors
    assert list(actors["founded"]) == [1989, 1978, 1984, 2006]
    assert list(actors["is_group"]) == [False, False, False, True]
    assert list(result.dataset.ties["weight"]) == [1.0, 2.5, 1.0]


def test_xlsx_sheet_names_ignore_case_and_spaces(tmp_path):
    def rename(wb):
        wb["actors"].title = " Actors "

    result = load(_workbook(tmp_path / "names.xlsx", edit=rename))
    assert result.report.ok, result.report.render()


def test_xlsx_formula_is_read_as_cached_value_never_evaluated(tmp_path):
    def formula(wb):
        wb["actors"]["B3"] = "=1+1"  # the name of ideas (row 3)

    path = _workbook(tmp_path / "formula.xlsx", edit=formula)
    _set_cached_value(path, "actors", "B3", "7")  # deliberately not what =1+1 gives
    result = load(path)
    assert result.report.problems == [], result.report.render()
    assert result.dataset.actors.loc["ideas", "name"] == "7"


def test_xlsx_formula_without_cached_value_is_an_empty_cell(tmp_path):
    def formula(wb):
        wb["actors"]["B3"] = '=HYPERLINK("http://example.invalid","x")'

    result = load(_workbook(tmp_path / "formula.xlsx", edit=formula))
    assert result.dataset is None
    problems = [(p.key, p.table, p.row, p.column) for p in result.report.problems]
    assert problems == [("v.required", "actors.csv", 3, "name")]
    assert "HYPERLINK" not in result.report.render()


def test_xlsx_missing_sheet_names_the_sheet(tmp_path):
    result = load(_workbook(tmp_path / "book.xlsx", skip=("ties",)))
    assert result.dataset is None
    missing = [p for p in result.report.problems if p.key == "v.missing_table"]
    assert len(missing) == 1
    assert missing[0].severity == "error"
    assert "ties" in missing[0].table and "book.xlsx" in missing[0].table
    assert "“ties”" in missing[0].render("en") and "“ties”" in missing[0].render("es")


def test_xlsx_empty_sheet_is_reported(tmp_path):
    def empty(wb):
        del wb["actor_discourses"]
        wb.create_sheet("actor_discourses")

    result = load(_workbook(tmp_path / "empty.xlsx", edit=empty))
    assert result.dataset is None
    assert ("v.empty_table", "actor_discourses.csv") in [
        (p.key, p.table) for p in result.report.problems]


def test_xlsx_random_bytes_are_unreadable(tmp_path):
    path = tmp_path / "noise.xlsx"
    path.write_bytes(os.urandom(2048))
    result = load(path)
    assert result.dataset is None
    assert [(p.severity, p.key, p.table) for p in result.report.problems] == [
        ("error", "v.unreadable", "noise.xlsx")]


def test_xlsx_zip_that_is_not_a_workbook_is_unreadable(tmp_path):
    path = tmp_path / "csvs.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("actors.csv", "id,name\n")
    result = load(path)
    assert [p.key for p in result.report.problems] == ["v.unreadable"]


# --- paths ------------------------------------------------------------------------------


def test_nonexistent_path_is_no_data(tmp_path):
    missing = tmp_path / "nowhere"
    result = load(missing)
    assert result.dataset is None
    assert [(p.severity, p.key) for p in result.report.problems] == [("error", "v.no_data")]
    assert str(missing) in result.report.render("en")
    assert str(missing) in result.report.render("es")


def test_single_csv_file_is_no_data():
    result = load(MINIMAL / "actors.csv")
    assert [p.key for p in result.report.problems] == ["v.no_data"]


def test_empty_folder_reports_every_table(tmp_path):
    report = Report()
    assert read_tables(tmp_path, report) == {}
    assert [p.table for p in report.problems] == [f"{n}.csv" for n in TABLE_ORDER]
    assert {p.key for p in report.problems} == {"v.missing_table"}


def test_file_names_ignore_case(tmp_path):
    for p in MINIMAL.glob("*.csv"):
        (tmp_path / p.name.upper()).write_bytes(p.read_bytes())
    result = load(tmp_path)
    assert result.report.ok, result.report.render()
