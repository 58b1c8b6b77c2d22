"""Text helpers: accent-insensitive matching for search."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so "ecologica" matches "Ecológica".

    >>> fold("Ecológica Perú")
    'ecologica peru'
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
