"""The view state: a small immutable value that says what a user is looking at.

It round-trips through a URL query string (``?year=2008&levels=local,national``) so that a
link reopens exactly the same view. Only values that differ from the defaults are written,
so links stay short. Parsing never fails: unknown parameters and values are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

from .schema import CERTAINTIES, DOMAINS, LEVELS, enum_values

SET_FIELDS = ("levels", "domains", "networks", "sectors", "ngo_types", "certainty")
COLOUR_BY = ("ngo_type", "kind", "sector", "level")
LAYOUTS = ("force", "levels")
LANGS = ("en", "es")


@dataclass(frozen=True)
class Filters:
    """The part of the view state that decides which actors and ties are in view.

    ``None`` in a set field means "no filter" (everything); an empty tuple means the user
    chose nothing, so nothing is in view. ``start`` turns the year into a range: anything
    active at some point from ``start`` to ``year`` is in view.
    """

    year: int | None = None
    start: int | None = None
    levels: tuple[str, ...] | None = None
    domains: tuple[str, ...] | None = None
    networks: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    ngo_types: tuple[str, ...] | None = None
    certainty: tuple[str, ...] | None = None

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
            else:
                pairs.append((f.name, str(value)))
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: str | None) -> ViewState:
        """Parse a query string written by :meth:`to_query` (or typed by a person).

        Unknown keys are ignored and bad values fall back to the default, so a mangled link
        still opens. Whether the actor or the year exist in the data is checked later, by
        :func:`network.view.normalise`, which knows the data.
        """
        raw = parse_qs((query or "").lstrip("?"), keep_blank_values=True)

        def one(key: str) -> str | None:
            values = raw.get(key)
            return values[-1].strip() if values else None

        kwargs: dict[str, object] = {}
        for key in ("year", "start"):
            text = one(key)
            if text and text.lstrip("-").isdigit():
                kwargs[key] = int(text)
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
        metric = one("metric")
        if metric:
            kwargs["metric"] = metric
        actor = one("actor")
        if actor:
            kwargs["actor"] = actor
        for key, choices in (("lang", LANGS), ("colour", COLOUR_BY), ("layout", LAYOUTS)):
            text = one(key)
            if text in choices:
                kwargs[key] = text
        return cls(**kwargs)  # type: ignore[arg-type]


def canonical(items: list[str] | tuple[str, ...], order: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """A set of choices as a tuple in a fixed order, so equal views compare equal."""
    unique = dict.fromkeys(items)
    if order is None:
        return tuple(sorted(unique))
    return tuple(v for v in order if v in unique)
