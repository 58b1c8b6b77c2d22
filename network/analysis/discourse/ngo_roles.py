"""NGO roles: why the discourse view shows none.

The thesis's third question is about NGO roles: next to the usual "watchdog" roles, NGOs
take on "helper" roles for the market needs of SMEs. The data package does not record
roles: no column, no value and no discourse says which NGO acts as a watchdog or a
helper, and reading it off NGO types or notes would be our guess, not the thesis's
finding. :func:`roles` therefore returns None, and :data:`ROLES_MISSING` is the message
to show instead.

May import: :mod:`network.model`, :mod:`network.view.state`, :mod:`network.text`.
"""

from __future__ import annotations

import pandas as pd

from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import Filters

ROLES_MISSING = "disc.roles.missing"


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
