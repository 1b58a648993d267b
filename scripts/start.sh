#!/usr/bin/env bash
# The main job on the embedded default: install, then run theodoi on the sample plans.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev
exec .venv/bin/theodoi demo "$@"
