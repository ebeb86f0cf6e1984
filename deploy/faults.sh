#!/usr/bin/env bash
# The fault suite: install (idempotent), then python -m bench.faults with its own servers on
# free ports. It prints what it counted and exits non-zero if any count differs.
# Extra arguments go to it, e.g. deploy/faults.sh --rate 10 --pause-s 15
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

deploy/setup.sh
export TOOLS_VENV="$PWD/.tools-venv"
.venv/bin/python -m bench.faults "$@"
