"""The upload's and the template's messages (catalogue keys upload.*, template.*): every one
in both languages, translated rather than copied."""

from __future__ import annotations

import re

from network.text import catalogue as i18n


def test_every_upload_and_template_string_has_both_languages():
    for key in i18n.keys():
        if key.startswith(("upload.", "template.")):
            en, es = i18n.TEXTS["en"][key], i18n.TEXTS["es"].get(key, "")
            assert en.strip() and es.strip() and (en != es or len(en) < 30), key
            assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key

