"""Synthetic networks in the project's schema, for benchmarks (seeded, reproducible)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from network.model.schema import BUNDLED_DATA, CERTAINTIES, DOMAINS, LEVELS, enum_values


def write_package(folder: Path, n_actors: int, ties_per_actor: float = 3.0, seed: int = 1) -> Path:
    """Write a valid data package of ``n_actors`` actors to ``folder`` and return it."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    networks = pd.read_csv(BUNDLED_DATA / "networks.csv", dtype=str, keep_default_na=False)
    discourses = pd.read_csv(BUNDLED_DATA / "discourses.csv", dtype=str, keep_default_na=False)
    ngo_types = [*enum_values("actors", "ngo_type"), ""]
    ids = [f"a{i:05d}" for i in range(n_actors)]
    founded = rng.integers(1972, 2013, size=n_actors)
    founded[: max(3, n_actors // 50)] = 1972  # some early actors, so early years are not empty
    actors = pd.DataFrame({
        "id": ids,
        "name": [f"Organisation {i}" for i in range(n_actors)],
        "name_es": [f"Organización {i}" for i in range(n_actors)],
        "acronym": "",
        "kind": rng.choice(enum_values("actors", "kind"), n_actors),
        "ngo_type": rng.choice(ngo_types, n_actors),
        "sector": rng.choice(enum_values("actors", "sector"), n_actors),
        "type_certainty": rng.choice(CERTAINTIES, n_actors),
        "level": rng.choice(LEVELS, n_actors, p=[0.5, 0.3, 0.12, 0.08]),
        "domains": rng.choice(DOMAINS, n_actors),
        "city": "",
        "founded": founded,
        "founded_certainty": "sourced",
        "active_until": "",
        "member_count": "",
        "is_group": "false",
        "description": "Synthetic actor for benchmarks.",
        "description_es": "Actor sintético para pruebas de velocidad.",
        "evidence": "S0",
        "certainty": rng.choice(CERTAINTIES, n_actors, p=[0.4, 0.4, 0.2]),
        "note": "synthetic",
    })
    m = int(n_actors * ties_per_actor)
    src = rng.integers(0, n_actors, size=m)
    # preferential attachment-ish targets so there are hubs, as in real networks
    tgt = (rng.pareto(1.2, size=m) * n_actors / 50).astype(int) % n_actors
    keep = src != tgt
    src, tgt = src[keep], tgt[keep]
    start = np.maximum(founded[src], founded[tgt])
    ties = pd.DataFrame({
        "id": [f"t{i:06d}" for i in range(len(src))],
        "source": [ids[i] for i in src],
        "target": [ids[i] for i in tgt],
        "relation": rng.choice(enum_values("ties", "relation"), len(src)),
        "network": rng.choice(networks["id"], len(src)),
        "from_year": start,
        "to_year": "",
        "weight": 1,
        "evidence": "S0",
        "certainty": rng.choice(CERTAINTIES, len(src), p=[0.4, 0.4, 0.2]),
        "note": "synthetic",
    })
    sources = pd.DataFrame([{"id": "S0", "title": "Synthetic benchmark data", "url": "",
                             "publisher": "", "date": "", "note": ""}])
    endorse = pd.DataFrame({
        "actor": ids[: len(discourses)], "discourse": discourses["id"], "from_year": 1972,
        "evidence": "S0", "certainty": "inferred", "note": "synthetic",
    })
    for name, frame in (("actors", actors), ("ties", ties), ("networks", networks),
                        ("discourses", discourses), ("actor_discourses", endorse),
                        ("sources", sources)):
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder
