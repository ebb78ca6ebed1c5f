#!/usr/bin/env bash
# Set up this checkout: the apt packages in requirements/apt*.txt (when root, or through sudo), a virtual
# environment in .venv with the pinned dependencies of requirements/lock.txt, and AutoStore itself (editable).
# Idempotent: a stamp remembers the hash of the inputs, so a second run only checks and returns.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${AUTOSTORE_VENV:-$ROOT/.venv}"
STAMP="$VENV/.autostore-setup-stamp"

say() { printf '[setup] %s\n' "$*" >&2; }

# A command prefix that runs as root: nothing when we are root, sudo when it works, else empty + failure.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
        sudo "$@"
    else
        return 127
    fi
}

can_be_root() {
    [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; }
}

apt_wanted() {
    cat requirements/apt.txt requirements/apt-*.txt 2>/dev/null | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u
}

apt_missing() {
    [ "$#" -gt 0 ] || return 0
    local installed
    # dpkg-query exits 1 when any of them is unknown to dpkg: that is the answer we want, not an error.
    installed="$({ dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true; } | awk '$4 == "installed" {print $1}')"
    local pkg
    for pkg in "$@"; do
        grep -qx -- "${pkg%%:*}" <<<"$installed" || printf '%s\n' "$pkg"
    done
}

APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

install_apt_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system: install the equivalents of requirements/apt*.txt yourself"
        return 0
    fi
    local wanted missing
    mapfile -t wanted < <(apt_wanted)
    mapfile -t missing < <(apt_missing "${wanted[@]}")
    [ "${#missing[@]}" -eq 0 ] && return 0
    if can_be_root; then
        say "installing apt packages: ${missing[*]}"
        apt_install "${missing[@]}"
    else
        say "WARNING: not root and no sudo; these apt packages are missing: ${missing[*]}"
        say "         install them with: sudo apt-get install ${missing[*]}"
    fi
}

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

inputs_hash() {
    cat requirements/lock.txt requirements/apt*.txt pyproject.toml | sha256sum | cut -d' ' -f1
}

install_apt_packages

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(inputs_hash)" ] && "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
    exit 0 # already set up with these inputs
fi

if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$(find_python)" || {
        say "ERROR: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11 if it is not on PATH)"
        exit 1
    }
    if ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
        version="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        if can_be_root; then
            apt_install "python${version}-venv"
        else
            say "ERROR: $PY cannot create virtual environments; install python${version}-venv"
            exit 1
        fi
    fi
    say "creating $VENV with $("$PY" --version)"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
fi

say "installing pinned dependencies (requirements/lock.txt); the first time this downloads about 1 GB"
"$VENV/bin/python" -m pip install --disable-pip-version-check -q -r requirements/lock.txt
# The editable build is chatty (setuptools warnings): keep its output unless it fails.
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-deps -e . >"$VENV/.editable-install.log" 2>&1; then
    cat "$VENV/.editable-install.log" >&2
    exit 1
fi
inputs_hash >"$STAMP"
say "ready: $VENV"
