"""Which addresses in the data may be shown as links: only web pages (``http`` and ``https``).

A source's ``url`` and a licence's ``path`` come from whoever made the data, an upload
included. ``javascript:``, ``data:text/html``, ``vbscript:`` or ``file:`` addresses would run
code or open local files when clicked, and ``//host`` or ``\\\\host`` are read by browsers as
another site. :func:`web_link` is the one check every place that draws a link from the data
goes through: the profile's source chips and the "data, sources and licence" list
(:mod:`components.panels`, :mod:`components.layout`) and the methods note of the evidence
pack (:mod:`network.formats.methods`). Anything else is shown as plain text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: What a browser drops before reading an address: C0 controls and spaces at either end,
#: tabs and line breaks anywhere (WHATWG URL standard).
_ENDS = "".join(chr(c) for c in range(0x21))
_INSIDE = re.compile("[\t\n\r]")

#: Characters no link of ours carries (other controls, and the backslash browsers read as /).
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\\\\]")


def web_link(url: object) -> str | None:
    """``url`` as a link target when it is a web address (``http`` or ``https``, any case,
    with a host), else None: then show it as text.

    >>> web_link(" HTTPS://example.org/a b "), web_link("http://example.org")
    ('HTTPS://example.org/a b', 'http://example.org')
    >>> [web_link(u) for u in ("javascript:alert(1)", "data:text/html,x", "//evil.example",
    ...                        "java\\tscript:x", "http:/x", "https:\\\\evil", "", None)]
    [None, None, None, None, None, None, None, None]
    """
    if not isinstance(url, str):
        return None
    text = _INSIDE.sub("", url.strip(_ENDS))
    if _REFUSED.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text
