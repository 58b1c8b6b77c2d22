"""Discourses and roles: the thesis's second and third questions, made explorable.

Everything here is a pure function of (dataset, filters), cached per worker by that pair
like :func:`network.view.visible.visible`, and reads off the same view the graph shows.

* :mod:`.endorsements` — who says what: :func:`affiliation`, :func:`coalition_of`,
  :func:`discourse_table`;
* :mod:`.coalition_pairs` — coalitions as pairs of actors beside the ties:
  :func:`coalitions`, :func:`compare`, :func:`tied_pairs`;
* :mod:`.ngo_types` — NGO types over time: :func:`types_over_time`, :func:`diversification`;
* :mod:`.ngo_roles` — why no NGO roles are shown: :func:`roles`, :func:`roles_note`.

Where the affiliation picture puts its nodes is drawing, not analysis: it lives in
:mod:`network.layout.discourse`. Its words (``disc.*``) are in the catalogue.

May import: :mod:`network.model`, :mod:`network.view`, :mod:`network.layout`,
:mod:`network.text` and :mod:`network.analysis.ranking`.
"""

from __future__ import annotations

from network.analysis.discourse import coalition_pairs, endorsements, ngo_types
from network.analysis.discourse.coalition_pairs import (
    COALITION_COLUMNS,
    Comparison,
    Pair,
    coalitions,
    compare,
    tied_pairs,
)
from network.analysis.discourse.endorsements import (
    AFFILIATION_COLUMNS,
    DISCOURSE_COLUMNS,
    affiliation,
    coalition_of,
    discourse_table,
)
from network.analysis.discourse.ngo_roles import ROLES_MISSING, roles, roles_note
from network.analysis.discourse.ngo_types import (
    DIVERSITY_COLUMNS,
    TYPES_COLUMNS,
    TYPES_PER,
    diversification,
    types_over_time,
)
from network.layout import discourse as discourse_layout

__all__ = [
    "AFFILIATION_COLUMNS",
    "COALITION_COLUMNS",
    "DISCOURSE_COLUMNS",
    "DIVERSITY_COLUMNS",
    "TYPES_PER",
    "ROLES_MISSING",
    "TYPES_COLUMNS",
    "Comparison",
    "Pair",
    "affiliation",
    "clear_caches",
    "coalition_of",
    "coalitions",
    "compare",
    "discourse_table",
    "diversification",
    "roles",
    "roles_note",
    "tied_pairs",
    "types_over_time",
]


def clear_caches() -> None:
    """Empty the caches of the discourse analysis and of the affiliation picture's places
    (for benchmarks of the first request)."""
    for module in (endorsements, coalition_pairs, discourse_layout, ngo_types):
        module.clear_caches()
