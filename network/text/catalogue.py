"""The translation catalogue: every text the interface shows and every message the domain
writes, in every language Redes speaks.

The texts live in gettext catalogues, one per language, ``network/text/locales/<code>.po``
(``msgid`` is the dotted key the code asks for, ``msgstr`` the text, with ``str.format``
placeholders), read with Babel when this module is imported. English (``en.po``) holds every
key; another language may leave a text out, and then English is shown. A translator adds a
language by adding its ``.po`` file: nothing in the code changes (docs/translating.md).
``tests/text/test_catalogue.py`` holds that every key has every language, that every key the
code asks for exists and that no key is left unused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"


def _read(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    # a fuzzy entry is a translator's unchecked guess: gettext does not show it, nor do we
    return {str(m.id): str(m.string) for m in catalogue if m.id and m.string and not m.fuzzy}


#: {language code: {key: text}}, English first.
TEXTS: dict[str, dict[str, str]] = {
    path.stem: _read(path)
    for path in sorted(LOCALES.glob("*.po"), key=lambda p: (p.stem != DEFAULT_LANGUAGE, p.stem))
}
#: The languages of the catalogue, English first (the interface offers each of them).
LANGUAGES: tuple[str, ...] = tuple(TEXTS)
_ENGLISH = TEXTS[DEFAULT_LANGUAGE]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``.

    A language the catalogue lacks, or a text a language leaves out, falls back to English;
    an unknown key raises ``KeyError`` so that a typo fails a test instead of showing a raw
    key to a user.

    >>> t("level.latin_american", "es"), t("level.latin_american", "xx")
    ('Latinoamericano', 'Latin American')
    """
    text = TEXTS.get(lang, _ENGLISH).get(key) or _ENGLISH[key]
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _ENGLISH


def keys() -> Iterable[str]:
    return _ENGLISH.keys()


class Words(Mapping[str, str]):
    """One key of the catalogue as ``{language: text}``, for code that holds texts by
    language (a metric's label, say) and picks one itself.

    >>> Words("metric.degree")["es"], list(Words("metric.degree")) == list(LANGUAGES)
    ('Grado', True)
    """

    def __init__(self, key: str) -> None:
        _ENGLISH[key]  # fail now for an unknown key
        self.key = key

    def __getitem__(self, lang: str) -> str:
        if lang not in TEXTS:
            raise KeyError(lang)
        return t(self.key, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Words({self.key!r})"


def pick_language(accept_language: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """Choose a language of the catalogue from an HTTP ``Accept-Language`` header.

    >>> pick_language("es-PE,es;q=0.9,en;q=0.8")
    'es'
    """
    if not accept_language:
        return default
    best, best_q = default, -1.0
    for part in accept_language.split(","):
        bits = part.strip().split(";")
        tag = bits[0].strip().lower().split("-")[0]
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if tag in LANGUAGES and q > best_q:
            best, best_q = tag, q
    return best
