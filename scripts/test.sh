#!/usr/bin/env bash
# The whole test suite: install, lint, type-check, import contracts, tests on SQLite and
# PostgreSQL. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff";          ruff check src tests bench scripts
echo "== mypy";          mypy
echo "== import-linter"; lint-imports --no-cache
echo "== pytest"
pytest -n 2 "$@"
