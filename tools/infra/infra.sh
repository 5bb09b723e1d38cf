#!/usr/bin/env bash
# Real Kafka (KRaft, from Maven Central jars) and mongo-java-server (a MongoDB wire-protocol server in Java, from
# Maven Central, started by our own tools/infra/mongo-java-server/Launcher.java) on free loopback ports, for the
# local run and for the tests. No Docker. See docs/adr/0003 and 0013.
#
#   tools/infra/infra.sh up      install on first use, start (or reuse) both servers, print their env
#   tools/infra/infra.sh env     print KAFKA_BROKERS / MONGODB_URI of the running servers
#   tools/infra/infra.sh down    stop what `up` started
#   tools/infra/infra.sh up kafka | down kafka   only the broker (tests that stop and restart Kafka use
#                                their own LIANJIAN_INFRA_DIR; a restarted broker keeps its port and data)
#   tools/infra/infra.sh up db | down db         only the database (a restarted database keeps its port; with the
#                                h2 backend also its data)
#   tools/infra/infra.sh install fetch and build everything, start nothing
#
# When KAFKA_BROKERS and MONGODB_URI are already set, `up` uses those servers and starts nothing.
# Cache (downloads, builds): $LIANJIAN_CACHE (default ~/.cache/lianjian). State: $LIANJIAN_INFRA_DIR, default
# <repo>/.infra/local (the local run, `npm start`); the tests use <repo>/.infra/test (tools/test-all.sh, Jest's
# global setup), so no topic or document of theirs shows up in the local run.
# Database: LIANJIAN_DB_BACKEND=h2 (default: an H2 MVStore file under the state dir, kept across restarts), compact
# (in memory, each document kept as its BSON bytes: what the tests and benchmarks use) or memory (mongo-java-server's
# own in-memory backend, every document a tree of Java objects); LIANJIAN_DB_HEAP, the JVM's heap cap (default 1g for
# h2, whose data lives in the file, and 2g in memory). Live heap per member with everything the two services keep
# (bench:members at 20,000): 6.4 KB compact, 20.9 KB memory; 1,000,000 members want LIANJIAN_DB_HEAP=12g compact. LIANJIAN_DB_CACHE_MB: H2's page cache (default 256, in the heap; pages
# not in it are read from the file and deserialized on each read), about half the heap for a large store.
# LIANJIAN_DB_WIRE_VERSION (default 21, MongoDB 7.0); LIANJIAN_DB_JAVA (the database's java, default the one on the
# PATH) and LIANJIAN_DB_JAVA_OPTS (more JVM options, e.g. -Dlianjian.db.logLevel=INFO, or on Java 25
# -XX:+UseCompactObjectHeaders).
set -euo pipefail

KAFKA_VERSION=3.9.1
MONGO_JAVA_SERVER_VERSION=1.47.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${LIANJIAN_CACHE:-$HOME/.cache/lianjian}"
state="${LIANJIAN_INFRA_DIR:-$repo/.infra/local}"
kafka_libs="$cache/kafka-$KAFKA_VERSION/libs"
db_src="$here/mongo-java-server"
db_libs="$cache/mongo-java-server-$MONGO_JAVA_SERVER_VERSION/libs"
db_classes="$cache/mongo-java-server-$MONGO_JAVA_SERVER_VERSION/classes"
db_backend="${LIANJIAN_DB_BACKEND:-h2}"
case "$db_backend" in
  memory | compact) db_heap="${LIANJIAN_DB_HEAP:-2g}" ;;
  h2) db_heap="${LIANJIAN_DB_HEAP:-1g}" ;;
  *) printf '[infra] error: LIANJIAN_DB_BACKEND must be memory, compact or h2, not %s\n' "$db_backend" >&2; exit 2 ;;
esac

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}

# Copies a pom's runtime jars into a folder, printing nothing but Maven's errors: quiet, batch mode, no transfer
# progress, no colour; jansi.noreset: Maven 3.8's console library otherwise writes an ANSI reset (ESC[0m) to stdout
# and stderr as it exits, even in batch mode and into a pipe.
mvn_fetch() { # pom folder
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -q -B -ntp -Dstyle.color=never -f "$1" \
    dependency:copy-dependencies -DoutputDirectory="$2" -DincludeScope=runtime >&2
}

install_kafka() {
  [ -f "$kafka_libs/.complete" ] && return 0
  need java "Kafka needs a Java runtime (17+), e.g. apt-get install openjdk-17-jre-headless"
  need mvn "Kafka's jars are fetched from Maven Central with Maven, e.g. apt-get install maven"
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (first run only)"
  rm -rf "$kafka_libs" && mkdir -p "$kafka_libs"
  mvn_fetch "$here/kafka-pom.xml" "$kafka_libs" || die "mvn could not fetch Kafka's jars"
  touch "$kafka_libs/.complete"
}

install_mongodb() {
  # The jars are fetched again when the pom changes; the launcher is compiled again when its source changes.
  local pom_sum src_sum
  pom_sum=$(sha256sum <"$db_src/pom.xml")
  src_sum=$(cat "$db_src/Launcher.java" "$db_src/CompactMemoryBackend.java" | sha256sum)
  if [ "$(cat "$db_libs/.complete" 2>/dev/null)" != "$pom_sum" ]; then
    need java "mongo-java-server needs a Java runtime (17+), e.g. apt-get install openjdk-17-jdk-headless"
    need mvn "mongo-java-server's jars are fetched from Maven Central with Maven, e.g. apt-get install maven"
    log "fetching mongo-java-server $MONGO_JAVA_SERVER_VERSION jars from Maven Central (first run only)"
    rm -rf "$db_libs" "$db_classes" && mkdir -p "$db_libs"
    mvn_fetch "$db_src/pom.xml" "$db_libs" || die "mvn could not fetch mongo-java-server's jars"
    echo "$pom_sum" >"$db_libs/.complete"
  fi
  if [ "$(cat "$db_classes/.complete" 2>/dev/null)" != "$src_sum" ]; then
    need javac "the database launcher is compiled with javac: install a JDK (17+), e.g. apt-get install openjdk-17-jdk-headless"
    log "compiling the database launcher (tools/infra/mongo-java-server/*.java)"
    rm -rf "$db_classes" "$db_classes.tmp" && mkdir -p "$db_classes.tmp"
    javac -nowarn -d "$db_classes.tmp" -cp "$db_libs/*" "$db_src/Launcher.java" "$db_src/CompactMemoryBackend.java" >&2 ||
      die "compiling the launcher failed"
    echo "$src_sum" >"$db_classes.tmp/.complete"
    mv "$db_classes.tmp" "$db_classes"
  fi
}

# Servers start as `nohup setsid java …`, in a session of their own: a Ctrl-C (or a kill of the process group) of
# whoever started them first -- `npm start`, a test run -- doesn't stop servers that later runs reuse; only `down`
# does. (infra.sh runs without job control, so setsid execs java itself and $! is the server's pid.) Tested by
# tools/infra/ctrl-c.int-spec.ts: SIGINT and SIGTERM to the starter's process group leave both servers answering.

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
    nohup setsid java -Xms128m -Xmx512m -XX:+UseG1GC -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$kafka_libs/*" \
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
  nohup setsid java "${jopts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" >"$state/kafka.log" 2>&1 9>&- &
  echo $! >"$state/kafka.pid"
  echo "$port" >"$state/kafka.port"
  wait_port kafka "$port" 90
  log "Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$port"
}

start_mongodb() {
  local port args
  # A database that was stopped restarts on its own port (clients keep their MONGODB_URI), unless someone else
  # took that port since.
  if [ -f "$state/mongodb.port" ] && ! port_open "$(cat "$state/mongodb.port")"; then
    port=$(cat "$state/mongodb.port")
  else
    port=$(free_port)
  fi
  args=(--host 127.0.0.1 --port "$port" --backend "$db_backend" --wire-version "${LIANJIAN_DB_WIRE_VERSION:-21}")
  [ "$db_backend" = h2 ] && args+=(--file "$state/mongodb/lianjian.mv.db" --cache-mb "${LIANJIAN_DB_CACHE_MB:-256}")
  # The heap grows from 64 MB up to the cap as data arrives. G1 with a pause goal: the serial collector's full
  # collections of a heap of gigabytes stopped every client for hundreds of milliseconds (relay lag p99 174 ms with
  # appends' own p99 at 211 ms, bench:event-store). A full heap ends the process (clients then fail fast on a refused
  # connection) instead of leaving it thrashing. String deduplication: the memory backend decodes every document's
  # field names and values into Strings of their own; sharing their bytes saved 145 of 550 MB of live heap at 20,000
  # members (bench:members; with Java 25's -XX:+UseCompactObjectHeaders too, through LIANJIAN_DB_JAVA and
  # LIANJIAN_DB_JAVA_OPTS: 376 MB).
  # shellcheck disable=SC2086 # LIANJIAN_DB_JAVA_OPTS is a list of options
  nohup setsid "${LIANJIAN_DB_JAVA:-java}" -Xms64m -Xmx"$db_heap" -Xss512k -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m \
    -XX:+ExitOnOutOfMemoryError -XX:+UseStringDeduplication ${LIANJIAN_DB_JAVA_OPTS:-} -cp "$db_libs/*:$db_classes" Launcher "${args[@]}" >>"$state/mongodb.log" 2>&1 9>&- &
  echo $! >"$state/mongodb.pid"
  echo "$port" >"$state/mongodb.port"
  echo "$db_backend" >"$state/mongodb.backend"
  wait_port mongodb "$port" 30
  if [ "$db_backend" = h2 ]; then
    log "mongo-java-server $MONGO_JAVA_SERVER_VERSION (H2 file $state/mongodb/lianjian.mv.db, heap $db_heap, cache ${LIANJIAN_DB_CACHE_MB:-256} MB) on 127.0.0.1:$port"
  else
    log "mongo-java-server $MONGO_JAVA_SERVER_VERSION (in memory, $db_backend backend, heap $db_heap) on 127.0.0.1:$port"
  fi
}

print_env() {
  echo "KAFKA_BROKERS=127.0.0.1:$(cat "$state/kafka.port")"
  echo "MONGODB_URI=mongodb://127.0.0.1:$(cat "$state/mongodb.port")/"
}

legacy_hint() {
  local old="$repo/.infra" name
  [ "$state" = "$old" ] && return 0
  for name in kafka ferretdb; do
    if [ -f "$old/$name.pid" ] && kill -0 "$(cat "$old/$name.pid")" 2>/dev/null; then
      log "note: $name from the old .infra/ layout (before .infra/local and .infra/test) still runs: kill $(cat "$old/$name.pid")"
    fi
  done
}

up_db() {
  if alive mongodb && port_open "$(cat "$state/mongodb.port")"; then
    local running
    running=$(cat "$state/mongodb.backend" 2>/dev/null || echo unknown)
    if [ "$running" != "$db_backend" ] && [ "$running" != h2 ] && [ "$db_backend" != h2 ]; then
      # both in memory: nothing to keep, start the one asked for
      log "the database in $state runs the $running backend, not $db_backend: restarting it"
      stop_server mongodb
      install_mongodb
      start_mongodb
      return 0
    fi
    [ "$running" = "$db_backend" ] || die "the database in $state runs the $running backend, not $db_backend; stop it first: $0 down db"
    log "reusing mongo-java-server ($running) on 127.0.0.1:$(cat "$state/mongodb.port")"
  else
    install_mongodb
    start_mongodb
  fi
}

up_kafka() {
  if alive kafka && port_open "$(cat "$state/kafka.port")"; then
    log "reusing Kafka on 127.0.0.1:$(cat "$state/kafka.port")"
  else
    install_kafka
    start_kafka
  fi
}

up() {
  local only="${1:-all}"
  case "$only" in all | kafka | db) ;; *) usage ;; esac
  if [ "$only" = all ] && [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${MONGODB_URI:-}" ]; then
    log "using external servers KAFKA_BROKERS=$KAFKA_BROKERS MONGODB_URI=$MONGODB_URI"
    printf 'KAFKA_BROKERS=%s\nMONGODB_URI=%s\n' "$KAFKA_BROKERS" "$MONGODB_URI"
    return 0
  fi
  mkdir -p "$state"
  exec 9>"$state/.lock"
  flock 9
  legacy_hint
  case "$only" in
    kafka) up_kafka; echo "KAFKA_BROKERS=127.0.0.1:$(cat "$state/kafka.port")" ;;
    db) up_db; echo "MONGODB_URI=mongodb://127.0.0.1:$(cat "$state/mongodb.port")/" ;;
    all) up_kafka; up_db; print_env | tee "$state/env" ;;
  esac
}

# Stops one server (the caller holds the lock). SIGTERM: Kafka shuts down cleanly; the database closes its clients
# and (H2) commits and closes its file, which can take a while for a large store, so it gets longer before SIGKILL.
stop_server() {
  local name="$1" pid seconds=10
  if alive "$name"; then
    pid=$(cat "$state/$name.pid")
    [ "$name" = mongodb ] && seconds=60
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((seconds * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $name (SIGKILL after $seconds s)"
    else
      log "stopped $name"
    fi
  fi
  rm -f "$state/$name.pid"
}

down() {
  local name names=(kafka mongodb)
  case "${1:-all}" in
    all) ;;
    kafka) names=(kafka) ;;
    db) names=(mongodb) ;;
    *) usage ;;
  esac
  [ -d "$state" ] || return 0
  exec 9>"$state/.lock"
  flock 9
  for name in "${names[@]}"; do stop_server "$name"; done
}

usage() {
  echo "usage: $0 up [kafka|db] | env | down [kafka|db] | install" >&2
  exit 2
}

case "${1:-}" in
  up) up "${2:-all}" ;;
  down) down "${2:-all}" ;;
  env) alive kafka && alive mongodb || die "not running; run: $0 up"; print_env ;;
  install) install_kafka; install_mongodb ;;
  *) usage ;;
esac
