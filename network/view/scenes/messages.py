"""What can go wrong in a scene list, in words: the catalogue of messages, the collector that
gathers them while a file is read, and the result it hands back.

May import: :mod:`network.text` and :mod:`.scene`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from network.text.catalogue import register, t
from network.view.scenes.scene import Scene

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


class Messages:
    """Collects the messages of one reading, in the reader's language; call it with a
    catalogue key and its parameters."""

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
