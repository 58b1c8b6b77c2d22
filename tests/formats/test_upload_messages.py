"""Tests for network.formats.upload_messages: every message in both languages."""

from __future__ import annotations

import re

import network.formats.upload_messages  # noqa: F401  (registers the messages)
from network.text import catalogue as i18n


def test_every_upload_and_template_string_has_both_languages():
    for key in i18n.keys():
        if key.startswith(("upload.", "template.")):
            en, es = i18n._C[key]
            assert en.strip() and es.strip() and (en != es or len(en) < 30), key
            assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key

