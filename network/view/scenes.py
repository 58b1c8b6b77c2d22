"""Scenes: saved views with a title and a caption, shown one after another at a workshop.

A scene's ``query`` is the URL query string of a view (what
:meth:`network.view.state.ViewState.from_query` reads, plus keys other views read, such as
``view=discourses`` and ``discourse=<id>``); it is kept exactly as written. Titles and
captions are plain text in English and/or Spanish; a missing language falls back to the
other one (:func:`scene_title`, :func:`scene_caption`).

The prepared tour of the thesis's findings is ``data/scenes.json`` (:func:`load_scenes`).
Presenters download their own lists (:func:`dump_scenes`) and upload them again
(:func:`parse_scenes`), so parsing never raises: every fault becomes a message in the
user's language that names the scene number and the field, and says what was done about
it. The file format is a JSON list of scenes (or an object with a ``"scenes"`` list)::

    [{"id": "organic", "query": "year=2010&domains=organic_production",
      "title": {"en": "Organic production", "es": "Producción orgánica"},
      "caption": {"en": "...", "es": "..."}}]

``title`` and ``caption`` may also be plain strings, taken to be in the uploader's
language. ``caption`` may be left out; ``id`` too (one is made up). Unknown keys are
ignored. Scenes with a fault in ``query``, ``title`` or ``caption`` are left out; the
others are kept. The list helpers :func:`move`, :func:`remove` and :func:`add` return new
lists and never change the one they are given.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from network.model.schema import BUNDLED_DATA
from network.text.catalogue import register, t
from network.text.folding import fold

if TYPE_CHECKING:  # only for annotations: importing the view pulls in pandas and networkx
    from network.model.dataset import Dataset
    from network.view.state import ViewState

BUNDLED_SCENES = BUNDLED_DATA / "scenes.json"
LANGS = ("en", "es")
#: What a scene's ``view=`` may name; "network" is the default.
VIEWS = ("network", "discourses")
#: Limits on an uploaded scene list.
MAX_BYTES = 1_000_000
MAX_SCENES = 200
MAX_LENGTH = {"query": 2000, "title": 200, "caption": 2000}
#: Text that a browser would take for markup: a tag or a comment.
_HTML = re.compile(r"</?[A-Za-z][^<>]*>|<!--")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

register({
    "scenes.type.object": ("an object", "un objeto"),
    "scenes.type.list": ("a list", "una lista"),
    "scenes.type.text": ("text", "un texto"),
    "scenes.type.number": ("a number", "un número"),
    "scenes.type.boolean": ("true or false", "un valor true o false"),
    "scenes.type.null": ("null (nothing)", "null (vacío)"),
    "scenes.empty": (
        "The file is empty: it has no scenes.",
        "El archivo está vacío: no tiene escenas.",
    ),
    "scenes.too_large": (
        "The file is {size}, more than the {limit} allowed for a scene list; it was not read.",
        "El archivo pesa {size}, más que los {limit} permitidos para una lista de escenas; "
        "no se leyó.",
    ),
    "scenes.not_text": (
        "The file is not a text file: upload the .json file of a scene list.",
        "El archivo no es de texto: suba el archivo .json de una lista de escenas.",
    ),
    "scenes.decoded_latin1": (
        "The file is not UTF-8; it was read as Latin-1 (Windows-1252). Check the accents.",
        "El archivo no está en UTF-8; se leyó como Latin-1 (Windows-1252). Revise las tildes.",
    ),
    "scenes.not_json": (
        "The file is not valid JSON: look at line {line}, column {column}, or just before "
        "it, for a missing comma, quote or bracket.",
        "El archivo no es JSON válido: revise la línea {line}, columna {column}, o justo "
        "antes: puede faltar una coma, unas comillas o un corchete.",
    ),
    "scenes.unreadable_json": (
        "The file could not be read as JSON: it is nested too deeply or holds a number that "
        "is too long.",
        "El archivo no se pudo leer como JSON: tiene demasiados niveles anidados o un número "
        "demasiado largo.",
    ),
    "scenes.not_list": (
        "The file must hold a list of scenes, [ … ], or an object with a “scenes” list, "
        "not {what}.",
        "El archivo debe contener una lista de escenas, [ … ], o un objeto con una lista "
        "“scenes”, no {what}.",
    ),
    "scenes.no_scenes_key": (
        "The file holds a JSON object without a “scenes” list: put the scenes in a list, "
        "[ … ], or under the key “scenes”.",
        "El archivo contiene un objeto JSON sin una lista “scenes”: ponga las escenas en una "
        "lista, [ … ], o bajo la clave “scenes”.",
    ),
    "scenes.scenes_not_list": (
        "“scenes” must be a list of scenes, [ … ], not {what}.",
        "“scenes” debe ser una lista de escenas, [ … ], no {what}.",
    ),
    "scenes.none": (
        "The file has no scenes: the list is empty.",
        "El archivo no tiene escenas: la lista está vacía.",
    ),
    "scenes.too_many": (
        "The file has {count} scenes, more than the {limit} allowed; only the first {limit} "
        "were read.",
        "El archivo tiene {count} escenas, más que las {limit} permitidas; solo se leyeron "
        "las primeras {limit}.",
    ),
    "scenes.not_object": (
        "Scene {n} is {what}, not an object with “query”, “title” and “caption”; "
        "it was left out.",
        "La escena {n} es {what}, no un objeto con “query”, “title” y “caption”; "
        "se dejó fuera.",
    ),
    "scenes.missing": (
        "Scene {n} has no “{field}”; it was left out.",
        "La escena {n} no tiene “{field}”; se dejó fuera.",
    ),
    "scenes.wrong_type": (
        "Scene {n}, “{field}”: must be text, not {what}; the scene was left out.",
        "Escena {n}, “{field}”: debe ser un texto, no {what}; la escena se dejó fuera.",
    ),
    "scenes.wrong_type_text": (
        "Scene {n}, “{field}”: must be text or an object with “en” and “es” texts, not {what}; "
        "the scene was left out.",
        "Escena {n}, “{field}”: debe ser un texto o un objeto con textos “en” y “es”, "
        "no {what}; la escena se dejó fuera.",
    ),
    "scenes.no_text": (
        "Scene {n}, “{field}”: has no text in English (“en”) or Spanish (“es”); "
        "the scene was left out.",
        "Escena {n}, “{field}”: no tiene texto en inglés (“en”) ni en español (“es”); "
        "la escena se dejó fuera.",
    ),
    "scenes.too_long": (
        "Scene {n}, “{field}”: is {length} characters long, more than the {limit} allowed; "
        "the scene was left out.",
        "Escena {n}, “{field}”: tiene {length} caracteres, más que los {limit} permitidos; "
        "la escena se dejó fuera.",
    ),
    "scenes.html": (
        "Scene {n}, “{field}”: contains HTML such as “{tag}”; it is shown as plain text, "
        "not as formatting.",
        "Escena {n}, “{field}”: contiene HTML como “{tag}”; se muestra como texto simple, "
        "sin formato.",
    ),
    "scenes.bad_id": (
        "Scene {n}, “id”: must be text, not {what}; it was given the id “{new}”.",
        "Escena {n}, “id”: debe ser un texto, no {what}; se le asignó el id “{new}”.",
    ),
    "scenes.duplicate_id": (
        "Scene {n}, “id”: “{value}” is already used by scene {other}; ids must be unique, "
        "so it was renamed “{new}”.",
        "Escena {n}, “id”: “{value}” ya lo usa la escena {other}; los id deben ser únicos, "
        "así que se cambió a “{new}”.",
    ),
})


@dataclass(frozen=True)
class Scene:
    """A saved view: its query string, and a title and caption per language.

    ``title`` and ``caption`` map a language ("en", "es") to plain text; either language
    may be missing. Do not mutate the dicts: scenes are shared values.
    """

    id: str
    query: str
    title: dict[str, str]
    caption: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenesResult:
    """What :func:`parse_scenes` read: the usable scenes and a message per problem.

    ``problems`` are ready to show, in the language asked for; ``codes`` holds the
    catalogue key of each (same order), for tests and for styling.
    """

    scenes: list[Scene]
    problems: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# -- reading ---------------------------------------------------------------------------


def load_scenes(path: str | Path | None = None) -> list[Scene]:
    """The scenes in ``path`` (the bundled tour when None).

    Unlike :func:`parse_scenes`, this is for files the project ships: any problem raises
    ``ValueError`` with every message, and a missing file raises ``OSError``.
    """
    path = Path(path) if path is not None else BUNDLED_SCENES
    result = parse_scenes(path.read_bytes())
    if result.problems:
        raise ValueError(f"{path}: " + " ".join(result.problems))
    return result.scenes


class _Collector:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.problems: list[str] = []
        self.codes: list[str] = []

    def __call__(self, key: str, **params: object) -> None:
        self.codes.append(key)
        self.problems.append(t(key, self.lang, **params))

    def what(self, value: object) -> str:
        return t(f"scenes.type.{_json_type(value)}", self.lang)

    def result(self, scenes: list[Scene]) -> ScenesResult:
        return ScenesResult(scenes, self.problems, self.codes)


def parse_scenes(text_or_bytes: str | bytes | None, lang: str = "en") -> ScenesResult:
    """Read an uploaded scene list; never raises.

    Takes the file's bytes, its text, or a ``data:…;base64,…`` URL (what a browser upload
    gives). Messages are in ``lang``, which is also the language of titles and captions
    written as plain strings. See the module docstring for the format and the rules.

    >>> r = parse_scenes('[{"query": "year=2008", "title": "Before", "caption": "x"}]')
    >>> r.scenes[0].id, r.scenes[0].title, r.problems
    ('scene-1', {'en': 'Before'}, [])
    >>> parse_scenes('{"title": "x"}').codes
    ['scenes.no_scenes_key']
    """
    lang = lang if lang in LANGS else "en"
    say = _Collector(lang)
    text = _text(text_or_bytes, say)
    if text is None:
        return say.result([])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        say("scenes.not_json", line=exc.lineno, column=exc.colno)
        return say.result([])
    except (ValueError, RecursionError):  # a number too long for int(), or deep nesting
        say("scenes.unreadable_json")
        return say.result([])

    if isinstance(data, dict):
        if "scenes" not in data:
            say("scenes.no_scenes_key")
            return say.result([])
        data = data["scenes"]
        if not isinstance(data, list):
            say("scenes.scenes_not_list", what=say.what(data))
            return say.result([])
    elif not isinstance(data, list):
        say("scenes.not_list", what=say.what(data))
        return say.result([])
    if not data:
        say("scenes.none")
        return say.result([])
    if len(data) > MAX_SCENES:
        say("scenes.too_many", count=len(data), limit=MAX_SCENES)
        data = data[:MAX_SCENES]

    kept: list[tuple[int, object, str, dict[str, str], dict[str, str]]] = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            say("scenes.not_object", n=n, what=say.what(item))
            continue
        query = _query_field(item, n, say)
        title = _text_field(item, "title", n, say, lang, required=True)
        caption = _text_field(item, "caption", n, say, lang, required=False)
        if query is not None and title is not None and caption is not None:
            kept.append((n, item.get("id"), query, title, caption))
    return say.result(_with_ids(kept, say))


def _text(raw: str | bytes | None, say: _Collector) -> str | None:
    """The file's text, or None after saying why there is none."""
    if raw is None:
        say("scenes.empty")
        return None
    if isinstance(raw, str) and raw.startswith("data:") and ";base64," in raw[:200]:
        encoded = raw.split(";base64,", 1)[1]
        if len(encoded) > (MAX_BYTES * 4) // 3 + 8:
            say("scenes.too_large", size=_size(len(encoded) * 3 // 4, say.lang),
                limit=_size(MAX_BYTES, say.lang))
            return None
        try:
            raw = base64.b64decode(encoded, validate=False)
        except (binascii.Error, ValueError):
            say("scenes.not_text")
            return None
    if isinstance(raw, str):
        size = len(raw.encode("utf-8", "surrogatepass"))
        text: str | None = raw
    elif isinstance(raw, bytes | bytearray):
        size = len(raw)
        text = None
    else:
        say("scenes.not_text")
        return None
    if size > MAX_BYTES:
        say("scenes.too_large", size=_size(size, say.lang), limit=_size(MAX_BYTES, say.lang))
        return None
    if text is None:
        text = _decode(bytes(raw), say)
        if text is None:
            return None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        say("scenes.empty")
        return None
    return text


def _decode(data: bytes, say: _Collector) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            say("scenes.not_text")
            return None
    if b"\x00" in data:  # no UTF-8 text has NUL bytes: an image, a zip, UTF-16 without BOM
        say("scenes.not_text")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes that cp1252 leaves undefined
        text = data.decode("latin-1")
    if _CONTROL.search(text):  # control characters: binary, not text in any encoding
        say("scenes.not_text")
        return None
    say("scenes.decoded_latin1")
    return text


def _size(n: int, lang: str) -> str:
    if n < 1_000_000:
        text = f"{max(1, round(n / 1000))} KB"
    else:
        text = f"{n / 1_000_000:.1f} MB"
    return text.replace(".", ",") if lang == "es" else text


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "object"


def clean_query(query: str) -> str:
    """A query string without spaces around it or a leading ``?``; from a pasted link,
    only its query part.

    >>> clean_query(" ?year=2008 "), clean_query("https://redes.example/?year=2008&lang=es")
    ('year=2008', 'year=2008&lang=es')
    """
    query = query.strip()
    if query.startswith(("http://", "https://", "/")):
        return urlsplit(query).query
    return query.lstrip("?")


def _query_field(item: dict, n: int, say: _Collector) -> str | None:
    if "query" not in item or item["query"] is None:
        say("scenes.missing", n=n, field="query")
        return None
    value = item["query"]
    if not isinstance(value, str):
        say("scenes.wrong_type", n=n, field="query", what=say.what(value))
        return None
    if len(value) > MAX_LENGTH["query"]:
        say("scenes.too_long", n=n, field="query", length=len(value),
            limit=MAX_LENGTH["query"])
        return None
    return clean_query(value)


def _text_field(item: dict, name: str, n: int, say: _Collector, lang: str,
                required: bool) -> dict[str, str] | None:
    """A title or caption as {lang: text}; None (and a message) when it is unusable."""
    value = item.get(name)
    if value is None:
        if required:
            say("scenes.missing", n=n, field=name)
            return None
        return {}
    if isinstance(value, str):
        texts = {lang: value}
        where = {lang: name}
    elif isinstance(value, dict):
        texts, where = {}, {}
        for key in LANGS:
            if key not in value or value[key] is None:
                continue
            if not isinstance(value[key], str):
                say("scenes.wrong_type", n=n, field=f"{name}.{key}", what=say.what(value[key]))
                return None
            texts[key] = value[key]
            where[key] = f"{name}.{key}"
    else:
        say("scenes.wrong_type_text", n=n, field=name, what=say.what(value))
        return None
    texts = {k: v.strip() for k, v in texts.items() if v.strip()}
    if not texts:
        if required:
            say("scenes.no_text", n=n, field=name)
            return None
        return {}
    for key, text in texts.items():
        if len(text) > MAX_LENGTH[name]:
            say("scenes.too_long", n=n, field=where[key], length=len(text),
                limit=MAX_LENGTH[name])
            return None
    for key, text in texts.items():
        match = _HTML.search(text)
        if match:
            say("scenes.html", n=n, field=where[key], tag=_short(match.group(0)))
    return texts


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _with_ids(kept: list[tuple[int, object, str, dict[str, str], dict[str, str]]],
              say: _Collector) -> list[Scene]:
    """Give every kept scene a unique id: its own when it can, else a made-up one."""
    def given(raw: object) -> str | None:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, int):
            return str(raw)
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
        return None

    reserved = {i for i in (given(raw) for _, raw, *_ in kept) if i is not None}
    taken: dict[str, int] = {}
    scenes = []
    for n, raw, query, title, caption in kept:
        own = given(raw)
        if own is not None and own not in taken:
            scene_id = own
        elif own is not None:
            scene_id = _unique(own, set(taken) | reserved)
            say("scenes.duplicate_id", n=n, value=_short(own), other=taken[own], new=scene_id)
        else:
            scene_id = _unique(f"scene-{n}", set(taken) | reserved)
            if raw is not None and not (isinstance(raw, str) and not raw.strip()):
                say("scenes.bad_id", n=n, what=say.what(raw), new=scene_id)
        taken[scene_id] = n
        scenes.append(Scene(scene_id, query, title, caption))
    return scenes


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    k = 2
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


# -- writing -----------------------------------------------------------------------------


def _texts_out(texts: Mapping[str, str]) -> dict[str, str]:
    return {k: texts[k] for k in LANGS if texts.get(k)}


def dump_scenes(scenes: Sequence[Scene]) -> str:
    """The scenes as the JSON text of a scene list (UTF-8 text, indent 2, stable).

    The same scenes always give the same text, so files diff well; :func:`parse_scenes`
    reads it back to equal scenes.
    """
    items = [
        {"id": s.id, "query": s.query, "title": _texts_out(s.title),
         "caption": _texts_out(s.caption)}
        for s in scenes
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# -- looking at one scene ------------------------------------------------------------------


def _pick(texts: Mapping[str, str], lang: str) -> str:
    for key in (lang, *LANGS):
        if texts.get(key):
            return texts[key]
    return ""


def scene_title(scene: Scene, lang: str = "en") -> str:
    """The title in ``lang``, else in the other language ("" when there is none)."""
    return _pick(scene.title, lang)


def scene_caption(scene: Scene, lang: str = "en") -> str:
    """The caption in ``lang``, else in the other language ("" when there is none)."""
    return _pick(scene.caption, lang)


def _param(scene: Scene, key: str) -> str | None:
    values = parse_qs(scene.query, keep_blank_values=True).get(key)
    return values[-1].strip() if values and values[-1].strip() else None


def scene_view(scene: Scene) -> str:
    """Which view the scene opens: ``"network"`` (the default) or ``"discourses"``."""
    view = _param(scene, "view")
    return view if view in VIEWS else "network"


def scene_discourse(scene: Scene) -> str | None:
    """The discourse whose coalition the scene highlights (``discourse=``), if any."""
    return _param(scene, "discourse")


def scene_state(scene: Scene, ds: Dataset) -> ViewState:
    """The view state the scene opens on ``ds``: parsed, then fitted to the data."""
    from network.view.visible import from_link

    return from_link(ds, scene.query)


# -- editing a list (pure: new lists, the argument is never changed) ------------------------


def move(scenes: Sequence[Scene], index: int, delta: int) -> list[Scene]:
    """Move the scene at ``index`` by ``delta`` places (clamped to the ends of the list).

    An index outside the list changes nothing.

    >>> [s.id for s in move([Scene("a", "", {}), Scene("b", "", {})], 0, 1)]
    ['b', 'a']
    """
    out = list(scenes)
    if not 0 <= index < len(out):
        return out
    target = min(max(index + delta, 0), len(out) - 1)
    out.insert(target, out.pop(index))
    return out


def remove(scenes: Sequence[Scene], index: int) -> list[Scene]:
    """The list without the scene at ``index`` (an index outside the list changes nothing)."""
    out = list(scenes)
    if 0 <= index < len(out):
        del out[index]
    return out


def add(scenes: Sequence[Scene], query: str, title: str | Mapping[str, str],
        caption: str | Mapping[str, str] = "", lang: str = "en") -> list[Scene]:
    """The list with a new scene at the end; plain-string texts are in ``lang``.

    The id is made from the title ("Organic fairs" → ``organic-fairs``), unique in the list.

    >>> [s.id for s in add([], "year=2008", "Organic fairs, 2008")]
    ['organic-fairs-2008']
    """
    lang = lang if lang in LANGS else "en"

    def texts(value: str | Mapping[str, str]) -> dict[str, str]:
        if isinstance(value, str):
            value = {lang: value}
        return {k: str(value[k]).strip() for k in LANGS if value.get(k) and str(value[k]).strip()}

    title_texts = texts(title)
    base = re.sub(r"[^a-z0-9]+", "-", fold(_pick(title_texts, lang)))[:40].strip("-") or "scene"
    scene_id = _unique(base, {s.id for s in scenes})
    return [*scenes, Scene(scene_id, clean_query(query), title_texts, texts(caption))]
