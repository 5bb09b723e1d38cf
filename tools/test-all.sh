#!/usr/bin/env bash
# The whole test suite, as README.md promises and CI runs it: install, type-check, lint (zero warnings),
# then unit, integration (real Kafka and a MongoDB-compatible database) and end-to-end tests (through the gateway,
# Hive Router).
# Kafka and mongo-java-server are installed on first use and started by tools/infra/infra.sh: the tests' own
# servers (state in .infra/test, the database in memory: the compact backend), apart from the local run's (.infra/local), so nothing a test
# writes shows up in `npm start`. LIANJIAN_DB_BACKEND=h2 (or memory) runs them on the H2 file (or the library's own memory) backend instead.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  bash tools/install-deps.sh
fi
# the transfer letter's Chinese font and poppler's PDF tools (its tests render the PDF), with apt-get when missing
bash tools/install-system-packages.sh

# the gateway the e2e tests run: Hive Router, built once from crates.io into ~/.cache/lianjian (docs/adr/0019)
bash tools/router/hive-router.sh install

# The database's heap: headroom, as every suite's services keep their databases until the run ends (three services
# now; the final CI run's database used far less, with no full collection).
test_infra() { LIANJIAN_INFRA_DIR="$PWD/.infra/test" LIANJIAN_DB_BACKEND="${LIANJIAN_DB_BACKEND:-compact}" LIANJIAN_DB_HEAP="${LIANJIAN_DB_HEAP:-4g}" bash tools/infra/infra.sh "$@"; }
eval "$(test_infra up | sed 's/^/export /')"

echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npm run -s lint
echo "== build"; npm run -s build

results="$(mktemp --suffix=.json)"
status=0
npx jest -c jest.config.js --selectProjects unit integration e2e --maxWorkers=2 --json --outputFile="$results" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  // a suite that fails to run (load error) has no failed tests, but it is a failure
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`jest: ${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$results"
if [ "${CI:-}" = true ]; then test_infra down >/dev/null 2>&1 || true; fi
exit "$status"
