"""Rules of the house that a test can hold."""

import ast
import re
from pathlib import Path

import pytest

from settings import PREFIX, SETTINGS, Settings

ROOT = Path(__file__).resolve().parent.parent


def test_domain_never_imports_dash():
    for path in (ROOT / "network").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("dash", "flask", "plotly", "dash_cytoscape"), \
                    f"{path.name} imports {name}"


def test_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text()
    for name, _, _ in SETTINGS:
        assert f"{PREFIX}{name}" in readme, f"{PREFIX}{name} missing from README"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first = readme.index("make run")
    assert readme.index("make test") - first < 400


def test_no_remote_assets():
    pattern = re.compile(r"https?://(?!127\.0\.0\.1|localhost)", re.I)
    for path in list((ROOT / "assets").rglob("*")) + [ROOT / "app.py"]:
        if path.is_file() and path.suffix in (".css", ".js", ".py", ".html"):
            assert not pattern.search(path.read_text()), f"remote URL in {path.name}"


def test_settings_from_environment():
    s = Settings.from_env({"REDES_LANG": "es", "REDES_PORT": "9000", "REDES_DEBUG": "true"})
    assert (s.lang, s.port, s.debug) == ("es", 9000, True)
    assert Settings.from_env({}).lang == "en"


@pytest.mark.parametrize("env, message", [
    ({"REDES_LANG": "fr"}, "REDES_LANG"),
    ({"REDES_PORT": "eighty"}, "REDES_PORT"),
])
def test_bad_settings_say_what_is_wrong(env, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_env(env)


def test_pinned_dependencies():
    text = (ROOT / "pyproject.toml").read_text()
    deps = re.findall(r'^\s+"([A-Za-z0-9_.\-\[\]]+)([=<>!~]=?[^"]*)?",$', text, re.M)
    assert deps
    for name, spec in deps:
        assert spec.startswith("=="), f"{name} is not pinned"
