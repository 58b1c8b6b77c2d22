"""Tests for network.formats.sniff: the type told from the content."""

from __future__ import annotations

import pytest

from network.formats.sniff import sniff


@pytest.mark.parametrize("data, kind", [
    (b"", "empty"), (b"PK\x03\x04rest", "zip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"%PDF-1.7", "PDF"), (b"\xff\xfei\x00d\x00", "utf16"), (b"i\x00d\x00,\x00n\x00" * 40, "utf16"),
    (b"\x00\x01\x02\x03junk", "binary"), (b"<?xml version='1.0'?><graphml/>", "xml"),
    (b"\xef\xbb\xbf<gexf>", "xml"), (b"<!DOCTYPE html><p>", "HTML"), (b"id,name\n", "text"),
    ("id,nombre\nrae,Ecológica\n".encode("cp1252"), "text"),
])
def test_sniff_tells_the_type_from_the_content(data, kind):
    assert sniff(data) == kind

