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
    UNDATED = "undated"  # when organisations and ties with no known year are shown
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
    DATING = "dating"  # how much of the view is dated
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
    # finding collaborators
    PANEL = "panel"
    DETAILS_PANEL = "details-panel"
    COLLAB_PANEL = "collab-panel"
    ME = "me"
    TARGET = "target"
    STEPS = "steps"
    WEIGHTS = tuple(f"weight-{i}" for i in range(6))  # one slider per collaborator signal
    ONLY_NGOS = "only-ngos"
    ONLY_LEVELS = "only-levels"
    COLLAB = "collab"
    DOWNLOAD_SUGGESTIONS = "download-suggestions"
    DOWNLOAD_PATHS = "download-paths"
    DOWNLOAD = "download"
    # saving the view
    EXPORT_PNG = "export-png"
    EXPORT_SVG = "export-svg"
    EXPORT_TABLES = "export-tables"
    EXPORT_TABLES_CSV = "export-tables-csv"
    EXPORT_GRAPHML = "export-graphml"
    EXPORT_GEXF = "export-gexf"
    EXPORT_DATA = "export-data"
    EXPORT_EVIDENCE = "export-evidence"
    EXPORT_DOWNLOAD = "export-download"
    EXPORT_CAPTION = "export-caption"  # the "add a caption to the picture" box
    PICTURE_CAPTION = "picture-caption"  # what a saved picture is for, and its caption
    PICTURE_SAVED = "picture-saved"
    EVIDENCE_PICTURE = "evidence-picture"  # the picture the browser drew, for the evidence pack
    HTML_LANG = "html-lang"
    # the discourse view
    VIEW = "view"
    DISCOURSE = "discourse"
    NETWORK_VIEW = "network-view"
    DISCOURSE_VIEW = "discourse-view"
    AFFILIATION = "affiliation"
    COALITIONS = "coalitions"
    DV_COMPARE = "dv-compare"
    DV_CARDS = "dv-cards"
    DV_TYPES = "dv-types"
    DV_DIVERSITY = "dv-diversity"
    DV_ROLES = "dv-roles"
    DV_PER = "dv-per"
    DV_REVEALED = "dv-revealed"
    # presenter mode and scenes
    PRESENT = "present"
    SCENE = "scene"
    SCENES = "scenes"
    PRESENT_START = "present-start"
    PRESENT_TITLE = "present-title"
    PRESENT_CAPTION = "present-caption"
    PRESENT_COUNT = "present-count"
    PRESENT_PLAY = "present-play"
    PRESENT_EXIT = "present-exit"
    SCENE_PREV = "scene-prev"
    SCENE_NEXT = "scene-next"
    SCENE_LIST = "scene-list"
    SCENE_TITLE = "scene-title"
    SCENE_CAPTION = "scene-caption"
    SCENE_ADD = "scene-add"
    SCENE_DOWNLOAD = "scene-download"
    SCENE_UPLOAD = "scene-upload"
    SCENE_RESET = "scene-reset"
    SCENE_FILE = "scene-file"
    SCENE_MESSAGE = "scene-message"
    BEFORE_PRESENT = "before-present"  # the link of the view presenting started from
    SCENE_STEPS = "scene-steps"  # each scene's link and control values, for steps in the browser
    CO_PATHS = "co-paths"  # the answer to "who can introduce us?"
    # bring your own data (assets/0-data.js names DATA_UPLOAD's input)
    DATA_BANNER = "data-banner"
    DATA_STATUS = "data-status"
    DATA_PUBLISH = "data-publish"
    DATA_RETURN = "data-return"
    DATA_PANEL = "data-panel"
    DATA_TEMPLATE_XLSX = "data-template-xlsx"
    DATA_TEMPLATE_CSV = "data-template-csv"
    DATA_UPLOAD = "data-upload"
    DATA_FORMATS = "data-formats"
    DATA_LIMIT = "data-limit"
    DATA_SENT = "data-sent"  # what the browser forwards to the server after its size check
    DATA_RESULT = "data-result"  # the report of the last upload, as JSON
    DATA_REPORT = "data-report"
    DATA_WORKING = "data-working"  # shown while the upload job runs: its stage and Cancel
    DATA_PROGRESS = "data-progress"
    DATA_CANCEL = "data-cancel"
    DATA_WITHDRAW = "data-withdraw"  # the publisher's link that withdraws a published data set
    DATA_EXPLORE = "data-explore"
    # the table view
    TABLES = "tables"
    TABLES_BOX = "tables-box"
    TABLES_OPEN = "tables-open"  # assets/redes-controls.js names it
    TABLES_QUERY = "tables-query"
    TABLE_SORT = "table-sort"
    ACTOR_TABLE = "actor-table"
    TIE_TABLE = "tie-table"
    #: The paint delta the server sends, the key of the view the graph shows, and a nudge
    #: the browser gives when it needs a full paint (named in assets/redes-0-core.js and
    #: redes-graph.js).
    PAINT = "paint"
    PAINTED = "painted"
    RESYNC = "resync"
    #: the view whose slow measure a background job computes (callbacks/render.py)
    MEASURE_JOB = "measure-job"
    #: the view the job runs for: MEASURE_JOB once per view (assets/redes-measure.js)
    MEASURE_RUN = "measure-run"
    #: when that job ended (assets/redes-measure.js then asks for the view again)
    MEASURE_DONE = "measure-done"


#: Pattern-matching id types.
TEXT = "t"  # {"type": TEXT, "key": catalogue key}: static text, translated on language change
SEARCH_HIT = "search-hit"  # {"type": SEARCH_HIT, "actor": id}
PICK = "pick"  # {"type": PICK, "actor": id}: any button that selects an actor
INTRO = "intro"  # {"type": INTRO, "actor": id}: "who can introduce us?" to that actor
SCENE_ACTION = "scene-action"  # {"type": SCENE_ACTION, "action": go|up|down|delete, "index": i}
TABLE_PICK = "table-pick"  # {"type": TABLE_PICK, "actor": id, "row": "a3"/"t7"}: unique per cell
SORT = "sort"  # {"type": SORT, "table": actors|ties, "column": c}: a sortable heading
DISC_PICK = "disc-pick"  # {"type": DISC_PICK, "discourse": id or ""}: highlight a coalition
COLLAB_FOR = "collab-for"  # {"type": COLLAB_FOR, "actor": id}: find collaborators for it
