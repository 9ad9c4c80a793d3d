#!/usr/bin/env bash
# The OS image test (CTest label "image", left out of scripts/test.sh unless
# ZWGK_IMAGE_TEST=1): builds the root file system with image/build.sh into BUILD/image and
# checks it from the inside (chroot, in a private mount namespace so nothing stays mounted):
#   - systemd-analyze verify on the image's units
#   - kiosk-sync --version; fonts, pinyin, handwriting and word-list data present
#   - cupsd from the image starts and has the receipt and a4 queues
#   - kiosk --headless --self-test on the unprovisioned terminal (store: info, not a failure)
#   - first boot without setup data: provisioning fails with a clear message, the kiosk
#     shows the setup screen (screenshot) and exits normally
#   - provisioning from a setup folder (trust root, terminal.conf, a signed bundle of the
#     demo content), then the self-test again with the store and its printer settings
#
#   tests/image/test-image.sh BUILD [--no-disk]
# Exit 77 (skipped) without root or mmdebstrap. ZWGK_IMAGE_CACHE as for image/build.sh;
# ZWGK_IMAGE_TEST_REUSE=1 checks an existing BUILD/image/rootfs without building it again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 BUILD [--no-disk]" >&2; exit 2; }
BUILD="$(cd "$1" && pwd)"
shift
OUT="$BUILD/image"
R="$OUT/rootfs"

if [ "$(id -u)" -ne 0 ]; then echo "test-image.sh: needs root: skipped"; exit 77; fi
if ! command -v mmdebstrap >/dev/null; then echo "test-image.sh: mmdebstrap missing: skipped"; exit 77; fi

# Everything after the build runs in a private mount namespace: the mounts go with it.
if [ -z "${ZWGK_IMAGE_TEST_INNER:-}" ]; then
  start=$(date +%s)
  export ZWGK_IMAGE_CACHE="${ZWGK_IMAGE_CACHE:-$BUILD/image-apt-cache}"
  if [ "${ZWGK_IMAGE_TEST_REUSE:-0}" = 1 ] && [ -d "$R/usr/bin" ]; then
    echo "image: checking the existing $R (ZWGK_IMAGE_TEST_REUSE=1)"
  else
    bash "$ROOT/image/build.sh" --build "$BUILD" "$@" "$OUT"
  fi
  echo "image: built in $(( $(date +%s) - start )) s; rootfs $(du -sh "$R" | cut -f1)$(
    [ -f "$OUT/zwgk-kiosk.img" ] && echo "; disk image $(du -h --apparent-size "$OUT/zwgk-kiosk.img" | cut -f1) ($(du -h "$OUT/zwgk-kiosk.img" | cut -f1) allocated)")"
  ZWGK_IMAGE_TEST_INNER=1 exec unshare --mount --propagation private bash "$0" "$BUILD"
fi

failures=0
check() {  # DESCRIPTION COMMAND...: runs COMMAND, reports, counts failures
  local what="$1"; shift
  if "$@"; then echo "PASS $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
in_root() { chroot "$R" "$@"; }
as_kiosk() { chroot "$R" runuser -u kiosk -- env SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 "$@"; }

# A scratch data partition and the boot-time memory file systems, over the pristine tree.
scratch="$OUT/test-data"
rm -rf "$scratch"
mkdir -p "$scratch"
mount -t proc proc "$R/proc"
mount --bind /dev "$R/dev"
mount -t tmpfs tmpfs "$R/run"
mount -t tmpfs tmpfs "$R/tmp"
mount --bind "$scratch" "$R/var/lib/zwgk"
for d in /var/spool/cups /var/cache/cups; do mount -t tmpfs -o mode=0710 tmpfs "$R$d"; done
cupsd_pid=""
cleanup() {
  if [ -n "$cupsd_pid" ]; then kill "$cupsd_pid" 2>/dev/null || true; wait "$cupsd_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# --- units ----------------------------------------------------------------------------------
units=(zwgk-kiosk.service zwgk-provision.service zwgk-provision.timer zwgk-sync.service zwgk-sync.timer)
check "systemd-analyze verify ${units[*]}" \
  in_root systemd-analyze verify --man=no "${units[@]/#//usr/lib/systemd/system/}"
check "default target graphical, kiosk enabled" \
  test "$(in_root systemctl get-default)" = graphical.target -a -L "$R/etc/systemd/system/graphical.target.wants/zwgk-kiosk.service"
check "no getty on any console, Ctrl+Alt+Del masked" \
  bash -c "[ \"\$(readlink '$R/etc/systemd/system/getty@.service')\" = /dev/null ] &&
           [ \"\$(readlink '$R/etc/systemd/system/autovt@.service')\" = /dev/null ] &&
           [ \"\$(readlink '$R/etc/systemd/system/ctrl-alt-del.target')\" = /dev/null ]"
check "root filesystem read-only in fstab, data partition at /var/lib/zwgk" \
  bash -c "grep -Eq '^LABEL=zwgk-root +/ +ext4 +ro' '$R/etc/fstab' && grep -Eq '^LABEL=zwgk-data +/var/lib/zwgk ' '$R/etc/fstab'"

# --- programs and data ----------------------------------------------------------------------
check "kiosk-sync --version" bash -c "chroot '$R' kiosk-sync --version | tee -a /dev/stderr | grep -q '^kiosk-sync '"
check "Noto Sans CJK SC and WenQuanYi Zen Hei installed" \
  bash -c "chroot '$R' fc-list | grep -q 'Noto Sans CJK SC' && chroot '$R' fc-list | grep -q 'WenQuanYi Zen Hei'"
check "pinyin, handwriting and word-list data present" \
  bash -c "ls '$R'/usr/lib/*/googlepinyin/data/dict_pinyin.dat '$R/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model' \
           '$R/usr/share/rime-data/pinyin_simp.dict.yaml' '$R/usr/share/opencc/s2t.json' >/dev/null"

# --- first boot: the data partition's layout, cupsd --------------------------------------------
in_root systemd-tmpfiles --create /usr/lib/tmpfiles.d/zwgk.conf
chroot "$R" /usr/sbin/cupsd -f &  # not through in_root: $! must be cupsd itself
cupsd_pid=$!
for _ in $(seq 1 100); do [ -S "$R/run/cups/cups.sock" ] && break; sleep 0.1; done
check "cupsd has the receipt and a4 queues" \
  bash -c "chroot '$R' lpstat -h /run/cups/cups.sock -v | tee -a /dev/stderr | grep -q '^device for receipt: usb://' &&
           chroot '$R' lpstat -h /run/cups/cups.sock -v | grep -q '^device for a4: usb://'"

# --- self-test, not provisioned ---------------------------------------------------------------
selftest() {  # SHOTDIR: the report goes to stdout
  as_kiosk kiosk --headless --self-test --db /var/lib/zwgk/content.db --shots "$1"
}
out="$(selftest /tmp/shots-unprovisioned)" && status=0 || status=$?
echo "$out"
check "self-test passes on an unprovisioned terminal" test "$status" -eq 0
check "self-test reports the store as not provisioned" grep -q '^info store: not provisioned' <<<"$out"
check "self-test sees the CUPS queues" grep -q '^ok cups: queues: a4, receipt' <<<"$out"

# --- first boot without setup data ------------------------------------------------------------
in_root /usr/lib/zwgk/provision && status=0 || status=$?
check "provisioning without setup data fails (exit 1)" test "$status" -eq 1
check "and says so in Chinese" grep -q '未找到配置文件' "$scratch/provision-status"
printf 'expect 本终端尚未完成设置\nshot setup-needed\n' >"$R/tmp/setup.script"
as_kiosk kiosk --headless --no-sync --db /var/lib/zwgk/content.db --setup-status /var/lib/zwgk/provision-status \
  --script /tmp/setup.script --shots /tmp/shots-setup && status=0 || status=$?
check "kiosk shows the setup message instead of failing (exit 3: no store, not a crash)" test "$status" -eq 3
mkdir -p "$OUT/shots"
cp "$R/tmp/shots-setup/setup-needed.png" "$R/tmp/shots-unprovisioned/self-test.png" "$OUT/shots/" 2>/dev/null || true

# --- provisioning from a setup folder ----------------------------------------------------------
keys=/var/lib/zwgk/test-keys
in_root install -d "$keys" /var/lib/zwgk/setup
in_root kiosk-sync keygen --kind root --out "$keys/root" >/dev/null
in_root kiosk-sync keygen --kind content --out "$keys/content" >/dev/null
in_root kiosk-sync rotate-key --root-dir "$keys/roots" --root-key "$keys/root.key" \
  --add-content "$keys/content.pub" --content-expires 2099-12-31 >/dev/null
in_root kiosk-sync pack --source /usr/share/zwgk-kiosk/content --out /var/lib/zwgk/setup/bundle \
  --key "$keys/content.key" --root-dir "$keys/roots" >/dev/null
cp "$scratch/test-keys/roots/root.json" "$scratch/setup/root.json"
printf 'terminal.id=LL01\nterminal.location=临澜县政务服务中心\nprinter.receipt=receipt\nprinter.a4=a4\n' \
  >"$scratch/setup/terminal.conf"
printf 'cups.a4.uri=socket://192.0.2.10:9100\n' >>"$scratch/setup/terminal.conf"
chroot "$R" chown -R root:kiosk /var/lib/zwgk/setup
check "provisioning from the setup folder succeeds" in_root /usr/lib/zwgk/provision
check "provisioned marker written, status cleared" test -f "$scratch/provisioned" -a ! -e "$scratch/provision-status"
check "terminal id in the store" test "$(in_root kiosk-sync config --db /var/lib/zwgk/content.db terminal.id)" = LL01
check "the a4 queue's device set from terminal.conf" \
  bash -c "chroot '$R' lpstat -h /run/cups/cups.sock -v a4 | grep -q 'socket://192.0.2.10:9100'"
out="$(selftest /tmp/shots-provisioned)" && status=0 || status=$?
echo "$out"
check "self-test passes on the provisioned terminal" test "$status" -eq 0
check "self-test opens the store with the demo content" grep -q '^ok store: .*content version' <<<"$out"
cp "$R/tmp/shots-provisioned/self-test.png" "$OUT/shots/self-test-provisioned.png" 2>/dev/null || true
echo "screenshots: $OUT/shots"

cleanup
cupsd_pid=""
if ((failures)); then echo "image test: $failures check(s) failed"; exit 1; fi
echo "image test: all checks passed"
