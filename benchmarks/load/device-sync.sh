#!/usr/bin/env bash
# Device-sync throughput of one control plane on PostgreSQL (issue 19): an MDM's PUT /v1.0/devices/{id}
# for every device, on loopback. The packaged control plane built for PostgreSQL, a real PostgreSQL
# (BenchPostgres: Maven Central's binaries, synchronous_commit on as in production) and the load
# driver (wrk, from Debian) share this machine's cores, so every run also reports where the CPU went.
# The inventory: d-0 through the API, the rest copied from it in SQL. Cases: routine syncs (only
# lastSyncDateTime moves forward: nothing is stored), compliance flips (every sync stored), and creation
# of new devices into the full inventory, and an MDM's mix (one sync in ten stored). Two nodes follow the fact feed throughout (see follow_feed).
# Usage: benchmarks/load/device-sync.sh [devices] [seconds per run] ["connection counts"] [synchronous_commit]
#   e.g. benchmarks/load/device-sync.sh 10000 20 "16 64" on; MVN_ARGS=-o builds offline, BUILD=no not at all,
#   CASES="flip" runs only the compliance flips (default "routine mixed flip create"); FEED_FOLLOWERS=0 runs
#   no node following the feed (default 2). BATCH=20 sends the syncs 20 to a Graph batch (POST /v1.0/$batch)
#   instead of one PUT each (default 1); the figures are per sync either way.
# Results: printed, and kept in benchmarks/target/device-sync/results.md; a JFR profile and PostgreSQL's
# session waits of each case in profile.md (recordings in benchmarks/target/device-sync/*.jfr).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
DEVICES="${1:-10000}"
SECONDS_PER_RUN="${2:-20}"
CONNECTIONS="${3:-16 64}"
SYNC="${4:-on}"
PORT=18182
PG_PORT=15432
TARGET=2000
FIXTURE="$ROOT/benchmarks/target/device-sync"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
APP="${APP:-app/target/postgresql-app/quarkus-run.jar}" # APP=... measures another build (an A/B comparison)
# -DskipTests keeps the PostgreSQL build of the app module (it is skipped with -DskipITs only).
[ "${BUILD:-yes}" = no ] || ./mvnw -q -B -ntp ${MVN_ARGS:-} -pl app,benchmarks -am package -DskipTests
CP="benchmarks/target/benchmarks.jar"
rm -rf "$FIXTURE"; java -cp "$CP" dev.portcullis.benchmarks.load.ControlPlaneFixture keys "$FIXTURE"
java -cp "$CP" dev.portcullis.benchmarks.load.BenchPostgres start "$PG_PORT" "$FIXTURE/postgres" "$SYNC" \
  > "$FIXTURE/postgres.log" 2>&1 &
POSTGRES=$!
SERVER=
trap 'kill $SERVER $POSTGRES 2>/dev/null; wait $POSTGRES 2>/dev/null' EXIT
until [ -s "$FIXTURE/postgres/jdbc-url.txt" ]; do kill -0 $POSTGRES || { cat "$FIXTURE/postgres.log"; exit 1; }; sleep 0.2; done
POSTMASTER=$(head -1 "$FIXTURE/postgres/data/postmaster.pid") # pg_ctl detaches it from BenchPostgres
java -Dquarkus.http.port=$PORT -Dquarkus.datasource.jdbc.url="$(cat "$FIXTURE/postgres/jdbc-url.txt")" \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password= \
  -Dmp.jwt.verify.publickey.location="$FIXTURE/public.pem" -Dmp.jwt.verify.issuer=https://portcullis.bench \
  -Dportcullis.snapshot.signing-key-file="$FIXTURE/snapshot-signing-key.pem" -Dquarkus.log.level=WARN \
  -jar "$APP" > "$FIXTURE/control-plane.log" 2>&1 &
SERVER=$!
until curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null; do kill -0 $SERVER || { cat "$FIXTURE/control-plane.log"; exit 1; }; sleep 0.2; done
# The 195-policy rollout, so the inventory sits beside a realistic policy set.
java -cp "$CP" dev.portcullis.benchmarks.load.ControlPlaneFixture seed "http://localhost:$PORT" "$FIXTURE"
export FIXTURE DEVICES
export SEEDED_AT="$(date -u -d '-2 hours' '+%Y-%m-%dT%H:%M:%SZ')" SYNCED_AT="$(date -u -d '-1 hour' '+%Y-%m-%dT%H:%M:%SZ')"
URL="http://localhost:$PORT"
SCRIPT=benchmarks/load/device-sync.lua

HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() { # a process and all its descendants (PostgreSQL's server and backends)
  local total; total=$(ticks "$1")
  for child in $(ps -o pid= --ppid "$1"); do total=$((total + $(tree_ticks "$child"))); done
  echo "$total"
}
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# Devices stored (created or changed) so far, from the control plane's own counter.
stored() { curl -sf "$URL/q/metrics" | awk '/^portcullis_changes_total\{.*kind="device"/ {s += $2} END {printf "%d", s}'; }
RESULTS="$FIXTURE/results.md"
export BATCH="${BATCH:-1}"
# One wrk run with MODE and its variables set; a table row: syncs/s, × target, p50 / p99 (of a request: a
# batch with BATCH > 1), errors (answers of 400 or more, inside batches too), devices stored per sync, and CPU
# in cores (control plane / PostgreSQL / wrk / rest of the machine).
measure() { # name connections seconds
  local name="$1" connections="$2" seconds="$3" s0 p0 m0 d0 s1 p1 m1 d1 out
  s0=$(ticks $SERVER); p0=$(tree_ticks $POSTMASTER); m0=$(machine_ticks); d0=$(stored)
  echo 0 > "$FIXTURE/batch-errors.txt"
  out=$( { TIMEFORMAT='wrk-cpu %U %S %R'; time BATCH_ERRORS_OUT="$FIXTURE/batch-errors.txt" wrk -t1 \
    -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$SCRIPT" "$URL"; } 2>&1 )
  s1=$(ticks $SERVER); p1=$(tree_ticks $POSTMASTER); m1=$(machine_ticks); d1=$(stored)
  out="$out
batch-errors $(cat "$FIXTURE/batch-errors.txt")"
  echo "$out" > "$FIXTURE/wrk-$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-').txt"
  echo "$out" | awk -v name="$name" -v c="$connections" -v target=$TARGET -v hz="$HZ" \
    -v server=$((s1 - s0)) -v pg=$((p1 - p0)) -v machine=$((m1 - m0)) -v changed=$((d1 - d0)) -v batch="$BATCH" '
    /requests in/ {n = $1 * batch} /Requests\/sec/ {rps = $2 * batch} / 50%/ {p50 = $2} / 99%/ {p99 = $2}
    /Non-2xx/ {bad += $NF} /Socket errors/ {gsub(/,/, ""); bad += $4 + $6 + $8 + $10} /^batch-errors/ {bad += $2}
    /^wrk-cpu/ {wrk = $2 + $3; secs = $4}
    END {
      srv = server / hz / secs; db = pg / hz / secs; drv = wrk / secs; rest = machine / hz / secs - srv - db - drv
      if (rest < 0) rest = 0
      printf "| %s | %d | %.0f | %.2f× | %s / %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f µs |\n", name, c, rps,
        rps / target, p50, p99, bad, (n > 0 ? changed / n : 0), srv, db, drv, rest, (srv + db) * 1e6 / rps
    }'
}
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M') UTC: $DEVICES devices, ${SECONDS_PER_RUN} s per run, synchronous_commit=$SYNC,"
  echo "PostgreSQL 14 (embedded-postgres binaries), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Syncs per request: $BATCH ($([ "$BATCH" = 1 ] && echo "PUT /v1.0/devices/{id}" || echo "a Graph batch, POST /v1.0/\$batch"))"
  echo
  echo "| case | connections | syncs/s | × 2,000/s | p50 / p99 | errors | stored per sync | control plane CPU (cores) | PostgreSQL CPU | wrk CPU | rest of machine | server + database CPU per sync |"
  echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} | tee "$RESULTS"
# The inventory: d-0 through the API, then d-1.. copied from it in SQL (the API would take an hour
# for 100,000; creation through the API is measured below).
curl -sf -o /dev/null -X PUT -H "Content-Type: application/json" -H "Authorization: Bearer $(cat "$FIXTURE/token-device-manager.txt")" \
  --data "{\"displayName\": \"Laptop 0\", \"registeredOwnerId\": \"u-0\", \"operatingSystem\": \"Windows\",
    \"operatingSystemVersion\": \"10.0.22631.4460\", \"manufacturer\": \"Contoso\", \"model\": \"Surface 9\",
    \"isCompliant\": true, \"isManaged\": true, \"trustType\": \"AzureAd\", \"deviceOwnership\": \"company\",
    \"lastSyncDateTime\": \"$SEEDED_AT\"}" "$URL/v1.0/devices/d-0"
java -cp "$CP" dev.portcullis.benchmarks.load.BenchPostgres fill "$(cat "$FIXTURE/postgres/jdbc-url.txt")" "$DEVICES"
# Where the time goes, after each case's runs: 10 s more of it under JFR (the control plane's CPU) while
# PostgreSQL's sessions are sampled (what a write waits for); kept apart from the figures, in profile.md.
PROFILES="$FIXTURE/profile.md"
profile() { # name, with MODE and its variables set
  jcmd "$SERVER" JFR.start name="$1" settings=profile >/dev/null
  java -cp "$CP" dev.portcullis.benchmarks.load.BenchPostgres waits "$(cat "$FIXTURE/postgres/jdbc-url.txt")" 8 \
    > "$FIXTURE/$1-waits.txt" &
  wrk -t1 -c16 -d10s -s "$SCRIPT" "$URL" >/dev/null
  wait $!
  jcmd "$SERVER" JFR.stop name="$1" filename="$FIXTURE/$1.jfr" >/dev/null
  { echo "-- $1 (JFR and pg_stat_activity, 10 s, 16 connections)"
    java -cp "$CP" dev.portcullis.benchmarks.load.JfrTop "$FIXTURE/$1.jfr" 15
    echo "PostgreSQL's sessions (state | wait | statement):"
    cat "$FIXTURE/$1-waits.txt"; } >> "$PROFILES"
}
# Each case is warmed up (10 s at 16 connections, not counted) before its runs, then profiled.
routine() {
  MODE=routine measure "warm-up, routine" 16 10 > /dev/null
  for c in $CONNECTIONS; do MODE=routine measure "routine sync" "$c" "$SECONDS_PER_RUN" | tee -a "$RESULTS"; done
  MODE=routine profile routine
}
VISITS=0
flip() {
  MODE=flip VISITS_BEFORE=$VISITS VISITS_OUT="$FIXTURE/visits.txt" measure "warm-up, flip" 16 10 > /dev/null
  VISITS=$((VISITS + $(cat "$FIXTURE/visits.txt")))
  for c in $CONNECTIONS; do
    MODE=flip VISITS_BEFORE=$VISITS VISITS_OUT="$FIXTURE/visits.txt" measure "compliance flip" "$c" "$SECONDS_PER_RUN" \
      | tee -a "$RESULTS"
    VISITS=$((VISITS + $(cat "$FIXTURE/visits.txt")))
  done
  MODE=flip VISITS_BEFORE=$VISITS profile flip
}
MIXED_VISITS=0
mixed() { # after routine syncs and before flips: it reports every device compliant
  MODE=mixed VISITS_BEFORE=$MIXED_VISITS VISITS_OUT="$FIXTURE/visits.txt" measure "warm-up, mixed" 16 10 > /dev/null
  MIXED_VISITS=$((MIXED_VISITS + $(cat "$FIXTURE/visits.txt")))
  for c in $CONNECTIONS; do
    MODE=mixed VISITS_BEFORE=$MIXED_VISITS VISITS_OUT="$FIXTURE/visits.txt" measure "mixed (1 in 10 stored)" "$c" \
      "$SECONDS_PER_RUN" | tee -a "$RESULTS"
    MIXED_VISITS=$((MIXED_VISITS + $(cat "$FIXTURE/visits.txt")))
  done
  MODE=mixed VISITS_BEFORE=$MIXED_VISITS profile mixed
}
create() {
  MODE=create PREFIX=warm measure "warm-up, create" 16 10 > /dev/null
  for c in $CONNECTIONS; do MODE=create PREFIX="new-$c" measure "create (into $DEVICES)" "$c" "$SECONDS_PER_RUN" | tee -a "$RESULTS"; done
  MODE=create PREFIX=profiled profile create
}
# Two nodes follow the fact feed all along, as Keycloak nodes do: each asks what changed since the
# ETag it holds, every 200 ms (a node's long poll wakes at most that often under a stream of changes).
# The control plane numbers pending changes when a node reads the feed, so the readers are part of
# the cost measured. Their answers and bytes go to feed-follower-N.txt.
follow_feed() { # n
  local etag="" answers=0 bytes=0 size
  while :; do
    size=$(curl -s -o "$FIXTURE/feed-$1.jws" -w '%{http_code} %{size_download}' -D "$FIXTURE/feed-$1.headers" \
      -H "Authorization: Bearer $(cat "$FIXTURE/token-node.txt")" ${etag:+-H "If-None-Match: $etag"} \
      "$URL/v1.0/identity/conditionalAccess/facts" || true)
    if [ "${size%% *}" = 200 ]; then
      etag=$(awk 'tolower($1) == "etag:" {print $2}' "$FIXTURE/feed-$1.headers" | tr -d '\r')
      answers=$((answers + 1)); bytes=$((bytes + ${size##* }))
      echo "$answers answers, $bytes bytes, at $etag" > "$FIXTURE/feed-follower-$1.txt"
    fi
    sleep 0.2
  done
}
FOLLOWERS=
for n in $(seq 1 "${FEED_FOLLOWERS:-2}"); do follow_feed "$n" & FOLLOWERS="$FOLLOWERS $!"; done
trap 'kill $FOLLOWERS $SERVER $POSTGRES 2>/dev/null; wait $POSTGRES 2>/dev/null' EXIT
# CASES picks and orders them. Routine and mixed syncs come before flips: a flip leaves devices
# non-compliant, which a routine sync (compliant) would then change back and store.
for case in ${CASES:-routine mixed flip create}; do "$case"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); devices stored in all: $(stored)" | tee -a "$RESULTS"
echo "nodes following the feed: $(cat "$FIXTURE"/feed-follower-*.txt 2>/dev/null | tr '\n' ';')" | tee -a "$RESULTS"
cat "$PROFILES"
