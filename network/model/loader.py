"""Read a data package's tables from a folder of CSV files or from one XLSX workbook.

Everything is read as text here; :mod:`network.model.validation` turns text into typed columns
and reports what does not fit. CSV files may be UTF-8 (with or without a byte-order mark)
or Latin-1/Windows-1252, as spreadsheets on Spanish-language Windows save them. The
apostrophe an export puts before text a spreadsheet would run as a formula is taken off
again (:func:`network.model.formulas.restore`), so an exported package loads back unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd

from network.model.formulas import restore
from network.model.problems import Report
from network.model.schema import TABLE_ORDER

RawTables = dict[str, pd.DataFrame]


def decode(data: bytes) -> tuple[str, bool]:
    """Decode file bytes; return the text and whether a Latin-1 fallback was used.

    >>> decode("Ecológica".encode("latin-1"))
    ('Ecológica', True)
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), True
        except UnicodeDecodeError:
            return data.decode("latin-1"), True


def text_frame(rows: list[list[str]]) -> pd.DataFrame:
    """Header + rows → all-text DataFrame; blank rows dropped, cells stripped and an
    export's formula apostrophe taken off (:func:`~network.model.formulas.restore`), each row
    numbered as in the spreadsheet (the header is row 1).

    >>> text_frame([["id", "name"], ["a", " '=1+1 "]])["name"].tolist()
    ['=1+1']
    """
    if not rows:
        return pd.DataFrame()
    header = [str(h).strip() for h in rows[0]]
    body = [
        [restore(str(c).strip()) for c in r] + [""] * (len(header) - len(r))
        for r in rows[1:]
        if any(str(c).strip() for c in r)
    ]
    # The original spreadsheet row of each kept row, so messages point at the right line.
    numbers = [i + 2 for i, r in enumerate(rows[1:]) if any(str(c).strip() for c in r)]
    frame = pd.DataFrame([r[: len(header)] for r in body], columns=header, dtype=object)
    frame.index = pd.Index(numbers, name="row")
    return frame


def read_csv_text(text: str) -> pd.DataFrame:
    """Parse CSV text (comma or semicolon separated) into an all-text frame."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    # newline="" lets csv split lines itself: \n, \r\n and old Mac \r all end a row.
    return text_frame(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))


def read_folder(folder: Path, report: Report) -> RawTables:
    """Read ``<table>.csv`` for every table of the schema from ``folder``."""
    found: RawTables = {}
    files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for name in TABLE_ORDER:
        path = files.get(f"{name}.csv")
        if path is None:
            report.error(f"{name}.csv", "v.missing_table", table=name)
            continue
        try:
            data = path.read_bytes()
            if b"\x00" in data:  # no CSV text has NUL bytes: an image, workbook, UTF-16...
                report.error(path.name, "v.unreadable", detail="not a CSV text file")
                continue
            text, latin1 = decode(data)
            if latin1:
                report.warning(path.name, "v.decoded_latin1")
            found[name] = read_csv_text(text)
        except (OSError, csv.Error) as exc:
            report.error(path.name, "v.unreadable", detail=str(exc))
    return found


def cell_text(value: object) -> str:
    """A spreadsheet cell's value as the text a CSV would hold ("" for an empty cell,
    whole numbers without ".0", dates as ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def read_workbook(path: Path, report: Report) -> RawTables:
    """Read one sheet per table from an XLSX workbook.

    Formulas are never evaluated: the workbook is opened with ``data_only=True``, which
    reads the value the spreadsheet program last saved for each cell.
    """
    from openpyxl import load_workbook  # imported here: only uploads and XLSX users need it

    found: RawTables = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        report.error(path.name, "v.unreadable", detail=type(exc).__name__)
        return found
    try:
        sheets = {ws.title.strip().lower(): ws for ws in wb.worksheets}
        for name in TABLE_ORDER:
            ws = sheets.get(name)
            if ws is None:
                report.error(f"{path.name} › {name}", "v.missing_table", table=name)
                continue
            rows = [[cell_text(c) for c in row] for row in ws.iter_rows(values_only=True)]
            found[name] = text_frame(rows)
    finally:
        wb.close()
    return found


def read_tables(path: Path, report: Report) -> RawTables:
    """Read the tables at ``path``: a folder of CSVs, an ``.xlsx`` or a ``datapackage.json``."""
    path = Path(path)
    if path.is_file() and path.name.lower() == "datapackage.json":
        path = path.parent
    if path.is_dir():
        return read_folder(path, report)
    if path.is_file() and path.suffix.lower() == ".xlsx":
        return read_workbook(path, report)
    report.error(str(path), "v.no_data", path=str(path))
    return {}
