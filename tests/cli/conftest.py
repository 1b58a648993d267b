"""The CLI in process for the tests that call it as a person would (`run`)."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from theodoi.cli import cli
from theodoi.domain.errors import TheodoiError


@pytest.fixture
def run(settings_env: str) -> Any:
    """`run(*args)` -> (exit code, output), on the test's fresh database (`settings_env`);
    a theodoi error as `main` renders it (one line, exit 2)."""
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str]:
        result = runner.invoke(cli, list(args))
        if isinstance(result.exception, TheodoiError):
            return result.exception.exit_code, result.output + result.exception.render()
        return result.exit_code, result.output

    return invoke
