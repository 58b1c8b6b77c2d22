"""Suggestions in words: one sentence saying why (:func:`reason`), and every signal with
its label, help text and numbers for display (:func:`signals`), in English or Spanish.

May import: :mod:`network.model`, :mod:`network.text`, :mod:`network.view.state` and
:mod:`.suggestions`.
"""

from __future__ import annotations

from collections.abc import Callable

from network.analysis.collaborators.suggestions import Suggestion
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import SIGNALS

_NAMES_SHOWN = 3  # names listed in a reason before "and N more"


def _lower_first(text: str) -> str:
    """"Organic market network" -> "organic market network"; acronyms stay as they are."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[0].isupper() and not word[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def _names(items: list[str], lang: str) -> str:
    shown = ", ".join(items[:_NAMES_SHOWN])
    if len(items) > _NAMES_SHOWN:
        return t("collab.reason.more", lang, names=shown, count=len(items) - _NAMES_SHOWN)
    return shown


def network_phrase(ds: Dataset, network: str, lang: str = "en") -> str:
    """A network's name to use inside a sentence: "the organic market network"."""
    name = ds.label("networks", network, lang)
    if lang == "es" and name.lower().startswith("red "):
        return "la " + _lower_first(name)
    if lang != "es" and name.lower().endswith(" network"):
        return "the " + _lower_first(name)
    return name


def _discourse_name(ds: Dataset, discourse: str, lang: str) -> str:
    return _lower_first(ds.label("discourses", discourse, lang))


# --- one part of a reason per signal ------------------------------------------------------


def _common_partners(s: Suggestion, ds: Dataset, lang: str) -> str:
    names = [ds.short_name(a, lang) for a in s.common_partners]
    key = "collab.reason.partners_one" if len(names) == 1 else "collab.reason.partners_many"
    return t(key, lang, count=len(names), names=_names(names, lang))


def _shared_networks(s: Suggestion, ds: Dataset, lang: str) -> str:
    if len(s.shared_networks) == 1:
        return t("collab.reason.networks_one", lang,
                 network=network_phrase(ds, s.shared_networks[0], lang))
    names = [network_phrase(ds, n, lang) for n in s.shared_networks]
    return t("collab.reason.networks_many", lang, count=len(names),
             names=_names(names, lang))


def _shared_domains(s: Suggestion, ds: Dataset, lang: str) -> str:
    names = [_lower_first(t(f"domain.{d}", lang)) for d in s.shared_domains]
    return t("collab.reason.domains", lang, names=_names(names, lang))


def _shared_discourses(s: Suggestion, ds: Dataset, lang: str) -> str:
    names = [_discourse_name(ds, d, lang) for d in s.shared_discourses]
    if len(names) == 1:
        return t("collab.reason.discourses_one", lang, name=names[0])
    return t("collab.reason.discourses_many", lang, count=len(names),
             names=_names(names, lang))


def _complementary(s: Suggestion, ds: Dataset, lang: str) -> str:
    own, other = s.complementary[0]
    return t("collab.reason.complementary", lang, mine=t(f"collab.role.{own}", lang),
             theirs=t(f"collab.role.{other}", lang))


#: Levels beyond one country: a state body there is not the state one's partners deal with.
_ABROAD = frozenset({"latin_american", "global"})


def _new_sector(s: Suggestion, ds: Dataset, lang: str) -> str:
    """The sector the candidate would connect to, in words true of the candidate: a foreign
    government's cooperation agency (GIZ, SECO) or an intergovernmental agency is in the
    state sector, but it does not connect anyone to the state of the country."""
    sector = str(s.new_sector)
    if sector == "state" and s.candidate in ds.actors.index:
        kind, level = ds.actors.at[s.candidate, "kind"], ds.actors.at[s.candidate, "level"]
        if kind == "intergovernmental_agency":
            return t("collab.reach.state.intergovernmental", lang)
        if level in _ABROAD:
            return t("collab.reach.state.cooperation" if kind == "funder"
                     else "collab.reach.state.abroad", lang)
    return t(f"collab.reach.sector.{sector}", lang)


def _bridging(s: Suggestion, ds: Dataset, lang: str) -> str:
    what = [t(f"collab.reach.level.{s.new_level}", lang)] if s.new_level else []
    if s.new_sector:
        what.append(_new_sector(s, ds, lang))
    joined = what[0] if len(what) == 1 else t("collab.reason.both", lang,
                                              first=what[0], second=what[1])
    return t("collab.reason.bridging", lang, what=joined)


_PARTS: dict[str, Callable[[Suggestion, Dataset, str], str]] = {
    "common_partners": _common_partners,
    "shared_networks": _shared_networks,
    "shared_domains": _shared_domains,
    "shared_discourses": _shared_discourses,
    "complementary": _complementary,
    "bridging": _bridging,
}


def reason(suggestion: Suggestion, ds: Dataset, lang: str = "en") -> str:
    """One sentence saying why, from the signals that add to the score, biggest first.

    >>> from network.analysis.collaborators.suggestions import suggest
    >>> from network.loading import load
    >>> from network.view.state import Filters
    >>> ds = load().dataset
    >>> reason(suggest(ds, Filters(year=2008), "anpe", limit=1)[0], ds)[-1]
    '.'
    """
    ranked = sorted((n for n in SIGNALS if suggestion.contributions[n] > 0),
                    key=lambda n: -suggestion.contributions[n])
    parts = [_PARTS[name](suggestion, ds, lang) for name in ranked]
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


# --- signals for display ------------------------------------------------------------------


def signal_label(name: str, lang: str = "en") -> str:
    return t(f"collab.signal.{name}", lang)


def signal_help(name: str, lang: str = "en") -> str:
    """What a signal measures, in one sentence (for a tooltip)."""
    return t(f"collab.help.{name}", lang)


def signals(suggestion: Suggestion, lang: str = "en") -> list[tuple[str, float, float]]:
    """Every signal as (label, value in [0, 1], contribution to the score), in SIGNALS order."""
    return [(signal_label(n, lang), suggestion.values[n], suggestion.contributions[n])
            for n in SIGNALS]
