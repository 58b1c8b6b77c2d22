"""The view state: a small immutable value that says what a user is looking at.

It round-trips through a URL query string (``?year=2008&levels=local,national``) so that a
link reopens exactly the same view. Only values that differ from the defaults are written,
so links stay short. Parsing never fails: unknown parameters and values are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

from network.model.schema import CERTAINTIES, DOMAINS, LEVELS, enum_values
from network.text.catalogue import LANGUAGES

SET_FIELDS = ("levels", "domains", "networks", "sectors", "ngo_types", "certainty")
COLOUR_BY = ("ngo_type", "kind", "sector", "level")
LAYOUTS = ("force", "levels")
#: The measures a view may rank actors by (network.analysis.metrics computes them; a test
#: holds that the two lists agree). Named here so that the view never imports analysis.
MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "pagerank", "kcore",
            "constraint", "brokerage")
#: The side panel: an actor's profile, or finding collaborators for "my organisation".
PANELS = ("details", "collaborate")
#: The main view: the tie network, or who says what (discourses and coalitions).
VIEWS = ("network", "discourses")
#: The signals a collaborator suggestion weighs (network.analysis.collaborators explains each), and
#: their default weights; a link carries weights only when they differ from these.
SIGNALS = (
    "common_partners",
    "shared_networks",
    "shared_domains",
    "shared_discourses",
    "complementary",
    "bridging",
)
DEFAULT_WEIGHTS: dict[str, float] = {
    "common_partners": 3.0,
    "shared_networks": 2.0,
    "shared_domains": 1.0,
    "shared_discourses": 1.0,
    "complementary": 2.0,
    "bridging": 1.0,
}
MAX_WEIGHT = 5.0
#: How actors and ties whose year is unknown (an empty ``founded`` or ``from_year``) are
#: shown: "fieldwork" from the first year of the thesis's interviews (2006-2010) on, "always"
#: in every year, "hidden" never. A tie is never shown before both its actors are.
UNDATED = ("fieldwork", "always", "hidden")
#: The thesis's fieldwork: interviews ran from 2006 to 2010 (source S0).
FIELDWORK = (2006, 2010)
#: The key of an uploaded data set: the SHA-256 of its content, in hex.
DATA_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Filters:
    """The part of the view state that decides which actors and ties are in view.

    ``None`` in a set field means "no filter" (everything); an empty tuple means the user
    chose nothing, so nothing is in view. ``start`` turns the year into a range: anything
    active at some point from ``start`` to ``year`` is in view. ``undated`` says when an
    actor or tie whose year is unknown is in view (see :data:`UNDATED`).
    """

    year: int | None = None
    start: int | None = None
    levels: tuple[str, ...] | None = None
    domains: tuple[str, ...] | None = None
    networks: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    ngo_types: tuple[str, ...] | None = None
    certainty: tuple[str, ...] | None = None
    #: how actors and ties with an unknown year are shown (one of :data:`UNDATED`)
    undated: str = "fieldwork"

    def at(self, year: int) -> Filters:
        """The same filters at another year (used for rank change and time series)."""
        return replace(self, year=year, start=None if self.start is None else min(self.start, year))


@dataclass(frozen=True)
class ViewState(Filters):
    """Everything a link must restore: the filters plus what is shown and how."""

    metric: str = "degree"
    actor: str | None = None
    lang: str | None = None
    colour: str = "ngo_type"
    layout: str = "force"
    view: str = "network"
    #: a discourse whose coalition is highlighted (in the discourse view)
    discourse: str | None = None
    #: presenter mode, and the scene of the tour being shown
    present: bool = False
    scene: int | None = None
    #: finding collaborators: my organisation, whom I want to meet, how far the ego network
    #: reaches, the signal weights (None: the defaults), and which candidates to suggest
    panel: str = "details"
    me: str | None = None
    target: str | None = None
    steps: int = 1
    weights: tuple[float, ...] | None = None
    only_ngos: bool = False
    only_levels: tuple[str, ...] | None = None
    #: the uploaded data set a link opens (its key; only written for a published one)
    data: str | None = None

    @property
    def signal_weights(self) -> dict[str, float]:
        """The collaborator signals' weights by name (the defaults when the link has none)."""
        if self.weights is None:
            return dict(DEFAULT_WEIGHTS)
        return dict(zip(SIGNALS, self.weights, strict=True))

    @property
    def filters(self) -> Filters:
        return Filters(**{f.name: getattr(self, f.name) for f in fields(Filters)})

    # -- URL round trip -----------------------------------------------------------------
    def to_query(self) -> str:
        """Encode the non-default values as a query string (without the leading ``?``).

        >>> ViewState(year=2008, levels=("local", "national")).to_query()
        'year=2008&levels=local%2Cnational'
        """
        default = ViewState()
        pairs: list[tuple[str, str]] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            if f.name in SET_FIELDS:
                pairs.append((f.name, ",".join(value) if value is not None else "all"))
            elif f.name == "weights":
                pairs.append((f.name, ",".join(f"{w:g}" for w in value)))
            elif f.name == "only_levels":
                pairs.append((f.name, ",".join(value)))
            elif f.name in ("only_ngos", "present"):
                pairs.append((f.name, "1"))
            else:
                pairs.append((f.name, str(value)))
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: str | None) -> ViewState:
        """Parse a query string written by :meth:`to_query` (or typed by a person).

        Unknown keys are ignored and bad values fall back to the default, so a mangled link
        still opens. Whether the actor or the year exist in the data is checked later, by
        :func:`network.view.visible.normalise`, which knows the data.
        """
        raw = parse_qs((query or "").lstrip("?"), keep_blank_values=True)

        def one(key: str) -> str | None:
            values = raw.get(key)
            return values[-1].strip() if values else None

        kwargs: dict[str, object] = {
            **_numbers(one), **_sets(one), **_names(one), **_choices(one)}
        weights = _weights(one("weights"))
        if weights is not None:
            kwargs["weights"] = weights
        return cls(**kwargs)  # type: ignore[arg-type]


#: A query's value for a key (its last one, stripped), or None when the query has none.
_Lookup = Callable[[str], str | None]


def _numbers(one: _Lookup) -> dict[str, object]:
    """year, start, steps and scene: whole numbers, steps only 1 or 2."""
    kwargs: dict[str, object] = {}
    for key in ("year", "start"):
        text = one(key)
        if text and text.lstrip("-").isdigit():
            kwargs[key] = int(text)
    steps = one("steps")
    if steps in ("1", "2"):
        kwargs["steps"] = int(steps)
    text = one("scene")
    if text and text.isdigit():
        kwargs["scene"] = int(text)
    return kwargs


def _sets(one: _Lookup) -> dict[str, object]:
    """The set filters ("all" or absent: no filter) and only_levels, in canonical order."""
    kwargs: dict[str, object] = {}
    allowed = {
        "levels": LEVELS,
        "domains": DOMAINS,
        "sectors": enum_values("actors", "sector"),
        "ngo_types": (*enum_values("actors", "ngo_type"), "none"),
        "certainty": CERTAINTIES,
        "networks": None,  # ids depend on the data; checked by normalise()
    }
    for key, choices in allowed.items():
        text = one(key)
        if text is None or text == "all":
            continue
        items = [v for v in (p.strip() for p in text.split(",")) if v]
        if choices is not None:
            items = [v for v in items if v in choices]
        kwargs[key] = canonical(items, choices)
    text = one("only_levels")
    if text is not None:
        chosen = [v for v in (p.strip() for p in text.split(",")) if v in LEVELS]
        if chosen:  # unlike a set filter, choosing no level means no restriction
            kwargs["only_levels"] = canonical(chosen, LEVELS)
    return kwargs


def _names(one: _Lookup) -> dict[str, object]:
    """The values named by ids the data defines (checked later, by normalise()), and the
    uploaded data set's key."""
    kwargs: dict[str, object] = {}
    for key in ("metric", "actor", "me", "target", "discourse"):
        text = one(key)
        if text:
            kwargs[key] = text
    text = one("data")
    if text and DATA_KEY.fullmatch(text):
        kwargs["data"] = text
    return kwargs


def _choices(one: _Lookup) -> dict[str, object]:
    """The values with a fixed list of choices, and the two on/off flags."""
    kwargs: dict[str, object] = {}
    for key, choices in (("lang", LANGUAGES), ("colour", COLOUR_BY), ("layout", LAYOUTS),
                         ("panel", PANELS), ("view", VIEWS), ("undated", UNDATED)):
        text = one(key)
        if text in choices:
            kwargs[key] = text
    for key in ("only_ngos", "present"):
        if one(key) in ("1", "true", "yes"):
            kwargs[key] = True
    return kwargs


def _weights(text: str | None) -> tuple[float, ...] | None:
    """Six comma-separated numbers from 0 to MAX_WEIGHT, or None when anything is off."""
    if not text:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        return None
    if len(values) != len(SIGNALS) or not all(0 <= v <= MAX_WEIGHT for v in values):
        return None
    return values


def canonical(items: list[str] | tuple[str, ...],
              order: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """A set of choices as a tuple in a fixed order, so equal views compare equal."""
    unique = dict.fromkeys(items)
    if order is None:
        return tuple(sorted(unique))
    return tuple(v for v in order if v in unique)
