"""Text a spreadsheet would run as a formula: the one rule every export writes cells by, and
its inverse, which the loader reads them back with.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return; some input methods also take the fullwidth ``＝＋－＠``) as a
formula: ``=HYPERLINK("http://x","y")`` makes a link, ``=cmd|' /C calc'!A0`` asks to start a
program ("CSV injection", OWASP). :func:`neutralise` puts an apostrophe before such text,
which a spreadsheet shows as text; numbers are left alone (``-3`` stays a number; the text
``"-3 projects"`` gets its apostrophe). Every writer of a spreadsheet cell goes through it:
the tables (:mod:`network.formats.spreadsheets`, CSV and XLSX) and the data package
(:mod:`network.formats.package`: the data export, the evidence pack and the upload's stored
copy).

A data package must load back into Redes unchanged, so the loader undoes it
(:func:`restore`, called by :func:`network.model.loader.text_frame` for every CSV and
workbook cell read). The apostrophe is its own mark: the writer also adds one before text
that already starts with apostrophes followed by a formula character, so *every* leading
apostrophe before a formula character in a written file is one the writer added, and
:func:`restore` removes exactly one. ``restore(neutralise(text)) == text`` for every text.
A hand-made file read this way loses an apostrophe only where a spreadsheet would hide it
too (``'+51 1 234`` is read as ``+51 1 234``).
"""

from __future__ import annotations

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def formula_like(text: str) -> bool:
    """Whether ``text`` (after any leading apostrophes) starts as a formula would.

    >>> formula_like("=1+1"), formula_like("'@SUM(A1)"), formula_like("RAE"), formula_like("")
    (True, True, False, False)
    """
    return text.lstrip("'").startswith(FORMULA_START)


def neutralise(value: object) -> object:
    """Make one cell safe to open in a spreadsheet: text that a spreadsheet would run gets a
    leading apostrophe; anything else (numbers, empty cells, plain text) is left as it is.

    >>> neutralise('=HYPERLINK("http://x")'), neutralise("-3 projects"), neutralise("'=1")
    ('\\'=HYPERLINK("http://x")', "'-3 projects", "''=1")
    >>> neutralise(-3), neutralise("RAE"), neutralise(None)
    (-3, 'RAE', None)
    """
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading apostrophe removed, where the writer
    put it (before a formula character, possibly after other apostrophes).

    >>> restore("'=1+1"), restore("''=1"), restore("'RAE"), restore("-3")
    ('=1+1', "'=1", "'RAE", '-3')
    """
    if text.startswith("'") and formula_like(text[1:]):
        return text[1:]
    return text
