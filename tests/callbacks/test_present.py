"""Presenter mode and scene editing as plain functions."""

import json

import pytest
from dash import no_update

from callbacks.present import edit, navigate, steps
from callbacks.state import CONTROLS, state_from_controls
from components import present
from components.ids import ID, SCENE_ACTION
from network.view.scenes import load_scenes, scene_caption, scene_title, scene_view
from network.view.state import ViewState
from network.view.visible import from_link
from tests.callbacks.outputs import by_output, declared

TOUR = load_scenes()
SCENES, MESSAGE = (ID.SCENES, "data"), (ID.SCENE_MESSAGE, "children")


@pytest.fixture(scope="module")
def edited():
    """``edit``'s answer by (id, property), as the scene-editing callback declares it."""
    from app import create_app
    from settings import Settings

    outputs = declared(create_app(Settings.from_env({})), SCENES, MESSAGE)
    return lambda *args: by_output(edit(*args), outputs)


def _state(link):
    return ViewState.from_query(link)


def test_each_step_carries_its_scenes_link_and_controls(ds):
    # next, previous and start run in the browser (assets/redes-present.js: step) from these
    out = steps(ds, TOUR, "es")
    assert out["controls"] == len(CONTROLS) and len(out["scenes"]) == len(TOUR)
    for index, step in enumerate(out["scenes"]):
        state = _state(step["search"])
        assert state.present and state.scene == index and state.lang == "es"
        assert state.filters == ViewState.from_query(TOUR[index].query).filters
        by_id = dict(zip([c[0] for c in CONTROLS], step["controls"], strict=True))
        assert by_id[ID.SCENE] == index and by_id[ID.PRESENT] is True and by_id[ID.LANG] == "es"
        # the controls say exactly what the link says (the sync callback then changes nothing)
        assert state_from_controls(ds, step["controls"]) == from_link(ds, step["search"])
    assert steps(ds, [], "en") == {"controls": len(CONTROLS), "scenes": []}


def test_leave(ds):
    nxt = _state(steps(ds, TOUR, "en")["scenes"][1]["search"])
    out = _state(navigate(ds, ID.PRESENT_EXIT, 1, TOUR, nxt.to_query(), "en"))
    assert not out.present and out.scene is None and out.filters == nxt.filters


def test_a_scene_carries_its_discourse_view(ds):
    index = next(i for i, s in enumerate(TOUR) if scene_view(s) == "discourses")
    state = _state(present.scene_query(ds, TOUR[index], index, "en"))
    assert state.view == "discourses" and state.present


def test_show_a_scene_from_the_list(ds):
    go = {"type": SCENE_ACTION, "action": "go", "index": 3}
    assert _state(navigate(ds, go, 1, TOUR, "", "en")).scene == 3
    assert navigate(ds, go, None, TOUR, "", "en") is no_update
    assert navigate(ds, {**go, "action": "up"}, 1, TOUR, "", "en") is no_update


def test_add_move_delete_and_reset(ds, edited):
    out = edited(ds, ID.SCENE_ADD, 1, TOUR, "?year=1999&levels=local&present=1&scene=2",
                 "My view", "Said plainly", None, "en")
    scenes = present.from_store(out[SCENES])
    assert len(scenes) == len(TOUR) + 1
    added = scenes[-1]
    assert scene_title(added, "en") == "My view"
    assert scene_caption(added, "en") == "Said plainly"
    assert "present" not in added.query and "year=1999" in added.query
    up = {"type": SCENE_ACTION, "action": "up", "index": len(scenes) - 1}
    moved = present.from_store(edited(ds, up, 1, scenes, "", "", "", None, "en")[SCENES])
    assert moved[-2].id == added.id
    delete = {"type": SCENE_ACTION, "action": "delete", "index": 0}
    fewer = present.from_store(edited(ds, delete, 1, scenes, "", "", "", None, "en")[SCENES])
    assert [s.id for s in fewer] == [s.id for s in scenes[1:]]
    assert edited(ds, ID.SCENE_RESET, 1, scenes, "", "", "", None, "en") == {
        SCENES: None, MESSAGE: ""}
    untitled = present.from_store(edited(ds, ID.SCENE_ADD, 1, [], "?year=2000", "", "", None,
                                         "es")[SCENES])
    assert scene_title(untitled[0], "es") == "Escena 1"


def test_upload_a_scene_list_or_a_broken_file(ds, edited):
    import base64

    def url(text):
        return "data:application/json;base64," + base64.b64encode(text.encode()).decode()

    good = json.dumps([{"query": "year=2000", "title": {"en": "Two thousand"}}])
    out = edited(ds, ID.SCENE_UPLOAD, url(good), TOUR, "", "", "", url(good), "en")
    assert [s.query for s in present.from_store(out[SCENES])] == ["year=2000"]
    assert "1 scenes loaded" in out[MESSAGE][0]
    out = edited(ds, ID.SCENE_UPLOAD, url("{not json"), TOUR, "", "", "", url("{not json"), "en")
    assert out[SCENES] is no_update
    assert out[MESSAGE] and all(isinstance(m, str) for m in out[MESSAGE])
    assert edited(ds, ID.SCENE_UPLOAD, "x", TOUR, "", "", "", "garbage", "es")[SCENES] \
        is no_update


def test_leaving_goes_back_to_the_view_presenting_started_from(ds):
    scene = steps(ds, TOUR, "en")["scenes"][3]["search"]
    before = "?year=1995&levels=national&metric=pagerank&lang=en"
    out = _state(navigate(ds, ID.PRESENT_EXIT, 1, TOUR, scene, "es", before))
    assert not out.present and out.year == 1995 and out.levels == ("national",)
    assert out.metric == "pagerank" and out.lang == "es"  # in the language shown now
