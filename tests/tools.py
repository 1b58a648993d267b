"""Tests that need a program scripts/test.sh installs (Chromium, LibreOffice, poppler):
where it is missing they are skipped and the run says so loudly; with CI=true they fail
instead, since a skip would hide that the thing was never checked."""

from __future__ import annotations

import os

import pytest


def need(problem: str | None, what: str) -> None:
    """Fail under CI=true, else skip, when `problem` (why the tool is missing) is set."""
    if problem and os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {what}: {problem}", pytrace=False)
    if problem:
        pytest.skip(problem)
