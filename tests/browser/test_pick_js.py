"""assets/redes-pick.js on its own: a tap or a click selects its actor; a button just drawn
by a redraw (no clicks yet) selects nothing."""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = (Path(__file__).parents[2] / "assets" / "redes-pick.js").read_text(encoding="utf-8")
STUB = 'window.dash_clientside = {no_update: "NO_UPDATE"};'


def _pick(page, triggered_id, value):
    """What ``pick`` answers when ``triggered_id`` fired with ``value``."""
    prop = triggered_id if isinstance(triggered_id, str) else json.dumps(triggered_id)
    return page.evaluate("""([id, prop, value]) => {
        window.dash_clientside.callback_context = {
            triggered_id: id, triggered: [{prop_id: prop + ".n_clicks", value: value}]};
        return window.dash_clientside.redes.pick();
    }""", [triggered_id, prop, value])


def test_a_tap_or_a_click_selects_and_a_fresh_button_does_not(page) -> None:
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=STUB)
    page.add_script_tag(content=SCRIPT)
    assert _pick(page, "graph", {"id": "rae", "label": "RAE Perú"}) == "rae"
    assert _pick(page, "graph", None) == "NO_UPDATE"
    assert _pick(page, {"type": "pick", "actor": "anpe"}, 1) == "anpe"
    assert _pick(page, {"type": "table-pick", "actor": "idma", "row": "a3"}, 2) == "idma"
    assert _pick(page, {"type": "search-hit", "actor": "cer"}, None) == "NO_UPDATE"
    assert _pick(page, {"type": "pick", "actor": "anpe"}, None) == "NO_UPDATE"
    page.evaluate("window.dash_clientside.callback_context = {triggered: []}")
    assert page.evaluate("window.dash_clientside.redes.pick()") == "NO_UPDATE"
