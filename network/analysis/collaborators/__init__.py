"""Find collaborators: who an actor could work with, why, and who can introduce them.

Everything here is a pure function of (dataset, filters, actor): the candidates are the
actors in view, and the reasons are read off the same view the graph shows.

* :mod:`.view_graph` — the view as arrays, built once per (dataset, filters);
* :mod:`.roles` — the roles that complement each other (producers and markets...);
* :mod:`.scoring` — the signals and the score (the formula is explained there);
* :mod:`.suggestions` — :func:`suggest`: candidates best first, with the facts behind them;
* :mod:`.reasons` — :func:`reason` and :func:`signals`: a suggestion in words;
* :mod:`.partnerships` — :func:`partners` (ties in view) and :func:`together` (met inside an
  umbrella organisation already);
* :mod:`.reach` — :func:`ego` (the neighbourhood), :func:`introductions` (who can
  introduce whom) and :data:`LONGEST_INTRODUCTION` (beyond it a chain is no introduction).

The names below are the package's public interface; import them from here.

May import: :mod:`network.model`, :mod:`network.view`, :mod:`network.text` and
:mod:`network.analysis.discourse`.
"""

from __future__ import annotations

from network.analysis.collaborators.partnerships import (
    BELONGS,
    PARTNER_COLUMNS,
    RUNS,
    partners,
    together,
)
from network.analysis.collaborators.reach import LONGEST_INTRODUCTION, ego, introductions
from network.analysis.collaborators.reasons import (
    network_phrase,
    reason,
    signal_help,
    signal_label,
    signals,
)
from network.analysis.collaborators.roles import COMPLEMENTARY_ROLES, ROLES, Role
from network.analysis.collaborators.suggestions import (
    Suggestion,
    bench_suggestions,
    suggest,
    to_frame,
)
from network.analysis.collaborators.view_graph import clear_caches
from network.model.schema import NGO_KINDS
from network.view.state import DEFAULT_WEIGHTS, SIGNALS

__all__ = [
    "BELONGS",
    "COMPLEMENTARY_ROLES",
    "DEFAULT_WEIGHTS",
    "LONGEST_INTRODUCTION",
    "NGO_KINDS",
    "PARTNER_COLUMNS",
    "ROLES",
    "RUNS",
    "SIGNALS",
    "Role",
    "Suggestion",
    "bench_suggestions",
    "clear_caches",
    "ego",
    "introductions",
    "network_phrase",
    "partners",
    "reason",
    "signal_help",
    "signal_label",
    "signals",
    "suggest",
    "to_frame",
    "together",
]
