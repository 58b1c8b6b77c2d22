"""File names from the view's years and the user's language; the export strings."""

import re

import pytest

from network.formats import naming
from network.text import catalogue as i18n
from network.view.state import Filters, ViewState


def test_file_names(ds):
    assert naming.file_stem(ds, ViewState()) == f"redes-{ds.last_year}"
    name = naming.filename(ds, Filters(year=2008), "network", "gexf", "es")
    assert name == "redes-2008-red.gexf"
    assert naming.filename(ds, Filters(year=2008, start=1990), "evidence", "zip") == \
        "redes-1990-2008-evidence.zip"


def test_slugs_and_unique_names():
    assert naming.slug("Año 2008: ¿quién?") == "ano_2008_quien"
    assert naming.slug("x" * 80) == "x" * 60 and naming.slug("¿?", "datos") == "datos"
    assert naming.unique_names(["t", "T", "t"]) == ["t", "T_2", "t_3"]


def test_year_span_of_a_state_and_of_its_filters(ds):
    state = ViewState(year=2005, start=1995, metric="constraint")
    assert naming.year_span(ds, state) == naming.year_span(ds, state.filters) == (1995, 2005)
    assert naming.filters_of(state) == state.filters


@pytest.mark.parametrize("prefix", ["export.file.", "export.caption.", "export.view.",
                                    "export.note.", "export.readme."])
def test_export_strings_in_both_languages(prefix):
    keys = [k for k in i18n.keys() if k.startswith(prefix)]
    assert keys
    for key in keys:
        en, es = i18n.TEXTS["en"][key], i18n.TEXTS["es"].get(key, "")
        assert en.strip() and es.strip(), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key


def test_file_words_are_plain_ascii():
    for key in ("network", "tables", "data", "methods", "readme", "evidence"):
        for lang in ("en", "es"):
            assert re.fullmatch(r"[A-Za-z]+", i18n.t(f"export.file.{key}", lang))
