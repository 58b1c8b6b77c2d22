"""A callback's answer keyed by (component id, property), in the order the app declares.

The plain functions the callbacks call (``play``, ``choose``, ``edit``, ``publish``, ``sync``)
return one value per output, by position. A test reads them through ``by_output`` with the
outputs taken from the registered callback, so it names what it checks, and a function whose
order no longer matches its callback's declaration fails the test.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import Dash

Key = tuple[object, str]


def declared(app: Dash, *some: Key) -> tuple[Key, ...]:
    """Every output, in the app's order, of the server callback of ``app`` that writes exactly
    ``some`` (in any order) or, failing that, of the one callback that writes all of them."""
    # the server's callbacks: a browser-side one may write the same outputs (the presenter's
    # openScene writes the controls), but the tests call the server's functions
    every = [tuple((o.component_id, o.component_property) for o in _flat(spec["output"]))
             for spec in app.callback_map.values() if "callback" in spec]
    exact = [outputs for outputs in every
             if len(outputs) == len(some) and all(key in outputs for key in some)]
    found = exact or [outputs for outputs in every if all(key in outputs for key in some)]
    assert len(found) == 1, f"{len(found)} callbacks write {some}"
    return found[0]


def by_output(values: Sequence, outputs: Sequence[Key]) -> dict[Key, object]:
    """``values`` (one per output) keyed by the outputs they are for."""
    assert len(values) == len(outputs), f"{len(values)} values for {len(outputs)} outputs"
    assert all(isinstance(cid, str) for cid, _ in outputs), "pattern ids: not keyable"
    return dict(zip(outputs, values, strict=True))


def _flat(outputs: object) -> list:
    if isinstance(outputs, (list, tuple)):
        return [o for item in outputs for o in _flat(item)]
    return [outputs]
