"""Panels built from plain domain results: key-actor table, profile, legend, charts."""

from __future__ import annotations

import math

import pandas as pd
from dash import html

from network.model.dataset import THESIS, Dataset
from network.model.links import web_link
from network.model.schema import NGO_KINDS
from network.text.catalogue import t
from network.view.visible import UNSTATED, View

from .ids import COLLAB_FOR, PICK
from .palette import COLOURS, SHAPE_SYMBOL


def _fmt(value: float) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}"


def _change(row: pd.Series, lang: str, compared: bool) -> html.Span:
    """The move since the year before; ``compared`` is False in the data's first year,
    where no actor is "new" (nothing came before)."""
    if not compared:
        return html.Span("–", className="change")
    if pd.isna(row["previous_rank"]):
        return html.Span(t("ui.key_actors.new", lang), className="change new")
    n = int(row["change"])
    if n > 0:
        return html.Span(t("ui.key_actors.up", lang, n=n), className="change up")
    if n < 0:
        return html.Span(t("ui.key_actors.down", lang, n=-n), className="change down")
    return html.Span(t("ui.key_actors.same", lang), className="change same")


def key_actor_table(ds: Dataset, table: pd.DataFrame, lang: str, selected: str | None,
                    thesis: list[tuple[str, int | None]] | None = None,
                    year: int | None = None) -> list:
    """The ranking computed for the view (in ``year``), and beside it whom the thesis names
    as key actors (``thesis``: :func:`network.analysis.ranking.thesis_ranks`), each with its
    rank here. Data with no years has no column of changes; its first year shows none."""
    if table.empty:
        return [html.P(t("ui.key_actors.empty", lang), className="empty")]
    named = {a for a, _ in thesis or []}
    compared = year is None or year > ds.first_year
    head = html.Thead(html.Tr([
        html.Th(t("ui.key_actors.rank", lang), scope="col"),
        html.Th(t("ui.key_actors.actor", lang), scope="col"),
        html.Th(t("ui.key_actors.value", lang), scope="col", className="num"),
        *([] if ds.timeless else [html.Th(t("ui.key_actors.change", lang), scope="col")]),
    ]))
    rows = []
    for _, row in table.iterrows():
        actor_id = row["id"]
        rows.append(html.Tr([
            html.Td(str(int(row["rank"]))),
            html.Td([html.Button(ds.short_name(actor_id, lang),
                                 id={"type": PICK, "actor": actor_id},
                                 className="link-button", title=ds.actor_name(actor_id, lang)),
                     *([html.Span(" ★", className="thesis-mark",
                                  title=ds.say("ui.key_actors.named", lang),
                                  **{"aria-label": ds.say("ui.key_actors.named", lang)})]
                       if actor_id in named else [])]),
            html.Td(_fmt(row["value"]), className="num"),
            *([] if ds.timeless else [html.Td(_change(row, lang, compared))]),
        ], className="selected" if actor_id == selected else None))
    return [html.Table([head, html.Tbody(rows)], className="key-actors"),
            *_thesis_line(ds, thesis or [], lang)]


def _thesis_line(ds: Dataset, thesis: list[tuple[str, int | None]], lang: str) -> list:
    if not thesis:
        return []
    ranked = ", ".join(f"{ds.short_name(a, lang)} {r}" for a, r in thesis if r is not None)
    absent = ", ".join(ds.short_name(a, lang) for a, r in thesis if r is None)
    text = ds.say("ui.key_actors.thesis", lang, n=len(thesis), ranked=ranked or "–")
    if absent:
        text += " " + t("ui.key_actors.thesis_absent", lang, names=absent)
    return [html.P(["★ ", text], className="help thesis-line")]


def thesis_roles(ds: Dataset, actor: pd.Series, lang: str) -> str:
    """What the thesis calls the actor (key, main or central, and where), in words."""
    parts = []
    if bool(actor.get("thesis_key")) and pd.notna(actor.get("thesis_key")):
        parts.append(ds.say("ui.details.thesis.key", lang))
    scopes = [s for s in str(actor.get("thesis_central") or "").split(";") if s]
    if scopes:
        names = [ds.label("networks", s, lang) if s in ds.networks.index else t(f"domain.{s}", lang)
                 for s in scopes]
        parts.append(t("ui.details.thesis.central", lang, where=", ".join(names)))
    return "; ".join(parts) + (" (S0)" if parts else "")


def legend(ds: Dataset, colour_by: str, categories: list[str], lang: str,
           unplaced: bool = False, undated: bool = True) -> list:
    """The graph's legend; ``unplaced``: the view shows actors whose level is not stated
    (hollow), so the legend says what that means; ``undated``: something in view has no
    known year (drawn dotted)."""
    prefix = {"ngo_type": "ngo_type", "kind": "kind", "sector": "sector",
              "level": "level"}[colour_by]
    if colour_by == "sector":
        # colour and shape say the same: one list, each entry in its colour and shape
        swatches = [
            html.Li([html.Span(SHAPE_SYMBOL[c], className="shape",
                               style={"color": COLOURS["sector"][c]}, **{"aria-hidden": "true"}),
                     t(f"sector.{c}", lang)])
            for c in categories if c in SHAPE_SYMBOL
        ]
        shapes = []
    else:
        swatches = [
            html.Li([html.Span(className="swatch", style={"background": COLOURS[colour_by][c]}),
                     t(f"{prefix}.{c}", lang)])
            for c in categories
        ]
        shapes = [
            html.Li([html.Span(SHAPE_SYMBOL[s], className="shape", **{"aria-hidden": "true"}),
                     t(f"sector.{s}", lang)])
            for s in SHAPE_SYMBOL
        ]
    return [
        html.Ul(swatches, className="swatches"),
        *([html.Ul(shapes, className="shapes", **{"aria-label": t("ui.legend.shapes", lang)})]
          if shapes else []),
        html.Ul([
            html.Li(t("ui.legend.size", lang)),
            html.Li(ds.say("ui.legend.inferred", lang)),
            html.Li(t("ui.legend.group", lang)),
            # "dotted: year unknown" only where something in view has no known year (and
            # never in data with no year at all, where it would be true of everything)
            *([html.Li(t("ui.legend.undated", lang))] if undated and not ds.timeless else []),
            *([html.Li(t("ui.legend.unplaced", lang))] if unplaced else []),
        ], className="cues"),
    ]


def _sources(ds: Dataset, evidence: str) -> list:
    out = []
    for src in filter(None, (s.strip() for s in evidence.split(";"))):
        if src in ds.sources.index:
            s = ds.sources.loc[src]
            url = web_link(s["url"])  # a source without a web address points at the list
            out.append(html.A(src, href=url or f"#source-{src}", title=s["title"],
                              target="_blank" if url else None, rel="noopener",
                              className="source"))
        else:
            out.append(html.Span(src, className="source"))
        out.append(" ")
    return out


def _profile_evidence(ds: Dataset, actor_id: str, a: pd.Series, view: View) -> str:
    """Every source the profile rests on, once each: the actor's own facts', then those its
    ties in view and its discourses cite (a reader tracing a fact finds them all in one
    list, journeys-5)."""
    ties = view.ties[(view.ties["source"] == actor_id) | (view.ties["target"] == actor_id)]
    endorsed = ds.actor_discourses[ds.actor_discourses["actor"] == actor_id]
    cited = [a["evidence"], *ties["evidence"], *endorsed["evidence"]]
    ids = [s.strip() for text in cited for s in str(text or "").split(";") if s.strip()]
    return ";".join(dict.fromkeys(ids))


def profile(ds: Dataset, actor_id: str | None, view: View, year: int, lang: str) -> list:
    """The selected actor's profile: names, attributes, ties in view, discourses, sources."""
    if actor_id is None or actor_id not in ds.actors.index:
        return [html.P(t("ui.details.hint", lang), className="help")]
    a = ds.actors.loc[actor_id]
    name = ds.actor_name(actor_id, lang)
    # the facts as the view shows them: with "stated only", an inferred type, level or year
    # is withheld in the profile as in the picture and the counts
    shown = view.actors.loc[actor_id] if actor_id in view.actors.index else a
    body = [*_identity(ds, actor_id, a, name, lang),
            html.Dl(_fact_items(ds, shown, lang, withheld=pd.notna(a["founded"])),
                    className="facts")]
    if actor_id not in view.actors.index:
        body.append(html.P(t("ui.details.not_in_view", lang), className="warning"))
    ties = _tie_items(ds, actor_id, name, view, lang)
    body += [
        html.H4(t("ui.details.ties", lang) + " — "
                + ds.say("ui.details.ties_in_view", lang, n=len(ties), year=year)),
        html.Ul(ties, className="ties") if ties else html.P(t("ui.details.no_ties", lang)),
    ]
    discourses = _discourse_items(ds, actor_id, lang)
    if discourses:
        body += [html.H4(t("ui.details.discourses", lang)), html.Ul(discourses)]
    body += [html.H4(t("ui.details.sources.all", lang)),
             html.P(_sources(ds, _profile_evidence(ds, actor_id, a, view)))]
    body.append(_note(ds, a, lang))
    return [b for b in body if b is not None]


def _identity(ds: Dataset, actor_id: str, a: pd.Series, name: str, lang: str) -> list:
    """The profile's head: the name; on an English page the Spanish name when it differs
    (else None: a Spanish page shows no English name); the description and the button to
    find collaborators for the actor."""
    other = str(a["name_es"]) if lang == "en" else ""
    description = a["description_es"] if lang == "es" else a["description"]
    return [
        html.H3(name),
        html.P(other, className="muted") if other and other != name else None,
        html.P(description),
        html.Button(t("ui.co.for", lang, name=ds.short_name(actor_id, lang)),
                    id={"type": COLLAB_FOR, "actor": actor_id}, className="button small"),
    ]


def _fact_items(ds: Dataset, a: pd.Series, lang: str, withheld: bool = False) -> list:
    """The actor's attributes as the terms and descriptions of a definition list; a fact
    the data leaves empty (city, members, what the thesis calls it) is left out, one the
    view's certainty withholds says so (``withheld``: the data has a founding year)."""
    level = t("level." + a["level"], lang)
    if a["level"] != UNSTATED:
        level += f" ({ds.say('certainty.' + a['level_certainty'], lang)})"
    facts = [
        ("ui.details.kind", t(f"kind.{a['kind']}", lang)),
        ("ui.details.ngo_type", _ngo_type(a, lang)),
        ("ui.details.sector", t(f"sector.{a['sector']}", lang)),
        ("ui.details.level", level),
        ("ui.details.domains", ", ".join(t(f"domain.{d}", lang) for d in a["domains"].split(";"))),
    ]
    if a["city"]:
        facts.append(("ui.details.city", a["city"]))
    facts.append(("ui.details.founded", _years_active(ds, a, lang, withheld)))
    if pd.notna(a["member_count"]):
        facts.append(("ui.details.members", str(int(a["member_count"]))))
    said = thesis_roles(ds, a, lang)
    if said:
        facts.append((ds.words("ui.details.thesis"), said))
    facts.append(("ui.details.certainty", f"{ds.say('certainty.' + a['certainty'], lang)} "
                                          f"/ {t('ui.details.type_facts', lang)}: "
                                          f"{ds.say('certainty.' + a['type_certainty'], lang)}"))
    items = []
    for key, value in facts:
        items += [html.Dt(t(key, lang)), html.Dd(value)]
    return items


def _ngo_type(a: pd.Series, lang: str) -> str:
    """The NGO type; for an NGO whose type is not given (an upload, or one outside the
    thesis's typology), "not given", never "not an NGO"."""
    if a["ngo_type"]:
        return t(f"ngo_type.{a['ngo_type']}", lang)
    return t("ngo_type.not_given" if a["kind"] in NGO_KINDS else "ngo_type.none", lang)


def _years_active(ds: Dataset, a: pd.Series, lang: str, withheld: bool = False) -> str:
    """The founding year with its certainty ("not known" when no source gives it, "not
    shown at this certainty" when the view withholds it) and the year the actor stopped,
    if it did."""
    if pd.isna(a["founded"]):
        years = ds.say("ui.details.founded.withheld" if withheld else "certainty.unknown", lang)
    else:
        years = str(int(a["founded"]))
    if pd.notna(a["active_until"]):
        years += f" {t('ui.details.until', lang)} {int(a['active_until'])}"
    if pd.notna(a["founded"]):
        years += f" ({ds.say('certainty.' + a['founded_certainty'], lang)})"
    return years


def _tie_items(ds: Dataset, actor_id: str, name: str, view: View, lang: str) -> list:
    """The actor's ties in view, one sentence each."""
    rows = view.ties[(view.ties["source"] == actor_id) | (view.ties["target"] == actor_id)]
    return [_tie_item(ds, tie, actor_id, name, lang) for _, tie in rows.iterrows()]


def _tie_item(ds: Dataset, tie: pd.Series, actor_id: str, name: str, lang: str) -> html.Li:
    """One tie as a sentence read in its direction ("IDMA is a member of RAE Perú"), the
    other actor a button to its profile; then network, year, certainty and sources."""
    outgoing = tie["source"] == actor_id
    other_id = tie["target"] if outgoing else tie["source"]
    relation = t(f"relation.{tie['relation']}", lang)
    if tie["relation"] == "member_of" and bool(ds.actors.loc[tie["target"], "is_group"]):
        # a group node is members, not a body one joins: "is one of the member NGOs"
        relation = t("relation.member_of_group", lang)
    network = ds.label("networks", tie["network"], lang)
    if tie["network_certainty"] != tie["certainty"]:  # e.g. a stated tie, its network our reading
        network += f" ({ds.say('certainty.' + tie['network_certainty'], lang)})"
    other = html.Button(ds.short_name(other_id, lang), id={"type": PICK, "actor": other_id},
                        className="link-button")
    sentence = [name, f" {relation} ", other] if outgoing else [other, f" {relation} ", name]
    when = (t("ui.details.year_unknown", lang) if pd.isna(tie["from_year"])
            else t("ui.details.from", lang, year=int(tie["from_year"])))
    return html.Li([
        *sentence,
        html.Span(f" · {network} · {when} · ", className="muted"),
        html.Span(ds.say(f"certainty.{tie['certainty']}", lang),
                  className=f"certainty {tie['certainty']}"),
        " ", *_sources(ds, tie["evidence"]),
    ])


def _discourse_items(ds: Dataset, actor_id: str, lang: str) -> list:
    """The discourses the actor endorses, each with its year, certainty and sources."""
    endorsed = ds.actor_discourses[ds.actor_discourses["actor"] == actor_id]
    return [
        html.Li([
            ds.label("discourses", d["discourse"], lang),
            html.Span(f" · {t('ui.details.from', lang, year=int(d['from_year']))} · "
                      f"{ds.say('certainty.' + d['certainty'], lang)} ", className="muted"),
            *_sources(ds, d["evidence"]),
        ])
        for _, d in endorsed.iterrows()
    ]


def _note(ds: Dataset, a: pd.Series, lang: str) -> html.P | None:
    """The actor's note in the page's language (``note_es`` on a Spanish page, ``note`` on
    an English one); when that one is empty, the other, labelled with its language and
    marked for screen readers. An upload's ``note`` may be in any language, so only the
    bundled data's English note is labelled English; ``note_es`` is Spanish by its name."""
    spanish, english = str(a.get("note_es") or ""), str(a.get("note") or "")
    own = spanish if lang == "es" else english
    if own:
        text, key, marked = own, "ui.details.note", None
    elif lang == "es" and english:
        bundled = ds.voice == THESIS
        text, key = english, "ui.details.note.en" if bundled else "ui.details.note"
        marked = "en" if bundled else None
    elif lang != "es" and spanish:
        text, key, marked = spanish, "ui.details.note.es", "es"
    else:
        return None
    return html.P([html.Strong(t(key, lang) + ": "), html.Span(text, lang=marked)],
                  className="note")


def dating_line(ds: Dataset, counts, undated: str, lang: str) -> str:
    """How much of the view is dated, in one sentence (a ranking ``Dating``); nothing for
    data with no years (the time bar says so)."""
    if ds.timeless:
        return ""
    mode = ds.say(f"ui.dating.{undated}", lang, year=ds.undated_from)
    return ds.say("ui.dating", lang, backed=counts.actors_backed, actors=counts.actors,
                  inferred=counts.actors_inferred, unknown=counts.actors_unknown,
                  unknown_mode=mode, ties_dated=counts.ties_dated,
                  ties=counts.ties_dated + counts.ties_undated)
