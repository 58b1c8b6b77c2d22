"""Scenes: the bundled tour of the thesis's findings, and reading uploaded scene lists."""

import base64
import json
import random
import re
from pathlib import Path

import pytest

from network.model.schema import DOMAINS
from network.text import catalogue as i18n
from network.view.scenes import (
    BUNDLED_SCENES,
    MAX_BYTES,
    MAX_SCENES,
    Scene,
    ScenesResult,
    add,
    clean_query,
    dump_scenes,
    load_scenes,
    move,
    parse_scenes,
    remove,
    scene_caption,
    scene_discourse,
    scene_state,
    scene_title,
    scene_view,
)
from network.view.state import ViewState
from network.view.visible import visible

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scenes"


@pytest.fixture(scope="module")
def tour():
    return load_scenes()


# -- the bundled tour ---------------------------------------------------------------------


def test_tour_has_enough_scenes_with_unique_ids(tour):
    assert len(tour) >= 8
    ids = [s.id for s in tour]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_tour_is_written_in_both_languages(tour):
    for s in tour:
        for texts in (s.title, s.caption):
            assert set(texts) == {"en", "es"}, s.id
            assert all(v.strip() for v in texts.values()), s.id
        assert s.caption["en"] != s.caption["es"], s.id
        assert len(s.title["en"]) <= 60 and len(s.caption["en"]) <= 400, s.id
        # plain, short captions: one or two sentences, no markup
        assert s.caption["en"].count(". ") <= 1 and s.caption["es"].count(". ") <= 1, s.id
        assert "<" not in s.caption["en"] + s.caption["es"], s.id


def test_tour_file_is_in_canonical_form(tour):
    assert BUNDLED_SCENES.read_text(encoding="utf-8") == dump_scenes(tour)


def test_every_tour_query_gives_a_non_empty_view(tour, ds):
    for s in tour:
        state = scene_state(s, ds)
        view = visible(ds, state.filters)
        assert not view.empty, s.id
        assert len(view.ties) > 0, s.id
        if state.actor is not None:
            assert state.actor in view.actors.index, s.id


def test_tour_queries_mean_what_they_say(tour, ds):
    """No key or value in a query is silently dropped by parsing or fitting it to the data."""
    default = ViewState()
    for s in tour:
        raw = dict(pair.split("=", 1) for pair in s.query.split("&"))
        state = ViewState.from_query(s.query)
        assert scene_state(s, ds) == state, s.id  # the data needs no fitting
        for key, value in raw.items():
            if key in ("view", "discourse"):  # read by the discourse view, not by ViewState
                continue
            assert hasattr(default, key), (s.id, key)
            alone = ViewState.from_query(f"{key}={value}")
            assert alone != default or str(getattr(default, key)) == value, (s.id, key)
            if key in ("networks", "ngo_types", "domains", "levels"):
                assert len(getattr(alone, key)) == len(value.split(",")), (s.id, key)
        if "actor" in raw:
            assert raw["actor"] in ds.actors.index, s.id
        if "networks" in raw:
            assert set(raw["networks"].split(",")) <= set(ds.networks.index), s.id
        if "discourse" in raw:
            assert raw["discourse"] in ds.discourses.index, s.id
        if "view" in raw:
            assert scene_view(s) == raw["view"], s.id
        assert int(raw["year"]) in ds.years, s.id


def test_tour_covers_the_findings(tour):
    states = {s.id: ViewState.from_query(s.query) for s in tour}
    for domain in DOMAINS:
        assert any(st.domains == (domain,) for st in states.values()), domain
    assert any(scene_view(s) == "discourses" for s in tour)
    assert any(scene_discourse(s) for s in tour)
    assert any(st.layout == "levels" for st in states.values())
    assert any(st.metric == "betweenness" for st in states.values())
    assert any(st.ngo_types and "gongo" in st.ngo_types for st in states.values())
    typed = [st.year for st in states.values() if st.ngo_types]
    assert max(typed) - min(typed) >= 10  # an early year against a late one


def test_platform_scene_shows_the_chain_from_local_to_global(tour, ds):
    """Bioferias → Peruvian Agroecological Consortium → MAELA/GALCI → IFOAM."""
    scene = next(s for s in tour if ViewState.from_query(s.query).layout == "levels")
    view = visible(ds, scene_state(scene, ds).filters)
    graph = view.graph.to_undirected()
    chain = [("bioferias", "consortium"), ("consortium", "maela"), ("consortium", "galci"),
             ("maela", "ifoam"), ("galci", "ifoam")]
    for a, b in chain:
        assert graph.has_edge(a, b), (a, b)
    levels = view.actors["level"]
    assert [levels[a] for a in ("bioferias", "consortium", "galci", "ifoam")] == [
        "local", "national", "latin_american", "global"]


def test_diversification_scenes_show_more_ngo_types_later(tour, ds):
    typed = sorted((ViewState.from_query(s.query).year, s) for s in tour
                   if ViewState.from_query(s.query).ngo_types == ViewState.from_query(
                       "ngo_types=conventional,producer,market,business,technocratic,gongo"
                   ).ngo_types)
    (_, early), (_, late) = typed[0], typed[-1]
    kinds = [set(visible(ds, scene_state(s, ds).filters).actors["ngo_type"]) for s in (early, late)]
    assert kinds[0] < kinds[1]
    assert len(kinds[1]) == 6


def test_gongo_scene_shows_the_three_technology_networks(tour, ds):
    for s in tour:
        st = ViewState.from_query(s.query)
        if st.networks and {"cleaner_technology", "appropriate_technology",
                            "technological_innovation"} <= set(st.networks):
            view = visible(ds, scene_state(s, ds).filters)
            gongos = set(view.actors.index[view.actors["ngo_type"] == "gongo"])
            assert gongos == {"concytec", "itacab", "otcit"}
            return
    pytest.fail("no scene shows the three technology networks")


# -- reading and writing ------------------------------------------------------------------


def test_round_trip(tour):
    text = dump_scenes(tour)
    again = parse_scenes(text)
    assert again.ok and again.scenes == tour
    assert dump_scenes(again.scenes) == text
    assert parse_scenes(text.encode("utf-8")).scenes == tour
    assert parse_scenes(json.dumps({"scenes": json.loads(text)})).scenes == tour


def test_dump_is_utf8_indented_and_stable():
    scenes = [Scene("b", "year=2008", {"es": "Ferias", "en": "Fairs"}, {"es": "Á"})]
    text = dump_scenes(scenes)
    assert "Á" in text and "\\u" not in text
    assert text.startswith('[\n  {\n    "id": "b"')
    assert text.index('"en"') < text.index('"es"')
    assert text.endswith("\n")
    assert dump_scenes(list(scenes)) == text
    assert dump_scenes([]) == "[]\n"


def test_plain_strings_are_in_the_uploaders_language():
    text = '[{"query": "?year=2008", "title": "Ferias", "caption": "Locales"}]'
    scene = parse_scenes(text, lang="es").scenes[0]
    assert scene.title == {"es": "Ferias"} and scene.caption == {"es": "Locales"}
    assert scene.query == "year=2008"
    assert scene_title(scene, "en") == "Ferias"  # falls back to the other language


def test_title_and_caption_fall_back_to_the_other_language():
    scene = Scene("a", "", {"en": "Fairs"}, {"es": "Ferias locales"})
    assert scene_title(scene, "es") == "Fairs" and scene_title(scene, "en") == "Fairs"
    assert scene_caption(scene, "en") == "Ferias locales"
    assert scene_caption(Scene("a", "", {"en": "x"}), "es") == ""


def test_missing_ids_are_made_up_and_unique():
    text = json.dumps([
        {"query": "year=2008", "title": "A"},
        {"id": "scene-1", "query": "year=2009", "title": "B"},
        {"id": "  ", "query": "year=2010", "title": "C"},
        {"id": 7, "query": "year=2011", "title": "D"},
    ])
    result = parse_scenes(text)
    assert [s.id for s in result.scenes] == ["scene-1-2", "scene-1", "scene-3", "7"]
    assert result.ok


def test_unknown_keys_are_ignored_and_caption_is_optional():
    text = json.dumps([{"query": "year=2008", "title": {"en": "A", "fr": "Un"},
                        "notes": "for me", "duration": 30}])
    result = parse_scenes(text)
    assert result.ok
    assert result.scenes == [Scene("scene-1", "year=2008", {"en": "A"}, {})]


def test_a_pasted_link_keeps_only_its_query():
    assert clean_query("https://redes.example/app?year=2008&view=discourses#x") == (
        "year=2008&view=discourses")
    assert clean_query(" ?year=2008 ") == "year=2008"
    assert clean_query("") == ""


def test_view_and_discourse_keys_are_kept():
    result = parse_scenes('[{"query": "view=discourses&discourse=market_access&year=2010", '
                          '"title": "x"}]')
    scene = result.scenes[0]
    assert scene.query == "view=discourses&discourse=market_access&year=2010"
    assert scene_view(scene) == "discourses" and scene_discourse(scene) == "market_access"
    plain = Scene("a", "year=2010&view=nonsense", {"en": "x"})
    assert scene_view(plain) == "network" and scene_discourse(plain) is None


def test_a_browser_upload_can_be_read_directly():
    payload = base64.b64encode(json.dumps([{"query": "year=2008", "title": "Á"}]).encode())
    result = parse_scenes("data:application/json;base64," + payload.decode())
    assert result.ok and result.scenes[0].title == {"en": "Á"}


def test_utf16_and_bom_are_read():
    text = json.dumps([{"query": "year=2008", "title": "Producción"}], ensure_ascii=False)
    for data in (text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode("utf-8"), "\ufeff" + text):
        result = parse_scenes(data)
        assert result.ok and result.scenes[0].title == {"en": "Producción"}


# -- broken files: each its own message, in both languages, never an exception ------------

BROKEN = [
    # file, code, scenes kept, words each message must contain (en, es)
    ("not_json.json", "scenes.not_json", 0, ("JSON", "line 5"), ("JSON", "línea 5")),
    ("object_without_scenes.json", "scenes.no_scenes_key", 0, ("“scenes”",), ("“scenes”",)),
    ("scene_without_query.json", "scenes.missing", 1, ("Scene 2", "“query”", "left out"),
     ("escena 2", "“query”", "dejó fuera")),
    ("title_is_number.json", "scenes.wrong_type_text", 1, ("Scene 2", "“title”", "a number"),
     ("Escena 2", "“title”", "un número")),
    ("duplicate_ids.json", "scenes.duplicate_id", 2, ("Scene 2", "“fairs”", "scene 1", "fairs-2"),
     ("Escena 2", "“fairs”", "escena 1", "fairs-2")),
    ("too_many.json", "scenes.too_many", MAX_SCENES, ("201", "200"), ("201", "200")),
    ("latin1.json", "scenes.decoded_latin1", 1, ("UTF-8", "Latin-1"), ("UTF-8", "Latin-1")),
    ("empty.json", "scenes.empty", 0, ("empty",), ("vacío",)),
    ("html_in_caption.json", "scenes.html", 1, ("Scene 1", "“caption.en”", "<b>", "plain text"),
     ("Escena 1", "“caption.en”", "<b>", "texto simple")),
    ("image.json", "scenes.not_text", 0, ("not a text file",), ("no es de texto",)),
]


@pytest.mark.parametrize("name, code, kept, en_words, es_words", BROKEN,
                         ids=[b[0] for b in BROKEN])
def test_broken_file_gets_its_own_message(name, code, kept, en_words, es_words):
    data = (FIXTURES / name).read_bytes()
    for lang, words in (("en", en_words), ("es", es_words)):
        result = parse_scenes(data, lang=lang)
        assert isinstance(result, ScenesResult)
        assert result.codes == [code], (lang, result.problems)
        assert len(result.scenes) == kept
        message = result.problems[0]
        for word in words:
            assert word in message, (lang, word, message)


def test_each_broken_file_has_a_different_message():
    assert len({b[1] for b in BROKEN}) == len(BROKEN)
    assert {b[0] for b in BROKEN} == {p.name for p in FIXTURES.iterdir()}


def test_too_large_file_is_not_read(tmp_path):
    path = tmp_path / "huge.json"
    scene = {"query": "year=2008", "title": "x", "caption": "y" * 1000}
    path.write_text(json.dumps([scene] * (MAX_BYTES // 1000 + 10)), encoding="utf-8")
    for lang, words in (("en", ("1.0 MB", "1.0 MB allowed")), ("es", ("1,0 MB", "permitidos"))):
        data = path.read_bytes()
        result = parse_scenes(data, lang)
        assert result.codes == ["scenes.too_large"] and result.scenes == []
        assert all(w in result.problems[0] for w in words), result.problems
        assert parse_scenes(data.decode(), lang).codes == ["scenes.too_large"]


def test_latin1_file_keeps_its_accents():
    scene = parse_scenes((FIXTURES / "latin1.json").read_bytes()).scenes[0]
    assert scene.title == {"es": "Producción orgánica en Perú"}
    assert scene.caption == {"es": "¿Quién coordina?"}


def test_html_is_kept_as_text():
    result = parse_scenes((FIXTURES / "html_in_caption.json").read_bytes())
    assert result.scenes[0].caption["en"] == (
        "The <b>Bioferias</b> are local.<script>alert(1)</script>")
    assert result.scenes[0].caption["es"] == "Las Bioferias son locales."


@pytest.mark.parametrize("text, code, words", [
    ('"just text"', "scenes.not_list", ("not text",)),
    ("42", "scenes.not_list", ("not a number",)),
    ('{"scenes": {"a": 1}}', "scenes.scenes_not_list", ("not an object",)),
    ("[]", "scenes.none", ("empty",)),
    ('["year=2008"]', "scenes.not_object", ("Scene 1", "text")),
    ('[{"query": 2008, "title": "x"}]', "scenes.wrong_type", ("Scene 1", "“query”", "number")),
    ('[{"query": "year=2008"}]', "scenes.missing", ("Scene 1", "“title”")),
    ('[{"query": "year=2008", "title": {"en": "", "es": " "}}]', "scenes.no_text",
     ("Scene 1", "“title”")),
    ('[{"query": "year=2008", "title": {"en": "x", "es": ["y"]}}]', "scenes.wrong_type",
     ("Scene 1", "“title.es”", "a list")),
    ('[{"query": "year=2008", "title": "x", "caption": true}]', "scenes.wrong_type_text",
     ("Scene 1", "“caption”", "true or false")),
    ('[{"query": "year=2008", "title": "' + "x" * 201 + '"}]', "scenes.too_long",
     ("Scene 1", "“title”", "201", "200")),
    ('[{"id": ["a"], "query": "year=2008", "title": "x"}]', "scenes.bad_id",
     ("Scene 1", "“id”", "scene-1")),
    ("[" * 100_000 + "]" * 100_000, "scenes.unreadable_json", ("JSON",)),
    ("[1" + "0" * 5000 + "]", "scenes.unreadable_json", ("JSON",)),
    ("   \n ", "scenes.empty", ("empty",)),
])
def test_other_faults(text, code, words):
    result = parse_scenes(text)
    assert result.codes == [code], result.problems
    assert all(w in result.problems[0] for w in words), result.problems
    assert parse_scenes(text, lang="es").problems[0] != result.problems[0]


def test_every_fault_in_a_file_is_reported_and_good_scenes_kept():
    text = json.dumps([
        {"query": "year=2008", "title": "Good"},
        {"title": 5},
        {"query": "year=2009", "title": "Also good", "caption": "<i>x</i>"},
    ])
    result = parse_scenes(text)
    assert result.codes == ["scenes.missing", "scenes.wrong_type_text", "scenes.html"]
    assert [s.title["en"] for s in result.scenes] == ["Good", "Also good"]


def test_nothing_and_non_text_never_raise():
    assert parse_scenes(None).codes == ["scenes.empty"]
    assert parse_scenes(b"").codes == ["scenes.empty"]
    assert parse_scenes(12).codes == ["scenes.not_text"]  # type: ignore[arg-type]
    assert parse_scenes("data:application/json;base64,@@@").codes
    assert parse_scenes("[]", lang="fr").problems == [i18n.t("scenes.none", "en")]


def test_mangled_files_never_raise(tour):
    """Random cuts and byte flips of a real file: always a result, never an exception."""
    data = bytearray(dump_scenes(tour).encode("utf-8"))
    rng = random.Random(20130617)
    for _ in range(300):
        mangled = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(mangled))
            mangled[i] = rng.randrange(256)
        if rng.random() < 0.3:
            mangled = mangled[: rng.randrange(len(mangled))]
        result = parse_scenes(bytes(mangled), lang=rng.choice(["en", "es"]))
        assert len(result.problems) == len(result.codes)
        assert all(isinstance(s, Scene) for s in result.scenes)
        assert len({s.id for s in result.scenes}) == len(result.scenes)


def test_every_message_has_both_languages():
    keys = [k for k in i18n.keys() if k.startswith("scenes.")]
    assert len(keys) > 15
    for key in keys:
        en, es = i18n.TEXTS["en"][key], i18n.TEXTS["es"].get(key, "")
        assert en != es or key.startswith("scenes.type."), key


# -- editing a list -------------------------------------------------------------------------

A, B, C = (Scene(x, f"year={2000 + i}", {"en": x}) for i, x in enumerate("abc"))


@pytest.mark.parametrize("index, delta, expected", [
    (0, 1, "bac"), (2, -1, "acb"), (0, -1, "abc"), (2, 1, "abc"), (0, 5, "bca"),
    (2, -9, "cab"), (1, 0, "abc"), (3, 1, "abc"), (-1, 1, "abc"),
])
def test_move(index, delta, expected):
    scenes = [A, B, C]
    assert "".join(s.id for s in move(scenes, index, delta)) == expected
    assert scenes == [A, B, C]


@pytest.mark.parametrize("index, expected", [(0, "bc"), (1, "ac"), (2, "ab"), (3, "abc"),
                                             (-1, "abc")])
def test_remove(index, expected):
    scenes = [A, B, C]
    assert "".join(s.id for s in remove(scenes, index)) == expected
    assert scenes == [A, B, C]
    assert remove([], 0) == []


def test_add():
    scenes = [A]
    out = add(scenes, "?year=2008&view=discourses", "Ferias orgánicas", "Locales", lang="es")
    assert scenes == [A]
    new = out[-1]
    assert (new.id, new.query) == ("ferias-organicas", "year=2008&view=discourses")
    assert new.title == {"es": "Ferias orgánicas"} and new.caption == {"es": "Locales"}
    out = add(out, "year=2009", {"en": "Ferias orgánicas", "es": "x"})
    assert out[-1].id == "ferias-organicas-2" and out[-1].caption == {}
    assert add([], "", "!!!")[0].id == "scene"
    assert parse_scenes(dump_scenes(out)).scenes == out


# --- the tour says what the data shows ------------------------------------------------------

def _named(ds, text: str) -> set[str]:
    """The named (non-group) organisations a caption mentions, by name or short name."""
    import re

    from network.text.folding import fold

    text = fold(text)
    found = set()
    for actor_id, row in ds.actors.iterrows():
        if row["is_group"]:
            continue
        for name in {row["acronym"], row["name"], row["name_es"]}:
            pattern = rf"(?<!\w){re.escape(fold(name))}(?!\w)"
            if name and len(name) >= 3 and re.search(pattern, text):
                found.add(actor_id)
    return found


@pytest.mark.parametrize("index", range(len(load_scenes())))
def test_every_organisation_a_caption_names_is_there_to_see(ds, index):
    # a caption that names CONCYTEC and ITACAB over a picture where both are faded (or not
    # in view at all) tells the audience something the picture contradicts
    import networkx as nx

    from network.view.visible import visible

    scene = load_scenes()[index]
    state = scene_state(scene, ds)
    view = visible(ds, state.filters)
    for lang in ("en", "es"):
        text = scene_title(scene, lang) + " " + scene_caption(scene, lang)
        for actor in _named(ds, text):
            assert actor in view.actors.index, (lang, actor, "not in view")
            if state.actor is not None and actor != state.actor:
                near = set(nx.all_neighbors(view.graph, state.actor))
                assert actor in near, (lang, actor, "faded: not tied to", state.actor)
        calls_key = any(w in text.lower() for w in ("key actor", "actores clave"))
        if state.view == "network" and calls_key:
            # the organisations it calls key are those the thesis calls key
            named = _named(ds, text)
            assert named and all(ds.actors.loc[a, "thesis_key"] is True for a in named), named


def test_sme_scene_shows_the_groups_of_small_enterprises_it_names(tour, ds):
    # "amber squares: the market, mostly SMEs ..., from CEDEP's bakeries to IPES's recyclers"
    scene = next(s for s in tour if s.id == "sme-power")
    state = scene_state(scene, ds)
    assert state.colour == "sector"
    from components.palette import COLOURS

    assert COLOURS["sector"]["market"] == "#E69F00"  # amber (Okabe-Ito's orange)
    from components.palette import SHAPES

    assert SHAPES["market"] == "round-rectangle"  # squares
    view = visible(ds, state.filters)
    graph = view.graph.to_undirected()
    assert graph.has_edge("cedep", "cedep_bakeries") and graph.has_edge("ipes", "ipes_ewaste")
    smes = view.actors.index[view.actors["kind"] == "sme_group"]
    assert len(smes) >= 10
    market = view.actors[view.actors["sector"] == "market"]
    assert (market["kind"] == "sme_group").mean() > 0.5  # "mostly the SMEs"


def test_the_cites_scene_shows_only_the_cites_and_their_partners(tour, ds):
    # at 1024x768 faded actors far from the CITEs shrank the picture to a corner (third walk)
    scene = next(s for s in tour if s.id == "cites")
    view = visible(ds, scene_state(scene, ds).filters)
    partners = set(view.graph.to_undirected()["cites"]) | {"cites"}
    assert set(view.actors.index) == partners and "otcit" in partners
