"""One cell of a table as a plain Python value, the same way for every file an export writes.

pandas hands cells over as numpy scalars, ``NA``, ``NaT`` or NaN; the CSV, XML and XLSX
writers each need plain ``str``/``bool``/``int``/``float`` and one notion of "empty".
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def plain_value(value: object) -> object | None:
    """A plain Python value for a cell, or None when empty (None, NA, NaN, inf, "").

    >>> plain_value(np.int64(3)), plain_value(float("nan")), plain_value(""), plain_value("a")
    (3, None, None, 'a')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    try:
        if pd.isna(value):  # type: ignore[call-overload]  # stubs take no plain object
            return None
    except (TypeError, ValueError):
        pass
    return value
