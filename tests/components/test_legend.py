"""The graph's legend: every colour named, shapes named once."""

from __future__ import annotations

from components.panels import legend
from network.text.catalogue import t

from .find import walk


def _lists(items: list) -> dict[str, list]:
    return {c.className: c.children for c in items if getattr(c, "className", "") in (
        "swatches", "shapes")}


def test_coloured_by_sector_the_legend_names_each_sector_once(ds):
    lists = _lists(legend(ds, "sector", ["civil_society", "market", "state"], "en"))
    assert "shapes" not in lists  # colour and shape say the same: no second list
    names = [entry.children[-1] for entry in lists["swatches"]]
    assert names == [t(f"sector.{s}", "en") for s in ("civil_society", "market", "state")]


def test_coloured_by_type_the_shapes_still_say_the_sector(ds):
    lists = _lists(legend(ds, "ngo_type", ["market", "none"], "es"))
    assert len(lists["swatches"]) == 2 and len(lists["shapes"]) == 3
    assert any(getattr(c, "className", "") == "swatch"
               for c in walk(legend(ds, "ngo_type", ["market"], "es")))
