#!/usr/bin/env bash
# The whole test suite: install, lint, type-check, import contracts, tests on SQLite and
# PostgreSQL, browser tests in headless Chromium. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev
# The browser tests drive Debian's Chromium (Playwright's own browser download does not work
# here), with its Vietnamese locale so file and date fields look as on an office PC; install
# them when missing. Without apt the browser tests skip loudly (error in CI).
if { [ ! -x /usr/bin/chromium ] || [ ! -f /usr/lib/chromium/locales/vi.pak ]; } \
    && command -v apt-get >/dev/null; then
  echo "theodoi: installing Debian's chromium for the browser tests …"
  { apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n; } \
    >/dev/null || echo "theodoi: could not install chromium; browser tests will not run" >&2
fi
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff";          ruff check src tests bench scripts
echo "== mypy";          mypy
echo "== import-linter"; lint-imports --no-cache
echo "== pytest"
pytest -n 2 "$@"
