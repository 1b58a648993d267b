#!/usr/bin/env bash
# The main job on the embedded default: install, load the sample plans with their sample
# progress, make sure the demo administrator exists, then serve the web app (address and
# demo login are printed). `--no-progress` loads the plans only, as drafts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev
exec .venv/bin/theodoi demo --serve "$@"
