"""Discourses and roles: the thesis's second and third questions, made explorable.

Everything here is a pure function of (dataset, filters), cached per worker by that pair
like :func:`network.view.visible.visible`, and reads off the same view the graph shows.

Affiliation
-----------
The ``actor_discourses`` table says which actor endorses which discourse, from which
year. :func:`affiliation` keeps the endorsements that hold in the view:

* the actor is in view (:func:`~network.view.visible.visible`: years, levels, sectors, NGO types,
  certainty, domains, networks);
* the endorsement holds by the chosen year: ``from_year`` at most the year (the end of a
  year range), or empty;
* its own ``certainty`` passes the certainty filter, as a tie's does;
* when domains are chosen, the discourse belongs to one of them, as a tie's network must
  (an actor working in two domains keeps only the discourses of the chosen ones).

Coalitions and collaboration
----------------------------
A discourse coalition is the set of actors endorsing a discourse (:func:`coalition_of`).
Projecting the actor–discourse affiliation onto actors gives :func:`coalitions`: every
pair of actors (``a < b`` by id) that endorse at least one discourse in common, with how
many (``shared``) and which. :func:`compare` lays those pairs beside the pairs tied in
the view (direction, relation and network ignored) and splits them three ways: in a
coalition and tied, in a coalition only, tied only. The overlap share is the Jaccard
index of the two sets of pairs, ``|both| / |coalition pairs ∪ tied pairs|``. Many ties
join an actor whose discourse is not recorded at all (funders, platforms, international
networks): those tied-only pairs are listed again in ``Comparison.unrecorded``, because
"not in a coalition" there means "unknown", not "across coalitions".

Drawing
-------
:func:`affiliation_positions` places a two-column (bipartite) picture once per dataset,
from every endorsement of every year, so nodes keep their places while the slider moves:

* discourses in one column on the right (x = :data:`DISCOURSE_X`), top to bottom grouped
  by mother discourse (:data:`MOTHERS` order), then by domain, then in the table's order;
  half a step of extra space between domains, one whole step between mother discourses.
  A discourse that diverges from its mother (the thesis: market access) sits
  :data:`DIVERGE_OFFSET` further right, out of line;
* actors on the left, and only actors that endorse some discourse in some year (the
  others have no edge in this picture, so they get no place: a picture of 5,000 synthetic
  actors needs only the few that endorse). They are ordered by their first domain, then
  by the mean height of the discourses they endorse (their barycentre, which keeps edges
  from crossing), then by the data's order. They go down the picture evenly in that
  order, taking turns across a few columns :data:`COLUMN_GAP` apart (a saw-tooth, so no
  actor sits level with another and edges do not run through nodes). As few columns as
  keep actors of one column MIN_DISTANCE apart within HEIGHT, up to :data:`MAX_COLUMNS`,
  keep the picture within 1,600 × 1,000: that holds :data:`BOX_CAPACITY` actors (84).
  More actors make a block about as tall as it is wide, and the picture grows instead of
  crowding;
* no two node centres are closer than :data:`~network.layout.positions.MIN_DISTANCE` (60 units).

Discourse nodes are named ``"d:" + discourse id`` (:func:`discourse_node_id`); actor ids
only hold ``a-z``, ``0-9`` and ``_``, so the two can never clash.

NGO types over time
-------------------
:func:`types_over_time` counts the NGOs in view (actors with an ``ngo_type``; the others
are left out) each year by type, per domain (an actor counts once in each of its domains)
or per level. It counts the same actors as :func:`network.analysis.ranking.composition_over_years`
(the tests hold it to that), grouped once more; restricting the filters to one domain or
level at a time would not do, because with a network filter that also drops the ties to
actors of other domains or levels. :func:`diversification` gives per year the number of distinct
NGO types and the Shannon diversity of the type mix, ``H = -Σ p·ln p`` over the types'
shares (0 with one type or none), the thesis's "diversification of NGOs". Both run over
every year of the data, so the chosen year and year range do not apply.

Roles
-----
The thesis's third question is about NGO roles: next to the usual "watchdog" roles, NGOs
take on "helper" roles for the market needs of SMEs. The data package does not record
roles: no column, no value and no discourse says which NGO acts as a watchdog or a
helper, and reading it off NGO types or notes would be our guess, not the thesis's
finding. :func:`roles` therefore returns None, and :data:`ROLES_MISSING` is the message
to show instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from network.analysis.ranking import composition_over_years
from network.layout.positions import MIN_DISTANCE
from network.model.dataset import Dataset
from network.model.schema import DOMAINS, LEVELS, enum_values
from network.text.catalogue import register, t
from network.view.state import Filters
from network.view.visible import FAR_FUTURE, _years, actor_years, visible

#: Columns of :func:`affiliation`.
AFFILIATION_COLUMNS = ("actor", "discourse", "from_year", "certainty", "evidence", "note")
#: Columns of :func:`coalitions`.
COALITION_COLUMNS = ("a", "b", "shared", "discourses")
#: Columns of :func:`discourse_table`.
DISCOURSE_COLUMNS = ("id", "name", "domain", "mother", "diverges", "storyline",
                     "supporters", "count")
#: Columns of :func:`types_over_time`.
TYPES_COLUMNS = ("year", "group", "ngo_type", "count")
#: Columns of :func:`diversification`.
DIVERSITY_COLUMNS = ("year", "ngos", "types", "shannon")
#: What :func:`types_over_time` can group NGOs by.
PER = ("domain", "level")

#: Mother discourses, top to bottom in the drawing.
MOTHERS = ("social_movement", "liberal_market")
#: Prefix of a discourse's node id in the affiliation drawing.
NODE_PREFIX = "d:"

# --- drawing geometry (layout units, as network.layout.positions) ---------------------
WIDTH = 1600.0
HEIGHT = 1000.0
#: x of the discourse column; a diverging discourse sits DIVERGE_OFFSET further right.
DISCOURSE_X = 1480.0
DIVERGE_OFFSET = 2 * MIN_DISTANCE
#: Horizontal distance between two columns of actors (room for edges to pass between).
COLUMN_GAP = 2 * MIN_DISTANCE
#: Columns of actors kept within WIDTH (the rest, at least FAN wide, is for the edges).
FAN = 1000.0
MAX_COLUMNS = int((DISCOURSE_X - FAN) // COLUMN_GAP) + 1
#: Actors that fit in WIDTH × HEIGHT: in each column, one every MIN_DISTANCE down HEIGHT.
BOX_CAPACITY = 1 + int(MAX_COLUMNS * HEIGHT // MIN_DISTANCE)
#: Extra vertical steps between discourse groups.
DOMAIN_SPACE = 0.5
MOTHER_SPACE = 1.0

ROLES_MISSING = "disc.roles.missing"

register({
    "disc.mother.liberal_market": ("Liberal market discourse", "Discurso del mercado liberal"),
    "disc.mother.social_movement": (
        "Social movement discourse",
        "Discurso del movimiento social",
    ),
    "disc.diverges": (
        "Diverges strongly from its mother discourse",
        "Se aparta mucho de su discurso madre",
    ),
    "disc.roles.missing": (
        "The data does not record NGO roles: the thesis says that next to their usual "
        "'watchdog' roles NGOs are taking on 'helper' roles for the market needs of SMEs, "
        "but not which NGO plays which role, so no roles are shown here.",
        "Los datos no registran los roles de las ONG: la tesis dice que, junto a sus roles "
        "habituales de 'vigilante', las ONG asumen roles de 'ayudante' para las "
        "necesidades de mercado de las pymes, pero no qué ONG cumple cada rol, así que "
        "aquí no se muestran roles.",
    ),
    "disc.col.discourse": ("Discourse", "Discurso"),
    "disc.col.domain": ("Domain", "Ámbito"),
    "disc.col.mother": ("Mother discourse", "Discurso madre"),
    "disc.col.storyline": ("Storyline", "Línea argumental"),
    "disc.col.supporters": ("Supporters in view", "Adherentes en la vista"),
    "disc.col.count": ("Number of supporters", "Número de adherentes"),
    "disc.col.shared": ("Shared discourses", "Discursos compartidos"),
    "disc.compare.both": ("Same coalition and tied", "Misma coalición y con vínculo"),
    "disc.compare.coalition_only": (
        "Same coalition, no tie",
        "Misma coalición, sin vínculo",
    ),
    "disc.compare.tie_only": ("Tied, no discourse in common", "Con vínculo, sin discurso común"),
    "disc.compare.unrecorded": (
        "Tied, one of them with no recorded discourse",
        "Con vínculo, uno de ellos sin discurso registrado",
    ),
    "disc.compare.jaccard": ("Overlap (Jaccard)", "Coincidencia (Jaccard)"),
    "disc.help.jaccard": (
        "Pairs in the same coalition and tied, out of all pairs that are in a coalition "
        "or tied: 1 when coalitions and ties coincide exactly, 0 when they never do.",
        "Pares en la misma coalición y con vínculo, entre todos los pares que están en una "
        "coalición o tienen vínculo: 1 si coaliciones y vínculos coinciden del todo, 0 si "
        "nunca coinciden.",
    ),
    "disc.per.domain": ("NGO types by domain", "Tipos de ONG por ámbito"),
    "disc.per.level": ("NGO types by level", "Tipos de ONG por nivel"),
    "disc.div.ngos": ("NGOs", "ONG"),
    "disc.div.types": ("NGO types", "Tipos de ONG"),
    "disc.div.shannon": ("Diversity of types (Shannon)", "Diversidad de tipos (Shannon)"),
    "disc.help.shannon": (
        "Shannon diversity of the NGO type mix, −Σ p·ln p over the shares of each type: 0 "
        "with a single type, higher with more types in more even shares.",
        "Diversidad de Shannon de la mezcla de tipos de ONG, −Σ p·ln p sobre la proporción "
        "de cada tipo: 0 con un solo tipo, mayor con más tipos en proporciones más parejas.",
    ),
})


# --- affiliation ----------------------------------------------------------------------------


def _order(index: pd.Index, values: pd.Series) -> pd.Series:
    """Position of each value in ``index`` (the data's order), for sorting."""
    return pd.Series(index.get_indexer(values.to_numpy()), index=values.index)


@lru_cache(maxsize=256)
def affiliation(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The endorsements in view, in the discourses' order, then the actors' order.

    Columns :data:`AFFILIATION_COLUMNS`: ``actor, discourse, from_year, certainty,
    evidence, note``. Cached: do not mutate the frame.

    >>> from network.model.dataset import load
    >>> table = affiliation(load().dataset, Filters(year=2008))
    >>> table[table["actor"] == "anpe"]["discourse"].tolist()
    ['market_democratization']
    """
    view = visible(ds, filters)
    _, year = _years(filters, ds)
    ad = ds.actor_discourses
    keep = ad["actor"].isin(view.actors.index)
    keep &= ad["from_year"].fillna(-FAR_FUTURE) <= year
    if filters.certainty is not None:
        keep &= ad["certainty"].isin(filters.certainty)
    if filters.domains is not None:
        keep &= ad["discourse"].map(ds.discourses["domain"]).isin(filters.domains)
    rows = ad[keep]
    order = pd.DataFrame({"d": _order(ds.discourses.index, rows["discourse"]),
                          "a": _order(ds.actors.index, rows["actor"])})
    rows = rows.loc[order.sort_values(["d", "a"], kind="stable").index]
    return rows.loc[:, list(AFFILIATION_COLUMNS)].reset_index(drop=True)


def coalition_of(ds: Dataset, filters: Filters, discourse: str) -> frozenset[str]:
    """Ids of the actors in view that endorse ``discourse`` (empty for an unknown one)."""
    table = affiliation(ds, filters)
    return frozenset(table.loc[table["discourse"] == discourse, "actor"])


# Pairs are handled as integer keys ``i * n + j`` (``i < j``), where ``i`` and ``j`` are
# positions in the data's actor ids sorted, so that sorting keys sorts pairs by id.


@lru_cache(maxsize=16)
def _sorted_ids(ds: Dataset) -> np.ndarray:
    return np.array(sorted(ds.actors.index), dtype=object)


def _keys(ds: Dataset, one: pd.Series | np.ndarray, other: pd.Series | np.ndarray) -> np.ndarray:
    """Sorted distinct keys of the pairs (one[k], other[k]), whichever comes first."""
    ids = _sorted_ids(ds)
    universe = pd.Index(ids)
    i, j = universe.get_indexer(np.asarray(one)), universe.get_indexer(np.asarray(other))
    low, high = np.minimum(i, j).astype(np.int64), np.maximum(i, j).astype(np.int64)
    return np.unique(low * len(ids) + high)


def _pairs(ds: Dataset, keys: np.ndarray) -> tuple[tuple[str, str], ...]:
    ids = _sorted_ids(ds)
    return tuple(zip(ids[keys // len(ids)].tolist(), ids[keys % len(ids)].tolist(),
                     strict=True))


@lru_cache(maxsize=256)
def _coalition_keys(ds: Dataset, filters: Filters) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(keys, shared, discourses) of the coalition pairs, by key."""
    aff = affiliation(ds, filters)
    order = list(ds.discourses.index)
    universe = pd.Index(_sorted_ids(ds))
    n = len(universe)
    keys, discs = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for discourse, members in aff.groupby("discourse", sort=False)["actor"]:
        idx = np.sort(universe.get_indexer(members.to_numpy())).astype(np.int64)
        first, second = np.triu_indices(len(idx), 1)
        keys.append(idx[first] * n + idx[second])
        discs.append(np.full(len(first), order.index(discourse), dtype=np.int64))
    key, disc = np.concatenate(keys), np.concatenate(discs)
    sort = np.lexsort((disc, key))  # by pair, then by the discourses' order
    key, disc = key[sort], disc[sort]
    pairs, starts, shared = np.unique(key, return_index=True, return_counts=True)
    names = np.array(order, dtype=object)
    if not len(pairs):
        runs, inverse = [], np.zeros(0, dtype=np.int64)
    elif len(order) <= 63:
        # the discourses of each pair as a bit mask, then each distinct mask as a tuple
        masks = np.bitwise_or.reduceat(np.left_shift(np.uint64(1), disc.astype(np.uint64)),
                                       starts)
        distinct, inverse = np.unique(masks, return_inverse=True)
        runs = [[d for d in range(len(order)) if (int(m) >> d) & 1] for m in distinct]
    else:  # rare: split the sorted discourse positions at each new pair
        runs = [run.tolist() for run in np.split(disc, starts[1:])]
        inverse = np.arange(len(runs))
    named = np.empty(len(runs), dtype=object)
    for i, run in enumerate(runs):  # one by one: numpy would unpack a list of tuples
        named[i] = tuple(names[run])
    return pairs, shared.astype(int), named[inverse]


@lru_cache(maxsize=256)
def coalitions(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Pairs of actors in view that endorse at least one discourse in common.

    Columns :data:`COALITION_COLUMNS`: ``a`` and ``b`` (ids, ``a < b``), ``shared`` (how
    many discourses both endorse) and ``discourses`` (their ids, as a tuple in the
    discourses' order). Most shared first, then by ``a`` and ``b``. The pairs grow with
    the square of a coalition's size (5,000 actors in seven coalitions: over 2 million
    pairs, about 2 s). Cached: do not mutate.
    """
    keys, shared, together = _coalition_keys(ds, filters)
    ids = _sorted_ids(ds)
    frame = pd.DataFrame({
        "a": pd.Series(ids[keys // len(ids)], dtype=str),
        "b": pd.Series(ids[keys % len(ids)], dtype=str),
        "shared": pd.Series(shared, dtype=int),
        "discourses": pd.Series(together, dtype=object),
    })
    frame = frame.iloc[np.argsort(-frame["shared"].to_numpy(), kind="stable")]
    return frame.reset_index(drop=True)


Pair = tuple[str, str]


@dataclass(frozen=True)
class Comparison:
    """Discourse coalitions beside collaboration ties, as pairs of actor ids (``a < b``).

    ``both``, ``coalition_only`` and ``tie_only`` do not overlap; the coalition pairs are
    ``both + coalition_only`` and the tied pairs ``both + tie_only``. ``unrecorded`` is
    the part of ``tie_only`` where at least one of the two endorses no discourse in view.
    Every tuple is sorted.
    """

    both: tuple[Pair, ...] = ()
    coalition_only: tuple[Pair, ...] = ()
    tie_only: tuple[Pair, ...] = ()
    unrecorded: tuple[Pair, ...] = ()

    @property
    def n_both(self) -> int:
        return len(self.both)

    @property
    def n_coalition_only(self) -> int:
        return len(self.coalition_only)

    @property
    def n_tie_only(self) -> int:
        return len(self.tie_only)

    @property
    def n_unrecorded(self) -> int:
        return len(self.unrecorded)

    @property
    def n_coalition(self) -> int:
        """Pairs in a common coalition."""
        return len(self.both) + len(self.coalition_only)

    @property
    def n_tied(self) -> int:
        """Pairs tied in the view."""
        return len(self.both) + len(self.tie_only)

    @property
    def jaccard(self) -> float:
        """``|both| / |coalition pairs ∪ tied pairs|``; 0.0 when there are no pairs at all."""
        union = self.n_both + self.n_coalition_only + self.n_tie_only
        return self.n_both / union if union else 0.0


@lru_cache(maxsize=256)
def _tie_keys(ds: Dataset, filters: Filters) -> np.ndarray:
    ties = visible(ds, filters).ties
    return _keys(ds, ties["source"], ties["target"])


def tied_pairs(ds: Dataset, filters: Filters) -> frozenset[Pair]:
    """Pairs of actors (``a < b``) with at least one tie in view, direction ignored."""
    return frozenset(_pairs(ds, _tie_keys(ds, filters)))


@lru_cache(maxsize=256)
def compare(ds: Dataset, filters: Filters) -> Comparison:
    """Where discourse coalitions and collaboration ties coincide in the view, and where not.

    >>> from network.model.dataset import load
    >>> c = compare(load().dataset, Filters(year=2008))
    >>> 0 <= c.jaccard <= 1 and c.n_tied == c.n_both + c.n_tie_only
    True
    """
    coalition, tied = _coalition_keys(ds, filters)[0], _tie_keys(ds, filters)
    tie_only = np.setdiff1d(tied, coalition, assume_unique=True)
    ids = _sorted_ids(ds)
    endorsing = np.isin(ids, affiliation(ds, filters)["actor"].to_numpy())
    unrecorded = tie_only[~(endorsing[tie_only // len(ids)] & endorsing[tie_only % len(ids)])]
    return Comparison(
        both=_pairs(ds, np.intersect1d(coalition, tied, assume_unique=True)),
        coalition_only=_pairs(ds, np.setdiff1d(coalition, tied, assume_unique=True)),
        tie_only=_pairs(ds, tie_only),
        unrecorded=_pairs(ds, unrecorded),
    )


@lru_cache(maxsize=256)
def discourse_table(ds: Dataset, filters: Filters, lang: str = "en") -> pd.DataFrame:
    """Every discourse of the data, in its order, with its supporters in view.

    Columns :data:`DISCOURSE_COLUMNS`: ``id``, ``name`` and ``storyline`` (in ``lang``,
    English when the Spanish cell is empty), ``domain`` and ``mother`` (codes: translate
    with ``domain.*`` and ``disc.mother.*``), ``diverges`` (bool), ``supporters`` (a tuple
    of actor ids in the actors' order) and ``count``. Cached: do not mutate.
    """
    aff = affiliation(ds, filters)
    by_discourse = aff.groupby("discourse", sort=False)["actor"].agg(tuple).to_dict()
    rows = []
    for discourse, row in ds.discourses.iterrows():
        supporters = tuple(by_discourse.get(discourse, ()))  # in the actors' order already
        rows.append({
            "id": str(discourse),
            "name": ds.label("discourses", discourse, lang),
            "domain": str(row["domain"]),
            "mother": str(row["mother"]),
            "diverges": bool(row["diverges"]),
            "storyline": ds.label("discourses", discourse, lang, "storyline"),
            "supporters": supporters,
            "count": len(supporters),
        })
    return pd.DataFrame(rows, columns=list(DISCOURSE_COLUMNS))


# --- drawing --------------------------------------------------------------------------------


def discourse_node_id(discourse: str) -> str:
    """The node id of a discourse in the affiliation drawing: ``"d:" + discourse``.

    >>> discourse_node_id("market_access")
    'd:market_access'
    """
    return NODE_PREFIX + discourse


def _rank(value: str, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


def _discourse_steps(ds: Dataset) -> list[tuple[str, float]]:
    """Discourses top to bottom, each with its height in steps (first 0)."""
    d = ds.discourses
    ranked = sorted(range(len(d)), key=lambda i: (_rank(str(d["mother"].iat[i]), MOTHERS),
                                                   _rank(str(d["domain"].iat[i]), DOMAINS), i))
    steps: list[tuple[str, float]] = []
    here, last = 0.0, None
    for i in ranked:
        mother, domain = str(d["mother"].iat[i]), str(d["domain"].iat[i])
        if last is not None:
            here += 1.0 + (MOTHER_SPACE if mother != last[0]
                           else DOMAIN_SPACE if domain != last[1] else 0.0)
        steps.append((str(d.index[i]), here))
        last = (mother, domain)
    return steps


def _columns(n: int) -> int:
    """Columns for ``n`` actors: as few as fit in HEIGHT (the k-th actor of a column is
    ``columns`` places after the one above it), up to MAX_COLUMNS; then a block about as
    tall as it is wide (MIN_DISTANCE down a column, COLUMN_GAP across)."""
    if n <= BOX_CAPACITY:
        return max(1, math.ceil((n - 1) * MIN_DISTANCE / HEIGHT))
    return math.ceil(math.sqrt(n * MIN_DISTANCE / COLUMN_GAP))


@lru_cache(maxsize=16)
def affiliation_positions(ds: Dataset) -> dict[str, tuple[float, float]]:
    """Places for a bipartite actor–discourse drawing, the same for every view of ``ds``.

    Keys are actor ids (only actors that endorse a discourse in some year) and
    :func:`discourse_node_id` of every discourse. See the module's docstring for the
    arrangement. Cached per dataset: do not mutate the dict.
    """
    steps = _discourse_steps(ds)
    span = steps[-1][1] if steps else 0.0

    ad = ds.actor_discourses
    step_of = dict(steps)
    endorsed = ad[ad["actor"].isin(ds.actors.index) & ad["discourse"].isin(step_of)]
    barycentre = endorsed["discourse"].map(step_of).groupby(endorsed["actor"]).mean()
    actors = [a for a in ds.actors.index if a in barycentre.index]
    place = {a: i for i, a in enumerate(ds.actors.index)}
    domain = {a: _rank(str(ds.actors.at[a, "domains"]).split(";")[0], DOMAINS) for a in actors}
    actors.sort(key=lambda a: (domain[a], float(barycentre[a]), place[a]))

    # The k-th actor goes down the picture evenly (height * k / (n - 1)) and across the
    # columns in turn (a saw-tooth): neighbours in the order are COLUMN_GAP apart
    # sideways, and no actor sits level with another, whose edges would run through it.
    n = len(actors)
    columns = _columns(n)
    height = max(HEIGHT, MIN_DISTANCE * (n - 1) / columns, MIN_DISTANCE * span)
    x_discourse = max(DISCOURSE_X, COLUMN_GAP * (columns - 1) + FAN)

    positions: dict[str, tuple[float, float]] = {}
    for k, actor in enumerate(actors):
        y = height * k / (n - 1) if n > 1 else height / 2
        positions[str(actor)] = (COLUMN_GAP * (k % columns), float(y))
    for discourse, step in steps:
        x = x_discourse + (DIVERGE_OFFSET if bool(ds.discourses.at[discourse, "diverges"])
                           else 0.0)
        y = height * step / span if span else height / 2
        positions[discourse_node_id(discourse)] = (float(x), float(y))
    return positions


# --- NGO types over time --------------------------------------------------------------------


def _ngo_types(filters: Filters) -> list[str]:
    """NGO types (schema order) that the NGO type filter lets through."""
    return [v for v in enum_values("actors", "ngo_type")
            if filters.ngo_types is None or v in filters.ngo_types]


def _codes(values: pd.Series, order: tuple[str, ...] | list[str]) -> np.ndarray:
    """Position of each value in ``order``; -1 when it is not there."""
    return pd.Index(order).get_indexer(values.to_numpy())


@lru_cache(maxsize=256)
def types_over_time(ds: Dataset, filters: Filters, per: str) -> pd.DataFrame:
    """NGOs in view each year by type, per domain or level (tidy).

    Columns :data:`TYPES_COLUMNS`: ``year, group, ngo_type, count``, one row for every
    year of the data, every domain (or level) the filters allow and every NGO type they
    allow, zeros included; sorted by year, then group and type in the schema's order.
    Non-NGOs are left out; an actor counts once in each of its domains (so per domain the
    counts may add up to more than the NGOs in view; per level they add up to
    :func:`~network.analysis.ranking.composition_over_years` without ``"none"``). The actors
    counted each year are those composition_over_years counts: the filters as they are,
    any year range dropped. ``per`` is ``"domain"`` or ``"level"``. Cached: do not mutate.
    """
    if per not in PER:
        raise ValueError(f"per must be one of {PER}, not {per!r}")
    field, groups = ("domains", DOMAINS) if per == "domain" else ("levels", LEVELS)
    chosen = getattr(filters, field)
    groups = tuple(g for g in groups if chosen is None or g in chosen)
    types = _ngo_types(filters)
    years = list(ds.years)
    # counts[year, group, type]; one more year so that the difference array can close
    counts = np.zeros((len(years) + 1, len(groups), len(types)), dtype=np.int64)

    def cells(actors: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        ngos = actors[actors["ngo_type"] != ""]
        if per == "domain":  # one row per NGO and domain it works in
            ngos = ngos.assign(group=ngos["domains"].str.split(";")).explode("group")
        else:
            ngos = ngos.assign(group=ngos["level"])
        g, t = _codes(ngos["group"], groups), _codes(ngos["ngo_type"], types)
        keep = (g >= 0) & (t >= 0)
        return ngos[keep], g[keep], t[keep]

    base = replace(filters, year=None, start=None)
    if base.networks is None:
        # As in composition_over_years: without a network filter an actor's presence
        # depends only on its own years, so filter once and spread each actor over its
        # years with a difference array (+1 the year it starts, -1 the year after it ends).
        ever = visible(ds, replace(base, year=ds.last_year, start=ds.first_year)).actors
        ngos, g, t = cells(ever)
        shown, until = actor_years(ngos, base.undated)
        first = shown.to_numpy(dtype=np.int64) - ds.first_year
        last = until.fillna(ds.last_year).to_numpy(dtype=np.int64) - ds.first_year
        first, last = np.clip(first, 0, len(years)), np.clip(last + 1, 0, len(years))
        np.add.at(counts, (first, g, t), 1)
        np.add.at(counts, (last, g, t), -1)
        counts = counts.cumsum(axis=0)
    else:
        for i, year in enumerate(years):
            _, g, t = cells(visible(ds, replace(base, year=year)).actors)
            np.add.at(counts, (i, g, t), 1)
    index = pd.MultiIndex.from_product([years, list(groups), types],
                                       names=["year", "group", "ngo_type"])
    frame = pd.DataFrame({"count": counts[:-1].ravel()}, index=index).reset_index()
    return frame.astype({"year": int, "group": str, "ngo_type": str, "count": int})


@lru_cache(maxsize=256)
def diversification(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The NGO type mix in view each year of the data: how many NGOs, types and how diverse.

    Columns :data:`DIVERSITY_COLUMNS`: ``year``, ``ngos`` (NGOs in view), ``types``
    (distinct NGO types among them) and ``shannon`` (``-Σ p·ln p`` over the types' shares;
    0 with one type or none). Cached: do not mutate.

    >>> from network.model.dataset import load
    >>> table = diversification(load().dataset, Filters())
    >>> int(table.set_index("year").loc[2012, "types"])
    6
    """
    types = _ngo_types(filters)
    counts = composition_over_years(ds, filters, "ngo_type")
    counts = counts.reindex(index=list(ds.years), columns=types, fill_value=0)
    values = counts.to_numpy(dtype=float)
    total = values.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total[:, None] > 0, values / total[:, None], 0.0)
        terms = np.where(share > 0, share * np.log(np.where(share > 0, share, 1.0)), 0.0)
    shannon = np.maximum(-terms.sum(axis=1), 0.0)  # no -0.0
    return pd.DataFrame({
        "year": np.asarray(counts.index, dtype=int),
        "ngos": total.astype(int),
        "types": (values > 0).sum(axis=1).astype(int),
        "shannon": shannon,
    })


# --- roles ----------------------------------------------------------------------------------


def roles(ds: Dataset, filters: Filters) -> pd.DataFrame | None:
    """NGO roles (watchdog, helper) in view: always None, because the data does not record them.

    The schema has no column for a role and no table, note or discourse assigns one; show
    :func:`roles_note` instead. Deriving roles from NGO types or notes would be an
    inference the thesis does not make actor by actor, so it is not done.
    """
    del ds, filters
    return None


def roles_note(lang: str = "en") -> str:
    """Why no roles are shown, in ``lang``."""
    return t(ROLES_MISSING, lang)


def clear_caches() -> None:
    """Empty this module's caches (for benchmarks of the first request)."""
    for cached in (affiliation, _coalition_keys, coalitions, _tie_keys, compare,
                   discourse_table, _sorted_ids, affiliation_positions, types_over_time,
                   diversification):
        cached.cache_clear()
