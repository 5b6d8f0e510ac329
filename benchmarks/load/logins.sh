#!/usr/bin/env bash
# Browser-flow logins, stock Keycloak against Keycloak with Portcullis, on one running server, and
# the time from a policy change to enforcement (issue 7). Three variants interleaved: a stock realm,
# the Portcullis realm on Keycloak's stock flow, the Portcullis realm on the Portcullis flow; with
# each one's CPU per login (Keycloak and control plane) and a JFR profile of both servers. Takes
# about 5 minutes; prints the tables and writes demo/target/login-benchmark.txt (the recordings are
# under demo/target/login-benchmark/*.jfr). Options: -Dclients=4 -DroundSeconds=20 -Drounds=3
# -DlingerMillis=200 (the node's sign-in-batch-linger-millis; add -o to build offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -pl demo -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LoginThroughputBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@"
