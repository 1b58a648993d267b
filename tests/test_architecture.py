"""Capability packages under services/ are entered only through their public face.

Every package under `src/theodoi/services/` is a capability; its `__init__` names in
`__all__` what others may import (modules or functions). Code outside the package (another
capability, the web, the CLI, the top-level plumbing) that imports one of its other
modules, or a name its `__all__` does not list, reaches into its internals and fails here.
import-linter cannot say "only what `__all__` lists" without a contract per module, so
this walks the source instead.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src"
SERVICES = SRC / "theodoi" / "services"
CAPABILITIES = sorted(p.name for p in SERVICES.iterdir() if (p / "__init__.py").is_file())


def public_face(capability: str) -> set[str]:
    """The names a capability's `__init__` lists in `__all__` (read, not imported)."""
    tree = ast.parse((SERVICES / capability / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def imported(tree: ast.AST) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every absolute import; names empty for `import x.y`."""
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name, []) for a in node.names)
    return found


def packages_used(tree: ast.AST, faces: dict[str, set[str]]) -> list[tuple[int, str, str]]:
    """(line, capability, attribute) of every `capability.attribute` where the package was
    bound by `from theodoi.services import capability`: a module moved into a package of
    its own name (progress, accounts, reporting, demo) still imports under the old line,
    and only its attributes tell."""
    bound = {a.asname or a.name: a.name for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module == "theodoi.services"
             for a in node.names if a.name in faces}
    return [(node.lineno, bound[node.value.id], node.attr) for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in bound]


def violations(module: str, source: str, faces: dict[str, set[str]]) -> list[str]:
    """The imports in `source` (module `module`) that reach into another capability."""
    tree = ast.parse(source)
    bad = [f"{module}:{line} uses theodoi.services.{cap}.{attr}, not in its __all__"
           for line, cap, attr in packages_used(tree, faces) if attr not in faces[cap]]
    for line, target, names in imported(tree):
        parts = target.split(".")
        if parts[:2] != ["theodoi", "services"] or len(parts) < 3 or parts[2] not in faces:
            continue
        capability = ".".join(parts[:3])
        if module == capability or module.startswith(capability + "."):
            continue  # a package's own modules see each other
        reached = parts[3:4] if len(parts) > 3 else names
        for name in reached:
            if name not in faces[parts[2]]:
                bad.append(f"{module}:{line} imports {capability}.{name}, not in its __all__")
    return bad


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_capabilities_are_entered_only_through_their_public_face() -> None:
    faces = {c: public_face(c) for c in CAPABILITIES}
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        bad += violations(_module_name(path), path.read_text(encoding="utf-8"), faces)
    assert bad == []


def test_every_capability_says_what_it_owns_and_names_its_face() -> None:
    for capability in CAPABILITIES:
        package = importlib.import_module(f"theodoi.services.{capability}")
        assert package.__doc__ and package.__doc__.strip(), f"{capability} has no docstring"
        face = public_face(capability)
        assert face, f"{capability}/__init__.py lists no __all__"
        for name in face:
            is_module = (SERVICES / capability / f"{name}.py").is_file()
            assert is_module or hasattr(package, name), f"{capability}.{name} does not exist"


def test_a_reach_into_internals_is_caught() -> None:
    faces = {"spreadsheets": {"excel", "progress_xlsx"}, "progress": {"records"}}
    source = ("from theodoi.services.spreadsheets.excel_rows import TASK_VALUES\n"
              "from theodoi.services.progress import values, records\n"
              "from theodoi.services.spreadsheets import excel\n"
              "import theodoi.services.progress.values\n"
              "from theodoi.services import progress\n"
              "progress.record(progress.records)\n")
    assert violations("theodoi.web.pages.progress", source, faces) == [
        "theodoi.web.pages.progress:6 uses theodoi.services.progress.record, "
        "not in its __all__",
        "theodoi.web.pages.progress:1 imports theodoi.services.spreadsheets.excel_rows, "
        "not in its __all__",
        "theodoi.web.pages.progress:2 imports theodoi.services.progress.values, "
        "not in its __all__",
        "theodoi.web.pages.progress:4 imports theodoi.services.progress.values, "
        "not in its __all__",
    ]
    assert violations("theodoi.services.spreadsheets.excel", source, faces) == [
        "theodoi.services.spreadsheets.excel:6 uses theodoi.services.progress.record, "
        "not in its __all__",
        "theodoi.services.spreadsheets.excel:2 imports theodoi.services.progress.values, "
        "not in its __all__",
        "theodoi.services.spreadsheets.excel:4 imports theodoi.services.progress.values, "
        "not in its __all__",
    ]
