"""Colours and shapes. Colours are the Okabe–Ito colour-blind-safe set; every colour
coding is paired with a second cue (shape for sector, dashes for inferred facts), so
nothing is conveyed by colour alone."""

from __future__ import annotations

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
GREY = "#8C8C8C"

COLOURS: dict[str, dict[str, str]] = {
    "ngo_type": {
        "conventional": "#0072B2",
        "producer": "#009E73",
        "market": "#E69F00",
        "business": "#CC79A7",
        "technocratic": "#56B4E9",
        "gongo": "#D55E00",
        # an NGO whose type the data does not give: lighter than "not an NGO"
        "not_given": "#D0D0D0",
        "none": GREY,
        # a "stated only" view hides an inferred type (network.view.visible.as_stated)
        "unstated": "#FFFFFF",
    },
    "sector": {"civil_society": "#0072B2", "market": "#E69F00", "state": "#D55E00"},
    "level": {"local": "#009E73", "national": "#0072B2", "latin_american": "#E69F00",
              "global": "#CC79A7", "unstated": "#FFFFFF"},
    "kind": {
        "ngo": "#0072B2",
        "ngo_network": "#56B4E9",
        "producer_association": "#009E73",
        "sme_group": "#E69F00",
        "business_association": "#CC79A7",
        "government_agency": "#D55E00",
        "intergovernmental_agency": "#A6361C",
        "platform": "#F0E442",
        "international_network": "#332288",
        "funder": "#8C8C8C",
        "project": "#B7A7D6",
    },
}

SHAPES = {"civil_society": "ellipse", "market": "round-rectangle", "state": "diamond"}
SHAPE_SYMBOL = {"civil_society": "●", "market": "▬", "state": "◆"}


def colour(by: str, value: str) -> str:
    return COLOURS[by].get(value or "none", GREY)
