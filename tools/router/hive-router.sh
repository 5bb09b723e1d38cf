#!/usr/bin/env bash
# Hive Router (graphql-hive/router, Rust, MIT), the gateway (ADR 0019): version 0.2.19 from crates.io, built with one
# plugin of ours, tools/router/lianjian-router (`lianjian_limits`: the router's limit refusals name the limit), once per
# machine into its cache, like Kafka and the database of tools/infra:
#
#   bash tools/router/hive-router.sh install   # builds (20 to 40 minutes on two cores the first time), then a no-op
#   bash tools/router/hive-router.sh path      # prints the binary's path (building it first if needed)
#   bash tools/router/hive-router.sh key       # prints the current build's key (below)
#
# Version 0.2.x: 0.3 needs a newer rustc (1.97) than this machine kind's 1.95. The crate pins hive-router exactly, with
# the `graphiql` feature (a static IDE page; without it the router's build script runs npm to bundle Hive Laboratory
# from a package the registry here lacks), and its Cargo.lock (the one hive-router 0.2.19 ships) is used --locked.
# The build runs at nice 19 on CARGO_BUILD_JOBS (default 2) jobs: the machine's cores are shared.
#
# Cache: $LIANJIAN_CACHE (default ~/.cache/lianjian)/hive-router:
#   builds/<key>/hive_router   the binary of one state of the crate; <key> is the router's version and a hash of the
#                              crate's Cargo.toml, Cargo.lock and sources, so any change to them (or an old plain
#                              `cargo install` of the router) is never taken for the current build
#   bin/hive_router            a link to the current key's binary: what apps/gateway/src/router.ts runs
#   target/                    cargo's build folder, kept: after a change to the plugin only the plugin is rebuilt
# HIVE_ROUTER_BIN points at another binary instead (it must have the plugin: the gateway's configuration enables it).
set -euo pipefail

HIVE_ROUTER_VERSION="${HIVE_ROUTER_VERSION:-0.2.19}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
crate="$here/lianjian-router"
cache="${LIANJIAN_CACHE:-$HOME/.cache/lianjian}"
root="$cache/hive-router"
binary="${HIVE_ROUTER_BIN:-$root/bin/hive_router}"

# The build's key: the router's version and a hash of everything in the crate that goes into the binary.
key() {
  local sum
  sum="$(cd "$crate" && find Cargo.toml Cargo.lock src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum |
    sha256sum | cut -c1-16)"
  echo "$HIVE_ROUTER_VERSION-$sum"
}

install() {
  if [ -n "${HIVE_ROUTER_BIN:-}" ]; then
    [ -x "$binary" ] || { echo "[router] HIVE_ROUTER_BIN=$binary is not executable" >&2; exit 1; }
    return 0
  fi
  grep -q "^hive-router = { version = \"=$HIVE_ROUTER_VERSION\"" "$crate/Cargo.toml" || {
    echo "[router] $crate/Cargo.toml does not pin hive-router =$HIVE_ROUTER_VERSION" >&2
    exit 1
  }
  local k built link
  k="$(key)"
  built="$root/builds/$k/hive_router"
  link="../builds/$k/hive_router"
  if [ -x "$built" ] && [ "$(readlink "$binary" 2>/dev/null)" = "$link" ]; then
    return 0
  fi
  if [ ! -x "$built" ]; then
    command -v cargo >/dev/null || { echo "[router] cargo is needed to build hive-router $HIVE_ROUTER_VERSION (rustup.rs)" >&2; exit 1; }
    local log="${LIANJIAN_LOG_DIR:-$(cd "$here/../.." && pwd)/.infra/logs}/hive-router-build.log"
    mkdir -p "$(dirname "$log")" "$root/builds/$k"
    echo "[router] building the gateway, hive-router $HIVE_ROUTER_VERSION with tools/router/lianjian-router, with cargo into $root (20 to 40 minutes on two cores the first time, minutes after a change to the plugin; log: $log)" >&2
    if ! nice -n 19 env CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}" CARGO_TARGET_DIR="$root/target" \
      cargo build --release --locked --manifest-path "$crate/Cargo.toml" >"$log" 2>&1; then
      echo "[router] cargo build failed; the last lines of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    cp "$root/target/release/hive_router" "$built.$$"
    mv -f "$built.$$" "$built"
  fi
  # switch the link in one rename (a router already running keeps its binary), then drop the other builds and the
  # plain router's `cargo install` files
  mkdir -p "$root/bin"
  ln -sfn "$link" "$root/bin/.hive_router.$$"
  mv -Tf "$root/bin/.hive_router.$$" "$root/bin/hive_router"
  find "$root/builds" -mindepth 1 -maxdepth 1 ! -name "$k" -exec rm -rf {} +
  rm -f "$root/bin/config_schema_generator" "$root/version" "$root/.crates.toml" "$root/.crates2.json"
}

case "${1:-install}" in
  install) install ;;
  path) install; echo "$binary" ;;
  key) key ;;
  *) echo "usage: $0 install|path|key" >&2; exit 2 ;;
esac
