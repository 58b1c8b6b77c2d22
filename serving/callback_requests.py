"""What a request to run one of the page's callbacks looks like, so that anything else is
refused with its reason (serving/security.py answers 400) before Dash or a callback fails on
it with a 500: the body's shape (:func:`callback_problem`) and the JSON kind of each value
(:func:`value_kinds` reads them from the page's layout, :func:`fits` checks one value).

A value of the right kind may still be nonsense ("zz" for a colour): the callbacks read the
controls through the same tolerant parser a link goes through (``network.view``), so it falls
back to the default, as a mangled link does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

#: The JSON kinds a value may have.
NULL, BOOL, NUMBER, TEXT, LIST, OBJECT = (
    "null", "true/false", "a number", "text", "a list", "an object")
#: Properties whose kind does not depend on the component (Dash's counters and the URL).
BY_PROPERTY: dict[str, frozenset[str]] = {
    **dict.fromkeys(("n_clicks", "n_submit", "n_blur", "n_intervals", "n_dblclick",
                     "n_clicks_timestamp", "n_submit_timestamp", "n_blur_timestamp"),
                    frozenset({NUMBER})),
    **dict.fromkeys(("search", "pathname", "hash", "href", "search_value"), frozenset({TEXT})),
    "tapNodeData": frozenset({OBJECT}),
    "mouseoverNodeData": frozenset({OBJECT}),
    "selectedNodeData": frozenset({LIST}),
}
#: The ``value`` of a component of this type (``namespace.type``), for each ``multi``.
VALUE_BY_TYPE: dict[str, frozenset[str]] = {
    "dash_core_components.Dropdown": frozenset({TEXT, NUMBER}),
    "dash_core_components.Dropdown/multi": frozenset({LIST}),
    "dash_core_components.Checklist": frozenset({LIST}),
    "dash_core_components.RadioItems": frozenset({TEXT, NUMBER, BOOL}),
    "dash_core_components.Slider": frozenset({NUMBER}),
    "dash_core_components.RangeSlider": frozenset({LIST}),
    "dash_core_components.Tabs": frozenset({TEXT}),
    "dash_core_components.Textarea": frozenset({TEXT}),
    "dash_core_components.Input": frozenset({TEXT}),
    "dash_core_components.Input/number": frozenset({NUMBER}),
}
#: Properties a callback's store or the browser may fill with anything: not checked here.
FREE = frozenset({"data", "children", "contents", "filename", "last_modified"})


def kind_of(value: Any) -> str:
    """The JSON kind of a value.

    >>> [kind_of(v) for v in (None, True, 1, 1.5, "a", [], {})]
    ['null', 'true/false', 'a number', 'a number', 'text', 'a list', 'an object']
    """
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return NUMBER
    if isinstance(value, str):
        return TEXT
    return LIST if isinstance(value, list) else OBJECT


def fits(value: Any, allowed: frozenset[str]) -> bool:
    """Whether ``value`` is of an allowed kind (or null: nothing chosen); a list's items are
    plain values (a checklist or a multiple dropdown holds text or numbers).

    >>> fits(None, frozenset({TEXT})), fits(["a", 2], frozenset({LIST}))
    (True, True)
    >>> fits(-1, frozenset({TEXT})), fits([["a"]], frozenset({LIST}))
    (False, False)
    >>> fits(True, frozenset({NUMBER}))
    False
    """
    kind = kind_of(value)
    if kind == NULL:
        return True
    if kind not in allowed:
        return False
    return kind != LIST or all(kind_of(v) in (TEXT, NUMBER, BOOL) for v in value)


def value_kinds(layout: Any) -> dict[str, frozenset[str]]:
    """``{"id.property": kinds}`` for the page's layout (its JSON form: ``{"type",
    "namespace", "props"}`` nodes): counters and URL parts by their name, a control's value by
    its component type, any other property by the kind of its value in the layout.

    >>> kinds = value_kinds({"type": "Div", "namespace": "dash_html_components", "props": {
    ...     "children": [{"type": "Slider", "namespace": "dash_core_components",
    ...                   "props": {"id": "year", "value": None, "min": 1}},
    ...                  {"type": "Dropdown", "namespace": "dash_core_components",
    ...                   "props": {"id": "pick", "multi": True}}]}})
    >>> sorted(kinds["year.value"]), sorted(kinds["pick.value"]), sorted(kinds["year.min"])
    (['a number'], ['a list'], ['a number'])
    """
    kinds: dict[str, frozenset[str]] = {}
    for node in _components(layout):
        props = node["props"]
        cid = props.get("id")
        if not isinstance(cid, str):
            continue
        kind = f"{node.get('namespace')}.{node.get('type')}"
        kind += "/multi" if props.get("multi") else ""
        kind += "/number" if props.get("type") == "number" else ""
        if kind in VALUE_BY_TYPE:
            kinds[f"{cid}.value"] = _option_kinds(props.get("options")) or VALUE_BY_TYPE[kind]
            if LIST in VALUE_BY_TYPE[kind]:
                kinds[f"{cid}.value"] = VALUE_BY_TYPE[kind]
        for prop, value in props.items():
            name = f"{cid}.{prop}"
            if prop in BY_PROPERTY:
                kinds[name] = BY_PROPERTY[prop]
            elif prop not in FREE and name not in kinds and value is not None:
                kinds[name] = frozenset({kind_of(value)})
    return kinds


def _option_kinds(options: Any) -> frozenset[str]:
    """The kinds of a choice's options' values (none when it has no options yet)."""
    if isinstance(options, dict):
        return frozenset(kind_of(v) for v in options)
    if not isinstance(options, list):
        return frozenset()
    return frozenset(kind_of(o.get("value") if isinstance(o, dict) else o) for o in options)


def _components(node: Any) -> Iterator[dict[str, Any]]:
    """Every component in a layout's JSON form, depth first."""
    if isinstance(node, list):
        for item in node:
            yield from _components(item)
    elif isinstance(node, dict):
        if isinstance(node.get("props"), dict) and "type" in node:
            yield node
            for value in node["props"].values():
                yield from _components(value)
        else:
            for value in node.values():
                yield from _components(value)


def callback_problem(body: Any, callbacks: Mapping[str, Mapping[str, Any]],
                     kinds: Mapping[str, frozenset[str]] | None = None) -> str | None:
    """What makes ``body`` unlike a request the page sends to run a callback (None: nothing;
    the callback itself then judges the values within their kinds). Dash or the callback
    would fail with a 500 on each. ``kinds`` (from :func:`value_kinds`) says which JSON
    kinds each ``id.property`` of the page holds; a value of another kind is refused.

    >>> cbs = {"a.b": {"callback": print, "inputs": [{"id": "x", "property": "value"}],
    ...                "state": []}}
    >>> callback_problem({"output": "a.b", "outputs": {"id": "a", "property": "b"},
    ...                   "inputs": [{"id": "x", "property": "value", "value": 1}],
    ...                   "changedPropIds": ["x.value"]}, cbs) is None
    True
    >>> callback_problem({"output": "a.b", "inputs": []}, cbs)
    "'inputs' must be a list of 1 item(s)"
    >>> callback_problem([], cbs), callback_problem({"output": "z.y"}, cbs)
    ('the body must be a JSON object', "'output' names no callback of this app")
    """
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        return "'output' names no callback of this app"
    callback = callbacks[output]
    if "callback" not in callback:
        return "'output' names a callback that runs in the browser"
    for part in ("inputs", "state"):
        declared = callback.get(part) or []
        sent = body.get(part, [] if part == "state" else None)
        if not isinstance(sent, list) or len(sent) != len(declared):
            return f"'{part}' must be a list of {len(declared)} item(s)"
        for number, (item, dep) in enumerate(zip(sent, declared, strict=True), start=1):
            if not _matches(item, dep):
                return f"item {number} of '{part}' is not {dep['id']}.{dep['property']}"
            name = f"{dep['id']}.{dep['property']}"
            allowed = (kinds or {}).get(name) or BY_PROPERTY.get(str(dep["property"]))
            matches = item if isinstance(item, list) else [item]  # ALL: a list of matches
            if allowed and not all(fits(m.get("value"), allowed) for m in matches):
                return (f"item {number} of '{part}' ({name}) must be "
                        + " or ".join(sorted(allowed)))
    if "outputs" in body and not _outputs_fit(body["outputs"], output):
        return "'outputs' does not fit the callback's outputs"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    return None


def _matches(item: Any, dep: Mapping[str, Any]) -> bool:
    """Whether one sent input or state is the declared one (a pattern-matching one: a dict
    id, or for ALL and ALLSMALLER a list of them)."""
    dep_id, prop = str(dep.get("id")), dep.get("property")
    if not dep_id.startswith("{"):
        return _is_prop(item, prop) and item["id"] == dep_id
    if '["ALL"]' in dep_id or '["ALLSMALLER"]' in dep_id:
        return isinstance(item, list) and all(
            _is_prop(i, prop) and isinstance(i["id"], dict) for i in item)
    return _is_prop(item, prop) and isinstance(item["id"], dict)


def _is_prop(item: Any, prop: Any = None) -> bool:
    return (isinstance(item, dict) and isinstance(item.get("id"), str | dict)
            and isinstance(item.get("property"), str)
            and (prop is None or item["property"] == prop))


def _outputs_fit(outputs: Any, output: str) -> bool:
    def one(item: Any) -> bool:
        return _is_prop(item) or (isinstance(item, list) and all(_is_prop(i) for i in item))

    if output.startswith(".."):  # several outputs: "..a.b...c.d.."
        count = len(output[2:-2].split("..."))
        return isinstance(outputs, list) and len(outputs) == count and all(map(one, outputs))
    return one(outputs)
