#!/usr/bin/env bash
# Run every test: type-check, unit/component/database tests on SQLite and
# PostgreSQL, then the end-to-end journeys in Chromium against a started
# portal. Installs what is missing (dependencies, PostgreSQL, Chromium).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_dependencies
ensure_debian_packages pg_ctlcluster:postgresql /usr/bin/chromium:chromium python3:python3 \
  promtool:prometheus /usr/lib/python3/dist-packages/scipy/__init__.py:python3-scipy \
  /usr/lib/python3/dist-packages/pytest/__init__.py:python3-pytest git:git

# PostgreSQL for the database tests: start the local cluster and a login role.
PG_VERSION="$(ls /usr/lib/postgresql | sort -n | tail -n1)"
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  log "Starting PostgreSQL $PG_VERSION"
  pg_lsclusters -h | grep -q . || pg_createcluster "$PG_VERSION" main >/dev/null
  pg_ctlcluster "$PG_VERSION" main start
fi
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='mlops'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE mlops LOGIN SUPERUSER PASSWORD 'mlops'\""
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_VERSION}_CONNECTION_STRING=postgresql://mlops:mlops@localhost:5432"

mkdir -p .data/test
# Every stage runs even when an earlier one fails; the exit status says
# whether everything passed.
status=0
count() { grep -Eo "$1" "$2" 2>/dev/null | tail -n1 | tr -dc 0-9 || true; }
number() { local n; n="$(count "$@")"; echo "${n:-0}"; }

log "Type-checking"
yarn tsc --noEmit || status=1

log "Formatting (Prettier)"
yarn prettier --check . || status=1

log "Unit, component and database tests (SQLite and PostgreSQL $PG_VERSION)"
CI=1 yarn backstage-cli repo test 2>&1 | tee .data/test/unit.log || status=1
unit_summary="$(grep -E '^Tests:' .data/test/unit.log | tail -n1 || true)"
unit_summary="${unit_summary#Tests: }"
unit_passed="$(number '[0-9]+ passed' <(echo "$unit_summary"))"
unit_failed="$(number '[0-9]+ failed' <(echo "$unit_summary"))"

log "End-to-end tests in Chromium"
CI=1 yarn playwright test --config e2e/playwright.config.ts 2>&1 | tee .data/test/e2e.log || status=1
e2e_passed="$(count '^ +[0-9]+ passed' .data/test/e2e.log)"
e2e_failed="$(count '^ +[0-9]+ failed' .data/test/e2e.log)"

echo
echo "unit: $unit_summary"
echo "e2e: ${e2e_passed:-0} passed, ${e2e_failed:-0} failed"
echo "total: $(( ${unit_passed:-0} + ${e2e_passed:-0} )) passed, $(( ${unit_failed:-0} + ${e2e_failed:-0} )) failed"
if [ -z "$unit_summary" ] || [ -z "$e2e_passed" ]; then status=1; fi
exit "$status"
