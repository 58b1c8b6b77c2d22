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
:mod:`network.layout.discourse`. The words of the discourse view are registered here, so
they are in the catalogue whichever part is imported first.

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
    PER,
    TYPES_COLUMNS,
    diversification,
    types_over_time,
)
from network.layout import discourse as discourse_layout
from network.text.catalogue import register

__all__ = [
    "AFFILIATION_COLUMNS",
    "COALITION_COLUMNS",
    "DISCOURSE_COLUMNS",
    "DIVERSITY_COLUMNS",
    "PER",
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


def clear_caches() -> None:
    """Empty the caches of the discourse analysis and of the affiliation picture's places
    (for benchmarks of the first request)."""
    for module in (endorsements, coalition_pairs, discourse_layout, ngo_types):
        module.clear_caches()
