"""The table view as plain functions: rows match the view, sorting, words in both languages."""

from components import tables
from components.ids import ID, SORT
from network.view.state import ViewState
from network.view.visible import normalise, visible
from tests.components.find import find, find_all, parent_of, place_among_siblings, prop


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
    actor_table = find(out, ID.ACTOR_TABLE)
    (tbody,) = find_all(actor_table, lambda c: c._type == "Tbody")
    body = tbody.children  # the actor table's rows
    # the ties column is the one whose heading holds the ties sort button
    heading = parent_of(actor_table, {"type": SORT, "table": "actors", "column": "ties"})
    column = place_among_siblings(actor_table, heading)
    ties = [int(row.children[column].children) for row in body]
    assert len(body) == len(tables.actor_rows(ds, state, "en"))
    assert ties == sorted(ties, reverse=True)
    assert any(row.className == "selected" for row in body)
    assert prop(heading, "aria-sort") == "descending"
