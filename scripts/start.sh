#!/usr/bin/env bash
# The main job on the embedded default: install, load the sample plans, make sure the demo
# administrator exists, then serve the web app (address and demo login are printed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev
exec .venv/bin/theodoi demo --serve "$@"
