"""The roles of the complementary signal: who plays which role, and which roles complement.

Holds data only (no computation). May import nothing from the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """Who plays a role: actors of one of ``kinds`` (in one of ``sectors``, when given), and
    actors whose ``ngo_type`` is one of ``ngo_types`` whatever their kind."""

    kinds: tuple[str, ...] = ()
    ngo_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] | None = None


#: The roles of the complementary signal. An actor may play several roles.
ROLES: Mapping[str, Role] = {
    "producers": Role(kinds=("producer_association",), ngo_types=("producer",)),
    # a platform in the market sector (fairs, shops); not a civil-society platform
    "markets": Role(kinds=("platform",), ngo_types=("market",), sectors=("market",)),
    "smes": Role(kinds=("sme_group",)),
    # technology centres: technocratic NGOs (CITEs, CER), government agencies and GONGOs
    "technical_support": Role(kinds=("government_agency",), ngo_types=("technocratic", "gongo")),
    "business_support": Role(kinds=("business_association",), ngo_types=("business",)),
    "ngos": Role(kinds=("ngo", "ngo_network")),
    "funders": Role(kinds=("funder",)),
}

#: Pairs of roles that complement each other (in either direction).
COMPLEMENTARY_ROLES: tuple[tuple[str, str], ...] = (
    ("producers", "markets"),
    ("smes", "technical_support"),
    ("smes", "business_support"),
    ("ngos", "funders"),
)
