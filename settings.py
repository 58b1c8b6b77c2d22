"""Settings, read from environment variables that all start with ``REDES_``.

Each setting is one row of :data:`SETTINGS` with its default and a help line; the README
documents every row (a test holds that).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from network.schema import BUNDLED_DATA

PREFIX = "REDES_"

#: name, default, help
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("DATA", str(BUNDLED_DATA), "Data package to serve: a folder of CSV files or an .xlsx workbook."),
    ("LANG", "en", "Language when the browser prefers neither English nor Spanish (en or es)."),
    ("HOST", "127.0.0.1", "Address `python app.py` listens on (gunicorn uses its own bind)."),
    ("PORT", "8050", "Port `python app.py` listens on (gunicorn reads PORT)."),
    ("DEBUG", "false", "true turns on Dash's debug mode and hot reload (never in production)."),
)


@dataclass(frozen=True)
class Settings:
    data: Path
    lang: str
    host: str
    port: int
    debug: bool

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        values = {name: env.get(PREFIX + name, default) for name, default, _ in SETTINGS}
        lang = values["LANG"].strip().lower()
        if lang not in ("en", "es"):
            raise ValueError(f"{PREFIX}LANG must be en or es, not {values['LANG']!r}")
        try:
            port = int(values["PORT"])
        except ValueError:
            raise ValueError(f"{PREFIX}PORT must be a number, not {values['PORT']!r}") from None
        return cls(
            data=Path(values["DATA"]),
            lang=lang,
            host=values["HOST"],
            port=port,
            debug=values["DEBUG"].strip().lower() in ("1", "true", "yes", "on"),
        )
