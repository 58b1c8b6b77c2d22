import re

import pytest

from network.analysis.metrics import METRICS
from network.model.schema import tables
from network.text import catalogue as i18n


def test_every_string_has_both_languages():
    for key in i18n.keys():
        en, es = i18n.TEXTS["en"][key], i18n.TEXTS["es"].get(key, "")
        assert en.strip() and es.strip(), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key


@pytest.mark.parametrize("table, column, prefix", [
    ("actors", "level", "level"), ("actors", "sector", "sector"), ("actors", "kind", "kind"),
    ("actors", "ngo_type", "ngo_type"), ("ties", "relation", "relation"),
    ("actors", "certainty", "certainty"), ("discourses", "mother", "disc.mother"),
    ("networks", "domain", "domain"),
])
def test_every_allowed_value_has_a_label(table, column, prefix):
    for value in tables()[table].field(column).enum:
        assert i18n.has(f"{prefix}.{value}"), f"{prefix}.{value}"


def test_metric_texts_in_both_languages():
    for metric in METRICS.values():
        assert metric.label["es"] and metric.explanation["es"] != metric.explanation["en"]


@pytest.mark.parametrize("header, expected", [
    ("es-PE,es;q=0.9,en;q=0.8", "es"),
    ("en-GB,en;q=0.9", "en"),
    ("fr-FR,es;q=0.5", "es"),
    ("de-DE", "en"),
    ("", "en"),
    (None, "en"),
    ("es;q=abc", "es"),
])
def test_language_from_browser(header, expected):
    assert i18n.pick_language(header) == expected


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        i18n.t("no.such.key")
