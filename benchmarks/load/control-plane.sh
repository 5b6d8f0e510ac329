#!/usr/bin/env bash
# Control-plane throughput on loopback (issue 5): What-If over the 195-policy rollout, and the
# snapshot's 304 that up-to-date nodes get. The packaged control plane (JVM, H2 in memory) and the
# load driver (wrk, from Debian) share this machine's cores. Usage: benchmarks/load/control-plane.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${1:-20}"
PORT=18181
FIXTURE="$ROOT/benchmarks/target/load-fixture"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
./mvnw -q -B -ntp -pl app,benchmarks -am package -DskipTests
CP="benchmarks/target/benchmarks.jar"
rm -rf "$FIXTURE"; java -cp "$CP" dev.portcullis.benchmarks.load.ControlPlaneFixture keys "$FIXTURE"
QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
  PORTCULLIS_JWKS_URL="$FIXTURE/public.pem" PORTCULLIS_TOKEN_ISSUER=https://portcullis.bench QUARKUS_LOG_LEVEL=WARN \
  java -jar app/target/quarkus-app/quarkus-run.jar > "$FIXTURE/control-plane.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
until curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null; do sleep 0.2; done
java -cp "$CP" dev.portcullis.benchmarks.load.ControlPlaneFixture seed "http://localhost:$PORT" "$FIXTURE"
export FIXTURE
NODE="Authorization: Bearer $(cat "$FIXTURE/token-node.txt")"
ETAG="If-None-Match: $(cat "$FIXTURE/etag.txt")"
curl -s -o /dev/null -w "what-if check: %{http_code}\n" -X POST -H "Content-Type: application/json" \
  -H "Authorization: Bearer $(cat "$FIXTURE/token-reader.txt")" --data @"$FIXTURE/whatif.json" \
  "http://localhost:$PORT/v1.0/identity/conditionalAccess/evaluate"
curl -s -o /dev/null -w "snapshot check: %{http_code}\n" -H "$NODE" -H "$ETAG" "http://localhost:$PORT/v1.0/identity/conditionalAccess/snapshot"
echo "== warm-up"
wrk -t1 -c16 -d10s -s benchmarks/load/whatif.lua "http://localhost:$PORT/v1.0/identity/conditionalAccess/evaluate" >/dev/null
wrk -t1 -c16 -d10s -H "$NODE" -H "$ETAG" "http://localhost:$PORT/v1.0/identity/conditionalAccess/snapshot" >/dev/null
for round in 1 2 3; do
  echo "== round $round: What-If, 195 policies"
  wrk -t1 -c16 -d"${SECONDS_PER_RUN}s" --latency -s benchmarks/load/whatif.lua \
    "http://localhost:$PORT/v1.0/identity/conditionalAccess/evaluate" | grep -E "Requests/sec|50%|99%|Non-2xx"
  echo "== round $round: snapshot 304"
  wrk -t1 -c32 -d"${SECONDS_PER_RUN}s" --latency -H "$NODE" -H "$ETAG" \
    "http://localhost:$PORT/v1.0/identity/conditionalAccess/snapshot" | grep -E "Requests/sec|50%|99%|Non-2xx"
done
