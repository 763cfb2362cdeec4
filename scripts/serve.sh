#!/usr/bin/env bash
# Sets up what serving needs (scripts/setup.sh serve) and serves Newsmark at http://127.0.0.1:8080/
# with trunk, rebuilding when the code changes. Pass a port to use another: scripts/serve.sh 9000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
PORT="${1:-8080}"
# Trunk.toml tells trunk not to watch these folders, and trunk will not start if one of
# them is missing (a fresh checkout has no build output yet).
mkdir -p target node_modules
echo "Newsmark will open at http://127.0.0.1:$PORT/ (Ctrl+C stops it)"
exec trunk serve --locked --port "$PORT"
