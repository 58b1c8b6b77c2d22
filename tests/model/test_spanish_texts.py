"""The bundled data's own texts in Spanish: the package's title and licence, and the notes
of every actor and tie, so that a Spanish page and its exports carry no English."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from network.loading import load
from network.model.dataset import UNTITLED, licence_title
from network.model.loader import read_tables
from network.model.problems import Report
from network.model.schema import SCHEMA_FILE
from network.model.validation import validate
from network.text.catalogue import t

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


def test_the_bundled_package_gives_its_title_and_licence_in_spanish(ds):
    meta = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert ds.title == meta["title"] and ds.title_es == meta["title_es"] != meta["title"]
    assert ds.title_in("es") == meta["title_es"] and ds.title_in("en") == meta["title"]
    licence = meta["licenses"][0]
    assert ds.licence_titles("es") == [licence["title_es"]] != [licence["title"]]
    assert ds.licence_titles("en") == [licence["title"]]


def test_a_missing_title_falls_back_to_the_other_language(ds):
    english_only = dataclasses.replace(ds, title_es="")
    assert english_only.title_in("es") == ds.title
    spanish_only = dataclasses.replace(ds, title="")
    assert spanish_only.title_in("en") == ds.title_es
    untitled = dataclasses.replace(ds, title=UNTITLED, title_es="")
    assert untitled.title_in("es") == t("data.untitled", "es")
    assert licence_title({"name": "CC0", "title_es": "Dominio público"}, "en") == "Dominio público"


def test_the_spanish_title_is_read_from_any_package_folder(tmp_path):
    folder = tmp_path / "pkg"
    shutil.copytree(MINIMAL, folder)
    (folder / "datapackage.json").write_text(json.dumps(
        {"title": "Mine", "title_es": "La mía", "licenses": [{"name": "X", "title": "Ex"}]}))
    ds = load(folder).dataset
    assert ds is not None and (ds.title_in("es"), ds.title_in("en")) == ("La mía", "Mine")
    assert ds.licence_titles("es") == ["Ex"]  # a licence with no Spanish title: its own
    plain = load(MINIMAL).dataset
    assert plain is not None and plain.key != ds.key


@pytest.mark.parametrize("table", ["actors", "ties"])
def test_every_bundled_note_is_also_in_spanish_with_the_same_facts(ds, table):
    """A faithful translation: the same sources cited and the same numbers (years, dates,
    counts), nothing added or left out that a number or a source id would show."""
    frame = getattr(ds, table)
    assert (frame["note"] != "").all()
    for row_id, row in frame.iterrows():
        english, spanish = row["note"], row["note_es"]
        assert spanish and spanish != english, row_id
        for pattern in (r"\b(?:S0|E\d+)\b", r"\d+"):
            assert sorted(set(re.findall(pattern, spanish))) == sorted(
                set(re.findall(pattern, english))), (row_id, pattern)


def _inferred_without_note(note: str, note_es: str) -> list[int | None]:
    raw = read_tables(MINIMAL, Report())
    actors = raw["actors"].copy()
    first = actors.index[0]
    actors.loc[first, "certainty"] = "inferred"
    actors["note"] = ""
    actors.loc[first, "note"] = note
    actors["note_es"] = ""
    actors.loc[first, "note_es"] = note_es
    report = Report()
    validate({**raw, "actors": actors}, report)
    return [p.row for p in report.warnings
            if p.key == "v.inferred_without_note" and p.table == "actors.csv"]


def test_an_inferred_row_may_give_its_reason_in_spanish_only():
    assert _inferred_without_note("", "") == [2]
    assert _inferred_without_note("", "Nuestra lectura de E1.") == []
    assert _inferred_without_note("Our reading of E1.", "") == []


def _dropped_article(name: str) -> str:
    """``name`` without its Spanish "de"/"del" ("Bioferia de Miraflores" → "Bioferia
    Miraflores")."""
    return re.sub(r"\s+(?:de|del)\s+", " ", name)


def test_an_actor_goes_by_one_form_of_its_name(ds):
    """Journeys-3 J2.6: "Bioferia Miraflores" (the English name) beside "Bioferia de
    Miraflores" (the Spanish one) read as two fairs. No text of the bundled data calls an
    actor by its Spanish name short of its "de"."""
    texts = " ".join(
        " ".join(frame[column].astype(str))
        for frame, columns in ((ds.actors, ("name", "description", "note")),
                               (ds.ties, ("note",)), (ds.sources, ("title", "note")))
        for column in columns)
    texts += (Path(__file__).parents[2] / "data" / "scenes.json").read_text(encoding="utf-8")
    for actor_id, name in ds.actors["name_es"].items():
        short = _dropped_article(name)
        if short != name:
            assert short not in texts, (actor_id, short)
