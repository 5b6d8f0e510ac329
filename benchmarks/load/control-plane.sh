#!/usr/bin/env bash
# Control-plane throughput on loopback (issue 5): What-If over the 195-policy rollout, and the
# snapshot's 304 that up-to-date nodes get. The packaged control plane (JVM, H2 in memory) and the
# load driver (wrk, from Debian) share this machine's cores, so every round also reports where the
# CPU went: the server, wrk, and everything else on the machine (other work disturbs the figures).
# Usage: benchmarks/load/control-plane.sh [seconds per round] [rounds]
# Results: printed, and kept in benchmarks/target/load-fixture/results.md, followed by a JFR
# profile of each endpoint (recordings in benchmarks/target/load-fixture/*.jfr).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${1:-20}"
ROUNDS="${2:-3}"
PORT=18181
FIXTURE="$ROOT/benchmarks/target/load-fixture"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
./mvnw -q -B -ntp -pl app,benchmarks -am package -DskipTests
CP="benchmarks/target/benchmarks.jar"
rm -rf "$FIXTURE"; java -cp "$CP" dev.portcullis.benchmarks.load.ControlPlaneFixture keys "$FIXTURE"
QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
  PORTCULLIS_JWKS_URL="$FIXTURE/public.pem" PORTCULLIS_TOKEN_ISSUER=https://portcullis.bench QUARKUS_LOG_LEVEL=WARN \
  PORTCULLIS_SNAPSHOT_SIGNING_KEY_FILE="$FIXTURE/snapshot-signing-key.pem" \
  java -jar app/target/quarkus-app/quarkus-run.jar > "$FIXTURE/control-plane.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
until curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null; do sleep 0.2; done
java -cp "$CP" dev.portcullis.benchmarks.load.ControlPlaneFixture seed "http://localhost:$PORT" "$FIXTURE"
export FIXTURE
NODE="Authorization: Bearer $(cat "$FIXTURE/token-node.txt")"
ETAG="If-None-Match: $(cat "$FIXTURE/etag.txt")"
WHATIF_URL="http://localhost:$PORT/v1.0/identity/conditionalAccess/evaluate"
SNAPSHOT_URL="http://localhost:$PORT/v1.0/identity/conditionalAccess/snapshot"
curl -s -o /dev/null -w "what-if check: %{http_code}\n" -X POST -H "Content-Type: application/json" \
  -H "Authorization: Bearer $(cat "$FIXTURE/token-reader.txt")" --data @"$FIXTURE/whatif.json" "$WHATIF_URL"
curl -s -o /dev/null -w "snapshot check: %{http_code}\n" -H "$NODE" -H "$ETAG" "$SNAPSHOT_URL"

HZ=$(getconf CLK_TCK)
server_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
RESULTS="$FIXTURE/results.md"
# One wrk run; appends a table row: req/s, p50, p99, non-2xx, and CPU in cores (server / wrk / rest of the machine).
measure() { # name target connections seconds wrk-args...
  local name="$1" target="$2" connections="$3" seconds="$4"; shift 4
  local s0 m0 s1 m1 out
  s0=$(server_ticks); m0=$(machine_ticks)
  out=$( { TIMEFORMAT='wrk-cpu %U %S'; time wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@"; } 2>&1 )
  s1=$(server_ticks); m1=$(machine_ticks)
  echo "$out" | awk -v name="$name" -v target="$target" -v hz="$HZ" -v secs="$seconds" \
    -v server=$((s1 - s0)) -v machine=$((m1 - m0)) '
    /Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} /Non-2xx/ {bad = $NF}
    /^wrk-cpu/ {wrk = $2 + $3}
    END {
      srv = server / hz / secs; drv = wrk / secs; rest = machine / hz / secs - srv - drv; if (rest < 0) rest = 0
      printf "| %s | %.0f | %.2f× | %s / %s | %s | %.2f | %.2f | %.2f | %.0f µs |\n", name, rps, rps / target, p50, p99,
        (bad == "" ? 0 : bad), srv, drv, rest, srv * 1e6 / rps
    }'
}
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M') UTC, ${SECONDS_PER_RUN} s per round, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| endpoint | req/s | × target | p50 / p99 | non-2xx | server CPU (cores) | wrk CPU | rest of machine | server CPU per request |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
} | tee "$RESULTS"
echo "== warm-up (10 s each)"
measure "warm-up What-If" 2000 16 10 -s benchmarks/load/whatif.lua "$WHATIF_URL" >/dev/null
measure "warm-up 304" 10000 32 10 -H "$NODE" -H "$ETAG" "$SNAPSHOT_URL" >/dev/null
for round in $(seq "$ROUNDS"); do
  measure "What-If, 195 policies, round $round" 2000 16 "$SECONDS_PER_RUN" -s benchmarks/load/whatif.lua "$WHATIF_URL" | tee -a "$RESULTS"
  measure "snapshot 304, round $round" 10000 32 "$SECONDS_PER_RUN" -H "$NODE" -H "$ETAG" "$SNAPSHOT_URL" | tee -a "$RESULTS"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
# Where the server's CPU goes: 10 s more of each under JFR, apart from the figures above.
echo "== profile (JFR, 10 s each, not part of the figures above)" | tee -a "$RESULTS"
profile() { # name wrk-args...
  local name="$1"; shift
  jcmd "$SERVER" JFR.start name="$name" settings=profile >/dev/null
  wrk -t1 -d10s "$@" >/dev/null
  jcmd "$SERVER" JFR.stop name="$name" filename="$FIXTURE/$name.jfr" >/dev/null
  echo "-- $name" | tee -a "$RESULTS"
  java -cp "$CP" dev.portcullis.benchmarks.load.JfrTop "$FIXTURE/$name.jfr" 10 | tee -a "$RESULTS"
}
profile what-if -c16 -s benchmarks/load/whatif.lua "$WHATIF_URL"
profile snapshot-304 -c32 -H "$NODE" -H "$ETAG" "$SNAPSHOT_URL"
