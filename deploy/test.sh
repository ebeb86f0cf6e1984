#!/usr/bin/env bash
# The full check, as CI runs it: install (idempotent), lint, type-check, build the manual
# (a broken link fails it), then every test
# against real servers (Tansu, SecantusDB, an SMTP server) started by the tests themselves.
# Extra arguments go to pytest, e.g. deploy/test.sh tests/unit -x
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

deploy/setup.sh --browser  # the browser tests drive the system's chromium
export TOOLS_VENV="$PWD/.tools-venv"

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== docs"
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet
echo "== pytest"
.venv/bin/python -m pytest "$@"
