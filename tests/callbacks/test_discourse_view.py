"""The discourse view's pictures and cards, and choosing a discourse (plain functions)."""

from dash import no_update

from callbacks.discourse import choose
from callbacks.render import render
from components import discourse_view
from components.ids import DISC_PICK, ID
from network.analysis import discourse
from network.view.state import ViewState
from network.view.visible import normalise


def _state(ds, query):
    return normalise(ViewState.from_query(query), ds)


def test_affiliation_picture_marks_the_chosen_coalition(ds):
    state = _state(ds, "year=2010&view=discourses&discourse=market_access")
    elements = discourse_view.affiliation_elements(ds, state, "en")
    nodes = {e["data"]["id"]: e for e in elements if "source" not in e["data"]}
    edges = [e for e in elements if "source" in e["data"]]
    assert sum(1 for n in nodes if n.startswith("d:")) == len(ds.discourses)
    assert len(edges) == len(discourse.affiliation(ds, state.filters))
    coalition = discourse.coalition_of(ds, state.filters, "market_access")
    marked = {n for n, e in nodes.items() if "coalition" in e["classes"].split()}
    assert marked == set(coalition) | {"d:market_access"}
    assert "diverges" in nodes["d:market_access"]["classes"]
    assert any("inferred" in e["classes"] for e in edges)


def test_coalition_picture_shows_the_comparison(ds):
    state = _state(ds, "year=2010&view=discourses")
    elements, comparison = discourse_view.coalition_elements(ds, state, "en")
    kinds = [e["classes"].split()[0] for e in elements if "source" in e["data"]]
    assert kinds.count("both") == comparison.n_both
    assert kinds.count("coalition_only") == comparison.n_coalition_only
    assert kinds.count("tie_only") == comparison.n_tie_only


def test_render_switches_views_and_explains_an_empty_year(ds):
    out = render(ds, _state(ds, "year=2010&view=discourses&lang=es"))
    assert out[(ID.NETWORK_VIEW, "hidden")] is True and out[(ID.DISCOURSE_VIEW, "hidden")] is False
    assert len(out[(ID.DV_CARDS, "children")]) == len(ds.discourses)
    assert "Jaccard" in out[(ID.DV_COMPARE, "children")]
    assert out[(ID.DV_ROLES, "children")] == discourse.roles_note("es")
    early = render(ds, _state(ds, "year=1990&view=discourses"))
    assert "No discourse is recorded" in early[(ID.DV_COMPARE, "children")]
    plain = render(ds, _state(ds, "year=2010"))
    assert plain[(ID.DISCOURSE_VIEW, "hidden")] is True
    assert plain[(ID.AFFILIATION, "elements")] is no_update  # not computed when not shown


def test_choose_a_discourse():
    pick = {"type": DISC_PICK, "discourse": "market_access"}
    assert choose(pick, 1, None) == "market_access"
    assert choose(pick, None, None) is no_update
    assert choose({"type": DISC_PICK, "discourse": ""}, 2, None) is None  # show all again
    assert choose(ID.AFFILIATION, None, {"id": "d:cleaner_production"}) == "cleaner_production"
    assert choose(ID.AFFILIATION, None, {"id": "rae"}) is no_update


def test_a_link_keeps_the_view_and_the_discourse(ds):
    state = _state(ds, "year=2010&view=discourses&discourse=market_access")
    assert ViewState.from_query(state.to_query()) == ViewState.from_query(
        "year=2010&view=discourses&discourse=market_access")
    assert _state(ds, "view=discourses&discourse=nonsense").discourse is None


def test_ngo_types_by_domain_or_level(ds):
    state = _state(ds, "year=2010&view=discourses")
    by_domain = discourse_view.types_figure(ds, state, "en", 2010, "domain")
    by_level = discourse_view.types_figure(ds, state, "es", 2010, "level")
    domains = set(ds.networks["domain"])
    assert len(by_domain["layout"]["annotations"]) == len(domains)
    assert [a["text"] for a in by_level["layout"]["annotations"]] == [
        "Local", "Nacional", "Latinoamericano", "Global"]
    total = sum(sum(tr["y"][-1:]) for tr in by_level["data"])
    assert total == int(discourse.diversification(ds, state.filters)["ngos"].iloc[-1])



def test_the_view_says_the_market_justice_dimension_is_not_marked(ds):
    # the summary names the dimension but not which discourse stresses which: say so, never
    # guess it
    from components.ids import TEXT
    from network.text.catalogue import t

    from ..components.find import walk

    for lang in ("en", "es"):
        found = [c for c in walk(discourse_view.section(ds, lang))
                 if getattr(c, "id", None) == {"type": TEXT, "key": "ui.dv.discourses.help"}]
        assert [c.children for c in found] == [t("ui.dv.discourses.help", lang)]
    assert "market justice" in t("ui.dv.discourses.help", "en")
    assert "justicia de mercado" in t("ui.dv.discourses.help", "es")
