#!/usr/bin/env bash
# mmdebstrap hooks of image/build.sh that keep downloaded packages between runs:
#   hooks.sh cache-in ROOTFS    (setup hook) the cached .debs into ROOTFS's apt archive
#   hooks.sh cache-out ROOTFS   (customize hook) new .debs back to the cache, then out of ROOTFS
# The cache is ZWGK_IMAGE_APT_CACHE; hard links where the file system allows, copies elsewhere.
set -euo pipefail
cache="${ZWGK_IMAGE_APT_CACHE:?}"
archives="$2/var/cache/apt/archives"
link_debs() {  # FROM TO
  find "$1" -maxdepth 1 -name '*.deb' -print0 | xargs -0 -r cp -l -f -t "$2" 2>/dev/null ||
    find "$1" -maxdepth 1 -name '*.deb' -print0 | xargs -0 -r cp -f -t "$2"
}
case "$1" in
  cache-in) mkdir -p "$archives/partial"; link_debs "$cache" "$archives" ;;
  cache-out) link_debs "$archives" "$cache"; rm -f "$archives"/*.deb ;;
  *) echo "usage: $0 cache-in|cache-out ROOTFS" >&2; exit 2 ;;
esac
