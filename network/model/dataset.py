"""A loaded, validated data package and what is derived from it once (positions, years)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from network.layout.positions import Positions, stable_positions
from network.model.loader import read_tables
from network.model.problems import Report
from network.model.schema import BUNDLED_DATA
from network.model.validation import validate
from network.text.catalogue import register, t
from network.text.folding import fold
from network.view.state import FIELDWORK

#: The title of an upload that names none (shown in the reader's language: Dataset.title_in).
UNTITLED = "Uploaded data"

register({"data.untitled": ("Untitled data set", "Datos sin título")})


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
    licences: tuple[dict, ...]
    key: str
    positions: dict[str, Positions] = field(repr=False)
    first_year: int = 0
    last_year: int = 0
    #: (actor id, folded text of all its names, folded names that count as exact matches)
    search_index: tuple[tuple[str, str, frozenset[str]], ...] = field(default=(), repr=False)
    #: Where results derived from this data set (metrics per view) are shared with the
    #: other workers: a :class:`serving.store.Store`, or None to keep them per worker.
    shared: object | None = field(default=None, repr=False)

    # Equal keys mean equal content: a data set rebuilt by a worker (after its memory let it
    # go) is the same key for every cache, and caches never keep one copy per rebuild.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dataset) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def title_in(self, lang: str = "en") -> str:
        """The title, or "an untitled data set" in ``lang`` for an upload that names none.

        >>> load().dataset.title_in("es").startswith("NGO and SME")
        True
        """
        return t("data.untitled", lang) if self.title == UNTITLED else self.title

    def label(self, table: str, item: str, lang: str = "en", field: str = "name") -> str:
        """An actor's, network's or discourse's ``field`` (name, storyline) in ``lang``: the
        Spanish column (``<field>_es``) when asked and filled in, else the English one.

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


@dataclass(frozen=True)
class LoadResult:
    dataset: Dataset | None
    report: Report


def content_key(tables: dict[str, pd.DataFrame], title: str = "",
                licences: tuple[dict, ...] | list = ()) -> str:
    """SHA-256 (hex) of validated tables and of the title and licences that go with them.

    Uploads are kept under it; its first 16 characters are :attr:`Dataset.key`. The title and
    licences count: two uploads of the same tables under another title are two data sets.
    """
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode())
        digest.update(tables[name].to_csv(index=False).encode())
    digest.update(json.dumps([title, list(licences)], sort_keys=True, ensure_ascii=False,
                             default=str).encode())
    return digest.hexdigest()


def _metadata(folder: Path) -> tuple[str, tuple[dict, ...]]:
    path = folder / "datapackage.json"
    if folder.is_dir() and path.is_file():
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            return str(meta.get("title") or folder.name), tuple(meta.get("licenses") or ())
        except (OSError, ValueError):
            pass
    return folder.stem, ()


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


def _first_tie_year(actors: pd.DataFrame, ties: pd.DataFrame) -> float:
    """The first year a tie can be on screen: the time line starts there, not at the
    founding of the oldest body (a ministry founded in 1856 would stretch the slider over a
    century of one lone dot). A tie starts at the latest of its own year and its actors'
    founding years that are known; without any tie, or when every tie starts after the last
    founding (placeholder ties), the first founding year.

    >>> a = pd.DataFrame({"founded": [1856, 1972, None]}, index=["pcm", "ifoam", "galci"])
    >>> t = pd.DataFrame({"source": ["ifoam", "pcm"], "target": ["galci", "ifoam"],
    ...                   "from_year": [None, 1990]})
    >>> _first_tie_year(a, t)
    1972.0
    """
    if ties.empty:
        return actors["founded"].min()
    starts = pd.concat([ties["from_year"].astype("Float64"),
                        ties["source"].map(actors["founded"]).astype("Float64"),
                        ties["target"].map(actors["founded"]).astype("Float64")], axis=1)
    first = starts.max(axis=1, skipna=True).min(skipna=True)
    if pd.isna(first) or first > actors["founded"].max():
        return actors["founded"].min()
    return float(first)


def build(tables: dict[str, pd.DataFrame], title: str, licences: tuple[dict, ...],
          positions: object = None) -> Dataset:
    """Make a :class:`Dataset` from valid typed tables (see :func:`load`).

    ``positions`` may be the layout computed before for the same tables (from a shared
    cache); it is used when it fits every actor, and computed afresh otherwise.
    """
    actors = tables["actors"].set_index("id", drop=False)
    ties = tables["ties"].copy()
    ties["weight"] = ties["weight"].fillna(1.0)
    ties = ties.set_index("id", drop=False)
    positions = usable_positions(positions, actors.index)
    if positions is None:
        full = nx.Graph()
        full.add_nodes_from(actors.index)
        full.add_edges_from(zip(ties["source"], ties["target"], strict=True))
        positions = stable_positions(full, dict(zip(actors.index, actors["level"], strict=True)))
    years = [_first_tie_year(actors, ties), actors["founded"].max(), ties["from_year"].max(),
             actors["active_until"].max(), ties["to_year"].max()]
    known = [int(y) for y in years if pd.notna(y)]
    if actors["founded"].isna().any() or ties["from_year"].isna().any() or not known:
        # Undated actors or ties are shown from the fieldwork's first year by default, so
        # the years must reach it (a data set with no year at all has only that year).
        known.append(FIELDWORK[0])
    names = ("name", "name_es", "acronym", "id")
    search = tuple(
        (actor_id, fold(" ".join(str(a[c]) for c in names)),
         frozenset(fold(str(a[c])) for c in names if a[c]))
        for actor_id, a in actors.iterrows()
    )
    return Dataset(
        actors=actors,
        ties=ties,
        networks=tables["networks"].set_index("id", drop=False),
        discourses=tables["discourses"].set_index("id", drop=False),
        actor_discourses=tables["actor_discourses"].reset_index(drop=True),
        sources=tables["sources"].set_index("id", drop=False),
        title=title,
        licences=licences,
        key=content_key(tables, title, licences)[:16],
        positions=positions,
        first_year=min(known),
        last_year=max(known),
        search_index=search,
    )


def load(path: str | Path | None = None) -> LoadResult:
    """Load and validate a data package; the bundled one when ``path`` is None.

    ``path`` may be a folder of CSV files (with or without ``datapackage.json``), a
    ``datapackage.json`` file or an ``.xlsx`` workbook with one sheet per table. The result
    holds every problem found; ``dataset`` is None when there is any error.

    >>> result = load()
    >>> result.report.ok, result.dataset is not None
    (True, True)
    """
    path = Path(path) if path is not None else BUNDLED_DATA
    report = Report()
    raw = read_tables(path, report)
    typed = validate(raw, report)
    if not report.ok:
        return LoadResult(None, report)
    folder = path.parent if path.is_file() and path.suffix == ".json" else path
    title, licences = _metadata(folder)
    return LoadResult(build(typed, title, licences), report)
