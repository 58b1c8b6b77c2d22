"""A view in words: the caption under a saved picture and the filters it names."""

from network.formats import captions
from network.text import catalogue as i18n
from network.view.state import Filters
from network.view.visible import visible


def test_caption_names_the_years_counts_filters_and_credit(ds):
    filters = Filters(year=2005, start=1995, levels=("national",))
    words = captions.picture_caption(ds, filters, "es")
    view = visible(ds, filters)
    assert words["title"] == ds.title_in("es")
    assert words["view"].startswith("de 1995 a 2005:")
    assert f"{len(view.actors)} organizaciones y {len(view.ties)} vínculos" in words["view"]
    assert i18n.t("level.national", "es") in words["filters"]
    assert words["credit"].startswith("Hecho con Redes.")
    assert str(ds.licences[0].get("title") or ds.licences[0]["name"]) in words["credit"]


def test_filters_in_words(ds):
    assert captions.filters_in_words(ds, Filters(), "en") == i18n.t("export.note.no_filters")
    nothing = captions.filters_in_words(ds, Filters(levels=()), "en")
    assert nothing == "platform levels: none chosen"
    network = captions.filters_in_words(ds, Filters(networks=("agroecological",)), "es")
    assert network == f"redes: {ds.label('networks', 'agroecological', 'es')}"
    assert captions.view_words(ds, Filters(year=2008), "en") == "2008"
