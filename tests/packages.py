"""Rows of small hand-built data packages for known-answer tests (as text, like a CSV)."""

from __future__ import annotations

import pandas as pd

#: two networks in two domains, enough for shared-network and domain tests
NETWORKS = [
    {"id": "net_a", "name": "Organic market network", "name_es": "Red de mercado orgánico",
     "domain": "organic_production"},
    {"id": "net_b", "name": "Business network", "name_es": "Red empresarial",
     "domain": "social_responsibility"},
]

#: a tie given as (source, target[, network[, from_year[, to_year]]])
TIE_DEFAULTS = (None, None, "net_a", 2000, "")
TIE_COLUMNS = ["id", "source", "target", "relation", "network", "from_year", "to_year", "weight",
               "evidence", "certainty"]


def actor_rows(actors: list[dict]) -> pd.DataFrame:
    """Actors with every required column filled by a plain default (an NGO at national level
    in organic production from 2000), overridden by what each dict gives."""
    rows = []
    for a in actors:
        row = {"name": a["id"].replace("_", " ").title(), "name_es": "", "acronym": "",
               "kind": "ngo", "ngo_type": "", "sector": "civil_society",
               "type_certainty": "stated", "level": "national",
               "domains": "organic_production", "founded": "2000", "founded_certainty": "stated",
               "active_until": "", "is_group": "false", "description": "Test actor.",
               "description_es": "Actor de prueba.", "evidence": "S0", "certainty": "stated"}
        row.update({k: str(v) for k, v in a.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def tie_rows(ties) -> pd.DataFrame:
    """Ties ``t000, t001, …`` from (source, target[, network[, from_year[, to_year]]])."""
    rows = []
    for k, tie in enumerate(ties):
        source, target, network, start, end = (*tie, *TIE_DEFAULTS[len(tie):])
        rows.append({"id": f"t{k:03d}", "source": source, "target": target,
                     "relation": "collaborates", "network": network,
                     "from_year": str(start), "to_year": str(end), "weight": "1",
                     "evidence": "S0", "certainty": "stated"})
    return pd.DataFrame(rows, columns=TIE_COLUMNS)


def checked_dataset(raw: dict[str, pd.DataFrame], title: str = "test", licences: tuple = ()):
    """Number the rows as a CSV's lines, validate, and build a Dataset (failing the test,
    with the report, when the hand-built tables are not valid), with this title and these
    licences."""
    from network.loading import build
    from network.model.problems import Report
    from network.model.validation import validate

    for frame in raw.values():
        frame.index = range(2, len(frame) + 2)
    report = Report()
    typed = validate(raw, report)
    assert report.ok, report.render()
    return build(typed, title, tuple(licences))
