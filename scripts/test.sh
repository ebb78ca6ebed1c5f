#!/usr/bin/env bash
# Set up, then run every check the project has: ruff (lint + format), mypy, import-linter, pytest.
# Extra arguments go to pytest (e.g. ./scripts/test.sh tests/core -x). PostgreSQL is started and used
# when it is installed and we may start it (root); otherwise the PostgreSQL tests skip.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/setup.sh
BIN="${AUTOSTORE_VENV:-$ROOT/.venv}/bin"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

say() { printf '\n==> %s\n' "$*" >&2; }

PG_ROLE=autostore_test
PG_PASSWORD=autostore_test # a local throw-away role on 127.0.0.1, for tests only

as_postgres() {
    # From /, which the postgres user can always enter (it may not read the checkout).
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        (cd / && sudo -u postgres "$@")
    else
        return 1
    fi
}

start_postgres() {
    [ -n "${AUTOSTORE_TEST_PG_URL:-}" ] && return 0 # the caller chose a server
    command -v pg_lsclusters >/dev/null 2>&1 || {
        echo "PostgreSQL is not installed: its tests will skip" >&2
        return 0
    }
    local version cluster port status
    read -r version cluster port status _ < <(pg_lsclusters --no-header | sort -k1,1nr | head -n1) || true
    if [ -z "${version:-}" ]; then
        echo "PostgreSQL has no cluster: its tests will skip" >&2
        return 0
    fi
    if [ "$status" != "online" ]; then
        if [ "$(id -u)" -eq 0 ]; then
            pg_ctlcluster "$version" "$cluster" start
        elif ! { command -v sudo >/dev/null 2>&1 && sudo -n pg_ctlcluster "$version" "$cluster" start; }; then
            echo "cannot start PostgreSQL $version/$cluster (not root): its tests will skip" >&2
            return 0
        fi
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 0.5
    done
    local sql="DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
            CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
        ELSE
            ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
        END IF;
    END \$\$;"
    if ! as_postgres psql -q -p "$port" -d postgres -c "$sql" >/dev/null; then
        echo "cannot create the test role in PostgreSQL: its tests will skip" >&2
        return 0
    fi
    export AUTOSTORE_TEST_PG_URL="postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/postgres"
    echo "PostgreSQL $version on port $port: the PostgreSQL tests run too" >&2
}

start_postgres

say "ruff check"
"$BIN/ruff" check .
say "ruff format --check"
"$BIN/ruff" format --check .
say "mypy (strict): core backend"
"$BIN/mypy" core backend
say "mypy: hardware inference kiosk_app owner_app autostore"
"$BIN/mypy" hardware inference kiosk_app owner_app autostore
say "import-linter"
"$BIN/lint-imports"

pytest_args=()
if [ "${CI:-}" = "true" ]; then
    pytest_args+=(-p no:cacheprovider --timeout=300)
fi
say "pytest"
status=0
"$BIN/pytest" "${pytest_args[@]}" "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure here" >&2
    exit 1
fi
exit "$status"
