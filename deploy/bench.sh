#!/usr/bin/env bash
# The benchmark of the concern flow: install (idempotent), then python -m bench run with
# its own servers on free ports. Extra arguments go to it, e.g.
#   deploy/bench.sh --quick
#   deploy/bench.sh --rates 5,10,20 --duration-s 30 --preloaded 0,1000 --replicas 1,2
# See README, "Performance". The report is printed; bench/results/ gets the JSON and plot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

deploy/setup.sh
export TOOLS_VENV="$PWD/.tools-venv"
.venv/bin/python -m bench run "$@"
