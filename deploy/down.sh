#!/usr/bin/env bash
# Stop everything deploy/up.sh started (found through the pid files in STATE_DIR/pids).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Stopping must not wait for a reinstall just because pyproject.toml changed meanwhile.
if [[ ! -x .venv/bin/python ]]; then
    deploy/setup.sh
fi
exec .venv/bin/python -m deploy.local down "$@"
