"""The deployment files under deploy/ are valid: the systemd units pass
`systemd-analyze verify`, and every theodoi command they start exists with those options.

`systemd-analyze verify` also checks that each ExecStart program exists, so the units are
verified as copies whose /opt/theodoi/.venv/bin/theodoi points at a stand-in script; a
warning (an unknown key, a bad value) fails the test as well as an error does.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from tests.conftest import ROOT
from tests.tools import need
from theodoi.cli import cli

UNITS = ROOT / "deploy" / "systemd"
PROGRAM = "/opt/theodoi/.venv/bin/theodoi"


def _unit_files() -> list[Path]:
    files = sorted(UNITS.glob("theodoi*.service")) + sorted(UNITS.glob("theodoi*.timer"))
    assert {f.name for f in files} == {"theodoi.service", "theodoi-worker.service",
                                       "theodoi-backup.service", "theodoi-backup.timer"}
    return files


def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    need(None if tool else "systemd-analyze not installed (Debian package systemd)",
         "systemd-analyze")
    assert tool is not None
    stand_in = tmp_path / "theodoi"
    stand_in.write_text("#!/bin/sh\nexit 0\n")
    stand_in.chmod(0o755)
    copies = []
    for unit in _unit_files():
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(PROGRAM, str(stand_in)))
        copies.append(str(copy))
    done = subprocess.run([tool, "verify", *copies], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    complaints = [line for line in (done.stdout + done.stderr).splitlines()
                  if str(tmp_path) in line]
    assert complaints == []


def _exec_lines() -> list[tuple[str, list[str]]]:
    """(unit, arguments after the theodoi program) of every ExecStart* line."""
    found = []
    for unit in _unit_files():
        for line in unit.read_text().splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=", "ExecStartPost=")):
                program, *args = shlex.split(line.split("=", 1)[1])
                assert program == PROGRAM, f"{unit.name} starts {program}"
                found.append((unit.name, args))
    return found


def _parse(args: list[str]) -> str:
    """Parse `args` as click would run them, without running: the command's path; a
    missing command or an unknown option raises click's usage error."""
    ctx = cli.make_context("theodoi", list(args))
    command: click.Command = cli
    while isinstance(command, click.Group):
        # the group keeps the subcommand and its arguments in _protected_args (click 8.2+
        # names it so; its public alias warns of deprecation)
        name, sub, rest = command.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
        assert sub is not None and name is not None
        command, ctx = sub, sub.make_context(name, rest, parent=ctx)
    return ctx.command_path


def test_every_command_a_unit_starts_is_a_theodoi_command() -> None:
    started = {}
    for unit, args in _exec_lines():
        started[unit] = _parse(args)
    assert started["theodoi.service"] == "theodoi serve"
    assert started["theodoi-backup.service"] == "theodoi backup"
    assert all(name != "theodoi-worker.service" or path == "theodoi worker"
               for name, path in started.items())


def test_parse_catches_a_wrong_option() -> None:
    """What the previous test relies on: a unit with a misspelt option would fail."""
    with pytest.raises(click.UsageError):
        _parse(["backup", "--keeep", "3"])
    with pytest.raises(click.UsageError):
        _parse(["khong-co"])
