"""A view in words: its years, its filters, and the caption under a saved picture.

The methods note (:mod:`network.formats.methods`) and the evidence pack's README
(:mod:`network.formats.evidence`) say the view the same way.
"""

from __future__ import annotations

from network.formats.naming import year_span
from network.model.dataset import Dataset
from network.text.catalogue import has, t
from network.view.state import Filters
from network.view.visible import visible

#: Each filter of the view state, and the catalogue prefix of its values' words (None: the
#: data's own network labels).
_FILTER_WORDS = (("levels", "level"), ("domains", "domain"), ("networks", None),
                 ("sectors", "sector"), ("ngo_types", "ngo_type"), ("certainty", "certainty"))


def view_words(ds: Dataset, filters: Filters, lang: str) -> str:
    """The view's years in words: ``2008`` or ``1995 to 2008``."""
    start, year = year_span(ds, filters)
    if start == year:
        return ds.say("export.view.year", lang, year=year)
    return t("export.view.years", lang, start=start, year=year)


def _words(ds: Dataset, values: tuple[str, ...], prefix: str, lang: str) -> str:
    """The values in words, in the data set's voice ("stated by the main source" for an
    upload's "stated"); a value the catalogue does not know as itself."""
    return ", ".join(ds.say(f"{prefix}.{v}", lang) if has(f"{prefix}.{v}") else v
                     for v in values)


def filters_in_words(ds: Dataset, filters: Filters, lang: str) -> str:
    """The filters set in the view, e.g. ``platform levels: Local, National; facts shown:
    Stated``; a sentence saying there are none when none is set."""
    parts = []
    for name, prefix in _FILTER_WORDS:
        chosen = getattr(filters, name)
        if chosen is None:
            continue
        if not chosen:
            words = t("export.note.nothing", lang)
        elif prefix is None:
            words = ", ".join(ds.label("networks", n, lang) if n in ds.networks.index else n
                              for n in chosen)
        else:
            words = _words(ds, chosen, prefix, lang)
        parts.append(f"{t('export.note.filter.' + name, lang)}: {words}")
    return "; ".join(parts) if parts else t("export.note.no_filters", lang)


def picture_caption(ds: Dataset, filters: Filters, lang: str = "en") -> dict[str, str]:
    """The words under a saved picture, so that it stands on its own in a memo: the data's
    title, the year(s) and counts in view, the filters, and the credit line.

    >>> from network.loading import load
    >>> words = picture_caption(load().dataset, Filters(year=2000, levels=("national",)))
    >>> words["view"].startswith("2000"), "national" in words["filters"].lower()
    (True, True)
    """
    view = visible(ds, filters)
    licences = ", ".join(ds.licence_titles(lang))
    return {
        "title": ds.title_in(lang),
        "view": t("export.caption.view", lang, when=view_words(ds, filters, lang),
                  actors=len(view.actors), ties=len(view.ties)),
        "filters": t("export.caption.filters", lang, filters=filters_in_words(ds, filters, lang)),
        "credit": (t("export.caption.credit", lang, title=ds.title_in(lang), licence=licences)
                   if licences else  # no licence given: no empty brackets
                   t("export.caption.credit.unlicensed", lang, title=ds.title_in(lang))),
    }
