#!/usr/bin/env bash
# Runs the messaging and event-store integration suites many times in a row (default 20) while a CPU hog keeps the
# other core busy, to catch tests that depend on the machine's speed. Not part of CI: it takes a while.
#
#   bash tools/repeat-under-load.sh [runs]
#
# REPEAT_PATTERN overrides the suites (a jest --testPathPatterns regex). Each run's output is kept in a log file;
# the failing tests of a run are printed under it. Ends with "N runs, F failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
pattern="${REPEAT_PATTERN:-libs/shared/(messaging|event-store)/}"
logs="$(mktemp -d -t lj-repeat-XXXXXX)"

# Servers of its own (.infra/repeat), started (or reused) once, as jest's global setup would: the test suite can run
# beside it on .infra/test.
test_infra() { LIANJIAN_INFRA_DIR="$PWD/.infra/repeat" LIANJIAN_DB_BACKEND="${LIANJIAN_DB_BACKEND:-compact}" bash tools/infra/infra.sh "$@"; }
eval "$(test_infra up | sed 's/^/export /')"

(while :; do :; done) &
hog=$!
trap 'kill "$hog" 2>/dev/null || true' EXIT
echo "CPU hog running (pid $hog); $runs runs of: $pattern; logs in $logs"

failed=0
for ((i = 1; i <= runs; i++)); do
  started=$(date +%s)
  log="$logs/run-$i.log"
  if npx jest -c jest.config.js --selectProjects integration --testPathPatterns "$pattern" --runInBand >"$log" 2>&1; then
    result=passed
  else
    result=FAILED
    failed=$((failed + 1))
  fi
  echo "run $i/$runs: $result in $(($(date +%s) - started)) s"
  if [ "$result" = FAILED ]; then grep -E '^\s+✕|●.*›' "$log" | sort -u | sed 's/^/    /' || true; fi
done

echo "$runs runs, $failed failed"
[ "$failed" -eq 0 ]
