"""Tables written for people to open in a spreadsheet, safely.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run
as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"); such text cells get
a leading apostrophe, which the spreadsheet shows as plain text. Numbers stay numbers.
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make one cell safe to open in a spreadsheet.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3"), neutralise(-3), neutralise("RAE")
    ('\\'=HYPERLINK("http://x")', "'-3", -3, 'RAE')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and header) neutralised."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (UTF-8 with a BOM when written, so Excel reads the accents)."""
    return safe_frame(frame).to_csv(index=False)
