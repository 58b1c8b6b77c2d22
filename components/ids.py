"""Every component id of the app, in one place (no string literals elsewhere)."""

from __future__ import annotations


class ID:
    APP = "app"
    URL = "url"
    LANG = "lang"
    LEVELS = "levels"
    DOMAINS = "domains"
    NETWORKS = "networks"
    SECTORS = "sectors"
    NGO_TYPES = "ngo-types"
    CERTAINTY = "certainty"
    YEAR = "year"
    YEAR_LABEL = "year-label"
    PLAY = "play"
    TIMER = "timer"
    METRIC = "metric"
    METRIC_HELP = "metric-help"
    COLOUR = "colour"
    LAYOUT = "layout"
    SELECTED = "selected"
    SEARCH = "search"
    SEARCH_HITS = "search-hits"
    GRAPH = "graph"
    GRAPH_EMPTY = "graph-empty"
    GRAPH_SUMMARY = "graph-summary"
    LEGEND = "legend"
    KEY_ACTORS = "key-actors"
    BREAKDOWN = "breakdown"
    BREAKDOWN_BY = "breakdown-by"
    TIMELINE = "timeline"
    DETAILS = "details"
    SHARE = "share"
    SHARE_LINK = "share-link"
    RESET = "reset"
    PROVENANCE = "provenance"
    CENTRE_DONE = "centre-done"
    #: The paint delta the server sends, the key of the view the graph shows, and a nudge
    #: the browser gives when it needs a full paint. assets/redes.js names GRAPH and RESYNC.
    PAINT = "paint"
    PAINTED = "painted"
    RESYNC = "resync"


#: Pattern-matching id types.
TEXT = "t"  # {"type": TEXT, "key": catalogue key}: static text, translated on language change
SEARCH_HIT = "search-hit"  # {"type": SEARCH_HIT, "actor": id}
PICK = "pick"  # {"type": PICK, "actor": id}: any button that selects an actor
