"""Which addresses may be links: web pages only, however an address tries to pass as one."""

from __future__ import annotations

import pytest

from network.model.links import web_link

WEB = ["https://example.org", "http://example.org/a?b=1#c", "HTTPS://EXAMPLE.ORG",
       "  https://example.org/x  ", "https://user@example.org", "http://127.0.0.1:8050/"]
NOT_WEB = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
           "java\tscript:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "DATA:text/html;base64,PHNjcmlwdD4=",
           "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "\\\\evil.example",
           "/\\evil.example", "https:\\\\evil.example", "http:evil.example", "http:/evil",
           "https://", "http:///x", "ftp://example.org", "mailto:a@b.org", "#source-S0",
           "example.org", "", "   ", None, 3, "https://exa\x00mple.org", "\u00a0https://x.org",
           "http://[::1"]


@pytest.mark.parametrize("url", WEB)
def test_web_addresses_are_links(url):
    assert web_link(url) == url.strip()


@pytest.mark.parametrize("url", NOT_WEB)
def test_anything_else_is_not(url):
    assert web_link(url) is None


def test_a_browser_would_drop_tabs_and_line_breaks_inside_so_the_check_does_too():
    assert web_link("ht\ttp://exa\nmple.org") == "http://example.org"
