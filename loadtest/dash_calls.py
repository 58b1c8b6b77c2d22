"""Replaying the page's recorded callback requests with other years, filters and actors.

A template (``templates/<action>.json``, written by :mod:`loadtest.record`) holds the
``POST /_dash-update-component`` bodies one action of a visitor made, in waves: requests the
browser had in flight together. :class:`Page` plays the browser's part: it remembers every
property the server set (the URL's query, the controls, the key of the view painted, the
selected actor...) and fills the inputs and states of the next body from it, as Dash's
renderer does. An action then only changes what the visitor changed (the year, the levels,
the organisation tapped) and replays its template.

Plain Python (no locust, no gevent), so tests can check it on Flask's test client.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).parent / "templates"
ACTIONS = ("page", "year", "filter", "profile", "collaborators")
ENDPOINT = "/_dash-update-component"
LEVELS = ["local", "national", "latin_american", "global"]
FIRST_YEAR, LAST_YEAR = 1972, 2012


def load_templates(folder: Path = TEMPLATES) -> dict[str, dict]:
    return {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
            for name in ACTIONS}


def _items(body: dict) -> Iterator[dict]:
    """Every input and state item of a body (pattern-matching ones come as lists)."""
    for key in ("inputs", "state"):
        for item in body.get(key, []):
            if isinstance(item, list):
                yield from item
            else:
                yield item


def browser_headers(base_url: str) -> dict[str, str]:
    """What Chromium sends with the page's fetch (serving/security.py checks the site)."""
    return {"Content-Type": "application/json", "Origin": base_url,
            "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors",
            "Accept": "application/json", "Accept-Language": "en"}


class Page:
    """One visitor's page: the properties the server set, and the next request bodies."""

    def __init__(self, templates: dict[str, dict], rng: random.Random | None = None):
        self.templates = templates
        self.rng = rng or random.Random()
        self.props: dict[tuple[str, str], Any] = {}
        self.actor: str | None = None  # the organisation of the current action
        # the properties worth remembering: those some template reads
        self.read = {(i["id"], i["property"]) for t in templates.values()
                     for call in t["calls"] for i in _items(call["body"])
                     if isinstance(i.get("id"), str)}

    # -- bodies -----------------------------------------------------------------------
    def body(self, call: dict) -> dict:
        """The call's body with the page's current values; pattern ids naming the
        recorded actor name the action's instead."""
        body = copy.deepcopy(call["body"])
        actor = self.actor
        for item in _items(body):
            key = (item.get("id"), item.get("property"))
            if isinstance(key[0], str) and key in self.props:
                item["value"] = self.props[key]
        recorded = self.templates["profile"]["recorded_actor"]
        if actor and actor != recorded:
            body = self._rename_actor(body, recorded, actor)
        return body

    @staticmethod
    def _rename_actor(body: dict, old: str, new: str) -> dict:
        for item in _items(body):
            if isinstance(item.get("id"), dict) and item["id"].get("actor") == old:
                item["id"]["actor"] = new
        for item in body.get("parsedChangedPropsIds", []) or []:
            if isinstance(item, dict) and item.get("actor") == old:
                item["actor"] = new
        body["changedPropIds"] = [
            p.replace(f'"actor":"{old}"', f'"actor":"{new}"') for p in body["changedPropIds"]]
        return body

    def apply(self, answer: Any) -> None:
        """Take what the server set (a callback's JSON answer), as the renderer does; the
        key of the paint becomes the view painted (assets/redes-graph.js does it)."""
        if not isinstance(answer, dict):
            return
        for cid, props in (answer.get("response") or {}).items():
            if not isinstance(props, dict):
                continue
            for prop, value in props.items():
                if (cid, prop) in self.read:
                    self.props[(cid, prop)] = value
                if cid == "paint" and prop == "data" and isinstance(value, dict) \
                        and value.get("key"):
                    self.props[("painted", "data")] = value["key"]

    # -- actions --------------------------------------------------------------------------
    def action(self, name: str, **change: Any) -> list[list[tuple[str, dict]]]:
        """The waves of (path with query, recorded call) that the action ``name`` sends
        (make each body with :meth:`body` just before sending it: it reads what the
        answers before it set); ``change`` sets what the visitor changed first (year=,
        levels=, actor=)."""
        actor = change.get("actor") or self.props.get(("selected", "data"))
        self.actor = actor if isinstance(actor, str) else None
        if "year" in change:
            self.props[("year", "value")] = change["year"]
        if "levels" in change:
            self.props[("levels", "value")] = change["levels"]
        if name == "profile":
            tap = copy.deepcopy(_recorded(self.templates["profile"], "graph", "tapNodeData"))
            tap.update(id=actor, timeStamp=tap.get("timeStamp", 0) + self.rng.randrange(10**6))
            self.props[("graph", "tapNodeData")] = tap
            # the tap selects in the browser (assets/redes-pick.js), not by a request
            self.props[("selected", "data")] = actor
        waves: dict[int, list[tuple[str, dict]]] = {}
        for call in self.templates[name]["calls"]:
            path = ENDPOINT + (f"?{call['query']}" if call.get("query") else "")
            waves.setdefault(call["wave"], []).append((path, call))
        return [[(path, call) for path, call in waves[w]] for w in sorted(waves)]

    # -- what visitors choose ---------------------------------------------------------------
    def some_year(self) -> int:
        current = self.props.get(("year", "value"), LAST_YEAR)
        step = self.rng.choice([-1, 1, 1, 2, -3, 5])  # mostly small moves of the slider
        year = current + step
        return year if FIRST_YEAR <= year <= LAST_YEAR else self.rng.randint(1990, LAST_YEAR)

    def some_levels(self) -> list[str]:
        chosen = [level for level in LEVELS if self.rng.random() < 0.75]
        return chosen or [self.rng.choice(LEVELS)]


def _recorded(template: dict, cid: str, prop: str) -> Any:
    for call in template["calls"]:
        for item in _items(call["body"]):
            if item.get("id") == cid and item.get("property") == prop and "value" in item:
                return item["value"]
    raise KeyError(f"{cid}.{prop} is in no recorded request of {template['action']}")


def bundled_actors(data: Path | None = None) -> list[str]:
    """The ids of the bundled data's named organisations (group nodes left out)."""
    import csv

    folder = data or Path(__file__).resolve().parents[1] / "data"
    with (folder / "actors.csv").open(newline="", encoding="utf-8") as fh:
        return [row["id"] for row in csv.DictReader(fh) if row["is_group"] != "true"]
