#!/usr/bin/env bash
# Create .venv and install theodoi from the hashed lock files; skip when nothing changed.
# `install.sh dev` (the default) installs requirements-dev.lock (the app, tests and linters),
# `install.sh run` only requirements.lock. Regenerate the locks with scripts/lock.sh after
# changing pyproject.toml's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-dev}"
case "$extras" in
  dev) lock=requirements-dev.lock ;;
  run) lock=requirements.lock ;;
  *) echo "theodoi: install.sh takes 'dev' or 'run', not '$extras'" >&2; exit 2 ;;
esac
stamp=".venv/.installed-$extras"
want=$(cat pyproject.toml "$lock" scripts/install.sh | sha256sum | cut -c1-16)
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "theodoi: installing dependencies into .venv from $lock …"
  pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
  "${pip[@]}" install "pip==26.3"  # reads pyproject and hashed locks alike on every Python 3.11+
  "${pip[@]}" install --require-hashes -r "$lock"
  "${pip[@]}" install --no-deps -e .
  echo "$want" > "$stamp"
fi
