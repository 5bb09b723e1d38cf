#!/usr/bin/env bash
# Runs the whole platform on its embedded defaults: local Kafka and mongo-java-server (tools/infra/infra.sh), the
# organizations, members and projects services and the gateway (Hive Router, built once by
# tools/router/hive-router.sh, in development mode: any operation runs and GraphiQL is served). Prints the gateway URL,
# the projects service's public endpoint and development tokens.
# The servers are the local run's own (state in .infra/local, apart from the tests' .infra/test); the database keeps
# its data in an H2 file there, so stopping and restarting the platform loses nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  bash tools/install-deps.sh
fi
bash tools/install-system-packages.sh # the members service prints transfer letters with a Chinese font (ADR 0023)
npm run -s build
bash tools/router/hive-router.sh install
if [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${MONGODB_URI:-}" ]; then
  servers="external servers"
else
  servers="local Kafka and mongo-java-server, state in ${LIANJIAN_INFRA_DIR:-.infra/local}"
fi
eval "$(LIANJIAN_INFRA_DIR="${LIANJIAN_INFRA_DIR:-$PWD/.infra/local}" LIANJIAN_DB_BACKEND="${LIANJIAN_DB_BACKEND:-h2}" \
  bash tools/infra/infra.sh up | sed 's/^/export /')"

free_port() { node -e 'const s=require("net").createServer();s.listen(Number(process.argv[1])||0,"127.0.0.1",()=>{console.log(s.address().port);s.close()}).on("error",()=>{const t=require("net").createServer();t.listen(0,"127.0.0.1",()=>{console.log(t.address().port);t.close()})})' "$1"; }
random_secret() { node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))'; }

# Secrets for this run only: generated, never written to the repository.
export GATEWAY_SUBGRAPH_SECRET="${GATEWAY_SUBGRAPH_SECRET:-$(random_secret)}"
# The user-token secret stays in .infra/ (mode 0600) so `dev-token` can sign more tokens; it is never printed.
if [ -z "${JWT_SECRET:-}" ]; then
  if [ ! -s .infra/jwt.secret ]; then (umask 077; mkdir -p .infra; random_secret > .infra/jwt.secret); fi
  JWT_SECRET="$(cat .infra/jwt.secret)"
fi
export JWT_SECRET
# The members' master key wraps every member's data key: generated once per machine and kept in .infra/ (never in
# git), so personal data stays readable across restarts. Delete it and every member's ID and phone are gone.
mkdir -p .infra/logs
if [ -z "${MEMBERS_MASTER_KEY:-}" ] && [ -z "${MEMBERS_MASTER_KEY_FILE:-}" ]; then
  if [ ! -s .infra/members-master.key ]; then
    (umask 077; node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > .infra/members-master.key)
  fi
  export MEMBERS_MASTER_KEY_FILE="$PWD/.infra/members-master.key"
fi
# The projects service's master key: the keys that sign the public rating links (QR codes posted where a project ran)
# and need receipts, hash raters' contacts (one rating per person) and seal submitters' contacts derive from it. Kept
# in .infra/ the same way, so posted links stay valid and a rater stays one rater across restarts.
if [ -z "${PROJECTS_MASTER_KEY:-}" ] && [ -z "${PROJECTS_MASTER_KEY_FILE:-}" ]; then
  if [ ! -s .infra/projects-master.key ]; then
    (umask 077; node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > .infra/projects-master.key)
  fi
  export PROJECTS_MASTER_KEY_FILE="$PWD/.infra/projects-master.key"
fi
organizations_port="$(free_port "${ORGANIZATIONS_PORT:-4001}")"
members_port="$(free_port "${MEMBERS_PORT:-4002}")"
projects_port="$(free_port "${PROJECTS_PORT:-4003}")"
gateway_port="$(free_port "${GATEWAY_PORT:-4000}")"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

wait_http() { # url seconds name
  for _ in $(seq 1 $(($2 * 5))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "$3 did not start; see .infra/logs/$3.log" >&2; exit 1
}

PORT="$organizations_port" HOST=127.0.0.1 node dist/apps/organizations/src/main.js >.infra/logs/organizations.log 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$organizations_port/health" 60 organizations

PORT="$members_port" HOST=127.0.0.1 node dist/apps/members/src/main.js >.infra/logs/members.log 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$members_port/health" 60 members

PORT="$projects_port" HOST=127.0.0.1 node dist/apps/projects/src/main.js >.infra/logs/projects.log 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$projects_port/health" 60 projects

token="$(node dist/tools/dev-token.js CITY_ADMIN)"
reader_token="$(node dist/tools/dev-token.js ANALYTICS_READER)"
PORT="$gateway_port" HOST=127.0.0.1 GATEWAY_MODE=development \
  SUBGRAPH_URL_ORGANIZATIONS="http://127.0.0.1:$organizations_port/graphql" \
  SUBGRAPH_URL_MEMBERS="http://127.0.0.1:$members_port/graphql" \
  SUBGRAPH_URL_PROJECTS="http://127.0.0.1:$projects_port/graphql" \
  node dist/apps/gateway/src/main.js >.infra/logs/gateway.log 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$gateway_port/readiness" 60 gateway

cat <<MSG

  联建 Lianjian is running on its embedded defaults.

  Gateway (GraphQL, and GraphiQL in a browser):  http://127.0.0.1:$gateway_port/graphql
  Organizations subgraph (gateway calls only):   http://127.0.0.1:$organizations_port/graphql
  Members subgraph (gateway calls only):         http://127.0.0.1:$members_port/graphql
  Projects subgraph (gateway calls only):        http://127.0.0.1:$projects_port/graphql
  Projects public endpoint (no token; residents rating through a signed link, the public need form):
                                                 http://127.0.0.1:$projects_port/public/graphql
  Kafka: $KAFKA_BROKERS   MongoDB-compatible: $MONGODB_URI   ($servers)
  Logs: .infra/logs/

  Development tokens (24 hours; GraphiQL: add the header Authorization: Bearer <token>):
  city admin:        $token
  analytics reader:  $reader_token

  Try:  curl -s http://127.0.0.1:$gateway_port/graphql -H 'content-type: application/json' \\
          -H "authorization: Bearer \$TOKEN" -d '{"query":"{ organizations { totalCount } }"}'
  Other roles:  npm run -s dev-token -- DISTRICT_ADMIN huangpu   (ORGANIZATION_ADMIN <organization id>, MEMBER <organization id>)

  Ctrl-C stops the services (Kafka and the database keep running: npm run infra:down stops them).
MSG
wait
