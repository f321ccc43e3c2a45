#!/usr/bin/env bash
# Run PowerWith's checks in phases and print how long each took and what it found.
#
#   scripts/test.sh [lint] [sqlite] [postgres]     (default: all three)
#
# Lint first. Each database phase runs the suite in two pytest runs: everything except the
# browser tests in parallel (pytest-xdist), then the browser tests (tests/browser/, real
# Chromium against pytest-django's live server); the PostgreSQL pass leaves out tests marked
# `once` (they do not use the database under test). When both databases are asked for, their
# suites go side by side, each writing its own log (a PostgreSQL test spends much of its time
# waiting for the server, so two runs at once keep both cores busy where one after the other
# left them idle), and then the browser tests run once, on PostgreSQL: the suite has already
# checked every view on both databases, and the browser tests check what Chromium does with the
# pages. `scripts/test.sh sqlite` (make test-sqlite) still runs them on SQLite.
# SEQUENTIAL=1 runs everything one database after the other instead, browser tests on both.
# Every phase runs even if an earlier one failed, so one run shows everything that is wrong;
# the exit status is non-zero if anything failed. A pytest run that collects no tests (exit
# status 5) counts as a failure, never a pass.
#
# Environment: JOBS (parallel workers per run, default: CPU count capped at 4),
# POWERWITH_TEST_PG (an existing PostgreSQL URL to use instead of starting scripts/pg.sh), CI
# (when set, a missing PostgreSQL, Chromium or axe-core is an error instead of a skip),
# PYTEST_ARGS (extra arguments for every pytest run, e.g. "-x"), SEQUENTIAL (see above).
set -uo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
phases=("$@")
[ ${#phases[@]} -eq 0 ] && phases=(lint sqlite postgres)
if [ -z "${JOBS:-}" ]; then
  JOBS=$(nproc 2>/dev/null || echo 2)
  [ "$JOBS" -gt 4 ] && JOBS=4
fi
LOGDIR=$(mktemp -d "${TMPDIR:-/tmp}/powerwith-test.XXXXXX")
# One migrated test database per database, copied by every pytest process (tests/db_template.py).
export POWERWITH_TEST_TEMPLATES="$LOGDIR/templates"
export POWERWITH_TEST_TEMPLATE_NAME="powerwith_template_$$"
cleanup() {
  if [ -f "$POWERWITH_TEST_TEMPLATES/postgresql.ready" ] && [ -n "${PG_URL:-}" ]; then
    "$BIN/python" - "$PG_URL" "$POWERWITH_TEST_TEMPLATE_NAME" <<'PY' || true
import sys

import psycopg

with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
PY
  fi
  rm -rf "$LOGDIR"
}
trap cleanup EXIT
SUMMARY=()
FAILED=0

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }

record() { # record NAME SECONDS STATUS DETAIL (a run in the background writes it to a file)
  local line
  line=$(printf '%-22s %5ss  %-6s %s' "$1" "$2" "$3" "$4")
  if [ -n "${RECORD_TO:-}" ]; then
    printf '%s\t%s\n' "$3" "$line" >>"$RECORD_TO"
    return
  fi
  SUMMARY+=("$line")
  [ "$3" = "ok" ] || [ "$3" = "skip" ] || FAILED=1
}

collect() { # collect FILE: the lines background runs recorded
  local status line
  [ -f "$1" ] || return 0
  while IFS=$'\t' read -r status line; do
    SUMMARY+=("$line")
    [ "$status" = "ok" ] || [ "$status" = "skip" ] || FAILED=1
  done <"$1"
}

run_lint() {
  local t0 rc=0 paths=()
  t0=$(now)
  for p in src tests bench; do [ -d "$p" ] && paths+=("$p"); done
  echo "== lint: ruff check, ruff format --check, mypy"
  "$BIN/ruff" check "${paths[@]}" || rc=1
  "$BIN/ruff" format --check "${paths[@]}" || rc=1
  "$BIN/mypy" || rc=1
  record "lint" "$(since "$t0")" "$([ $rc = 0 ] && echo ok || echo FAIL)" "ruff + mypy"
}

# pytest_phase NAME DATABASE_URL ARGS...: one pytest run, its outcome recorded.
pytest_phase() {
  local name=$1 url=$2 t0 rc log last status
  shift 2
  log="$LOGDIR/${name// /-}.log"
  t0=$(now)
  echo "== $name: pytest $*"
  # An empty DATABASE_URL is not "unset" to the settings: remove it for the SQLite run.
  local dburl=(env -u DATABASE_URL)
  [ -n "$url" ] && dburl=(env DATABASE_URL="$url")
  # In the background (QUIET set) the output goes to the log only; it is shown at the end.
  # (Not `> /dev/stdout`: when the script's output goes to a file, that opens the file again
  # from its start, and the run's earlier output is written over.)
  # shellcheck disable=SC2086
  if [ -n "${QUIET:-}" ]; then
    "${dburl[@]}" DJANGO_SETTINGS_MODULE=powerwith.config.settings.test \
      "$BIN/pytest" -p no:cacheprovider -rfEs "$@" ${PYTEST_ARGS:-} >"$log" 2>&1
    rc=$?
  else
    "${dburl[@]}" DJANGO_SETTINGS_MODULE=powerwith.config.settings.test \
      "$BIN/pytest" -p no:cacheprovider -rfEs "$@" ${PYTEST_ARGS:-} 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
  fi
  last=$(grep -E '[0-9]+ (passed|failed|error|errors|skipped|deselected)|no tests ran' "$log" \
    | tail -n1 | sed -E 's/^=+ //; s/ =+$//')
  case $rc in
    0) status=ok ;;
    5) status=FAIL; last="no tests were collected (pytest exit status 5)" ;;
    *) status=FAIL ;;
  esac
  record "$name" "$(since "$t0")" "$status" "${last:-pytest exit status $rc}"
}

# suite LABEL URL [PYTEST ARGS...]: everything but the browser tests.
# worksteal: a big file (the access walk) is shared out instead of landing on one worker.
suite() {
  local label=$1 url=$2
  shift 2
  pytest_phase "$label" "$url" -n "$JOBS" --dist worksteal --ignore=tests/browser "$@" tests
}

# browser LABEL URL [PYTEST ARGS...]: one Chromium and one live server per worker.
browser() {
  local label=$1 url=$2
  shift 2
  pytest_phase "$label browser" "$url" -n "$JOBS" --dist worksteal "$@" tests/browser
}

# The PostgreSQL server for the postgres phase: sets PG_URL, or records why there is none.
start_postgres() {
  local t0
  t0=$(now)
  PG_TRIED=1
  PG_URL="${POWERWITH_TEST_PG:-}"
  [ -n "$PG_URL" ] && return 0
  if PG_URL=$(scripts/pg.sh); then
    return 0
  fi
  PG_URL=""
  if [ -n "${CI:-}" ]; then
    record "postgres" "$(since "$t0")" "FAIL" "PostgreSQL is required in CI (scripts/pg.sh failed)"
  else
    record "postgres" "$(since "$t0")" "skip" "PostgreSQL not installed here (CI runs it)"
  fi
  return 1
}

# Tests marked `once` do not touch the database under test: the SQLite pass has run them.
PG_ARGS=(-m "not once")

# side_by_side STEP: SQLite's and PostgreSQL's run of one step (suite or browser) at once,
# each to its own log; then each log's end (its failures and summary) is shown.
side_by_side() {
  local step=$1 pids=()
  local rec="$LOGDIR/$step.records"
  echo "== $step: SQLite and PostgreSQL side by side (logs shown when both end)"
  RECORD_TO=$rec QUIET=1 "$step" "sqlite" "" &
  pids+=($!)
  RECORD_TO=$rec QUIET=1 "$step" "postgres" "$PG_URL" "${PG_ARGS[@]}" &
  pids+=($!)
  wait "${pids[@]}"
  local f label
  for label in sqlite postgres; do
    f="$LOGDIR/$label.log"
    [ "$step" = browser ] && f="$LOGDIR/$label-browser.log"
    [ -f "$f" ] || continue
    echo "---- $(basename "$f" .log): failures, skips and summary"
    # From pytest's short summary on (failures in full are in the lines above it).
    if grep -qE '^(FAILED|ERROR) ' "$f"; then
      sed -n '/= FAILURES =\|= ERRORS =/,$p' "$f"
    else
      sed -n '/short test summary info/,$p' "$f"
      tail -n 1 "$f"
    fi
  done
  collect "$rec"
}

want() { local p; for p in "${phases[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }
for phase in "${phases[@]}"; do
  case $phase in
    lint | sqlite | postgres) ;;
    *) echo "unknown phase: $phase (lint, sqlite, postgres)" >&2; exit 2 ;;
  esac
done

T0=$(now)
want lint && run_lint
if want sqlite && want postgres && [ -z "${SEQUENTIAL:-}" ] && start_postgres; then
  side_by_side suite
  # The browser tests check pages in Chromium; what the database does under them is checked
  # on both databases by the suite above. Run once, on PostgreSQL (what a real deployment
  # uses), they take half the time of a run on each.
  browser "postgres" "$PG_URL" "${PG_ARGS[@]}"
else
  if want sqlite; then
    suite "sqlite" ""
    browser "sqlite" ""
  fi
  if want postgres && { [ -n "${PG_URL:-}" ] || { [ -z "${PG_TRIED:-}" ] && start_postgres; }; }; then
    suite "postgres" "$PG_URL" "${PG_ARGS[@]}"
    browser "postgres" "$PG_URL" "${PG_ARGS[@]}"
  fi
fi

echo
echo "================ PowerWith test summary ================"
printf '%s\n' "${SUMMARY[@]}"
printf '%-22s %5ss  %s\n' "total" "$(since "$T0")" "$([ $FAILED = 0 ] && echo "all passed" || echo "SOMETHING FAILED")"
exit $FAILED
