"""A loaded, validated data package, indexed for the views, and its content fingerprint.

Made by :func:`network.loading.build` (which adds the positions from :mod:`network.layout`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from network.model.derived import DerivedCache
from network.text.catalogue import has, t

#: The title of an upload that names none (shown in the reader's language: Dataset.title_in).
UNTITLED = "Uploaded data"

#: A licence of the data package, as datapackage.json gives it ({"name": ..., "path": ...,
#: "title": ..., and optionally "title_es", the title in Spanish}).
Licence = dict[str, Any]

#: How a data set's texts speak of its main source (S0): the bundled data's is the thesis
#: ("stated in the thesis"); any other data set's is its own ("stated by the main source").
THESIS, OWN = "thesis", "own"

#: Where each actor is drawn, per arrangement: {actor id: (x, y)} (see network.layout).
Positions = dict[str, tuple[float, float]]


@dataclass(frozen=True, eq=False)
class Dataset:
    """Read-only tables of one data package, indexed by id, plus derived lookups.

    Never mutate the frames: one dataset is shared by every user of a worker. Copy before
    decorating. ``key`` is a fingerprint of the content, for caches shared across workers.
    """

    actors: pd.DataFrame
    ties: pd.DataFrame
    networks: pd.DataFrame
    discourses: pd.DataFrame
    actor_discourses: pd.DataFrame
    sources: pd.DataFrame
    title: str
    licences: tuple[Licence, ...]
    key: str
    positions: dict[str, Positions] = field(repr=False)
    first_year: int = 0
    last_year: int = 0
    #: (actor id, folded text of all its names, folded names that count as exact matches)
    search_index: tuple[tuple[str, str, frozenset[str]], ...] = field(default=(), repr=False)
    #: The title in Spanish (``title_es`` of datapackage.json; empty when it gives none).
    title_es: str = ""
    #: Where results derived from this data set (metrics per view) are shared with the
    #: other workers (an uploaded data set's store), or None to keep them per worker.
    derived_cache: DerivedCache | None = field(default=None, repr=False)
    #: :data:`THESIS` for the bundled data, :data:`OWN` for any other (see :meth:`words`).
    voice: str = OWN
    #: The first year an actor or tie with no year of its own is shown by default: the
    #: thesis's fieldwork (2006) for the bundled data, the data's own first year for others.
    undated_from: int = 0

    # Equal keys mean equal content: a data set rebuilt by a worker (after its memory let it
    # go) is the same key for every cache, and caches never keep one copy per rebuild.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dataset) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @cached_property
    def dated(self) -> bool:
        """Whether any actor or tie has a year of its own (an imported graph may give none:
        its years are then only the view's default, not facts)."""
        return bool(self.actors["founded"].notna().any() or self.ties["from_year"].notna().any())

    @property
    def timeless(self) -> bool:
        """A data set with no year at all (an imported graph may give none): it is shown as
        one picture, with no time line and nothing "new"."""
        return not self.dated

    def words(self, key: str) -> str:
        """The catalogue key that says ``key`` for this data set, where the catalogue words
        it differently: ``key.timeless`` for a data set with no year ("3 actors in view",
        not "2006: 3 actors"), ``key.own`` for any data but the bundled ("stated by the main
        source", not "stated in the thesis"); else ``key``.

        >>> from dataclasses import replace
        >>> from network.loading import load
        >>> ds = load().dataset
        >>> ds.words("certainty.stated"), replace(ds, voice=OWN).words("certainty.stated")
        ('certainty.stated', 'certainty.stated.own')
        >>> replace(ds, voice=OWN).words("certainty.sourced")
        'certainty.sourced'
        """
        if self.timeless and has(f"{key}.timeless"):
            return f"{key}.timeless"
        own = f"{key}.{OWN}"
        return own if self.voice != THESIS and has(own) else key

    def say(self, key: str, lang: str = "en", **params: object) -> str:
        """The text of ``key`` in ``lang``, in this data set's voice (:meth:`words`)."""
        return t(self.words(key), lang, **params)

    def title_in(self, lang: str = "en") -> str:
        """The title in ``lang`` (the Spanish title on a Spanish page when the package gives
        one, else the other), or "an untitled data set" in ``lang`` for an upload that names
        none.

        >>> from network.loading import load
        >>> ds = load().dataset
        >>> ds.title_in("es").startswith("Redes de ONG"), ds.title_in("en").startswith("NGO")
        (True, True)
        """
        if self.title == UNTITLED and not self.title_es:
            return t("data.untitled", lang)
        if lang == "es" and self.title_es:
            return self.title_es
        return self.title or self.title_es

    def licence_titles(self, lang: str = "en") -> list[str]:
        """Each licence's title in ``lang`` (see :func:`licence_title`)."""
        return [licence_title(licence, lang) for licence in self.licences]

    def label(self, table: str, item: str, lang: str = "en", field: str = "name") -> str:
        """An actor's, network's or discourse's ``field`` (name, storyline) in ``lang``: the
        Spanish column (``<field>_es``) when asked and filled in, else the English one.

        >>> from network.loading import load
        >>> ds = load().dataset
        >>> ds.label("networks", "organic_market", "es"), ds.label("actors", "rae", "en")
        ('Red de mercado orgánico', 'Ecological Agriculture Network of Peru (RAE Peru)')
        """
        row = getattr(self, table).loc[item]
        if lang == "es" and row[f"{field}_es"]:
            return str(row[f"{field}_es"])
        return str(row[field])

    def actor_name(self, actor_id: str, lang: str = "en") -> str:
        return self.label("actors", actor_id, lang)

    def short_name(self, actor_id: str, lang: str = "en") -> str:
        row = self.actors.loc[actor_id]
        return str(row["acronym"]) or self.actor_name(actor_id, lang)


def licence_title(licence: Licence, lang: str = "en") -> str:
    """A licence's title in ``lang``: its ``title_es`` on a Spanish page when it has one,
    else its ``title``, else the other title, else its ``name``.

    >>> cc = {"name": "CC-BY-4.0", "title": "Attribution", "title_es": "Atribución"}
    >>> licence_title(cc, "es"), licence_title(cc, "en"), licence_title({"name": "X"}, "es")
    ('Atribución', 'Attribution', 'X')
    """
    titles = ("title_es", "title") if lang == "es" else ("title", "title_es")
    for key in (*titles, "name"):
        if licence.get(key):
            return str(licence[key])
    return ""


def content_key(tables: dict[str, pd.DataFrame], title: str = "",
                licences: tuple[Licence, ...] | list[Licence] = (), title_es: str = "",
                voice: str = OWN) -> str:
    """SHA-256 (hex) of validated tables and of the title(s) and licences that go with them.

    Uploads are kept under it; its first 16 characters are :attr:`Dataset.key`. The titles
    and licences count: two uploads of the same tables under another title are two data sets.
    So does the voice: the bundled data uploaded again is shown in the upload's own voice
    and with its own years (:attr:`Dataset.undated_from`), so it must not share caches.
    """
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode())
        digest.update(tables[name].to_csv(index=False).encode())
    named = ([title, list(licences)] + ([title_es] if title_es else [])
             + ([voice] if voice != OWN else []))
    digest.update(json.dumps(named, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def usable_positions(cached: object, actor_ids: pd.Index) -> dict[str, Positions] | None:
    """Positions read back from a cache (JSON: lists for tuples), or None when they do not
    fit these actors exactly (then they are computed again).

    >>> usable_positions({"force": {"a": [0, 1]}, "levels": {"a": [2, 3]}}, pd.Index(["a"]))
    {'force': {'a': (0.0, 1.0)}, 'levels': {'a': (2.0, 3.0)}}
    >>> usable_positions({"force": {}}, pd.Index(["a"])) is None
    True
    """
    if not isinstance(cached, dict) or set(cached) != {"force", "levels"}:
        return None
    out: dict[str, Positions] = {}
    wanted = set(actor_ids)
    try:
        for name, points in cached.items():
            if not isinstance(points, dict) or set(points) != wanted:
                return None
            out[name] = {a: (float(p[0]), float(p[1])) for a, p in points.items()}
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return out


