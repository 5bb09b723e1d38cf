#!/usr/bin/env bash
# Hive Router (graphql-hive/router, Rust, MIT), the native federation router measured in bench:gateway (ADR 0019).
# Built once from crates.io with cargo into the machine's cache, like Kafka and the database of tools/infra:
#
#   bash tools/router/hive-router.sh install   # builds (about 20 minutes on two cores the first time), then a no-op
#   bash tools/router/hive-router.sh path      # prints the binary's path (building it first if needed)
#
# Version 0.2.x: 0.3 needs a newer rustc than this machine kind's 1.95. The `graphiql` feature serves a static IDE
# page; without it the build script runs npm to bundle Hive Laboratory from a package the registry here lacks.
# Cache: $LIANJIAN_CACHE (default ~/.cache/lianjian)/hive-router; HIVE_ROUTER_BIN points at another binary instead.
set -euo pipefail

HIVE_ROUTER_VERSION="${HIVE_ROUTER_VERSION:-0.2.19}"
cache="${LIANJIAN_CACHE:-$HOME/.cache/lianjian}"
root="$cache/hive-router"
binary="${HIVE_ROUTER_BIN:-$root/bin/hive_router}"

install() {
  if [ -x "$binary" ] && [ -z "${HIVE_ROUTER_BIN:-}" ] && [ "$(cat "$root/version" 2>/dev/null)" = "$HIVE_ROUTER_VERSION" ]; then
    return 0
  fi
  [ -n "${HIVE_ROUTER_BIN:-}" ] && { [ -x "$binary" ] || { echo "[router] HIVE_ROUTER_BIN=$binary is not executable" >&2; exit 1; }; return 0; }
  command -v cargo >/dev/null || { echo "[router] cargo is needed to build hive-router $HIVE_ROUTER_VERSION (rustup.rs)" >&2; exit 1; }
  local log="${LIANJIAN_LOG_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/.infra/logs}/hive-router-build.log"
  mkdir -p "$(dirname "$log")"
  echo "[router] building the gateway, hive-router $HIVE_ROUTER_VERSION, with cargo into $root (once; about 20 minutes on two cores; log: $log)" >&2
  if ! cargo install hive-router --version "=$HIVE_ROUTER_VERSION" --features graphiql --root "$root" --force >"$log" 2>&1; then
    echo "[router] cargo install failed; the last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  echo "$HIVE_ROUTER_VERSION" > "$root/version"
}

case "${1:-install}" in
  install) install ;;
  path) install; echo "$binary" ;;
  *) echo "usage: $0 install|path" >&2; exit 2 ;;
esac
