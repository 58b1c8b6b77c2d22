"""The scene list file: reading it (:func:`parse_scenes` for uploads, never raising;
:func:`load_scenes` for the files the project ships) and writing it (:func:`dump_scenes`).

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
others are kept.

May import: :mod:`network.model.schema` and :mod:`.scene`, :mod:`.messages`, :mod:`.decoding`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from network.model.schema import BUNDLED_DATA
from network.view.scenes.decoding import file_text
from network.view.scenes.messages import Messages, ScenesResult
from network.view.scenes.scene import LANGS, Scene, clean_query, unique_id

BUNDLED_SCENES = BUNDLED_DATA / "scenes.json"
#: Limits on an uploaded scene list (its size in bytes: :data:`~.decoding.MAX_BYTES`).
MAX_SCENES = 200
MAX_LENGTH = {"query": 2000, "title": 200, "caption": 2000}
#: Text that a browser would take for markup: a tag or a comment.
_HTML = re.compile(r"</?[A-Za-z][^<>]*>|<!--")

#: A scene that passed the checks: (its number, its raw id, query, title, caption).
Kept = tuple[int, object, str, dict[str, str], dict[str, str]]


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
    say = Messages(lang)
    text = file_text(text_or_bytes, say)
    items = _scene_items(text, say) if text is not None else None
    if items is None:
        return say.result([])
    kept: list[Kept] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            say("scenes.not_object", n=n, what=say.what(item))
            continue
        query = _query_field(item, n, say)
        title = _text_field(item, "title", n, say, lang, required=True)
        caption = _text_field(item, "caption", n, say, lang, required=False)
        if query is not None and title is not None and caption is not None:
            kept.append((n, item.get("id"), query, title, caption))
    return say.result(_with_ids(kept, say))


def _scene_items(text: str, say: Messages) -> list[object] | None:
    """The JSON list of scenes in ``text`` (the first MAX_SCENES of them), or None after
    saying why there is none."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        say("scenes.not_json", line=exc.lineno, column=exc.colno)
        return None
    except (ValueError, RecursionError):  # a number too long for int(), or deep nesting
        say("scenes.unreadable_json")
        return None

    if isinstance(data, dict):
        if "scenes" not in data:
            say("scenes.no_scenes_key")
            return None
        data = data["scenes"]
        if not isinstance(data, list):
            say("scenes.scenes_not_list", what=say.what(data))
            return None
    elif not isinstance(data, list):
        say("scenes.not_list", what=say.what(data))
        return None
    if not data:
        say("scenes.none")
        return None
    if len(data) > MAX_SCENES:
        say("scenes.too_many", count=len(data), limit=MAX_SCENES)
        data = data[:MAX_SCENES]
    return data


def _query_field(item: dict[str, object], n: int, say: Messages) -> str | None:
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


def _text_field(item: dict[str, object], name: str, n: int, say: Messages, lang: str,
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


def _with_ids(kept: list[Kept], say: Messages) -> list[Scene]:
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
            scene_id = unique_id(own, set(taken) | reserved)
            say("scenes.duplicate_id", n=n, value=_short(own), other=taken[own], new=scene_id)
        else:
            scene_id = unique_id(f"scene-{n}", set(taken) | reserved)
            if raw is not None and not (isinstance(raw, str) and not raw.strip()):
                say("scenes.bad_id", n=n, what=say.what(raw), new=scene_id)
        taken[scene_id] = n
        scenes.append(Scene(scene_id, query, title, caption))
    return scenes


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
