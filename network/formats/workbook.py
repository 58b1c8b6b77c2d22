"""XLSX workbooks: the template (a sheet per table) or a Kumu workbook.

The archive has passed :func:`network.formats.archive.open_zip` before openpyxl sees it.
Formulas are never calculated: cells are read as the values the spreadsheet program saved
(``data_only=True``); formula cells are counted in one warning, and each one with no saved
value (read as empty) gets its own.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from network.formats.archive import Budget, member_chunks
from network.formats.graph_tables import graph_tables
from network.formats.kumu import add_connections, add_elements
from network.formats.upload_report import fill_optional_tables
from network.formats.upload_state import (
    MAX_COLUMNS,
    ReadState,
    SourceLabel,
    Stop,
    check_columns,
    check_rows,
)
from network.formats.uploaded_graph import Graph
from network.model.loader import cell_text, text_frame
from network.model.schema import TABLE_ORDER

log = logging.getLogger(__name__)

#: A formula element in a sheet's XML (``<f>``, ``<x:f ...>``), found without parsing it.
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
#: A cell's reference (``<c r="XFD1048576"``) and an error cell (``t="e"``: ``#REF!``...).
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\bt="e"')
#: Rows below the last a table may have that a sheet may still reach (formatting often
#: stretches a sheet a little beyond its data).
_SPARE_ROWS = 1_000

# openpyxl ships no type stubs, so its workbook and sheets are Any here.
Worksheet = Any


def _load(data: bytes) -> Any:
    """The workbook's saved values through python-calamine (Rust: 3.0–3.6 s where openpyxl
    took 70–84 s for 150,000 rows × 10 columns, on the shared 2-core machine at a load of
    8). Formula cells are listed with openpyxl (:func:`_openpyxl`), only when there are any."""
    return _ValuesBook(data)


class _Scan:
    """What a sheet's XML holds, read as a stream before any reader builds it."""

    def __init__(self) -> None:
        self.formulas = self.errors = False
        self.rows = self.columns = 0

    def fits(self, max_rows: int) -> bool:
        """Whether python-calamine may read the sheet: it builds the whole grid up to the
        furthest cell at once (one cell at XFD1048576 is 550 GB, and the process aborts:
        wider than MAX_COLUMNS is refused before), and reads error cells (#REF!...) as
        empty. Else openpyxl reads it row by row, and the row limit stops it."""
        return (not self.errors and self.rows <= max_rows + 1 + _SPARE_ROWS
                and self.columns <= MAX_COLUMNS)


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: Budget,
          state: ReadState) -> _Scan:
    scan, tail = _Scan(), b""
    for chunk in member_chunks(archive, info, name, budget, state):
        text = tail + chunk
        scan.formulas = scan.formulas or bool(_FORMULA.search(text))
        scan.errors = scan.errors or bool(_ERROR_CELL.search(text))
        for match in _CELL_REF.finditer(text):
            scan.rows = max(scan.rows, int(match.group(2)))
            scan.columns = max(scan.columns, _column_number(match.group(1)))
        tail = chunk[-256:]
    return scan


def _column_number(letters: bytes) -> int:
    """``b"A"`` → 1, ``b"XFD"`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _openpyxl(data: bytes, data_only: bool) -> Any:
    from openpyxl import load_workbook  # only workbooks with formulas need it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)


class _ValuesSheet:
    """A sheet's saved values, row by row from A1 (row numbers as the spreadsheet shows),
    as openpyxl's read-only sheets give them (``title``, ``iter_rows(values_only=True)``)."""

    def __init__(self, book: Any, title: str):
        self.book, self.title = book, title

    def iter_rows(self, values_only: bool = True) -> Any:
        sheet = self.book.get_sheet_by_name(self.title)
        return iter(sheet.to_python(skip_empty_area=False))


class _ValuesBook:
    """A workbook read by python-calamine, shaped like openpyxl's (``worksheets``,
    ``close()``)."""

    def __init__(self, data: bytes):
        from python_calamine import CalamineWorkbook  # only uploads need it

        self.book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self.worksheets = [_ValuesSheet(self.book, title) for title in self.book.sheet_names]

    def close(self) -> None:
        self.book.close()


def read_workbook(name: str, data: bytes, archive: zipfile.ZipFile,
                  state: ReadState) -> dict[str, pd.DataFrame]:
    """The tables of a workbook: the template's sheets, or a Kumu workbook mapped."""
    state.kind = "xlsx"
    state.title = Path(name).stem
    budget = Budget(state.limits.max_unzipped_bytes)
    sheets_xml = [i for i in archive.infolist() if i.filename.startswith("xl/worksheets/")]
    scans = [_scan(archive, i, name, budget, state) for i in sheets_xml]
    has_formulas = any(scan.formulas for scan in scans)
    for scan in scans:  # a sheet as wide as this is no table (and would take a grid of it)
        check_columns(scan.columns, name, state)
    fast = all(scan.fits(state.limits.max_rows) for scan in scans)
    try:
        book = _load(data) if fast else _openpyxl(data, True)
    except MemoryError:  # a job's memory limit, not a broken workbook (serving.jobs)
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        state.stop(name, "upload.xlsx_unreadable", detail=type(exc).__name__)
    try:
        sheets = {ws.title.strip().lower(): ws for ws in book.worksheets}
        if not any(table in sheets for table in TABLE_ORDER) and (
                "elements" in sheets or "connections" in sheets):
            state.kind = "kumu"
            return _kumu(name, data, sheets, has_formulas, state)
        if not any(table in sheets for table in TABLE_ORDER):
            titles = ", ".join(ws.title for ws in book.worksheets[:12]) or "—"
            state.stop(name, "upload.xlsx_no_tables", sheets=titles,
                       tables=", ".join(TABLE_ORDER))
        raw = _table_sheets(name, sheets, state)
    finally:
        book.close()
    if has_formulas:
        warn_formulas(name, data, {s: sheets[s].title for s in TABLE_ORDER if s in sheets},
                      state)
    fill_optional_tables(raw, state)
    return raw


def _table_sheets(name: str, sheets: dict[str, Worksheet],
                  state: ReadState) -> dict[str, pd.DataFrame]:
    """The template's sheets, one per table (a missing one is an error)."""
    raw: dict[str, pd.DataFrame] = {}
    for table in TABLE_ORDER:
        ws = sheets.get(table)
        if ws is None:
            state.report.error(f"{name} › {table}", "v.missing_table", table=table)
            continue
        label = f"{name} › {ws.title}"
        raw[table] = read_sheet(ws, label, state)
        state.labels[f"{table}.csv"] = SourceLabel(label)
    return raw


def read_sheet(ws: Worksheet, label: str, state: ReadState) -> pd.DataFrame:
    """One sheet as an all-text frame (rows numbered as in the sheet), at most max_rows."""
    rows: list[list[str]] = []
    filled = 0
    try:
        for values in ws.iter_rows(values_only=True):
            row = [cell_text(v) for v in values]
            if not rows:
                while row and not row[-1].strip():
                    row.pop()  # formatting can stretch a sheet far to the right
                check_columns(len(row), label, state)
            elif any(c.strip() for c in row):
                filled += 1
                check_rows(filled, label, state)
            rows.append(row)
    except (Stop, MemoryError):  # a memory overrun is the job's limit, not the workbook
        raise
    except Exception as exc:
        state.stop(label, "upload.xlsx_unreadable", detail=type(exc).__name__)
    return text_frame(rows)


def _kumu(name: str, data: bytes, sheets: dict[str, Worksheet], has_formulas: bool,
          state: ReadState) -> dict[str, pd.DataFrame]:
    """A Kumu workbook: its Elements (optional) and Connections sheets, as a graph."""
    if "connections" not in sheets:
        state.stop(f"{name} › Connections", "upload.kumu_missing_sheet", sheet="Connections")
    where_c = f"{name} › {sheets['connections'].title}"
    graph = Graph("kumu", name, where_c, where_c)
    if "elements" in sheets:
        graph.nodes_at = f"{name} › {sheets['elements'].title}"
        add_elements(graph, read_sheet(sheets["elements"], graph.nodes_at, state),
                     graph.nodes_at, state)
    else:
        graph.nodes_from_edges = True
    add_connections(graph, read_sheet(sheets["connections"], where_c, state), where_c, state)
    if has_formulas:
        warn_formulas(name, data, {s: sheets[s].title for s in ("elements", "connections")
                                   if s in sheets}, state)
    state.title = Path(name).stem
    return graph_tables(graph, state)


def warn_formulas(name: str, data: bytes, titles: dict[str, str], state: ReadState) -> None:
    """Warn about formula cells: once for those read as their saved values, and for each
    one with no saved value (read as empty; the first hundred are named)."""
    cached = missing = 0
    try:
        values, formulas = _openpyxl(data, True), _openpyxl(data, False)
        try:
            for title in titles.values():
                found = _formula_cells(values[title], formulas[title])
                for row, column in found.missing[:max(0, 100 - missing)]:
                    state.report.warning(f"{name} › {title}", "upload.formula_no_value", row,
                                         column)
                cached += found.cached
                missing += len(found.missing)
        finally:
            values.close()
            formulas.close()
    except Exception:  # the values were read already; only these warnings are lost
        log.exception("formula cells of %s could not be listed", name)
    if cached:
        state.report.warning(name, "upload.formulas_as_values", count=cached)


class _FormulaCells:
    def __init__(self) -> None:
        self.cached = 0
        self.missing: list[tuple[int, str | None]] = []  # (row, column header) of each


def _formula_cells(values: Worksheet, formulas: Worksheet) -> _FormulaCells:
    """The formula cells of one sheet, read twice: as saved values and as formulas."""
    found = _FormulaCells()
    header: list[str] = []
    for vrow, frow in zip(values.iter_rows(), formulas.iter_rows(), strict=False):
        if not header:
            header = [cell_text(c.value).strip() for c in vrow]
        for vcell, fcell in zip(vrow, frow, strict=False):
            if getattr(fcell, "data_type", None) != "f":
                continue
            if vcell.value is not None:
                found.cached += 1
                continue
            col = fcell.column - 1
            found.missing.append(
                (fcell.row, header[col] if col < len(header) and header[col] else None))
    return found
