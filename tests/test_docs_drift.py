"""The README documents every setting, warning code and exit code the code has (no drift)."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from theodoi.extraction.warnings import CODES
from theodoi.settings import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _table_rows(heading: str) -> list[str]:
    section = README.split(heading, 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ")]


def test_every_setting_is_in_the_readme_with_its_default() -> None:
    rows = "\n".join(_table_rows("## Settings"))
    for name, info in Settings.model_fields.items():
        env = f"THEODOI_{name.upper()}"
        assert f"`{env}`" in rows, f"{env} missing from the README's settings table"
        assert info.description, f"setting {name} has no help text"


def test_readme_lists_no_setting_that_does_not_exist() -> None:
    documented = set(re.findall(r"`THEODOI_([A-Z_]+)`", "\n".join(_table_rows("## Settings"))))
    known = {n.upper() for n in Settings.model_fields} | {"SETTINGS_FILE"}
    assert documented <= known


def test_every_warning_code_is_in_the_readme() -> None:
    rows = "\n".join(_table_rows("## Warning codes"))
    for code in CODES:
        assert f"`{code}`" in rows, f"warning {code} missing from the README"
    assert set(re.findall(r"`(W\d{3})`", rows)) <= set(CODES), "README lists unknown codes"


def test_exit_codes_are_documented() -> None:
    rows = "\n".join(_table_rows("## Exit codes"))
    for code in ("0", "1", "2"):
        assert f"| {code} |" in rows


def _leaf_commands(group: object, prefix: str = "theodoi") -> list[str]:
    import click

    assert isinstance(group, click.Group)
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += _leaf_commands(command, f"{prefix} {name}")
        else:
            paths.append(f"{prefix} {name}")
    return paths


def test_every_command_is_in_the_readme() -> None:
    from theodoi.cli import cli

    missing = [path for path in _leaf_commands(cli) if f"`{path}" not in README
               and not re.search(rf"^{re.escape(path)}\b", README, re.MULTILINE)]
    assert missing == [], f"commands the README does not document: {missing}"


def test_the_status_rule_table_in_the_docs_is_the_one_in_the_code() -> None:
    from theodoi.domain.measures import MEASURE_RULES
    from theodoi.domain.status import TARGET_RULES, TASK_RULES

    doc = (ROOT / "docs" / "trang-thai.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| `")]
    assert rows == [f"| `{code}` | {label} | {rule} |"
                    for code, label, rule in MEASURE_RULES + TARGET_RULES + TASK_RULES]


def _architecture_rows() -> dict[str, str]:
    """The README architecture table: package name -> its public-face cell."""
    rows = {}
    for line in _table_rows("## Architecture"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        match = re.fullmatch(r"`(\w+)/`", cells[0])
        if match:
            rows[match.group(1)] = cells[-1]
    return rows


def test_the_architecture_table_lists_every_capability_of_services() -> None:
    services = ROOT / "src" / "theodoi" / "services"
    packages = {p.name for p in services.iterdir() if (p / "__init__.py").is_file()}
    assert set(_architecture_rows()) == packages


def test_the_architecture_table_names_only_a_capability_s_public_face() -> None:
    import importlib

    for name, cell in _architecture_rows().items():
        public = set(importlib.import_module(f"theodoi.services.{name}").__all__)
        named = set(re.findall(r"`(\w+)`", cell)) - {"__all__"}  # "see its `__all__`"
        assert named <= public, (name, named - public)


def test_the_architecture_section_names_the_shared_plumbing_modules() -> None:
    section = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    services = ROOT / "src" / "theodoi" / "services"
    for module in services.glob("*.py"):
        if module.stem != "__init__":
            assert f"`{module.stem}`" in section, module.stem
