#!/usr/bin/env bash
# image/build.sh: the kiosk OS image, a Debian 12 system that boots straight into the 专区.
#
#   image/build.sh [--build DIR] [--no-kernel] [--no-disk] OUT
#
# Builds kiosk and kiosk-sync in DIR (default: build/), stages them with `cmake --install`
# and makes, from Debian's packages only (mmdebstrap, root mode):
#   OUT/rootfs/          the root filesystem (a directory)
#   OUT/zwgk-kiosk.img   a partitioned disk image (EFI system partition with systemd-boot,
#                        read-only ext4 root, empty ext4 data partition), unless --no-disk
#                        or --no-kernel; made without loop devices (mkfs.ext4 -d, mtools)
#   OUT/packages.txt     what was installed (name version), OUT/runtime-packages.txt why
# Downloaded packages are kept in ZWGK_IMAGE_CACHE (default OUT/apt-cache) for the next run.
# The package sources are the build machine's own apt sources (ZWGK_IMAGE_SOURCES to use
# another sources.list or deb822 .sources file). Needs root, mmdebstrap, and for the disk
# image mtools, dosfstools and fdisk. See image/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="${ZWGK_BUILD:-$ROOT/build}"
KERNEL=1
DISK=1
OUT=""

usage() {
  echo "usage: $0 [--build DIR] [--no-kernel] [--no-disk] OUT" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --build) [ $# -ge 2 ] || usage; BUILD="$2"; shift 2 ;;
    --no-kernel) KERNEL=0; DISK=0; shift ;;
    --no-disk) DISK=0; shift ;;
    -h|--help) usage ;;
    -*) echo "build.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$OUT" ] || usage; OUT="$1"; shift ;;
  esac
done
[ -n "$OUT" ] || usage
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
BUILD="$(cd "$BUILD" 2>/dev/null && pwd || echo "$BUILD")"
CACHE="${ZWGK_IMAGE_CACHE:-$OUT/apt-cache}"
mkdir -p "$CACHE"

die() { echo "build.sh: $*" >&2; exit 1; }
step() { echo "==> $*"; }

[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap --mode=root, file ownership in the image)"
command -v mmdebstrap >/dev/null || die "mmdebstrap not found: apt-get install mmdebstrap"
if ((DISK)); then
  for tool in mkfs.ext4 mkfs.vfat mcopy mmd sfdisk; do
    command -v "$tool" >/dev/null || die "$tool not found: apt-get install e2fsprogs dosfstools mtools fdisk (or --no-disk)"
  done
fi

SOURCES="${ZWGK_IMAGE_SOURCES:-}"
if [ -z "$SOURCES" ]; then
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [ -s "$f" ] && grep -q '^[^#]' "$f"; then SOURCES="$f"; break; fi
  done
fi
[ -n "$SOURCES" ] && [ -s "$SOURCES" ] || die "no apt sources found: set ZWGK_IMAGE_SOURCES to a sources.list file"

# --- 1. the programs, staged as `cmake --install` lays them out ---------------------------
step "building kiosk and kiosk-sync in $BUILD"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD" --target kiosk kiosk-sync -j"${ZWGK_JOBS:-2}"
STAGE="$OUT/stage"
rm -rf "$STAGE"
DESTDIR="$STAGE" cmake --install "$BUILD" --prefix /usr >/dev/null
# Debug information stays in the build tree; the terminal gets stripped programs.
strip --strip-unneeded "$STAGE/usr/bin/kiosk" "$STAGE/usr/bin/kiosk-sync"
install -d "$STAGE/usr/lib/zwgk" "$STAGE/etc" "$STAGE/usr/share/zwgk-image"
cp -a "$HERE/rootfs/." "$STAGE/"
install -m 0644 "$HERE/README.md" "$STAGE/usr/share/zwgk-kiosk/IMAGE.md"

# --- 2. the package list: libraries from ldd, data from what the code opens ---------------
step "deriving the runtime packages"
packages_of_libs() {
  local lib real owner
  ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u | while read -r lib; do
    real="$(readlink -f "$lib")"
    owner=""
    for candidate in "$lib" "$real" "${lib#/usr}" "${real#/usr}" "/usr${lib}" "/usr${real}"; do
      owner="$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1)" && [ -n "$owner" ] && break
    done
    if [ -n "$owner" ]; then echo "$owner"; else echo "build.sh: no package owns $lib" >&2; fi
  done | sort -u
}
mapfile -t LIB_PACKAGES < <(packages_of_libs "$STAGE/usr/bin/kiosk" "$STAGE/usr/bin/kiosk-sync")
# Data the programs open by path (grep /usr/share in the sources): fonts (fonts/), OpenCC
# tables, the zinnia handwriting model, the rime word lists, the googlepinyin dictionary (in
# libgooglepinyin0, found through ldd), and whatever data packages scripts/common.sh lists
# (read-aloud voices, more word lists) as other work adds them.
DATA_PACKAGES=(fonts-noto-cjk fonts-wqy-zenhei libopencc-data tegaki-zinnia-simplified-chinese
               rime-data-pinyin-simp)
mapfile -t COMMON_DATA < <(bash -c 'source "$1" >/dev/null 2>&1; printf "%s\n" "${PACKAGES[@]}"' _ "$ROOT/scripts/common.sh" |
  grep -E '^(fonts-|rime-data-|tegaki-|espeak-ng-data$|.*-data$)' || true)
# The system around the kiosk: systemd, the cage Wayland kiosk compositor with Mesa's
# software rasteriser (terminals have no GPU to count on), CUPS with the PDF filters, the
# generic PPDs and the usb/socket backends (package cups), time sync (bundle signatures
# expire), certificates for HTTPS sync.
SYSTEM_PACKAGES=(systemd-sysv udev dbus libpam-systemd systemd-timesyncd systemd-resolved kmod iproute2
                 ca-certificates tzdata cage libgl1-mesa-dri libegl1 libgles2 fontconfig
                 cups cups-daemon cups-client cups-filters e2fsprogs)
BOOT_PACKAGES=()
# zstd: initramfs-tools compresses with it (it falls back to slower gzip without).
((KERNEL)) && BOOT_PACKAGES=(linux-image-amd64 systemd-boot-efi initramfs-tools zstd)
{
  echo "# libraries of kiosk and kiosk-sync (ldd + dpkg -S on the build machine)"
  printf '%s\n' "${LIB_PACKAGES[@]}"
  echo "# data the programs open"
  printf '%s\n' "${DATA_PACKAGES[@]}" "${COMMON_DATA[@]}" | sort -u
  echo "# system"
  printf '%s\n' "${SYSTEM_PACKAGES[@]}" "${BOOT_PACKAGES[@]}"
} >"$OUT/runtime-packages.txt"
INCLUDE="$(grep -v '^#' "$OUT/runtime-packages.txt" | sort -u | paste -sd, -)"

# --- 3. the root filesystem ---------------------------------------------------------------
step "mmdebstrap bookworm -> $OUT/rootfs (sources: $SOURCES, cache: $CACHE)"
rm -rf "$OUT/rootfs"
export ZWGK_IMAGE_DIR="$HERE" ZWGK_IMAGE_STAGE="$STAGE" ZWGK_IMAGE_APT_CACHE="$CACHE"
mmdebstrap --mode=root --variant=apt --format=directory \
  --include="$INCLUDE" \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --skip=essential/unlink \
  --setup-hook='bash "$ZWGK_IMAGE_DIR/hooks.sh" cache-in "$1"' \
  --customize-hook='bash "$ZWGK_IMAGE_DIR/hooks.sh" cache-out "$1"' \
  --customize-hook='bash "$ZWGK_IMAGE_DIR/customize.sh" "$1"' \
  bookworm "$OUT/rootfs" "$SOURCES"

chroot "$OUT/rootfs" dpkg-query -W -f='${Package} ${Version}\n' >"$OUT/packages.txt"
step "rootfs: $(du -sh --apparent-size "$OUT/rootfs" | cut -f1), $(wc -l <"$OUT/packages.txt") packages"

# --- 4. the disk image ----------------------------------------------------------------------
if ((DISK)); then
  step "disk image $OUT/zwgk-kiosk.img"
  bash "$HERE/make-disk.sh" "$OUT/rootfs" "$OUT/zwgk-kiosk.img"
fi
step "done"
