"""The drawn import structure of ``ungraph.extract`` (issue 15): no extractor imports another,
nothing in ``extract/`` imports ``graph/``, and shared rules live in modules that are no extractor.

The graph is read from the source with :mod:`ast` (every ``import``, at module level or inside a
function), not from ``sys.modules``, so a lazy import inside a function counts too. An
*extractor* is a module whose ``extract`` or ``enrich`` is registered in
:data:`ungraph.extract.ALL_EXTRACTORS` / :data:`~ungraph.extract.ALL_ENRICHERS`; every other
module of the package is a *helper*.

``python tests/extract/test_import_graph.py`` prints the graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ungraph.extract as extract_package
from ungraph.extract import ALL_ENRICHERS, ALL_EXTRACTORS

PACKAGE = "ungraph.extract"
DIR = Path(extract_package.__file__).parent


def _module_names() -> set[str]:
    return {f"{PACKAGE}.{p.stem}" for p in DIR.glob("*.py") if p.stem != "__init__"}


def _imported(path: Path, modules: set[str]) -> set[str]:
    """The ``ungraph`` modules a file imports (``from ungraph.extract import x`` is module ``x``)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("ungraph")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("ungraph"):
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules
            out |= subs or {node.module}
    return out


def import_graph() -> dict[str, set[str]]:
    """Each module of ``ungraph.extract`` -> the ``ungraph`` modules it imports."""
    modules = _module_names()
    return {name: _imported(DIR / f"{name.rsplit('.', 1)[1]}.py", modules) for name in sorted(modules)}


def extractors() -> set[str]:
    return {f.__module__ for f in (*ALL_EXTRACTORS, *ALL_ENRICHERS)}


def draw() -> str:
    """The graph as text: one line per module, extractors marked ``*``, imports inside the package."""
    graph, ext = import_graph(), extractors()
    lines = []
    for name, deps in graph.items():
        inside = sorted(d.rsplit(".", 1)[1] for d in deps if d.startswith(PACKAGE + "."))
        outside = sorted(d for d in deps if not d.startswith(PACKAGE))
        mark = "*" if name in ext else " "
        lines.append(f"{mark} {name.rsplit('.', 1)[1]:<16} -> {', '.join(inside) or '-'}   [{', '.join(outside)}]")
    return "\n".join(lines)


def test_every_module_defining_an_extractor_is_registered():
    """A module with an ``extract``/``enrich`` function that is not registered would pass as a helper."""
    defining = {name for name in _module_names()
                if any(isinstance(n, ast.FunctionDef) and n.name in ("extract", "enrich")
                       for n in ast.parse((DIR / f"{name.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8")).body)}
    assert defining == extractors()


def test_no_extractor_imports_another_extractor():
    ext = extractors()
    bad = sorted((name, dep) for name, deps in import_graph().items() if name in ext
                 for dep in deps if dep in ext | {PACKAGE} and dep != name)
    assert bad == [], "\n" + draw()


def test_helpers_import_no_extractor():
    """Shared rules may import other rules, never an extractor (that would be the same edge, one step removed)."""
    ext = extractors()
    bad = sorted((name, dep) for name, deps in import_graph().items() if name not in ext
                 for dep in deps if dep in ext | {PACKAGE})
    assert bad == [], "\n" + draw()


def test_extract_never_imports_graph():
    bad = sorted((name, dep) for name, deps in import_graph().items() for dep in deps
                 if dep == "ungraph.graph" or dep.startswith("ungraph.graph."))
    init = _imported(DIR / "__init__.py", _module_names())
    bad += sorted((PACKAGE, dep) for dep in init if dep.startswith("ungraph.graph"))
    assert bad == [], "\n" + draw()


if __name__ == "__main__":
    print(draw())
