#!/usr/bin/env bash
# Build the app bundles with PyInstaller (one folder each, under dist/), then start each one offscreen
# with --smoke to prove it runs. Usage: ./scripts/build.sh [kiosk] [owner]   (default: both)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/setup.sh
BIN="${AUTOSTORE_VENV:-$ROOT/.venv}/bin"
DIST="${AUTOSTORE_DIST:-$ROOT/dist}"
WORK="$ROOT/build/pyinstaller"

apps=("$@")
[ "${#apps[@]}" -gt 0 ] || apps=(kiosk owner)

for app in "${apps[@]}"; do
    spec="packaging/autostore-$app.spec"
    [ -f "$spec" ] || {
        echo "no such app: $app (expected kiosk or owner)" >&2
        exit 2
    }
    echo "==> building autostore-$app" >&2
    start=$(date +%s)
    "$BIN/pyinstaller" --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" "$spec"
    bundle="$DIST/autostore-$app"
    echo "==> smoke-testing $bundle" >&2
    # A module left out of the bundle may only fail on a worker thread, after the first paint: look for it.
    if ! log="$(QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$bundle/autostore-$app" --smoke 1000 2>&1)" ||
        grep -q Traceback <<<"$log"; then
        printf '%s\n' "$log" >&2
        echo "autostore-$app: the bundle failed its smoke run" >&2
        exit 1
    fi
    printf '==> autostore-%s: %s in %ss\n' "$app" "$(du -sh "$bundle" | cut -f1)" "$(($(date +%s) - start))" >&2
done
