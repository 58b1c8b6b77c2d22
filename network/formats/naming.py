"""What exported files are called: ``redes-2008-network.gexf``, ``redes-1995-2008-tables.xlsx``.

A name starts with the view's years (:func:`file_stem`) and says what the file holds in the
user's language (:func:`filename`); :func:`slug` and :func:`unique_names` make any title fit
for a file or sheet name. The view's years come from :func:`year_span`, and every export
keys its work on the filter part of a view state (:func:`filters_of`).
"""

from __future__ import annotations

import re
import unicodedata

from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import Filters, ViewState
from network.view.visible import year_window


def filters_of(state: Filters) -> Filters:
    """The filter part of a view state (so caches are keyed by filters only)."""
    return state.filters if isinstance(state, ViewState) else state


def year_span(ds: Dataset, filters: Filters) -> tuple[int, int]:
    """The first and last year of the view (the same year twice without a range)."""
    return year_window(filters_of(filters), ds)


def years_text(ds: Dataset, filters: Filters) -> str:
    """The view's years as they appear in names: ``2008`` or ``1995-2008`` ("" for data
    with no years)."""
    if ds.timeless:
        return ""
    start, year = year_span(ds, filters)
    return str(year) if start == year else f"{start}-{year}"


def file_stem(ds: Dataset, filters: Filters, lang: str = "en") -> str:
    """The start of every exported file name: ``redes-2008`` or ``redes-1995-2008``.

    >>> from network.loading import load
    >>> file_stem(load().dataset, Filters(year=2008, start=1995))
    'redes-1995-2008'
    """
    years = years_text(ds, filters)
    return f"{t('export.file.prefix', lang)}-{years}" if years else t("export.file.prefix", lang)


def filename(ds: Dataset, filters: Filters, what: str, ext: str, lang: str = "en") -> str:
    """A download name, e.g. ``filename(ds, state, "network", "gexf", "es")`` is
    ``redes-2008-red.gexf``. ``what`` is one of network, tables, data, evidence."""
    return f"{file_stem(ds, filters, lang)}-{t('export.file.' + what, lang)}.{ext}"


def slug(text: str, fallback: str = "table") -> str:
    """A file-name-safe ASCII form of ``text``.

    >>> slug("Key actors: Grado (2008)"), slug("Ñandú/ONG"), slug("")
    ('key_actors_grado_2008', 'nandu_ong', 'table')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return cleaned[:60].rstrip("_") or fallback


def unique_names(names: list[str], limit: int | None = None) -> list[str]:
    """Names made unique (case-insensitively) by a numbered suffix, within ``limit`` chars.

    >>> unique_names(["a", "A", "b"]), unique_names(["abcdef", "abcdef"], limit=6)
    (['a', 'A_2', 'b'], ['abcdef', 'ab (2)'])
    """
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate.lower() in seen:
            n += 1
            suffix = f" ({n})" if limit else f"_{n}"
            candidate = (name[: limit - len(suffix)] if limit else name) + suffix
        seen.add(candidate.lower())
        out.append(candidate)
    return out
