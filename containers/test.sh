#!/usr/bin/env bash
# Builds both images and runs them for real with podman (ContainersIT): one login stepped up by a
# policy created through the control plane, logins on the last-known-good snapshot with the control
# plane stopped, and no data lost when a new control-plane container takes the same volume. Then the
# cluster (ClusterContainersIT): PostgreSQL, two control-plane replicas, two clustered Keycloak nodes,
# a login storm while one replica and then one node stop.
# Installs podman and what it needs from Debian when missing. Figures: demo/target/containers-figures.txt,
# demo/target/cluster-containers-figures.txt
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CONTAINERS_CONF="$ROOT/containers/containers.conf"
if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || ! command -v runc >/dev/null; then
  echo "containers: installing podman, buildah, debootstrap, runc from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq podman buildah debootstrap fuse-overlayfs slirp4netns uidmap runc >/dev/null
fi
containers/build-images.sh
# Unit tests and the other integration tests ran in the test command already. Reverse alphabetical
# order: the single-node test first, then the cluster.
./mvnw -B -ntp -Pcontainers -pl demo -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='ContainersIT,ClusterContainersIT' -Dfailsafe.runOrder=reversealphabetical -Dfailsafe.failIfNoSpecifiedTests=false
