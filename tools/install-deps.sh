#!/usr/bin/env bash
# Installs the locked dependencies, quietly: one line says what it does; npm's own output goes to a log file
# ($LIANJIAN_INSTALL_LOG, default .infra/logs/npm-install.log), whose path and last lines are printed only when the
# install fails.
# `npm ci` refuses a lock file that lacks other platforms' optional binaries (@swc/core-darwin-*, …), which is what a
# registry mirror without them produces; `npm install` then installs the same locked versions. That refusal is
# expected on such a mirror, so it goes to the log too, not to the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
log="${LIANJIAN_INSTALL_LOG:-.infra/logs/npm-install.log}"
mkdir -p "$(dirname "$log")"
echo "[install] installing the npm packages locked in package-lock.json (first run, or after the lock file changed)" >&2
if npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then exit 0; fi
echo "== npm ci refused the lock file; installing the locked versions with npm install" >>"$log"
if npm install --no-audit --no-fund --loglevel=error >>"$log" 2>&1; then exit 0; fi
{
  echo "[install] error: npm could not install the dependencies; its output is in $log, ending:"
  tail -n 20 "$log" | sed 's/^/  /'
} >&2
exit 1
