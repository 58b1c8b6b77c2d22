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
    assert ds.licence_titles("es")[0] in words["credit"]


def test_a_spanish_caption_carries_the_packages_spanish_title_and_licence(ds):
    """The heading and the credit line of a Spanish picture (PNG/SVG) are Spanish: the
    bundled package gives its title and licence in Spanish (``title_es``)."""
    spanish = captions.picture_caption(ds, Filters(year=2008), "es")
    english = captions.picture_caption(ds, Filters(year=2008), "en")
    assert spanish["title"] == ds.title_es != ds.title == english["title"]
    licence = ds.licences[0]
    assert licence["title_es"] in spanish["credit"] and licence["title"] in english["credit"]
    for words in ("title", "credit"):
        assert ds.title not in spanish[words] and licence["title"] not in spanish[words]


def test_filters_in_words(ds):
    assert captions.filters_in_words(ds, Filters(), "en") == i18n.t("export.note.no_filters")
    nothing = captions.filters_in_words(ds, Filters(levels=()), "en")
    assert nothing == "platform levels: none chosen"
    network = captions.filters_in_words(ds, Filters(networks=("agroecological",)), "es")
    assert network == f"redes: {ds.label('networks', 'agroecological', 'es')}"
    assert captions.view_words(ds, Filters(year=2008), "en") == "2008"
