"""The bundled data's own texts in Spanish: the package's title and licence, and the notes
of every actor and tie, so that a Spanish page and its exports carry no English."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from network.loading import load
from network.model.dataset import UNTITLED, licence_title
from network.model.schema import SCHEMA_FILE
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
