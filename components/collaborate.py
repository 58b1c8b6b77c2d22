"""The "find collaborators" panel: my organisation, its partners, suggestions with their
reasons, and who could introduce us (plain data in, Dash components out; no callbacks).

Longer than 400 lines: one panel (the form, the suggestions, the introductions) whose
parts share the same few state fields; split, each part would re-read them.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from network.analysis import collaborators
from network.analysis.frame import frame_of
from network.model.dataset import Dataset
from network.model.schema import LEVELS
from network.text.catalogue import t
from network.text.folding import fold
from network.view.state import MAX_WEIGHT, ViewState
from network.view.visible import search

from .ids import ID, INTRO, PICK
from .words import dropdown_labels, live_text

SUGGESTIONS_SHOWN = 10
LONGEST_INTRODUCTION = collaborators.LONGEST_INTRODUCTION


def score_text(score: float) -> str:
    """A score as the panel and the CSV both write it (one decimal)."""
    return f"{score:.1f}"


def top_score(state: ViewState) -> float:
    """The highest possible score: every signal at its full value (the sum of the weights)."""
    return sum(weights(state).values()) or 1.0


def weights(state: ViewState) -> dict[str, float]:
    """The state's signal weights by name (the defaults when the state has none)."""
    return state.signal_weights


def active(state: ViewState) -> bool:
    """Is the collaborators panel open with an organisation chosen?"""
    return state.panel == "collaborate" and state.me is not None


def present(ds: Dataset, state: ViewState) -> bool:
    """…and is that organisation in view (so that there is something to suggest)?"""
    return active(state) and state.me in frame_of(ds, state.filters, state.metric).view.graph


def suggestions(ds: Dataset, state: ViewState, limit: int | None = SUGGESTIONS_SHOWN) -> list:
    return collaborators.suggest(ds, state.filters, state.me, weights=weights(state),
                                 only_ngos=state.only_ngos,
                                 only_levels=state.only_levels, limit=limit)


def paths(ds: Dataset, state: ViewState) -> list[tuple[str, ...]]:
    if not active(state) or state.target is None:
        return []
    return collaborators.introductions(ds, state.filters, state.me, state.target)


def focus(ds: Dataset, state: ViewState) -> tuple | None:
    """What the graph highlights: my organisation, its ego network, the ways in and the
    suggested collaborators (None when the panel is closed or my organisation is not in view)."""
    if not present(ds, state):
        return None
    return (state.me, collaborators.ego(ds, state.filters, state.me, state.steps),
            tuple(paths(ds, state)), tuple(s.candidate for s in suggestions(ds, state)))


# --- the static controls -----------------------------------------------------------------

def actor_options(ds: Dataset, lang: str) -> list[dict]:
    """Every actor to choose from: named organisations first, groups of unnamed members
    last, each in alphabetical order; typing matches with or without accents."""
    out = []
    for a, row in ds.actors.iterrows():
        short, name = ds.short_name(a, lang), ds.actor_name(a, lang)
        label = f"{short} — {name}" if row["acronym"] else name
        out.append(((bool(row["is_group"]), label.casefold()),
                    {"label": label, "value": a,
                     "search": fold(f"{short} {name} {row['name']} {row['name_es']}")}))
    return [option for _, option in sorted(out, key=lambda item: item[0])]


def matching(ds: Dataset, query: str | None, lang: str, keep: str | None = None) -> list[dict]:
    """The choices for what is typed, best first, as the header search ranks them (exact
    name or acronym, then names starting with it, …; accents ignored), plus ``keep`` (the
    current choice, so that it still shows)."""
    everyone = actor_options(ds, lang)
    if not query or not query.strip():
        return everyone
    by_id = {o["value"]: o for o in everyone}
    found = search(ds, query, limit=30)
    if keep in by_id and keep not in found:
        found.append(keep)
    return [by_id[a] for a in found]


def options(ds: Dataset, lang: str) -> dict[str, list[dict]]:
    """The choices of the panel's controls, labelled in ``lang``."""
    actors = actor_options(ds, lang)
    return {
        ID.ME: actors,
        ID.TARGET: actors,
        ID.STEPS: [{"label": t("ui.co.steps.1", lang), "value": 1},
                   {"label": t("ui.co.steps.2", lang), "value": 2}],
        ID.ONLY_NGOS: [{"label": t("ui.co.only.ngos", lang), "value": "ngos"}],
        ID.ONLY_LEVELS: [{"label": t(f"level.{v}", lang), "value": v} for v in LEVELS],
    }


def controls(ds: Dataset, lang: str) -> html.Div:
    """The panel's controls at the default state (the sync callback sets them from the URL)."""

    defaults = weights(ViewState())
    sliders = []
    for name, cid in zip(collaborators.SIGNALS, ID.WEIGHTS, strict=True):
        sliders.append(html.Div([
            live_text(f"collab.signal.{name}", lang, html.Label, htmlFor=cid,
              title=collaborators.signal_help(name, lang), className="weight-label"),
            dcc.Slider(id=cid, min=0, max=MAX_WEIGHT, step=1, value=defaults[name],
                       marks={i: str(i) for i in range(int(MAX_WEIGHT) + 1)}, included=True,
                       className="weight-slider"),
        ], className="weight"))
    opts = options(ds, lang)
    return html.Div([
        html.Label(live_text("ui.co.me", lang), htmlFor=ID.ME, className="field-label"),
        dcc.Dropdown(id=ID.ME, options=opts[ID.ME], value=None, search_order="original",
                     placeholder=t("ui.co.me.placeholder", lang), labels=dropdown_labels(lang)),
        # on one line: the suggestions below should start as high as they can
        html.Div([
            live_text("ui.co.steps", lang, className="field-label",
                      style={"display": "inline", "marginRight": ".5rem"}),
            dcc.RadioItems(id=ID.STEPS, value=1, inline=True, options=opts[ID.STEPS],
                           style={"display": "inline-block"}),
        ], className="steps"),
        html.Details([
            html.Summary(live_text("ui.co.weights", lang)),
            live_text("ui.co.weights.help", lang, html.P, className="help"),
            *sliders,
            live_text("ui.co.only", lang, html.P, className="field-label"),
            dcc.Checklist(id=ID.ONLY_NGOS, options=opts[ID.ONLY_NGOS], value=[],
                          className="checks"),
            live_text("ui.co.only.levels", lang, html.P, className="help"),
            dcc.Checklist(id=ID.ONLY_LEVELS, options=opts[ID.ONLY_LEVELS], value=[],
                          className="checks"),
        ], className="weights"),
        html.Label(live_text("ui.co.target", lang), htmlFor=ID.TARGET, className="field-label"),
        dcc.Dropdown(id=ID.TARGET, options=opts[ID.TARGET], value=None, search_order="original",
                     placeholder=t("ui.co.target.placeholder", lang),
                     labels=dropdown_labels(lang)),
    ], className="collab-controls")


# --- the results ---------------------------------------------------------------------------

def _pick(ds: Dataset, actor: str, lang: str) -> html.Button:
    return html.Button(ds.short_name(actor, lang), id={"type": PICK, "actor": actor},
                       className="link-button", title=ds.actor_name(actor, lang))


def _partners(ds: Dataset, state: ViewState, lang: str, year: int) -> list:
    frame = collaborators.partners(ds, state.filters, state.me)
    items = []
    for partner, relation, network, direction, certainty in frame[
            ["partner", "relation", "network", "direction", "certainty"]].itertuples(
                index=False, name=None):
        rel = t(f"relation.{relation}", lang)
        me = ds.short_name(state.me, lang)
        sentence = ([me, f" {rel} ", _pick(ds, partner, lang)] if direction == "out"
                    else [_pick(ds, partner, lang), f" {rel} ", me])
        phrase = collaborators.network_phrase(ds, network, lang)
        items.append(html.Li([*sentence, html.Span(f" · {phrase} · ",
                                                   className="muted"),
                              html.Span(ds.say(f"certainty.{certainty}", lang),
                                        className=f"certainty {certainty}")]))
    return [
        html.H3(ds.say("ui.co.partners", lang, year=year), className="partners-head"),
        html.Ul(items, className="ties") if items else
        html.P(t("ui.co.partners.none", lang), className="help"),
    ]


def _signal_table(s: collaborators.Suggestion, state: ViewState, lang: str) -> dcc.Markdown:
    """The signals behind a score as one Markdown table: one component, not 38 (ten of these
    as Dash tables made the page's renderer take seconds; each signal's meaning is on its
    weight's label in the controls)."""
    w = weights(state)

    def cells(values: list[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    head = cells([t(k, lang) for k in
                  ("ui.co.signal", "ui.co.value", "ui.co.weight", "ui.co.points")])
    rows = [cells([collaborators.signal_label(n, lang), f"{s.values[n]:.2f}", f"{w[n]:g}",
                   f"{s.contributions[n]:.2f}"]) for n in collaborators.SIGNALS]
    return dcc.Markdown("\n".join([head, "|:--|--:|--:|--:|", *rows]), className="signals")


def way_in(s: collaborators.Suggestion, lang: str) -> str:
    """How far the suggestion is, in words: "1 intermediary", "4 intermediaries: too many
    for a real introduction", or that no chain of ties in the data leads there."""
    if s.intermediaries is None:
        return t("ui.co.way.none", lang)
    if s.too_far:
        return t("ui.co.way.long", lang, count=s.intermediaries)
    return (t("ui.co.paths.step", lang) if s.intermediaries == 1
            else t("ui.co.paths.steps", lang, count=s.intermediaries))


def _ask(ds: Dataset, s: collaborators.Suggestion, lang: str) -> list:
    """"Who can introduce us?" with how far the answer is, or, when no chain of ties leads
    to the suggestion, that there is no way in within the data (and no button to ask)."""
    if not s.reachable:
        return [html.Span(way_in(s, lang), className="way-in none",
                          title=t("ui.co.way.none.help", lang))]
    name = ds.short_name(s.candidate, lang)
    return [
        html.Button(t("ui.co.introduce", lang), id={"type": INTRO, "actor": s.candidate},
                    className="button small",
                    # what the page says at once while the answer is computed
                    **{"aria-label": t("ui.co.introduce.to", lang, name=name),
                       "data-pending": t("ui.co.paths.pending", lang, name=name)}),
        html.Span(f" {way_in(s, lang)}", className="way-in long" if s.too_far else "way-in",
                  # "1 intermediary" stays beside the button
                  style=None if s.too_far else {"whiteSpace": "nowrap"}),
    ]


def _suggestions(ds: Dataset, state: ViewState, lang: str,
                 found: list[collaborators.Suggestion], answer: list) -> list:
    """The suggestions, with the answer to "who can introduce us?" under the one asked
    about (where the user clicked), and the order of equal scores explained."""
    if not found:
        return [html.H3(t("ui.co.suggestions", lang)),
                html.P(t("ui.co.suggestions.none", lang), className="help")]
    top = top_score(state)
    items = []
    for s in found:
        items.append(html.Li([
            html.Div([
                _pick(ds, s.candidate, lang),
                html.Span(t("ui.co.score", lang, score=score_text(s.score), top=f"{top:g}"),
                          className="muted", title=t("ui.co.score.help", lang)),
                html.Span(className="score-bar", style={"width": f"{5 * s.score / top:.2f}rem"}),
            ], className="suggestion-head"),
            html.P(collaborators.reason(s, ds, lang), className="reason"),
            html.Details([html.Summary(t("ui.co.why", lang)), _signal_table(s, state, lang)]),
            *_ask(ds, s, lang),
            *(answer if s.candidate == state.target else []),
        ], className="suggestion"))
    scores = [score_text(s.score) for s in found]
    ties = ([html.P(t("ui.co.ties", lang), className="help")]
            if len(set(scores)) < len(scores) else [])
    # said once, before the list, when nobody in the data can introduce any of them
    alone = ([html.P(t("ui.co.way.none.all", lang, me=ds.short_name(str(state.me), lang)),
                     className="help")]
             if not any(s.reachable for s in found) else [])
    return [html.H3(t("ui.co.suggestions", lang)), *alone,
            html.Ol(items, className="suggestions"), *ties]


def _together(ds: Dataset, state: ViewState, lang: str) -> list:
    """Who the organisation already meets inside an umbrella it belongs to (not suggested)."""
    by_umbrella: dict[str, list[str]] = {}
    for other, umbrella in collaborators.together(ds, state.filters, state.me).items():
        by_umbrella.setdefault(umbrella, []).append(other)
    out: list = []
    for umbrella, others in by_umbrella.items():
        names = sorted(others, key=lambda a: ds.short_name(a, lang))
        out.append(html.H4(t("ui.co.together", lang, umbrella=ds.short_name(umbrella, lang))))
        # each name held to its comma, so that a line never starts with one
        out.append(html.P([x for k, a in enumerate(names) for x in (
            html.Span([_pick(ds, a, lang), "," if k < len(names) - 1 else ""],
                      style={"whiteSpace": "nowrap"}), " ")]))
    if out:
        out.append(html.P(t("ui.co.together.help", lang), className="help"))
    return out


def _path_words(ds: Dataset, path: tuple[str, ...], lang: str) -> str:
    return " → ".join(ds.short_name(a, lang) for a in path)


def _paths(ds: Dataset, state: ViewState, lang: str, year: int) -> list:
    if state.target is None:
        return []
    name = ds.short_name(state.target, lang)
    out: list = [html.H3(t("ui.co.paths", lang, name=name))]
    found = paths(ds, state)
    if state.target == state.me:
        out.append(html.P(t("ui.co.paths.self", lang), className="notice", role="status"))
    elif state.target not in frame_of(ds, state.filters, state.metric).view.graph:
        out.append(html.P(ds.say("ui.co.paths.absent", lang, name=name, year=year),
                          className="notice", role="status"))
    elif not found:
        out.append(html.P(t("ui.co.paths.none", lang, me=ds.short_name(state.me, lang),
                            name=name), className="notice", role="status"))
    elif len(found[0]) == 2:
        out.append(html.P(t("ui.co.paths.direct", lang, name=name), role="status"))
    else:
        items = []
        for path in found:
            middle = path[1:-1]
            steps = (t("ui.co.paths.step", lang) if len(middle) == 1
                     else t("ui.co.paths.steps", lang, count=len(middle)))
            items.append(html.Li([
                html.Span(_path_words(ds, path, lang), className="path"),
                html.Span(f" · {steps} · ", className="muted"),
                t("ui.co.paths.via", lang), " ",
                *[x for k, a in enumerate(middle)
                  for x in ((", " if k else ""), _pick(ds, a, lang))],
            ]))
        shortest = len(found[0]) - 2
        long = ([html.P(t("ui.co.paths.long", lang, count=shortest), className="notice")]
                if shortest > LONGEST_INTRODUCTION else [])
        out.append(html.Div([html.Ol(items, className="paths"), *long], role="status"))
    if found and len(found[0]) > 2:
        out.append(html.Button(t("ui.co.paths.graph", lang), className="link-button to-graph",
                               **{"data-scroll-to": ID.GRAPH}))
    # under the suggestion asked about, or at the top of the results: the page brings it into
    # view and focus; a new target is a new element (key), never the old one relabelled
    return [html.Div(out, id=ID.CO_PATHS, tabIndex=-1, key=f"paths-{state.target}",
                     **{"data-target": state.target})]


def results(ds: Dataset, state: ViewState, lang: str, year: int) -> list:
    """Partners, suggestions and ways in for the state's organisation."""
    if state.me is None:
        return [html.P(t("ui.co.hint", lang), className="help")]
    if state.me not in frame_of(ds, state.filters, state.metric).view.graph:
        return [html.P(ds.say("ui.co.absent", lang, name=ds.actor_name(state.me, lang), year=year),
                       className="notice", role="status")]
    # suggestions first (what the panel is for), then the partners the graph shows already
    found = suggestions(ds, state)
    answer = _paths(ds, state, lang, year)
    inline = state.target in {s.candidate for s in found}
    return [
        *([] if inline else answer),
        *_suggestions(ds, state, lang, found, answer if inline else []),
        *_together(ds, state, lang),
        *_partners(ds, state, lang, year),
    ]


def downloads(lang: str) -> html.Div:
    """The two CSV buttons (enabled by the render callback when there is something to save)."""

    return html.Div([
        html.Button(live_text("ui.co.download.suggestions", lang), id=ID.DOWNLOAD_SUGGESTIONS,
                    className="button secondary small", disabled=True),
        html.Button(live_text("ui.co.download.paths", lang), id=ID.DOWNLOAD_PATHS,
                    className="button secondary small", disabled=True),
        dcc.Download(id=ID.DOWNLOAD),
    ], className="downloads")


# --- tables for download -----------------------------------------------------------------------

def suggestion_table(ds: Dataset, state: ViewState, lang: str) -> pd.DataFrame:
    """Every suggestion (not only the ten shown), with its signals' points and reason."""
    found = suggestions(ds, state, limit=None) if present(ds, state) else []
    # the full name, and the short one that the reasons use (one CSV, one way of naming)
    col = {k: t(f"ui.co.col.{k}", lang) for k in ("rank", "id", "name", "short", "reason",
                                                   "way")}
    # the score as the panel writes it, and what it is out of
    col["score"] = t("ui.co.col.score", lang, top=f"{top_score(state):g}")
    rows = [{col["rank"]: i, col["id"]: s.candidate, col["name"]: ds.actor_name(s.candidate, lang),
             col["short"]: ds.short_name(s.candidate, lang),
             col["score"]: float(score_text(s.score)),
             # points (weight x value), as "Why this score" shows them, named as points
             **{t("ui.co.col.points", lang, signal=collaborators.signal_label(n, lang)):
                round(s.contributions[n], 2) for n in collaborators.SIGNALS},
             col["reason"]: collaborators.reason(s, ds, lang), col["way"]: way_in(s, lang)}
            for i, s in enumerate(found, start=1)]
    columns = [col["rank"], col["id"], col["name"], col["short"], col["score"],
               *(t("ui.co.col.points", lang, signal=collaborators.signal_label(n, lang))
                 for n in collaborators.SIGNALS),
               col["reason"], col["way"]]
    return pd.DataFrame(rows, columns=columns)


def path_table(ds: Dataset, state: ViewState, lang: str) -> pd.DataFrame:
    col = {k: t(f"ui.co.col.{k}", lang) for k in ("rank", "path", "intermediaries", "ids")}
    rows = [{col["rank"]: i, col["path"]: _path_words(ds, p, lang),
             col["intermediaries"]: "; ".join(ds.short_name(a, lang) for a in p[1:-1]),
             col["ids"]: ";".join(p)}
            for i, p in enumerate(paths(ds, state), start=1)]
    return pd.DataFrame(rows, columns=list(col.values()))
