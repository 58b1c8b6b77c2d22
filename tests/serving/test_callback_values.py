"""Every callback the page runs on the server, sent values the page would never send (a number
where it sends text, text where it sends a list, a list where it sends an object, nonsense of
the right kind): the answer is a 4xx with its reason or a harmless answer, never a 500.

The bodies are built from the app itself (its callback map and the layout's values), so a
callback added later is covered without a change here.
"""

from __future__ import annotations

import json
import logging

import pytest

from app import create_app
from serving.callback_requests import callback_problem, value_kinds
from settings import Settings

CB = "/_dash-update-component"
#: Values of every JSON kind, and nonsense of the right kind.
CONFUSED = (-1, 10**12, 1.5, True, "zz", "", ["x"], [["x"]], {"a": 1}, None)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    store = tmp_path_factory.mktemp("callback-values-store")
    return create_app(Settings.from_env({"REDES_STORE_DIR": str(store), "REDES_RATE_API": "",
                                         "REDES_RATE_UPLOADS": ""}))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def layout_values(client):
    """{(id, property): value} as the page's layout gives them."""
    values = {}

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and "type" in node:
                if isinstance(props.get("id"), str):
                    values.update({(props["id"], k): v for k, v in props.items()})
                for v in props.values():
                    walk(v)
            else:
                for v in node.values():
                    walk(v)

    walk(client.get("/_dash-layout").json)
    return values


def _server_callbacks(app):
    return {out: cb for out, cb in app.callback_map.items() if "callback" in cb}


def _pattern(text: str):
    """A pattern id's one match: its wildcards filled ("x" for a name, 0 for an index)."""
    pattern = json.loads(text)
    return {k: (0 if k == "index" else "x") if v == ["ALL"] else v for k, v in pattern.items()}


def _dep(cid: str, prop: str, value=None, with_value=True):
    if cid.startswith("{"):  # ALL: a list of the matches (here one)
        item = {"id": _pattern(cid), "property": prop}
        return [{**item, "value": value} if with_value else item]
    return {"id": cid, "property": prop, **({"value": value} if with_value else {})}


def _outputs(output: str):
    def one(text):
        cid, prop = text.split("@")[0].rsplit(".", 1)
        return _dep(cid, prop, with_value=False)

    if output.startswith(".."):
        return [one(o) for o in output[2:-2].split("...")]
    return one(output)


def _body(output, callback, values, part=None, number=None, value=None):
    items = {p: [_dep(d["id"], d["property"], values.get((d["id"], d["property"])))
                 for d in callback.get(p) or []] for p in ("inputs", "state")}
    if part is not None:
        target = items[part][number]
        (target[0] if isinstance(target, list) else target)["value"] = value
    first = items["inputs"][0]
    first = first[0] if isinstance(first, list) else first
    name = json.dumps(first["id"], separators=(",", ":"), sort_keys=True) if isinstance(
        first["id"], dict) else first["id"]
    return {"output": output, "outputs": _outputs(output), **items,
            "changedPropIds": [f"{name}.{first['property']}"]}


def test_every_server_callback_is_covered(app):
    assert len(_server_callbacks(app)) >= 25


def test_no_value_of_any_kind_makes_a_callback_fail(app, client, layout_values, caplog):
    failures = []
    with caplog.at_level(logging.CRITICAL):
        for output, callback in _server_callbacks(app).items():
            for part in ("inputs", "state"):
                for number, dep in enumerate(callback.get(part) or []):
                    for value in CONFUSED:
                        body = _body(output, callback, layout_values, part, number, value)
                        status = client.post(CB, json=body).status_code
                        if status >= 500:
                            failures.append(f"{dep['id']}.{dep['property']}={value!r} → "
                                            f"{status} in {output[:60]}")
    assert not failures, "\n".join(failures)


def test_a_value_of_another_kind_is_refused_with_its_reason(client, layout_values, app):
    output, callback = next((o, c) for o, c in _server_callbacks(app).items()
                            if o == "search-hits.children")
    body = _body(output, callback, layout_values, "inputs", 0, ["ecologica"])
    r = client.post(CB, json=body)
    assert r.status_code == 400
    assert "search.value" in r.json["error"] and "text" in r.json["error"]


def test_a_changed_language_the_page_does_not_offer_changes_nothing(client, app):
    output = next(o for o in app.callback_map if o.startswith('..{"key":["ALL"]'))
    outs = []
    for text in output[2:-2].split("..."):
        cid, prop = text.rsplit(".", 1)
        outs.append([{"id": {"type": "t", "key": "x"}, "property": prop}]
                    if cid.startswith("{") else {"id": cid, "property": prop})
    for lang in ("zz", "", None):
        body = {"output": output, "outputs": outs, "changedPropIds": ["lang.value"],
                "inputs": [{"id": "lang", "property": "value", "value": lang}], "state": []}
        assert client.post(CB, json=body).status_code == 204


def test_kinds_come_from_the_layout():
    layout = {"type": "Div", "namespace": "dash_html_components", "props": {"children": [
        {"type": "RadioItems", "namespace": "dash_core_components",
         "props": {"id": "lang", "value": "en", "options": [{"label": "English", "value": "en"}]}},
        {"type": "Checklist", "namespace": "dash_core_components",
         "props": {"id": "levels", "value": [], "options": [{"label": "L", "value": "local"}]}},
        {"type": "Location", "namespace": "dash_core_components", "props": {"id": "url"}},
        {"type": "Input", "namespace": "dash_core_components",
         "props": {"id": "weight", "type": "number", "value": 1}},
    ]}}
    kinds = value_kinds(layout)
    cbs = {"out.children": {"callback": print, "state": [], "inputs": [
        {"id": "lang", "property": "value"}, {"id": "levels", "property": "value"},
        {"id": "url", "property": "search"}, {"id": "weight", "property": "value"}]}}

    def problem(lang="en", levels=None, search="", weight=1):
        values = (lang, levels, search, weight)
        return callback_problem({"output": "out.children", "inputs": [
            {"id": d["id"], "property": d["property"], "value": v}
            for d, v in zip(cbs["out.children"]["inputs"], values, strict=True)]}, cbs, kinds)

    assert problem() is None and problem(levels=["local"]) is None
    assert "lang.value" in problem(lang=1)          # a choice of texts, sent a number
    assert "levels.value" in problem(levels="local")  # a checklist, sent text
    assert "url.search" in problem(search=["?"])     # the URL's query, whatever the layout
    assert "weight.value" in problem(weight="1")     # a number box, sent text
