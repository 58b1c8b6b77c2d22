"""Telling what an uploaded file is from its content (magic bytes), not from its name.

A PNG renamed ``actors.csv`` is named as a PNG in its message; :func:`refuse_non_text`
stops on anything that is not text where text is needed.
"""

from __future__ import annotations

import re
from pathlib import Path

from network.formats.upload_state import ReadState

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"), (b"%PDF-", "PDF"), (b"\x1f\x8b", "GZIP"), (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"), (b"\xfd7zXZ\x00", "XZ"), (b"BZh9", "BZIP2"),
    (b"SQLite format 3\x00", "SQLite"), (b"\x7fELF", "ELF"), (b"RIFF", "RIFF"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"\x00\x00\x01\x00", "ICO"),
)
_XML_START = re.compile(rb"\s*(<\?xml|<!DOCTYPE|<!--|<(\w+:)?(graphml|gexf)\b)", re.I)


def sniff(data: bytes) -> str:
    """What kind of content ``data`` is, from its first bytes.

    One of "empty", "zip", "ole" (old .xls, or a password-protected workbook), "xml",
    "utf16", "text", "binary", or a format name such as "PNG" or "PDF".

    >>> sniff(b"\\x89PNG\\r\\n\\x1a\\n...."), sniff(b"id,name\\n"), sniff(b"PK\\x03\\x04")
    ('PNG', 'text', 'zip')
    """
    if not data:
        return "empty"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    head = data[:4096]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 64 + 1:
            return "utf16"  # UTF-16 without a byte-order mark: every other byte is NUL
        return "binary"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    if _XML_START.match(start):
        return "xml"
    return "text"


def suffix(name: str) -> str:
    """The file name's extension, lower case with its dot ("" when it has none)."""
    return Path(name).suffix.lower()


def refuse_non_text(name: str, kind: str, state: ReadState) -> None:
    """Stop, with the message for ``kind`` (from :func:`sniff`), unless it is text or XML."""
    if kind == "utf16":
        state.stop(name, "upload.utf16")
    if kind == "binary":
        state.stop(name, "upload.binary")
    if kind not in ("text", "xml"):
        state.stop(name, "upload.wrong_type", found=kind)
