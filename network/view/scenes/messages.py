"""What can go wrong in a scene list, in words: the messages (catalogue keys ``scenes.*``),
the collector that gathers them while a file is read, and the result it hands back.

May import: :mod:`network.text` and :mod:`.scene`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from network.text.catalogue import t
from network.view.scenes.scene import Scene


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
