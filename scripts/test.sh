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
# The PDF report test renders a DOCX with LibreOffice (no GUI) and reads the PDF with
# poppler (pdftoppm, pdftotext). Liberation 2 stands in for Times New Roman (same metrics,
# fontconfig's alias) and, unlike Liberation 1.07, has the Vietnamese letters (ơ, ư, ạ, ế …).
# About 88 MB to download, 268 MB on disk. Without apt the PDF test skips loudly (error in CI).
if { ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
     || [ ! -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]; } \
    && command -v apt-get >/dev/null; then
  echo "theodoi: installing LibreOffice Writer, Liberation 2 fonts and poppler for the PDF test …"
  { apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       libreoffice-writer-nogui fonts-liberation2 poppler-utils; } \
    >/dev/null || echo "theodoi: could not install LibreOffice; the PDF report test will not run" >&2
fi
# The deployment test runs `systemd-analyze verify` on deploy/systemd/ (package systemd,
# about 3 MB to download; nothing is started). Without apt that test skips loudly.
if ! command -v systemd-analyze >/dev/null && command -v apt-get >/dev/null; then
  echo "theodoi: installing systemd for systemd-analyze (deployment test) …"
  { apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd; } \
    >/dev/null || echo "theodoi: could not install systemd; the unit files will not be verified" >&2
fi
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff";          ruff check src tests bench scripts
echo "== mypy";          mypy
echo "== import-linter"; lint-imports --no-cache
echo "== pytest"
pytest -n 2 "$@"
