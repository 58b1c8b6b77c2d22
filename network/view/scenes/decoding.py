"""From an uploaded file to its text: a browser's data URL, bytes in UTF-8, UTF-16 or
Latin-1, or text already; too large or binary files are refused with a message.

May import: :mod:`.messages`.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re

from network.view.scenes.messages import Messages

#: Limit on an uploaded scene list.
MAX_BYTES = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def file_text(raw: str | bytes | None, say: Messages) -> str | None:
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
    elif isinstance(raw, bytes | bytearray):
        size = len(raw)
    else:
        say("scenes.not_text")
        return None
    if size > MAX_BYTES:
        say("scenes.too_large", size=_size(size, say.lang), limit=_size(MAX_BYTES, say.lang))
        return None
    text = raw if isinstance(raw, str) else _decode(bytes(raw), say)
    if text is None:
        return None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        say("scenes.empty")
        return None
    return text


def _decode(data: bytes, say: Messages) -> str | None:
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
