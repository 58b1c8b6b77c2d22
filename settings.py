"""Settings, read from environment variables that all start with ``REDES_``.

Each setting is one row of :data:`SETTINGS` with its default and a help line; the README
documents every row (a test holds that).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from network.model.limits import MB, Limits
from network.model.schema import BUNDLED_DATA
from network.text.catalogue import LANGUAGES

PREFIX = "REDES_"

#: name, default, help
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("DATA", str(BUNDLED_DATA),
     "Data package to serve: a folder of CSV files or an .xlsx workbook."),
    ("LANG", "en", "Language when the browser prefers none of the catalogue's (en or es)."),
    ("HOST", "127.0.0.1", "Address `python app.py` listens on (gunicorn uses its own bind)."),
    ("PORT", "8050", "Port `python app.py` listens on (gunicorn reads PORT)."),
    ("DEBUG", "false", "true turns on Dash's debug mode and hot reload (never in production)."),
    ("UPLOAD_MAX_MB", "20", "Largest upload, in megabytes (all files of one upload together)."),
    ("UPLOAD_MAX_ROWS", "20000",
     "Most rows in one table of an upload (nodes or edges of a graph file)."),
    ("UPLOAD_MAX_UNZIPPED_MB", "100",
     "Most megabytes a ZIP or XLSX upload may unpack to (ZIP-bomb guard)."),
    ("UPLOAD_MAX_FILES", "1000", "Most files in one upload, and members in one ZIP or workbook."),
    ("UPLOAD_MAX_RATIO", "200",
     "Largest unpacked/packed size ratio of a ZIP member (ZIP-bomb guard)."),
    ("CACHE_URL", "", "redis://host:6379/0 keeps uploads and derived results in Redis, shared by "
                      "several machines; empty: the folder REDES_STORE_DIR."),
    ("STORE_DIR", "", "Folder for uploads and derived results, shared by the workers of one "
                      "machine (empty: redes-store in the system's temporary folder)."),
    ("STORE_TTL_HOURS", "168", "Uploads and derived results unused for this many hours expire "
                               "(0: never)."),
    ("STORE_QUOTA_MB", "2048", "Most megabytes the stored uploads may take; past it the least "
                               "recently used unpublished ones go (0: no quota)."),
    ("FRAME_ANCESTORS", "'self'",
     "Pages that may show Redes in a frame (CSP frame-ancestors): 'self', 'none' or origins "
     "such as https://example.org, separated by spaces."),
    ("API_KEY", "", "When set, POST /api/datasets needs it in the X-Redes-Api-Key header; "
                    "empty: scripts may upload without a key (cross-site browsers never)."),
    ("RATE_UPLOADS", "10/minute;60/hour",
     "Uploads one client may make through the page (limits syntax; empty: no limit)."),
    ("RATE_PUBLISH", "10/minute;60/hour", "Publications one client may make (empty: no limit)."),
    ("RATE_API", "10/minute;60/hour",
     "Uploads one client may make through POST /api/datasets (empty: no limit)."),
    ("API_SYNC_MB", "1", "POST /api/datasets reads an upload up to this many megabytes in the "
                         "request (201/422 at once); a bigger one is a job (202 and an address "
                         "to ask)."),
    ("JOB_SECONDS", "120", "Longest an upload may take to read, check and lay out, in seconds, "
                           "as a background job (0: no limit)."),
    ("JOB_MEMORY_MB", "1024", "Most memory an upload job may add, in megabytes (0: no limit)."),
)

#: A source a frame-ancestors list may hold: a keyword, a scheme, or an origin (host
#: pattern with an optional scheme and port); never a separator that would end the policy.
_FRAME_SOURCE = re.compile(
    r"^(?:'self'|'none'|\*|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*://)?"
    r"(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Settings:
    data: Path
    lang: str
    host: str
    port: int
    debug: bool
    limits: Limits = Limits()
    cache_url: str = ""
    store_dir: Path = Path(tempfile.gettempdir()) / "redes-store"
    store_ttl_hours: float = 168.0
    store_quota_mb: float = 2048.0
    frame_ancestors: str = "'self'"
    api_key: str = ""
    rate_uploads: str = "10/minute;60/hour"
    rate_publish: str = "10/minute;60/hour"
    rate_api: str = "10/minute;60/hour"
    api_sync_mb: float = 1.0
    job_seconds: float = 120.0
    job_memory_mb: float = 1024.0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        values = {name: env.get(PREFIX + name, default) for name, default, _ in SETTINGS}
        lang = values["LANG"].strip().lower()
        if lang not in LANGUAGES:
            raise ValueError(f"{PREFIX}LANG must be one of {', '.join(LANGUAGES)} (a language of "
                             f"the catalogue), not {values['LANG']!r}")
        try:
            port = int(values["PORT"])
        except ValueError:
            raise ValueError(f"{PREFIX}PORT must be a number, not {values['PORT']!r}") from None
        limits = Limits(
            max_bytes=int(_number(values, "UPLOAD_MAX_MB", minimum=0.001) * MB),
            max_rows=int(_number(values, "UPLOAD_MAX_ROWS", minimum=1)),
            max_unzipped_bytes=int(_number(values, "UPLOAD_MAX_UNZIPPED_MB", minimum=0.001) * MB),
            max_files=int(_number(values, "UPLOAD_MAX_FILES", minimum=1)),
            max_ratio=int(_number(values, "UPLOAD_MAX_RATIO", minimum=1)),
        )
        store_dir = values["STORE_DIR"].strip()
        return cls(
            data=Path(values["DATA"]),
            lang=lang,
            host=values["HOST"],
            port=port,
            debug=values["DEBUG"].strip().lower() in ("1", "true", "yes", "on"),
            limits=limits,
            cache_url=values["CACHE_URL"].strip(),
            store_dir=Path(store_dir) if store_dir else cls.store_dir,
            store_ttl_hours=_number(values, "STORE_TTL_HOURS", minimum=0),
            store_quota_mb=_number(values, "STORE_QUOTA_MB", minimum=0),
            frame_ancestors=_frame_ancestors(values["FRAME_ANCESTORS"]),
            api_key=values["API_KEY"].strip(),
            rate_uploads=_rate(values, "RATE_UPLOADS"),
            rate_publish=_rate(values, "RATE_PUBLISH"),
            rate_api=_rate(values, "RATE_API"),
            api_sync_mb=_number(values, "API_SYNC_MB", minimum=0),
            job_seconds=_number(values, "JOB_SECONDS", minimum=0),
            job_memory_mb=_number(values, "JOB_MEMORY_MB", minimum=0),
        )

    @property
    def store_ttl_seconds(self) -> float | None:
        return self.store_ttl_hours * 3600 or None

    @property
    def max_request_bytes(self) -> int:
        """The largest request Flask accepts: an upload travels base64-encoded (4/3 of its
        size) inside a JSON callback request, plus room for the rest of the request."""
        return self.limits.max_bytes * 4 // 3 + MB


def _rate(values: dict[str, str], name: str) -> str:
    """A rate limit in the ``limits`` syntax ("10/minute;60/hour"), checked; "" for none."""
    from limits import parse_many

    text = values[name].strip()
    if text:
        try:
            parse_many(text)
        except ValueError:
            raise ValueError(f"{PREFIX}{name} must be rate limits such as '10/minute;60/hour', "
                             f"not {values[name]!r}") from None
    return text


def _number(values: dict[str, str], name: str, minimum: float) -> float:
    text = values[name].strip()
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{PREFIX}{name} must be a number, not {values[name]!r}") from None
    if not number >= minimum or number != number or number == float("inf"):
        raise ValueError(f"{PREFIX}{name} must be at least {minimum:g}, not {values[name]!r}")
    return number


def _frame_ancestors(text: str) -> str:
    """The sources of a CSP frame-ancestors directive, checked (``self`` and ``none`` may be
    written without their quotes); a value that could end the header's policy is refused."""
    sources = [{"self": "'self'", "none": "'none'"}.get(s.lower(), s) for s in text.split()]
    bad = [s for s in sources if not _FRAME_SOURCE.match(s)]
    if bad or not sources or ("'none'" in sources and len(sources) > 1):
        raise ValueError(f"{PREFIX}FRAME_ANCESTORS must be 'self', 'none' or origins such as "
                         f"https://example.org separated by spaces, not {text!r}")
    return " ".join(sources)
