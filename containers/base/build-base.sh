#!/usr/bin/env bash
# Builds localhost/portcullis-base: Debian bookworm (debootstrap --variant=minbase, no package
# manager data, no docs) with a jlink-trimmed Java 17 runtime holding only the modules the control
# plane and Keycloak use, and a non-root user 1000. No registry is needed. The result is cached:
# the image is labelled with a hash of this script and the JDK, and rebuilt only when they change.
set -euo pipefail
SCRIPT="$(readlink -f "$0")"
cd "$(dirname "$SCRIPT")"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd .. && pwd)/containers.conf}"
IMAGE=localhost/portcullis-base:17
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
# What the runtime must hold: java.se plus what Quarkus, Keycloak (Infinispan, JGroups, Vert.x,
# Netty) and the JDBC drivers reach for outside it.
MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.management,jdk.localedata,jdk.zipfs,jdk.httpserver,jdk.net,jdk.charsets,jdk.jfr
HASH=$( (cat "$SCRIPT"; "$JAVA_HOME/bin/java" -version 2>&1; echo "$MODULES") | sha256sum | cut -c1-16)

if podman image exists "$IMAGE" && [ "$(podman image inspect "$IMAGE" --format '{{index .Labels "portcullis.base.hash"}}' 2>/dev/null)" = "$HASH" ]; then
  echo "base: $IMAGE is current (hash $HASH)"
  exit 0
fi

WORK=$(mktemp -d /var/tmp/portcullis-base.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
echo "base: debootstrap --variant=minbase bookworm (about a minute)"
debootstrap --variant=minbase bookworm "$ROOT" >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; exit 1; }

echo "base: jlink runtime with $MODULES"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --generate-cds-archive --output "$ROOT/opt/java"

chroot "$ROOT" /usr/sbin/groupadd --gid 1000 portcullis
chroot "$ROOT" /usr/sbin/useradd --uid 1000 --gid 1000 --home-dir /home/portcullis --create-home --shell /usr/sbin/nologin portcullis
# A runtime image: images built on it only copy files in, so the package manager, its state and
# perl (for maintainer scripts) go, with documentation, locales, iconv modules and caches. Java
# keeps its own time-zone data.
rm -rf "$ROOT"/var/lib/apt "$ROOT"/var/cache/apt "$ROOT"/var/cache/debconf "$ROOT"/var/lib/dpkg \
  "$ROOT"/usr/bin/apt* "$ROOT"/usr/lib/apt "$ROOT"/usr/lib/x86_64-linux-gnu/libapt-* "$ROOT"/usr/bin/perl* \
  "$ROOT"/usr/lib/x86_64-linux-gnu/perl-base "$ROOT"/usr/share/perl* "$ROOT"/usr/lib/x86_64-linux-gnu/gconv \
  "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* \
  "$ROOT"/var/log/* "$ROOT"/usr/share/zoneinfo

echo "base: importing into podman as $IMAGE"
tar -C "$ROOT" -c . | podman import \
  --change "ENV JAVA_HOME=/opt/java" \
  --change "ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL portcullis.base.hash=$HASH" \
  --change "USER 1000" \
  - "$IMAGE" >/dev/null
podman image inspect "$IMAGE" --format 'base: {{.Id}} {{.Size}} bytes'
