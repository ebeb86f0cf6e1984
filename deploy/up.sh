#!/usr/bin/env bash
# Run everything locally in the background: deploy/up.sh [--no-seed]; stop with deploy/down.sh.
# Ports and paths come from the environment, e.g. KAFKA_PORT=19092 deploy/up.sh (see
# LocalSettings in deploy/local.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

deploy/setup.sh
exec .venv/bin/python -m deploy.local up "$@"
