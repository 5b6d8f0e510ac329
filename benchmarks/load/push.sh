#!/usr/bin/env bash
# Push approval (issue 15): from the phone's signed answer to the browser holding the redirect with
# a code, on loopback against the real Keycloak 26.7.3 with the provider. Each client is a user
# with a browser (the login page's held status request, then its form post) and a phone (a P-256
# key signing the companion's statements). Prints percentiles and appends them to
# adapters-keycloak-admin/target/push-benchmark.txt. Options: -Dclients=4 -Dseconds=60 -DwarmupSeconds=20
# (add -o to build offline). About 4 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -pl adapters-keycloak-admin -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PushApprovalBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@"
