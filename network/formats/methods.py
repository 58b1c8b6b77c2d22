"""The methods note: what a view shows, how its key actors are measured, where its data come
from, under which licence, and the link that reopens it. Markdown that reads as plain text,
in English or Spanish; the evidence pack holds it as ``methods.md`` (``metodos.md``).

Safe to render: every text taken from the data (names, titles, publishers, licences, the
filters in words) goes through :func:`markdown_text`, so ``<script>``, ``[a](javascript:...)``
or a line break that would start a heading shows as the text it is in any Markdown viewer;
an address becomes a link (``<https://...>``) only when it is a web address
(:func:`network.model.links.web_link`), else it is written as text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

from network.analysis.metrics import METRICS, Metric
from network.analysis.ranking import key_actors
from network.formats.captions import filters_in_words
from network.formats.naming import filters_of, year_span
from network.formats.view_package import cited_sources
from network.formats.zip_writer import Today, export_date
from network.model.dataset import Dataset, licence_title
from network.model.links import web_link
from network.model.schema import CERTAINTIES
from network.text.catalogue import t
from network.view.state import Filters, ViewState
from network.view.visible import View, visible

#: What Markdown (CommonMark and GitHub's) gives a meaning to within a line: emphasis, code,
#: links and images, raw HTML and entities, table cells, strikethrough, and the backslash.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~])")


def markdown_text(text: object) -> str:
    r"""``text`` as Markdown that shows exactly that text, on one line.

    Line breaks and other control characters become spaces (so data cannot start a heading
    or a list), and the characters Markdown reads as markup are escaped with a backslash.

    >>> print(markdown_text("<script>alert(1)</script>\n# [x](javascript:y) *a_b*"))
    \<script\>alert(1)\</script\> # \[x\](javascript:y) \*a\_b\*
    """
    plain = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                    for c in str(text))
    return _MARKDOWN.sub(r"\\\1", plain)


def markdown_link(url: object) -> str:
    r"""A web address as a Markdown link (``<https://...>``); any other as escaped text.

    >>> print(markdown_link("https://example.org/a"), markdown_link("data:text/html,<b>"))
    <https://example.org/a> data:text/html,\<b\>
    """
    href = web_link(url)
    if href is None:
        return markdown_text(url)
    # an autolink ends at the first space or ">": write those percent-encoded
    return "<" + href.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def methods_note(ds: Dataset, state: ViewState, lang: str = "en", link: str | None = None,
                 today: Today = None, metric: str | None = None) -> str:
    """A short methods note (Markdown that reads as plain text) in ``lang``.

    What the view shows (years, filters in words, counts), the measure of key actors (name
    and definition) with the five highest actors, the certainty of the actors and ties in
    view and the sources they cite (id, title, URL), the data package's title and licence,
    the date, and the ``link`` that reopens the view (None: no such section; "": the data
    is one no link opens, an upload not published, and the note says so). ``metric``
    defaults to the state's.
    """
    lang = "es" if lang == "es" else "en"
    filters = filters_of(state)
    view = visible(ds, filters)
    metric_id = metric or state.metric
    if metric_id not in METRICS:
        metric_id = ViewState.metric
    lines = [f"# {t('export.note.title', lang)}"]
    lines += _view_section(ds, state, view, lang)
    lines += _metric_section(ds, filters, view, metric_id, lang)
    lines += _evidence_section(ds, view, lang)
    lines += _data_section(ds, today, lang)
    if link is not None:
        lines += ["", f"## {t('export.note.link', lang)}", ""]
        # "" is data that no link opens (an upload not published): say so, never print a
        # link that would open other data
        lines.append(t("export.note.link_text", lang, link=markdown_link(link)) if link
                     else t("export.note.no_link", lang))
    return "\n".join(lines) + "\n"


def _view_section(ds: Dataset, state: ViewState, view: View, lang: str) -> list[str]:
    """Years, filters, counts, group nodes and the highlighted actor."""
    filters = filters_of(state)
    start, year = year_span(ds, filters)
    lines = ["", f"## {t('export.note.view', lang)}", ""]
    if start == year:
        lines.append(f"- {ds.say('export.note.year', lang, year=year)}")
    else:
        lines.append(f"- {t('export.note.years', lang, start=start, year=year)}")
    in_words = filters_in_words(ds, filters, lang)
    lines.append(f"- {t('export.note.filters', lang, filters=markdown_text(in_words))}")
    lines.append(f"- {t('export.note.counts', lang, actors=len(view.actors), ties=len(view.ties))}")
    groups = int(view.actors["is_group"].fillna(False).astype(bool).sum())
    if groups:
        lines.append(f"- {t('export.note.groups', lang, groups=groups)}")
    if state.actor is not None and state.actor in ds.actors.index:
        name = markdown_text(ds.actor_name(state.actor, lang))
        lines.append(f"- {t('export.note.actor', lang, name=name)}")
    return lines


def _metric_section(ds: Dataset, filters: Filters, view: View, metric_id: str,
                    lang: str) -> list[str]:
    """The measure of key actors, its rules, and the five most central actors in view."""
    lines = ["", f"## {t('export.note.metric', lang)}", ""]
    lines += _metric_lines(METRICS[metric_id], lang)
    lines += ["", t("export.note.metric_rules", lang)]
    if view.empty:
        return lines
    top = key_actors(ds, filters, metric_id, top=5)
    if len(top):
        lines += ["", f"{t('export.note.top', lang)}:", ""]
        for row in top.itertuples(index=False):
            lines.append(f"{row.rank}. {markdown_text(ds.actor_name(str(row.id), lang))} "
                         f"({_format_value(row.value)})")
    return lines


def _metric_lines(spec: Metric, lang: str) -> list[str]:
    lines = [f"**{spec.label.get(lang, spec.label['en'])}**: "
             f"{spec.explanation.get(lang, spec.explanation['en'])}"]
    # a metric may carry a longer definition, as text or by language
    definition = getattr(spec, "definition", None)
    if isinstance(definition, Mapping):
        definition = definition.get(lang) or definition.get("en")
    if definition:
        lines.append(str(definition))
    if not spec.higher_is_central:
        lines.append(t("export.note.lower_is_central", lang))
    return lines


def _format_value(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = float(value)  # type: ignore[arg-type]  # a measure: int or float from pandas
    return f"{value:.0f}" if number.is_integer() else f"{value:.3f}"


def _evidence_section(ds: Dataset, view: View, lang: str) -> list[str]:
    """How certain the actors and ties in view are, and the sources they cite."""
    lines = ["", f"## {t('export.note.evidence', lang)}", "",
             t("export.note.certainty_intro", lang), ""]
    actor_counts = Counter(view.actors["certainty"].tolist())
    tie_counts = Counter(view.ties["certainty"].tolist())
    lines.append(f"| {t('export.note.certainty', lang)} | {t('export.note.organisations', lang)} "
                 f"| {t('export.note.ties', lang)} |")
    lines.append("|---|---:|---:|")
    for level in CERTAINTIES:
        label = ds.say(f"certainty.{level}", lang)
        lines.append(f"| {label[:1].upper() + label[1:]} | {actor_counts.get(level, 0)} "
                     f"| {tie_counts.get(level, 0)} |")
    cited = sorted(cited_sources([view.actors, view.ties]) & set(ds.sources.index),
                   key=_source_order)
    lines += ["", f"### {t('export.note.sources', lang, count=len(cited))}", ""]
    if not cited:
        lines.append(t("export.note.no_sources", lang))
    for source_id in cited:
        source = ds.sources.loc[source_id]
        text = f"- {markdown_text(source_id)}: {markdown_text(source['title'])}"
        details = ", ".join(str(source[c]) for c in ("publisher", "date") if source[c])
        if details:
            text += f". {markdown_text(details)}"
        if source["url"]:
            text += f". {markdown_link(source['url'])}"
        lines.append(text)
    return lines


def _source_order(source_id: str) -> tuple[bool, str, int, str]:
    """The thesis (S0) first, then E1, E2... by number."""
    match = re.fullmatch(r"([A-Za-z]+)(\d+)", source_id)
    if not match:
        return (True, source_id, 0, source_id)
    return (match.group(1) != "S", match.group(1), int(match.group(2)), "")


def _data_section(ds: Dataset, today: Today, lang: str) -> list[str]:
    """The data package's title, its licences, and the date of the note."""
    lines = ["", f"## {t('export.note.data', lang)}", "",
             f"- {t('export.note.package', lang, title=markdown_text(ds.title_in(lang)))}"]
    if ds.licences:
        for licence in ds.licences:
            title = licence_title(licence, lang)
            words = markdown_text(" — ".join(dict.fromkeys(
                str(w) for w in (licence.get("name"), title) if w)))
            if licence.get("path"):
                words += f" {markdown_link(licence['path'])}"
            lines.append(f"- {t('export.note.licence', lang, licence=words)}")
    else:
        lines.append(f"- {t('export.note.no_licence', lang)}")
    lines.append(f"- {t('export.note.date', lang, date=export_date(today))}")
    return lines
