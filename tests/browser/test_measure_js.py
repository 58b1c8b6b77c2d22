"""assets/redes-measure.js on its own: a slow measure's job is asked for once per view (a
redraw while it runs names the same view again, and a second job would end the first; a
job whose result could not be kept must not start again and again), and its end asks for
the view again."""

from __future__ import annotations

from pathlib import Path

SCRIPT = (Path(__file__).parents[2] / "assets" / "redes-measure.js").read_text(encoding="utf-8")
STUB = """window.dash_clientside = {no_update: "NO_UPDATE", set: [],
    set_props: function (id, props) { window.dash_clientside.set.push([id, props.data > 0]); }};"""


def test_a_views_job_is_asked_for_once_and_its_end_redraws(page) -> None:
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=STUB)
    page.add_script_tag(content=SCRIPT)
    once = "([ask, running]) => window.dash_clientside.redes.measureOnce(ask, running)"
    view = {"data": "k" * 64, "query": "metric=betweenness"}
    assert page.evaluate(once, [view, None]) == view            # the first time: a job
    assert page.evaluate(once, [dict(view), view]) == "NO_UPDATE"  # the same view again
    other = {**view, "query": "metric=closeness"}
    assert page.evaluate(once, [other, view]) == other          # another view: its job
    assert page.evaluate(once, [None, view]) == "NO_UPDATE"     # nothing pending
    measured = "(done) => window.dash_clientside.redes.measured(done)"
    assert page.evaluate(measured, None) == "NO_UPDATE"
    assert page.evaluate("window.dash_clientside.set") == []
    page.evaluate(measured, 1796671328.8)
    assert page.evaluate("window.dash_clientside.set") == [["resync", True]]
