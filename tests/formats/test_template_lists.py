"""The workbook template's drop-down lists too long for Excel to hold inline (more than
255 characters): the bundled schema has none, so these build them directly."""

from __future__ import annotations

from openpyxl import Workbook

from network.formats.template import _drop_down


def test_a_short_list_is_written_into_the_validation():
    book = Workbook()
    check = _drop_down(book, ["yes", "no"], "en")
    assert check.formula1 == '"yes,no"'
    assert book.sheetnames == ["Sheet"]  # no hidden sheet when none is needed


def test_long_lists_go_to_columns_of_one_hidden_sheet():
    book = Workbook()
    first = [f"value_{i:03d}" for i in range(40)]
    second = [f"other_{i:03d}" for i in range(30)]
    one, two = _drop_down(book, first, "es"), _drop_down(book, second, "es")
    assert book.sheetnames == ["Sheet", "_lists"]
    lists = book["_lists"]
    assert lists.sheet_state == "hidden"
    assert one.formula1 == "'_lists'!$A$1:$A$40" and two.formula1 == "'_lists'!$B$1:$B$30"
    assert [c.value for c in lists["A"]][:40] == first
    assert [c.value for c in lists["B"]][:30] == second
    assert one.showErrorMessage and one.allow_blank and one.error and one.errorTitle
