#!/usr/bin/env bash
# Create .venv and install theodoi with its pinned dependencies; skip when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-dev}"
stamp=".venv/.installed-$extras"
want=$(cat pyproject.toml scripts/install.sh | sha256sum | cut -c1-16)
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "theodoi: installing dependencies into .venv …"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$extras]"
  echo "$want" > "$stamp"
fi
