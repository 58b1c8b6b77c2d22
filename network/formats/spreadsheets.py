"""Tables for people to open in a spreadsheet: one CSV, a ZIP of CSVs, or an XLSX workbook.

Spreadsheet safety
    A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
    run as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"); such text
    cells and headers get a leading apostrophe, which the spreadsheet shows as plain text.
    Numbers stay numbers. The rule is :func:`network.model.formulas.neutralise`, the one
    every export writes cells by (the data package too, see :mod:`network.formats.package`).
    In a workbook every text cell is, besides, written as a string cell (openpyxl's data
    type ``"s"``, an inline string in the file), which no spreadsheet evaluates: neither as a
    formula nor as an error value such as ``#REF!``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING

import pandas as pd

from network.formats.cells import plain_value
from network.formats.naming import slug, unique_names
from network.formats.zip_writer import Today, zip_bytes
from network.model.formulas import neutralise

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not with this module
    from openpyxl.worksheet.worksheet import Worksheet

#: Excel shows at most this many characters in a cell (and calls a longer one damaged).
EXCEL_CELL_LIMIT = 32767


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and header) neutralised; columns of
    numbers, booleans and dates are left as they are."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        kind = column.dtype
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_bool_dtype(kind)
                or pd.api.types.is_datetime64_any_dtype(kind)):
            out[out.columns[i]] = column.astype(object).map(neutralise)
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (UTF-8 with a BOM when written, so Excel reads the accents)."""
    return safe_frame(frame).to_csv(index=False)


def flat_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns as text, and a meaningful index (named, or not 0..n-1) as the first column."""
    out = frame.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" / ".join(str(p) for p in c if str(p)) for c in out.columns]
    plain = isinstance(out.index, pd.RangeIndex) and out.index.start == 0 and out.index.step == 1
    if not plain or any(n is not None for n in out.index.names):
        names = [str(n) if n is not None else "" for n in out.index.names]
        # placeholder names, so reset_index never clashes with a column of the same name
        out.index = out.index.set_names([f"\x00{i}" for i in range(len(names))])
        out = out.reset_index()
        out.columns = names + [str(c) for c in out.columns[len(names):]]
    else:
        out.columns = [str(c) for c in out.columns]
    if out.columns.duplicated().any():
        out.columns = unique_names(list(out.columns))
    return out


def sheet_names(keys: list[str]) -> list[str]:
    """Names Excel accepts: no ``[]:*?/\\``, not History, at most 31 characters, unique.

    >>> sheet_names(["a/b", "History", "A/B"])
    ['a_b', 'History_', 'A_B (2)']
    """
    names = []
    for key in keys:
        name = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "_", str(key)).strip().strip("'").strip()
        name = name[:31].strip() or "Sheet"
        if name.lower() == "history":  # Excel keeps that name for itself
            name = "History_"
        names.append(name)
    return unique_names(names, limit=31)


def _xlsx_cell(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = plain_value(value)
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
        return value
    text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    return str(text)[:EXCEL_CELL_LIMIT]


def tables_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """The tables as one XLSX workbook, one sheet per table (in the order given).

    Text cells and headers are neutralised (see :func:`neutralise`), so nothing runs as a
    formula; numbers stay numbers; empty and NaN cells are empty. A meaningful index (the
    rows of a breakdown) becomes the first column. Sheet names are cut to Excel's rules.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in zip(sheet_names(list(sheets)), sheets.values(), strict=True):
        _write_sheet(workbook.create_sheet(title), flat_frame(frame))
    if not workbook.worksheets:
        workbook.create_sheet("Sheet")  # a workbook without a sheet does not open
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet: Worksheet, flat: pd.DataFrame) -> None:
    """One table on ``sheet``: a bold, frozen header row, columns as wide as their text."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([_xlsx_cell(c) for c in flat.columns])
    for row in flat.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(v) for v in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula (nor an error value such as #REF!)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for i, column in enumerate(flat.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in flat.iloc[:, i - 1].tolist()])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), 60)


def csv_files(sheets: Mapping[str, pd.DataFrame], folder: str = "") -> list[tuple[str, bytes]]:
    """The tables as ``(folder/<slug of the name>.csv, bytes)``, UTF-8 with a byte-order mark
    (so Excel reads the accents), text cells neutralised; names made unique."""
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    names = unique_names([slug(key) for key in sheets])
    return [(f"{prefix}{name}.csv", ("\ufeff" + csv_text(flat_frame(frame))).encode("utf-8"))
            for name, frame in zip(names, sheets.values(), strict=True)]


def tables_csv_zip(sheets: Mapping[str, pd.DataFrame], today: Today = None) -> bytes:
    """The tables as CSV files in a ZIP, one ``<slug of the name>.csv`` per table.

    UTF-8 with a byte-order mark (so Excel reads the accents), text cells neutralised.
    """
    return zip_bytes(csv_files(sheets), today)
