#!/usr/bin/env bash
# Browser-flow logins, stock Keycloak against Keycloak with Portcullis, on one running server, and
# the time from a policy change to enforcement (issue 7). Takes about 4 minutes; prints a table and
# writes app/target/login-benchmark.txt. Options: -Dclients=4 -DroundSeconds=20 -Drounds=3
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -pl app -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LoginThroughputBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@"
