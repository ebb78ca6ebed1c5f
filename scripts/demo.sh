#!/usr/bin/env bash
# Set up, then run the demo: the backend with demo data and both apps, or (--headless, chosen by itself
# when there is no display) a scripted sale over HTTP. Extra arguments go to `autostore demo`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/setup.sh
BIN="${AUTOSTORE_VENV:-$ROOT/.venv}/bin"

args=("$@")
headless=0
for arg in "${args[@]}"; do
    [ "$arg" = "--headless" ] && headless=1
done
if [ "$headless" -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
    echo "No display found: running the headless demo (a scripted sale over HTTP)." >&2
    args+=(--headless)
fi
exec "$BIN/autostore" demo "${args[@]}"
