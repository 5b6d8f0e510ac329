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
# A runtime image: images built on it only copy files in, nothing installs packages later. So only
# the packages a running container uses stay: the C and C++ runtime and zlib (Java), dash (sh: the
# entry points, kc.sh), bash (the health checks), coreutils, grep, sed and findutils (kc.sh, the
# image builds, a shell for an operator), and the libraries those link against. Every file of every
# other package goes (apt, dpkg, perl, util-linux, PAM, login and passwd once the user exists,
# libc-bin, tzdata: Java keeps its own time-zone data, ...), with documentation, locales, iconv
# modules, logs and caches. The check below fails the build if a kept program or a Java library
# misses a library it links against.
KEEP="base-files bash dash coreutils grep sed findutils debianutils libc6 libstdc++6 libgcc-s1 gcc-12-base zlib1g
  libtinfo6 libacl1 libattr1 libgmp10 libselinux1 libpcre2-8-0"
installed=$(chroot "$ROOT" dpkg-query -W -f='${Package}\n')
: >"$WORK/kept.files"
: >"$WORK/dropped.files"
for package in $installed; do
  case " $(echo $KEEP) " in
    *" $package "*) chroot "$ROOT" dpkg-query -L "$package" | grep '^/' >>"$WORK/kept.files" ;;
    *) chroot "$ROOT" dpkg-query -L "$package" | grep '^/' >>"$WORK/dropped.files" ;;
  esac
done
# ldconfig's configuration (libc-bin) stays, for the library cache rebuilt below.
echo /etc/ld.so.conf >>"$WORK/kept.files"
LC_ALL=C sort -u "$WORK/kept.files" -o "$WORK/kept.files"
LC_ALL=C sort -u "$WORK/dropped.files" | LC_ALL=C comm -23 - "$WORK/kept.files" | while IFS= read -r file; do
  # Directories stay (the merged /bin, /lib, /sbin links included); only files and links go.
  [ -d "$ROOT$file" ] || rm -f "$ROOT$file"
done
rm -rf "$ROOT"/var/lib/apt "$ROOT"/var/cache/apt "$ROOT"/var/cache/debconf "$ROOT"/var/lib/dpkg "$ROOT"/etc/apt \
  "$ROOT"/etc/dpkg "$ROOT"/etc/pam.d "$ROOT"/etc/security "$ROOT"/etc/systemd "$ROOT"/etc/init.d "$ROOT"/etc/rc?.d \
  "$ROOT"/etc/cron.* "$ROOT"/etc/logrotate.d "$ROOT"/etc/update-motd.d "$ROOT"/usr/lib/x86_64-linux-gnu/gconv \
  "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* \
  "$ROOT"/usr/share/lintian "$ROOT"/usr/share/bash-completion "$ROOT"/var/log/* "$ROOT"/usr/share/zoneinfo \
  "$ROOT"/etc/*-
# Links left pointing at nothing (alternatives of removed programs); /etc/localtime stays, Java
# reads the zone's name from it. Then empty folders under /usr, and the library cache.
chroot "$ROOT" /usr/bin/find /usr /etc/alternatives -xtype l -delete
find "$ROOT"/usr -mindepth 2 -type d -empty -delete
ldconfig -r "$ROOT"
rm -rf "$ROOT"/var/cache/ldconfig

# Java: the symbol tables of its native libraries go (the exported symbols stay), and the CDS
# archive for heaps over 32 GB (without compressed oops), which these containers never have.
find "$ROOT/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
strip --strip-unneeded "$ROOT"/opt/java/bin/*
rm -f "$ROOT"/opt/java/lib/server/classes_nocoops.jsa
# The ELF files that would fail to load, asked of the image's own loader.
unresolved() {
  find "$@" -type f | while IFS= read -r f; do
    [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || continue
    chroot "$ROOT" /usr/bin/env -i LD_LIBRARY_PATH=/opt/java/lib:/opt/java/lib/server \
      /lib64/ld-linux-x86-64.so.2 --list "${f#"$ROOT"}" >/dev/null 2>&1 || echo "${f#"$ROOT"}"
  done
}
# Java's desktop libraries link X11, ALSA, FreeType, libjpeg: a server never has them, so they could
# never load here; they go. Every kept program and library must find what it links against.
unresolved "$ROOT/opt/java" | while IFS= read -r lib; do rm -f "$ROOT$lib"; echo "base: dropped $lib"; done
missing=$(unresolved "$ROOT/usr" "$ROOT/opt/java")
[ -z "$missing" ] || { echo "base: these miss libraries they link against:"; echo "$missing"; exit 1; }

echo "base: importing into podman as $IMAGE"
tar -C "$ROOT" -c . | podman import \
  --change "ENV JAVA_HOME=/opt/java" \
  --change "ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL portcullis.base.hash=$HASH" \
  --change "USER 1000" \
  - "$IMAGE" >/dev/null
podman image inspect "$IMAGE" --format 'base: {{.Id}} {{.Size}} bytes'
