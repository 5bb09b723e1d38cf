#!/usr/bin/env bash
# Real Kafka (KRaft, from Maven Central jars) and FerretDB (SQLite backend, built with `go install`) on free
# loopback ports, for the local run and for the tests. No Docker.
#
#   tools/infra/infra.sh up      install on first use, start (or reuse) both servers, print their env
#   tools/infra/infra.sh env     print KAFKA_BROKERS / MONGODB_URI of the running servers
#   tools/infra/infra.sh down    stop what `up` started
#   tools/infra/infra.sh up kafka | down kafka   only the broker (tests that stop and restart Kafka use
#                                their own LIANJIAN_INFRA_DIR; a restarted broker keeps its port and data)
#
# When KAFKA_BROKERS and MONGODB_URI are already set, `up` uses those servers and starts nothing.
# Cache (downloads, builds): $LIANJIAN_CACHE (default ~/.cache/lianjian). State: $LIANJIAN_INFRA_DIR
# (default <repo>/.infra).
set -euo pipefail

KAFKA_VERSION=3.9.1
FERRETDB_VERSION=v1.24.2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${LIANJIAN_CACHE:-$HOME/.cache/lianjian}"
state="${LIANJIAN_INFRA_DIR:-$repo/.infra}"
kafka_libs="$cache/kafka-$KAFKA_VERSION/libs"
ferretdb_bin="$cache/ferretdb-$FERRETDB_VERSION/ferretdb"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}

install_kafka() {
  [ -f "$kafka_libs/.complete" ] && return 0
  need java "Kafka needs a Java runtime (17+), e.g. apt-get install openjdk-17-jre-headless"
  need mvn "Kafka's jars are fetched from Maven Central with Maven, e.g. apt-get install maven"
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (first run only)"
  rm -rf "$kafka_libs" && mkdir -p "$kafka_libs"
  mvn -q -B -f "$here/kafka-pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$kafka_libs" -DincludeScope=runtime >&2 || die "mvn could not fetch Kafka's jars"
  touch "$kafka_libs/.complete"
}

install_ferretdb() {
  [ -x "$ferretdb_bin" ] && return 0
  need go "FerretDB is built with the Go toolchain (1.24+), e.g. from go.dev or apt-get install golang"
  log "building FerretDB $FERRETDB_VERSION with go build (first run only, a minute or two)"
  mkdir -p "$(dirname "$ferretdb_bin")"
  # Built from tools/infra/ferretdb: a small launcher over FerretDB's embeddable package, pinned by go.mod and
  # go.sum (see docs/adr/0003-local-infrastructure.md for why not `go install .../cmd/ferretdb@version`).
  (cd "$here/ferretdb" && GOFLAGS=-mod=mod go build -o "$ferretdb_bin.tmp" .) >&2 \
    || die "building FerretDB failed"
  mv "$ferretdb_bin.tmp" "$ferretdb_bin"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

wait_port() { # name port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    port_open "$2" && return 0
    alive "$1" || die "$1 exited during start-up; see $state/$1.log"
    sleep 0.1
  done
  die "$1 did not open port $2 within $3 s; see $state/$1.log"
}

start_kafka() {
  local port controller dir
  dir="$state/kafka"
  # A broker that was stopped restarts on its own port with its data (tests stop and start Kafka); a config
  # whose port someone else took since is started afresh.
  if [ -f "$dir/server.properties" ] && [ -f "$state/kafka.port" ] && ! port_open "$(cat "$state/kafka.port")"; then
    port=$(cat "$state/kafka.port")
    nohup java -Xms128m -Xmx512m -XX:+UseG1GC -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$kafka_libs/*" \
      kafka.Kafka "$dir/server.properties" >>"$state/kafka.log" 2>&1 9>&- &
    echo $! >"$state/kafka.pid"
    wait_port kafka "$port" 90
    log "Kafka $KAFKA_VERSION (KRaft) restarted on 127.0.0.1:$port"
    return 0
  fi
  port=$(free_port); controller=$(free_port)
  rm -rf "$dir" && mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  cat >"$dir/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
  local cp="$kafka_libs/*" jopts=(-Xms128m -Xmx512m -XX:+UseG1GC -Dlog4j.configuration="file:$dir/log4j.properties")
  java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
    -c "$dir/server.properties" >"$state/kafka-format.log" 2>&1 || die "formatting Kafka's log dir failed; see $state/kafka-format.log"
  nohup java "${jopts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" >"$state/kafka.log" 2>&1 9>&- &
  echo $! >"$state/kafka.pid"
  echo "$port" >"$state/kafka.port"
  wait_port kafka "$port" 90
  log "Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$port"
}

start_ferretdb() {
  local port dir
  port=$(free_port)
  dir="$state/ferretdb"
  mkdir -p "$dir"
  nohup "$ferretdb_bin" --sqlite-url="file:$dir/" --listen-addr="127.0.0.1:$port" >"$state/ferretdb.log" 2>&1 9>&- &
  echo $! >"$state/ferretdb.pid"
  echo "$port" >"$state/ferretdb.port"
  wait_port ferretdb "$port" 30
  log "FerretDB $FERRETDB_VERSION (SQLite) on 127.0.0.1:$port"
}

print_env() {
  echo "KAFKA_BROKERS=127.0.0.1:$(cat "$state/kafka.port")"
  echo "MONGODB_URI=mongodb://127.0.0.1:$(cat "$state/ferretdb.port")/"
}

up() {
  local only="${1:-all}"
  if [ "$only" = all ] && [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${MONGODB_URI:-}" ]; then
    log "using external servers KAFKA_BROKERS=$KAFKA_BROKERS MONGODB_URI=$MONGODB_URI"
    printf 'KAFKA_BROKERS=%s\nMONGODB_URI=%s\n' "$KAFKA_BROKERS" "$MONGODB_URI"
    return 0
  fi
  mkdir -p "$state"
  exec 9>"$state/.lock"
  flock 9
  if alive kafka && port_open "$(cat "$state/kafka.port")"; then
    log "reusing Kafka on 127.0.0.1:$(cat "$state/kafka.port")"
  else
    install_kafka
    start_kafka
  fi
  if [ "$only" = kafka ]; then
    echo "KAFKA_BROKERS=127.0.0.1:$(cat "$state/kafka.port")"
    return 0
  fi
  if alive ferretdb && port_open "$(cat "$state/ferretdb.port")"; then
    log "reusing FerretDB on 127.0.0.1:$(cat "$state/ferretdb.port")"
  else
    install_ferretdb
    start_ferretdb
  fi
  print_env | tee "$state/env"
}

down() {
  local name pid names=(kafka ferretdb)
  [ "${1:-all}" = kafka ] && names=(kafka)
  for name in "${names[@]}"; do
    if alive "$name"; then
      pid=$(cat "$state/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $name"
    fi
    rm -f "$state/$name.pid"
  done
}

case "${1:-}" in
  up) up "${2:-all}" ;;
  down) down "${2:-all}" ;;
  env) alive kafka && alive ferretdb || die "not running; run: $0 up"; print_env ;;
  install) install_kafka; install_ferretdb ;;
  *) echo "usage: $0 up [kafka]|env|down [kafka]|install" >&2; exit 2 ;;
esac
