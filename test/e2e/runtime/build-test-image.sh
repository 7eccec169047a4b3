#!/usr/bin/env bash
# Builds the runtime e2e test image the way the project's fixtures are built (no registry pulls):
# debootstrap bookworm minbase → umoci (OCI layout, one layer) → skopeo → docker-archive tarball.
# Prints the tarball's path. Cached under $PALISADE_CACHE (default /var/cache/palisade) by a key of
# this script, so a second run only prints the path.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${PALISADE_CACHE:-/var/cache/palisade}
KEY=$(sha256sum "$0" | cut -c1-12)
OUT=$CACHE/runtime-test-image-$KEY.docker.tar
TAG=palisade-e2e/runtime:bookworm
if [ -s "$OUT" ]; then
  echo "$OUT"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "build-test-image.sh: must run as root" >&2; exit 1; }
mkdir -p "$CACHE"
WORK=$(mktemp -d /tmp/palisade-img.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "build-test-image.sh: debootstrap bookworm minbase (a few minutes)" >&2
debootstrap --variant=minbase bookworm "$WORK/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 ||
  { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
umoci init --layout "$WORK/oci" >&2
umoci new --image "$WORK/oci:latest" >&2
umoci unpack --image "$WORK/oci:latest" "$WORK/bundle" >&2
rm -rf "$WORK/bundle/rootfs"
mv "$WORK/rootfs" "$WORK/bundle/rootfs"
umoci repack --image "$WORK/oci:latest" "$WORK/bundle" >&2
umoci config --image "$WORK/oci:latest" --config.cmd /bin/sleep --config.cmd infinity \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin >&2
skopeo copy "oci:$WORK/oci:latest" "docker-archive:$WORK/img.tar:$TAG" >&2
mv "$WORK/img.tar" "$OUT"
echo "$OUT"
