"""The one spreadsheet rule: what a spreadsheet would run gets an apostrophe, numbers and
plain text stay, and the loader's inverse gives back exactly the text that was written."""

from __future__ import annotations

import pytest

from network.model.formulas import formula_like, neutralise, restore
from network.model.loader import text_frame

RUN = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3",
       "\t=1+1", "\r=1+1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff201", "-3 projects", "-3",
       "=", "'=1+1", "''@x"]
PLAIN = ["RAE", "", "'quoted'", "3-2", "a=b", " ", "'", "https://x.org/?a=1", "Ñ=1"]


@pytest.mark.parametrize("text", RUN)
def test_text_a_spreadsheet_would_run_gets_one_apostrophe(text):
    assert formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_left_as_it_is(text):
    assert not formula_like(text)
    assert neutralise(text) == text


@pytest.mark.parametrize("value", [-3, -1.5, 0, 2, float("nan"), None, True, -2.0])
def test_numbers_and_empty_cells_stay_as_they_are(value):
    out = neutralise(value)
    assert out is value or (out != out and value != value)


@pytest.mark.parametrize("text", RUN + PLAIN + ["'", "''", "'''=x", "'-", "''RAE"])
def test_restore_gives_back_exactly_the_text_written(text):
    assert restore(neutralise(text)) == text
    written = neutralise(text)
    assert isinstance(written, str) and not written.startswith(
        ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"))


def test_restore_leaves_an_apostrophe_the_writer_did_not_put():
    assert restore("'RAE") == "'RAE" and restore("'") == "'" and restore("-3") == "-3"


def test_the_loader_reads_a_neutralised_cell_as_the_text_written():
    frame = text_frame([["id", "name", "note"], ["a", "'=1+1", "''@x"], ["b", "'RAE", "-3"]])
    assert frame["name"].tolist() == ["=1+1", "'RAE"]
    assert frame["note"].tolist() == ["'@x", "-3"]
