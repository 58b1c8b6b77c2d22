"""What Redes writes to GraphML and GEXF reads back: every schema column of every actor and
tie (certainties, evidence, notes, years...), taken from the schema, so that a column added
later round-trips without new code; the sources the evidence cites exist again (described,
with the networks and the title, when the format carries them: GraphML)."""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from network.formats import gephi
from network.formats.upload import read_upload
from network.model.schema import tables
from network.view.state import Filters
from network.view.visible import visible


def _everything(ds) -> Filters:
    return Filters(year=ds.last_year, start=ds.first_year)


def _differences(table: str, before: pd.DataFrame, after: pd.DataFrame) -> list:
    out = []
    for column in tables()[table].columns:
        if column == "id":
            continue
        for item in before.index:
            a, b = before.loc[item, column], after.loc[item, column]
            if not ((pd.isna(a) and pd.isna(b)) or a == b):
                out.append((item, column, a, b))
    return out


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_an_export_of_the_bundled_data_reads_back_with_every_column(ds, fmt):
    filters = _everything(ds)
    view = visible(ds, filters)
    assert len(view.actors) == len(ds.actors)  # the whole data set is exported
    data = getattr(gephi, f"{fmt}_bytes")(ds, filters)
    result = read_upload([(f"redes.{fmt}", data)])
    assert result.dataset is not None, result.report.render()
    back = result.dataset
    assert not [p.key for p in result.report.problems if p.key == "upload.ignored_attributes"]
    assert set(back.actors.index) == set(ds.actors.index)
    assert set(back.ties.index) == set(ds.ties.index)
    assert _differences("actors", ds.actors, back.actors) == []
    assert _differences("ties", ds.ties, back.ties) == []
    cited = {s for column in (ds.actors["evidence"], ds.ties["evidence"])
             for cell in column for s in cell.split(";")}
    assert cited <= set(back.sources.index)
    said = dict(result.assumed)
    # every row cites its own sources: none is said to cite the uploaded file
    assert "upload.assumed.source" not in said
    if fmt == "graphml":  # GraphML carries the networks and sources: they come back too
        assert back.title == ds.title
        assert set(back.networks.index) == set(ds.ties["network"])
        assert _differences("networks", ds.networks.loc[back.networks.index], back.networks) == []
        cited |= {s for cell in ds.networks["evidence"] for s in cell.split(";")}
        assert _differences("sources", ds.sources.loc[sorted(cited)],
                            back.sources.loc[sorted(cited)]) == []
        assert "upload.assumed.cited_sources" not in said
    else:  # GEXF does not: the report says which sources the file cites without describing
        assert dict(said["upload.assumed.cited_sources"])["count"] == len(cited)


def test_a_certainty_the_importer_had_to_assume_is_not_the_files(ds):
    """A node edited in Gephi (its level cleared) keeps the file's certainty for what the
    file says, and is 'inferred' for what was assumed."""
    graph = nx.read_graphml(io.BytesIO(gephi.graphml_bytes(ds, _everything(ds))))
    actor = "rae"
    assert graph.nodes[actor]["level_certainty"] != "inferred"
    del graph.nodes[actor]["level"]
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    back = read_upload([("edited.graphml", buffer.getvalue())]).dataset
    assert back is not None
    assert back.actors.loc[actor, "level_certainty"] == "inferred"
    assert back.actors.loc[actor, "type_certainty"] == ds.actors.loc[actor, "type_certainty"]
    assert back.actors.loc[actor, "evidence"] == ds.actors.loc[actor, "evidence"]
