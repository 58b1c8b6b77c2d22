"""The house's rules, checked on the source: imports run one way, no cycles, rooms of a
readable size. Read from the files (ast), so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("network", "serving", "components", "callbacks")
TOP_MODULES = ("app", "settings", "wsgi")
#: A source file may not be longer than this at all ...
HARD_LIMIT = 600
#: ... nor longer than this without saying why at its top ("Longer than 400 lines: ...").
SOFT_LIMIT = 400
REASON = "Longer than 400 lines"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    found = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    found.update({m: ROOT / f"{m}.py" for m in TOP_MODULES if (ROOT / f"{m}.py").exists()})
    return found


SOURCES = _sources()


def _imports(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports (absolute, relative, inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            # "from package import module" imports the module
            out.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in SOURCES)
    return out


def _ours(imported: str) -> str | None:
    """The module of ours an import names (a package's __init__ for a package)."""
    while imported and imported not in SOURCES:
        imported = imported.rpartition(".")[0]
    return imported or None


GRAPH = nx.DiGraph()
for _name, _path in SOURCES.items():
    GRAPH.add_node(_name)
    for _imported in _imports(_name, _path):
        target = _ours(_imported)
        if target and target != _name:
            GRAPH.add_edge(_name, target)
RAW = {name: _imports(name, path) for name, path in SOURCES.items()}


def test_the_rules_see_the_code():
    # the checks below would pass on an empty graph: make sure they read the real one
    assert len(SOURCES) > 40
    assert GRAPH.has_edge("callbacks.render", "network.analysis.frame")
    assert GRAPH.has_edge("network.loading", "network.layout.positions")


def test_no_import_cycle():
    cycles = [sorted(c) for c in nx.strongly_connected_components(GRAPH) if len(c) > 1]
    assert cycles == []


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.startswith("network")))
def test_the_domain_imports_no_web_framework_and_nothing_above_it(name):
    forbidden = ("dash", "flask", "redis", "serving", "components", "callbacks", "app",
                 "settings", "gunicorn")
    bad = sorted(m for m in RAW[name] if m.split(".")[0] in forbidden)
    assert bad == []


#: Inside the domain, which sub-package may import which (besides itself and network.text).
MAY_IMPORT = {
    "network.text": set(),
    "network.model": set(),
    "network.layout": {"network.model"},
    "network.view": {"network.model"},
    "network.analysis": {"network.model", "network.view", "network.layout"},
    "network.loading": {"network.model", "network.view", "network.layout"},
    "network.formats": {"network.model", "network.view", "network.layout", "network.analysis",
                        "network.loading"},
}


def _area(module: str) -> str | None:
    for area in sorted(MAY_IMPORT, key=len, reverse=True):
        if module == area or module.startswith(area + "."):
            return area
    return None


def test_domain_layers_import_downwards_only():
    wrong = []
    for source, target in GRAPH.edges:
        here, there = _area(source), _area(target)
        if here is None or there is None or here == there or there == "network.text":
            continue
        if there not in MAY_IMPORT[here]:
            wrong.append(f"{source} -> {target}")
    assert wrong == []


def test_serving_is_beside_the_domain_not_under_it():
    assert not any(t.startswith("serving") for s, t in GRAPH.edges if s.startswith("network"))


#: The one module of serving at the web's edge (headers, cross-site checks, answers to bad
#: requests): it knows Flask, never Dash nor the interface.
WEB_EDGE = {"serving.security"}


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.startswith("serving")))
def test_serving_knows_no_web_framework_nor_the_interface(name):
    forbidden = ("dash", "components", "callbacks", "app") + (
        () if name in WEB_EDGE else ("flask",))
    assert sorted(m for m in RAW[name] if m.split(".")[0] in forbidden) == []


def test_only_the_web_edge_knows_flask():
    assert WEB_EDGE <= set(SOURCES)
    assert sorted(n for n in SOURCES if n.startswith("serving")
                  and any(m.split(".")[0] == "flask" for m in RAW[n])) == sorted(WEB_EDGE)


def test_components_never_reach_up_into_callbacks():
    assert [f"{s} -> {t}" for s, t in GRAPH.edges
            if s.startswith("components") and t.startswith("callbacks")] == []


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.split(".")[0] in
                                        ("components", "callbacks")))
def test_the_interface_reads_the_frame_and_never_selects_a_view_itself(name):
    # any way of reaching network.view.visible.visible: from the module, from the package,
    # or through an imported module object
    tree = ast.parse(SOURCES[name].read_text(encoding="utf-8"))
    reached = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "network.view.visible":
            reached += [a.name for a in node.names if a.name == "visible"]
        elif isinstance(node, ast.ImportFrom) and node.module == "network.view":
            reached += [a.name for a in node.names if a.name == "visible"]
        elif isinstance(node, ast.Import):
            reached += [a.name for a in node.names if a.name == "network.view.visible"]
        elif isinstance(node, ast.Attribute) and node.attr == "visible" and isinstance(
                node.value, ast.Name | ast.Attribute):
            reached.append(ast.unparse(node))
    assert reached == []


def _files() -> list[Path]:
    code = [p for p in SOURCES.values()]
    code += [p for p in (ROOT / "assets").glob("*.js")]
    code += [p for p in (ROOT / "bench").glob("*.py")]
    return sorted(code)


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_rooms_have_a_readable_size(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= HARD_LIMIT
    if len(lines) > SOFT_LIMIT:
        text = "\n".join(lines)
        head = (ast.get_docstring(ast.parse(text)) or "") if path.suffix == ".py" else text[:2000]
        assert REASON in head, f"{len(lines)} lines and no reason at the top"
