#!/usr/bin/env bash
# Builds the two images with podman, no registry involved:
#   localhost/portcullis-control-plane   the control plane (Quarkus, JVM), from app/src/main/docker/Dockerfile.jvm
#   localhost/portcullis-keycloak        Keycloak 26.7.3 with the Portcullis provider, optimized
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

containers/base/build-base.sh
echo "images: localhost/portcullis-control-plane"
podman build -q --format docker -f app/src/main/docker/Dockerfile.jvm -t localhost/portcullis-control-plane:latest app
echo "images: localhost/portcullis-keycloak (kc.sh build inside: about half a minute)"
podman build -q --format docker -t localhost/portcullis-keycloak:latest "$CONTEXT"
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep portcullis
