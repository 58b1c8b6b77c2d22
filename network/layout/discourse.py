"""Where the actor–discourse (affiliation) picture puts its nodes.

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

May import: :mod:`network.model` and :mod:`network.layout.positions`.
"""

from __future__ import annotations

import math
from functools import lru_cache

from network.layout.positions import MIN_DISTANCE
from network.model.dataset import Dataset
from network.model.schema import DOMAINS

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


def _endorsing_actors(ds: Dataset, step_of: dict[str, float]) -> list[str]:
    """The actors that endorse a discourse in some year, top to bottom: by first domain,
    then by the mean height of their discourses (their barycentre), then the data's order."""
    ad = ds.actor_discourses
    endorsed = ad[ad["actor"].isin(ds.actors.index) & ad["discourse"].isin(step_of)]
    barycentre = endorsed["discourse"].map(step_of).groupby(endorsed["actor"]).mean()
    actors = [a for a in ds.actors.index if a in barycentre.index]
    place = {a: i for i, a in enumerate(ds.actors.index)}
    domain = {a: _rank(str(ds.actors.at[a, "domains"]).split(";")[0], DOMAINS) for a in actors}
    actors.sort(key=lambda a: (domain[a], float(barycentre[a]), place[a]))
    return actors


@lru_cache(maxsize=16)
def affiliation_positions(ds: Dataset) -> dict[str, tuple[float, float]]:
    """Places for a bipartite actor–discourse drawing, the same for every view of ``ds``.

    Keys are actor ids (only actors that endorse a discourse in some year) and
    :func:`discourse_node_id` of every discourse. See the module's docstring for the
    arrangement. Cached per dataset: do not mutate the dict.
    """
    steps = _discourse_steps(ds)
    span = steps[-1][1] if steps else 0.0
    actors = _endorsing_actors(ds, dict(steps))

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


def clear_caches() -> None:
    """Forget the pictures' places (for benchmarks of the first request)."""
    affiliation_positions.cache_clear()
