"""Every file the page saves from the server, from hostile data, opens with no formula run
and no link but to web pages: each button of the export bar, the evidence pack, and the
collaborators' CSV files. New buttons in ``callbacks.exporting.FILES`` are covered as added."""

from __future__ import annotations

import base64

import pytest

from callbacks.collaborate import download
from callbacks.exporting import FILES, evidence, server_file
from components.ids import ID
from tests.hostile import (
    CMD,
    FORMULAS,
    FULLWIDTH,
    HYPERLINK,
    TEXT_MINUS,
    hostile_dataset,
    opened,
)

#: The names of the key actors by language (Spanish has names of its own).
NAMES = {"en": (HYPERLINK, TEXT_MINUS), "es": (CMD, FULLWIDTH)}


@pytest.fixture(scope="module")
def hostile():
    return hostile_dataset()


def _bytes(answer: dict) -> bytes:
    content = answer["content"]
    return base64.b64decode(content) if answer.get("base64") else content.encode("utf-8")


def _cells(found: dict[str, list[str]]) -> list[str]:
    return [c for cells in found.values() for c in cells]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("button", list(FILES))
def test_each_export_button_saves_a_safe_file(hostile, button, lang):
    answer = server_file(hostile, button, f"?lang={lang}")
    cells = _cells(opened(answer["filename"], _bytes(answer)))
    if FILES[button][0] == "tables":  # the key actors by name
        assert all("'" + name in cells for name in NAMES[lang])
    if button == ID.EXPORT_DATA:
        assert all("'" + text in cells for text in FORMULAS)


@pytest.mark.parametrize("origin", ["https://redes.example.org", "javascript:alert(1)//", None])
def test_the_evidence_pack_is_safe_whatever_the_origin_it_is_told(hostile, origin):
    png = "data:image/png;base64," + base64.b64encode(b"\x89PNG").decode()
    answer = evidence(hostile, "?lang=en&actor=alpha", origin, png)
    found = opened(answer["filename"], _bytes(answer))
    cells = _cells(found)
    assert all("'" + text in cells for text in FORMULAS)
    note = "\n".join(found["methods.md"])
    assert ("<https://redes.example.org/?" in note) == (origin is not None
                                                         and origin.startswith("https"))


@pytest.mark.parametrize(("which", "name"), [(ID.DOWNLOAD_PATHS, "'" + TEXT_MINUS),
                                             (ID.DOWNLOAD_SUGGESTIONS, "'@delta")])
def test_the_collaborators_csv_files_are_neutralised(hostile, which, name):
    answer = download(hostile, which, "?panel=collaborate&me=beta&target=alpha&lang=en")
    assert answer is not None
    cells = _cells(opened(answer["filename"], _bytes(answer)))
    assert any(c.startswith(name) for c in cells), cells
