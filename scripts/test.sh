#!/usr/bin/env bash
# Run PowerWith's checks in phases and print how long each took and what it found.
#
#   scripts/test.sh [lint] [sqlite] [postgres]     (default: all three, in that order)
#
# Each database phase runs the suite in two pytest runs: everything except the browser tests in
# parallel (pytest-xdist), then the browser tests (tests/browser/, real Chromium against
# pytest-django's live server); the PostgreSQL pass leaves out tests marked `once` (they do not
# use the database under test). Every phase runs even if an earlier one failed, so one run
# shows everything that is wrong; the exit status is non-zero if anything failed.
# A pytest run that collects no tests (exit status 5) counts as a failure, never a pass.
#
# Environment: JOBS (parallel workers, default: CPU count capped at 4), POWERWITH_TEST_PG (an
# existing PostgreSQL URL to use instead of starting scripts/pg.sh), CI (when set, a missing
# PostgreSQL, Chromium or axe-core is an error instead of a skip), PYTEST_ARGS (extra
# arguments for every pytest run, e.g. "-x").
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
trap 'rm -rf "$LOGDIR"' EXIT
SUMMARY=()
FAILED=0

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }

record() { # record NAME SECONDS STATUS DETAIL
  SUMMARY+=("$(printf '%-22s %5ss  %-6s %s' "$1" "$2" "$3" "$4")")
  [ "$3" = "ok" ] || [ "$3" = "skip" ] || FAILED=1
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
  log="$LOGDIR/$name.log"
  t0=$(now)
  echo "== $name: pytest $*"
  # An empty DATABASE_URL is not "unset" to the settings: remove it for the SQLite run.
  local dburl=(env -u DATABASE_URL)
  [ -n "$url" ] && dburl=(env DATABASE_URL="$url")
  # shellcheck disable=SC2086
  "${dburl[@]}" DJANGO_SETTINGS_MODULE=powerwith.config.settings.test \
    "$BIN/pytest" -p no:cacheprovider -rfEs "$@" ${PYTEST_ARGS:-} 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  last=$(grep -E '[0-9]+ (passed|failed|error|errors|skipped|deselected)|no tests ran' "$log" \
    | tail -n1 | sed -E 's/^=+ //; s/ =+$//')
  case $rc in
    0) status=ok ;;
    5) status=FAIL; last="no tests were collected (pytest exit status 5)" ;;
    *) status=FAIL ;;
  esac
  record "$name" "$(since "$t0")" "$status" "${last:-pytest exit status $rc}"
}

run_db() { # run_db LABEL URL [PYTEST ARGS...]
  local label=$1 url=$2
  shift 2
  # worksteal: a big file (the access walk) is shared out instead of landing on one worker.
  pytest_phase "$label" "$url" -n "$JOBS" --dist worksteal --ignore=tests/browser "$@" tests
  # Browser tests: one Chromium and one live server per worker.
  pytest_phase "$label browser" "$url" -n "$JOBS" --dist worksteal "$@" tests/browser
}

run_postgres() {
  local url="${POWERWITH_TEST_PG:-}" t0
  t0=$(now)
  if [ -z "$url" ]; then
    if ! url=$(scripts/pg.sh); then
      if [ -n "${CI:-}" ]; then
        record "postgres" "$(since "$t0")" "FAIL" "PostgreSQL is required in CI (scripts/pg.sh failed)"
      else
        record "postgres" "$(since "$t0")" "skip" "PostgreSQL not installed here (CI runs it)"
      fi
      return
    fi
  fi
  # Tests marked `once` do not touch the database under test: the SQLite pass has run them.
  run_db "postgres" "$url" -m "not once"
}

T0=$(now)
for phase in "${phases[@]}"; do
  case $phase in
    lint) run_lint ;;
    sqlite) run_db "sqlite" "" ;;
    postgres) run_postgres ;;
    *) echo "unknown phase: $phase (lint, sqlite, postgres)" >&2; exit 2 ;;
  esac
done

echo
echo "================ PowerWith test summary ================"
printf '%s\n' "${SUMMARY[@]}"
printf '%-22s %5ss  %s\n' "total" "$(since "$T0")" "$([ $FAILED = 0 ] && echo "all passed" || echo "SOMETHING FAILED")"
exit $FAILED
