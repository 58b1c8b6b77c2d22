"""The table view as plain functions: rows match the view, sorting, words in both languages."""

from components import tables
from network.view.state import ViewState
from network.view.visible import normalise, visible


def _state(ds, query):
    return normalise(ViewState.from_query(query), ds)


def test_rows_are_the_view(ds):
    state = _state(ds, "year=2000&levels=national%2Cglobal")
    view = visible(ds, state.filters)
    actors = tables.actor_rows(ds, state, "en")
    assert set(actors["id"]) == set(view.actors.index)
    assert len(tables.tie_rows(ds, state, "en")) == len(view.ties)
    es = tables.actor_rows(ds, state, "es")
    assert "Nacional" in set(es["level"]) and "National" in set(actors["level"])


def test_sorting_and_reversing():
    first = tables.next_sort(None, "actors", "ties")
    assert first == {"table": "actors", "column": "ties", "descending": False}
    assert tables.next_sort(first, "actors", "ties")["descending"] is True
    assert tables.next_sort(first, "ties", "network")["descending"] is False


def test_sorted_tables(ds):
    state = _state(ds, "year=2008&actor=rae")
    sort = {"table": "actors", "column": "ties", "descending": True}
    out = tables.tables(ds, state, "en", sort)
    body = out[1].children[1].children  # the actor table's rows
    ties = [int(row.children[6].children) for row in body]
    assert ties == sorted(ties, reverse=True)
    assert any(row.className == "selected" for row in body)
    head = out[1].children[0].children.children
    assert head[6].to_plotly_json()["props"]["aria-sort"] == "descending"
