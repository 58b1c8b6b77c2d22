"""Years people can trust: unknown years are empty and say so, the bundled data's years
are backed by sources, ties live inside their actors' lives, and the ``undated`` modes show
undated actors and ties exactly as documented."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from network.analysis.ranking import UNDATED_COLUMN, composition_over_years, dating
from network.formats import view_package
from network.loading import load
from network.model.dataset import THESIS
from network.model.schema import BUNDLED_DATA
from network.view.state import UNDATED, Filters, ViewState
from network.view.visible import visible

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
BACKED = ("stated", "sourced")


def _sources(evidence: str) -> set[str]:
    return {s.strip() for s in evidence.split(";") if s.strip()}


# --- the bundled data ------------------------------------------------------------------

def test_no_tie_outside_either_actors_life(ds):
    for tie_id, tie in ds.ties.iterrows():
        for end in ("source", "target"):
            actor = ds.actors.loc[tie[end]]
            if pd.notna(actor["founded"]) and pd.notna(tie["from_year"]):
                assert tie["from_year"] >= actor["founded"], (tie_id, tie[end])
            if pd.notna(actor["active_until"]):
                # an actor that ended: the tie must end with it at the latest
                assert pd.notna(tie["to_year"]), (tie_id, tie[end])
                assert tie["to_year"] <= actor["active_until"], (tie_id, tie[end])
                if pd.notna(tie["from_year"]):
                    assert tie["from_year"] <= actor["active_until"], (tie_id, tie[end])


def test_the_bundled_data_loads_without_a_single_warning():
    result = load()
    assert result.report.problems == [], result.report.render()


def _backed_by(certainty: str, evidence: str) -> bool:
    """stated needs the thesis (S0) among the sources, sourced a public source (E...)."""
    cited = _sources(evidence)
    if certainty == "stated":
        return "S0" in cited
    if certainty == "sourced":
        return any(s.startswith("E") for s in cited)
    return True


def test_every_stated_or_sourced_year_type_and_relation_cites_a_source(ds):
    for actor_id, a in ds.actors.iterrows():
        assert _backed_by(a["founded_certainty"], a["evidence"]), (actor_id, "founded")
        assert _backed_by(a["type_certainty"], a["evidence"]), (actor_id, "type")
        assert _backed_by(a["certainty"], a["evidence"]), (actor_id, "certainty")
        if a["founded_certainty"] in BACKED:
            assert pd.notna(a["founded"]), actor_id
        assert _backed_by(a["level_certainty"], a["evidence"]), (actor_id, "level")
    for tie_id, tie in ds.ties.iterrows():  # a tie's certainty covers its relation
        assert _backed_by(tie["certainty"], tie["evidence"]), tie_id
        assert _backed_by(tie["network_certainty"], tie["evidence"]), (tie_id, "network")


def test_levels_the_summary_gives_are_stated_and_network_assignments_are_our_reading(ds):
    # the summary places the Bioferias locally, the Consortium nationally, MAELA and GALCI
    # in Latin America and IFOAM globally; no source maps a tie to one of the ten networks
    stated = set(ds.actors.index[ds.actors["level_certainty"] == "stated"])
    assert {"bioferias", "consortium", "maela", "galci", "ifoam"} <= stated
    assert (ds.ties["network_certainty"] == "inferred").all()
    # most levels are our reading: the certainty filter must not pass them off as stated
    assert (ds.actors["level_certainty"] == "inferred").sum() > len(ds.actors) / 2


def test_an_empty_founding_year_is_unknown_and_only_then(ds):
    empty = ds.actors["founded"].isna()
    assert (ds.actors.loc[empty, "founded_certainty"] == "unknown").all()
    assert (ds.actors.loc[~empty, "founded_certainty"] != "unknown").all()


def test_share_of_named_organisations_with_a_backed_founding_year(ds):
    named = ds.actors[~ds.actors["is_group"].astype(bool)]
    backed = named["founded"].notna() & named["founded_certainty"].isin(BACKED)
    # 29 of the 45 named organisations (64 %); before the research notes: 12 (27 %)
    assert (int(backed.sum()), len(named)) == (29, 45)
    assert int(ds.actors["founded"].isna().sum()) == 30
    # no single inferred year stands for more than the 11 CITE group nodes of 2000 (the
    # first CITE law); the study's start, 2006, was 36 placeholders before
    inferred = ds.actors.loc[ds.actors["founded_certainty"] == "inferred", "founded"]
    assert inferred.value_counts().max() == 11 and inferred.value_counts().idxmax() == 2000
    assert 2006 not in set(inferred)


def test_placeholder_years_are_gone(ds):
    notes = " ".join(ds.actors["note"]) + " ".join(ds.ties["note"])
    assert "shown from 2006, the start of the study period" not in notes
    assert "from_year is the later of the two actors' founded years" not in notes


def test_the_study_periods_renamings_and_mergers(ds):
    conam, minam = ds.actors.loc["conam"], ds.actors.loc["minam"]
    assert (conam["founded"], conam["active_until"], minam["founded"]) == (1994, 2008, 2008)
    merger = ds.ties[(ds.ties["source"] == "conam") & (ds.ties["target"] == "minam")]
    assert len(merger) == 1 and merger.iloc[0]["from_year"] == 2008
    assert ds.actors.loc["giz", "founded"] == 2011  # GTZ until 2010; every GIZ tie is 2011+
    assert (ds.ties.loc[(ds.ties["source"] == "giz") | (ds.ties["target"] == "giz"),
                        "from_year"] >= 2011).all()
    assert "t069" not in ds.ties.index  # duplicate of t067
    assert pd.isna(ds.ties.loc["t039", "from_year"]) and pd.isna(ds.ties.loc["t040", "from_year"])


def test_make_validate_passes():
    done = subprocess.run([sys.executable, "-m", "network", "validate", str(BUNDLED_DATA)],
                          capture_output=True, text=True, cwd=BUNDLED_DATA.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stdout


# --- a tiny hand-built data set ----------------------------------------------------------
#
#   rae        founded 1989 (sourced)
#   ideas      founded unknown
#   idma       founded 1984 (sourced), ended 2003
#   producers  founded unknown, ended 2004 (before the fieldwork began)
#   t1 ideas -> rae       year unknown
#   t2 idma -> rae        from 1989 (no end: it ends with IDMA, 2003)
#   t3 producers -> rae   1999 to 2004

def _tiny(folder: Path) -> Path:
    for path in MINIMAL.iterdir():
        shutil.copy(path, folder / path.name)
    actors = pd.read_csv(folder / "actors.csv", dtype=str, keep_default_na=False)
    actors = actors.set_index("id")
    actors.loc["ideas", ["founded", "founded_certainty"]] = ["", "unknown"]
    actors.loc["idma", "active_until"] = "2003"
    columns = ["founded", "founded_certainty", "active_until"]
    actors.loc["producers", columns] = ["", "unknown", "2004"]
    actors.reset_index().to_csv(folder / "actors.csv", index=False)
    ties = pd.read_csv(folder / "ties.csv", dtype=str, keep_default_na=False).set_index("id")
    ties.loc["t1", "from_year"] = ""
    ties.loc["t3", ["from_year", "to_year"]] = ["1999", "2004"]
    ties.reset_index().to_csv(folder / "ties.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    # compiled from the thesis, like the bundled data: undated rows wait for its fieldwork
    result = load(_tiny(tmp_path_factory.mktemp("tiny")), voice=THESIS)
    assert result.report.ok, result.report.render()
    return result.dataset


@pytest.fixture(scope="module")
def tiny_own(tmp_path_factory):
    # the same rows as someone's own data: no fieldwork, undated rows from its first year
    result = load(_tiny(tmp_path_factory.mktemp("tiny_own")))
    assert result.report.ok, result.report.render()
    return result.dataset


def test_own_data_shows_its_undated_rows_from_its_own_first_year(tiny, tiny_own):
    assert (tiny.undated_from, tiny.first_year) == (2006, 1989)
    # the first tie (IDMA and RAE, 1989) starts the data's years; 2006 means nothing here
    assert (tiny_own.undated_from, tiny_own.first_year, tiny_own.last_year) == (1989, 1989, 2004)
    assert tiny_own.key != tiny.key  # shown differently, so never one cache entry
    for year, actors in ((1989, {"rae", "ideas", "idma", "producers"}),
                         (2004, {"rae", "ideas", "producers"})):
        assert set(visible(tiny_own, Filters(year=year)).actors.index) == actors, year
    assert set(visible(tiny, Filters(year=1989)).actors.index) == {"rae", "idma"}


@pytest.mark.parametrize("undated, year, actors, ties", [
    ("fieldwork", 1995, {"rae", "idma"}, {"t2"}),
    ("always", 1995, {"rae", "ideas", "idma", "producers"}, {"t1", "t2"}),  # t3 from 1999
    ("hidden", 1995, {"rae", "idma"}, {"t2"}),
    ("fieldwork", 2005, {"rae"}, set()),           # IDMA has ended, IDEAS not yet shown
    ("always", 2005, {"rae", "ideas"}, {"t1"}),
    ("fieldwork", 2006, {"rae", "ideas"}, {"t1"}),  # the fieldwork began
    ("hidden", 2006, {"rae"}, set()),
    ("fieldwork", 2008, {"rae", "ideas"}, {"t1"}),
    ("always", 2003, {"rae", "ideas", "idma", "producers"}, {"t1", "t2", "t3"}),
    ("always", 1985, {"ideas", "idma", "producers"}, set()),  # t2 waits for RAE (1989)
])
def test_each_undated_mode_on_a_tiny_data_set(tiny, undated, year, actors, ties):
    view = visible(tiny, Filters(year=year, undated=undated))
    assert set(view.actors.index) == actors
    assert set(view.ties.index) == ties


def test_a_tie_is_never_shown_before_either_actor(tiny):
    for undated in UNDATED:
        for year in range(1980, 2013):
            view = visible(tiny, Filters(year=year, undated=undated))
            assert view.ties["source"].isin(view.actors.index).all()
            assert view.ties["target"].isin(view.actors.index).all()


def test_an_undated_actor_that_ended_before_the_fieldwork_never_shows_in_fieldwork_mode(tiny):
    shown = [y for y in range(1980, 2013)
             if "producers" in visible(tiny, Filters(year=y)).actors.index]
    assert shown == []


def test_dating_counts_what_is_dated(tiny):
    d = dating(visible(tiny, Filters(year=1995, undated="always")))
    assert d.as_dict() == {"actors_backed": 2, "actors_inferred": 0, "actors_unknown": 2,
                           "ties_dated": 1, "ties_undated": 1}
    assert (d.actors, d.ties) == (4, 2)
    assert dating(visible(tiny, Filters(year=1995, undated="hidden"))).actors_unknown == 0


def test_dating_of_the_bundled_data_in_2008(ds):
    d = dating(visible(ds, Filters(year=2008)))
    assert d.actors == len(visible(ds, Filters(year=2008)).actors)
    # 29 backed years less GIZ (2011) and the Bioferia de Surquillo (2012); all 30 unknown
    assert (d.actors_backed, d.actors_unknown) == (27, 30)
    assert d.ties_undated > 0 and d.ties_dated > 0


def test_composition_over_years_keeps_undated_actors_apart(tiny, ds):
    mixed = composition_over_years(tiny, Filters(), "sector")
    apart = composition_over_years(tiny, Filters(), "sector", undated_apart=True)
    assert mixed.loc[2006].sum() == apart.loc[2006].sum()  # same actors, other columns
    assert apart.loc[2006, UNDATED_COLUMN] == 1 and apart.loc[2005, UNDATED_COLUMN] == 0
    assert mixed.loc[2006, "civil_society"] == 2 and apart.loc[2006, "civil_society"] == 1
    # in the bundled data the 2006 jump of NGO types is the undated actors' arrival
    bundled = composition_over_years(ds, Filters(), "ngo_type", undated_apart=True)
    jump = bundled.loc[2006] - bundled.loc[2005]
    assert jump[UNDATED_COLUMN] == jump.sum()


# --- an empty year round-trips -----------------------------------------------------------

def test_an_empty_year_round_trips_through_the_package_and_the_validator(tiny, tmp_path):
    filters = Filters(year=2006, start=1980, undated="always")
    view = visible(tiny, filters)
    assert {"ideas", "producers"} <= set(view.actors.index) and "t1" in view.ties.index
    archive = zipfile.ZipFile(io.BytesIO(view_package.view_zip(tiny, filters)))
    assert ",,unknown," in archive.read("actors.csv").decode()
    archive.extractall(tmp_path)
    result = load(tmp_path)
    assert result.report.ok and not result.report.errors, result.report.render()
    back = result.dataset
    assert pd.isna(back.actors.loc["ideas", "founded"])
    assert back.actors.loc["ideas", "founded_certainty"] == "unknown"
    assert pd.isna(back.ties.loc["t1", "from_year"])
    pd.testing.assert_frame_equal(back.actors, tiny.actors.loc[view.actors.index])
    pd.testing.assert_frame_equal(back.ties, tiny.ties.loc[view.ties.index])


def test_the_bundled_datas_empty_years_round_trip(ds, tmp_path):
    filters = Filters(year=ds.last_year, start=ds.first_year)
    exports_zip = view_package.view_zip(ds, filters)
    zipfile.ZipFile(io.BytesIO(exports_zip)).extractall(tmp_path)
    back = load(tmp_path).dataset
    view = visible(ds, filters)
    pd.testing.assert_frame_equal(back.actors, ds.actors.loc[view.actors.index])
    assert back.actors["founded"].isna().sum() == ds.actors["founded"].isna().sum()


def _with(folder: Path, actor: dict | None = None, tie: dict | None = None) -> Path:
    actors = pd.read_csv(folder / "actors.csv", dtype=str, keep_default_na=False).set_index("id")
    for (row, column), value in (actor or {}).items():
        actors.loc[row, column] = value
    actors.reset_index().to_csv(folder / "actors.csv", index=False)
    ties = pd.read_csv(folder / "ties.csv", dtype=str, keep_default_na=False).set_index("id")
    for (row, column), value in (tie or {}).items():
        ties.loc[row, column] = value
    ties.reset_index().to_csv(folder / "ties.csv", index=False)
    return folder


@pytest.mark.parametrize("change, severity, key, row, column", [
    ({("ideas", "founded_certainty"): "sourced"}, "error", "v.year_empty_not_unknown", 3,
     "founded_certainty"),
    ({("rae", "founded_certainty"): "unknown"}, "error", "v.year_given_unknown", 2,
     "founded_certainty"),
])
def test_the_validator_holds_empty_and_unknown_together(tmp_path, change, severity, key, row,
                                                        column):
    result = load(_with(_tiny(tmp_path), actor=change))
    found = [(p.severity, p.key, p.row, p.column) for p in result.report.problems]
    assert (severity, key, row, column) in found and len(result.report.errors) == 1


def test_the_validator_warns_of_a_tie_outside_an_actors_life(tmp_path):
    result = load(_with(_tiny(tmp_path), tie={("t2", "from_year"): "2005"}))
    found = [(p.severity, p.key, p.row, p.column) for p in result.report.problems]
    assert ("warning", "v.tie_after_actor", 3, "from_year") in found
    assert result.report.ok  # a warning: the tie is simply never shown
    assert "t2" not in visible(result.dataset, Filters(year=2005, undated="always")).ties.index


def test_an_unreadable_year_is_not_also_called_empty(tmp_path):
    result = load(_with(_tiny(tmp_path), actor={("rae", "founded"): "19x9"}))
    assert [p.key for p in result.report.errors] == ["v.not_integer"]


# --- the view state ----------------------------------------------------------------------

def test_undated_is_in_the_link_only_when_not_the_default():
    assert ViewState().undated == "fieldwork" and "undated" not in ViewState().to_query()
    for mode in UNDATED:
        state = ViewState.from_query(ViewState(year=2008, undated=mode).to_query())
        assert state.undated == mode and state.filters.undated == mode
    assert ViewState(undated="hidden").to_query() == "undated=hidden"
    assert ViewState.from_query("undated=sometimes").undated == "fieldwork"


def test_the_modes_differ_on_the_bundled_data(ds):
    counts = {m: len(visible(ds, Filters(year=2000, undated=m)).actors) for m in UNDATED}
    assert counts["fieldwork"] == counts["hidden"] < counts["always"]
    later = {m: len(visible(ds, Filters(year=2008, undated=m)).actors) for m in UNDATED}
    assert later["fieldwork"] == later["always"] > later["hidden"]
