"""The one catalogue (network/text/locales/*.po) is complete and holds no dead text: every key
has every language, every key the code asks for exists, no key is left unused.

Which keys the code uses is read from the source: a string literal anywhere in the code
that is a key uses it; an f-string key (``t(f"level.{value}", ...)``) uses every key that
starts with its literal head. A test that only counted keys would pass with a typo.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from network.text import catalogue
from network.text.catalogue import LANGUAGES, TEXTS

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted(p for d in ("network", "serving", "components", "callbacks") for p in
              (ROOT / d).rglob("*.py")) + [ROOT / "app.py"]
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
HEAD = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.$")
PLACEHOLDER = re.compile(r"{(\w+)}")
#: Heads of keys made at run time from data rather than from an f-string in the code.
BUILT_FROM_DATA = {
    "template.col.": "network/formats/template.py: one note per column of the schema",
    "template.table.": "network/formats/template.py: one line per table of the schema",
}


def _literals_and_heads() -> tuple[set[str], set[str], list[tuple[str, str]]]:
    literals: set[str] = set()
    heads: set[str] = set()
    asked: list[tuple[str, str]] = []  # (where, key) of t("literal") calls
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if KEY.match(node.value):
                    literals.add(node.value)
                elif HEAD.match(node.value):  # "export.note.filter." + name
                    heads.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    if re.match(r"^[a-z][a-z0-9_]*\.", first.value):
                        heads.add(first.value)
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                arg = node.args[0]
                if name in ("t", "live_text", "Words") and isinstance(arg, ast.Constant):
                    asked.append((f"{path.relative_to(ROOT)}:{node.lineno}", arg.value))
    return literals, heads, asked


LITERALS, HEADS, ASKED = _literals_and_heads()


def test_the_catalogue_is_read_from_the_po_files():
    assert LANGUAGES[0] == "en" and "es" in LANGUAGES
    assert len(TEXTS["en"]) > 600
    assert catalogue.t("level.latin_american", "es") == "Latinoamericano"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_key_has_every_language_with_the_same_placeholders(lang):
    missing = sorted(set(TEXTS["en"]) - set(TEXTS[lang]))
    assert missing == []
    assert sorted(set(TEXTS[lang]) - set(TEXTS["en"])) == []  # nothing only one language has
    for key, english in TEXTS["en"].items():
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(TEXTS[lang][key])), key


def test_every_language_names_itself_for_the_language_switch():
    names = [catalogue.t("language.name", lang) for lang in LANGUAGES]
    assert names[:2] == ["English", "Español"] and len(set(names)) == len(LANGUAGES)


def test_every_key_the_code_asks_for_exists():
    assert len(ASKED) > 250  # the scan reads the code
    unknown = [f"{where}: {key}" for where, key in ASKED if not catalogue.has(key)]
    assert unknown == []


def test_every_f_string_key_has_keys_to_find():
    empty = sorted(head for head in HEADS
                   if not any(k.startswith(head) for k in TEXTS["en"])
                   and head.count(".") >= 1 and not head.endswith(("/", ".csv", ".json")))
    # heads that are not catalogue keys at all (file names, CSS classes) are ignored above
    assert [h for h in empty if h.split(".")[0] in {k.split(".")[0] for k in TEXTS["en"]}] == []


def test_no_key_is_left_unused():
    heads = HEADS | set(BUILT_FROM_DATA)

    def used(key: str) -> bool:
        return key in LITERALS or any(key.startswith(h) for h in heads)

    # "key.own" and "key.timeless" are how a data set of one's own, or one with no years,
    # says "key" (Dataset.words): used with their key
    def variant(key: str) -> bool:
        base, _, suffix = key.rpartition(".")
        return suffix in ("own", "timeless") and used(base)

    unused = sorted(k for k in TEXTS["en"] if not used(k) and not variant(k))
    assert unused == []


def test_the_sourced_label_claims_no_more_than_a_cited_source():
    # an imported file's rows cite the file itself (E0): "from a public source" was untrue
    # there (journeys-4, the researcher's first finding)
    for lang in ("en", "es"):
        words = catalogue.t("certainty.sourced", lang).casefold()
        assert "public" not in words and "pública" not in words
        assert "cited" in words or "citada" in words
