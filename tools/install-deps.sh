#!/usr/bin/env bash
# Installs the locked dependencies. `npm ci` refuses a lock file that lacks other platforms' optional binaries
# (@swc/core-darwin-*, …), which is what a registry mirror without them produces; `npm install` then installs the
# same locked versions.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ci --no-audit --no-fund --loglevel=error; then
  echo "[install] npm ci refused the lock file; installing the locked versions with npm install" >&2
  npm install --no-audit --no-fund --loglevel=error
fi
