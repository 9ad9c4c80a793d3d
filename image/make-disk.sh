#!/usr/bin/env bash
# image/make-disk.sh ROOTFS IMAGE: a bootable (UEFI) disk image of the kiosk root file system,
# made without loop devices or mounts, so it works in containers and CI:
#   1  EFI system partition (FAT, label ZWGK-EFI): systemd-boot, the kernel and initrd, one
#      boot entry, no menu and no command-line editor (nobody can boot into a shell)
#   2  root (ext4, label zwgk-root, filled with mkfs.ext4 -d, mounted read-only)
#   3  data (ext4, label zwgk-data, empty: the store, settings, CUPS queues and logs; laid
#      out at first boot by tmpfiles.d/zwgk.conf)
# ZWGK_DATA_MIB sets the data partition's size (default 1024). Write IMAGE to the terminal's
# disk with dd (image/README.md).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 ROOTFS IMAGE" >&2; exit 2; }
R="$1"
IMAGE="$2"
DATA_MIB="${ZWGK_DATA_MIB:-1024}"
ESP_MIB=256
work="$(mktemp -d "${IMAGE}.parts.XXXXXX")"
trap 'rm -rf "$work"' EXIT

kernel="$(readlink -f "$R/vmlinuz" 2>/dev/null || true)"
[ -f "$kernel" ] || kernel="$(ls "$R"/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1)"
initrd="$(ls "$R"/boot/initrd.img-* 2>/dev/null | sort -V | tail -n1)"
loader="$R/usr/lib/systemd/boot/efi/systemd-bootx64.efi"
for f in "$kernel" "$initrd" "$loader" "$R/etc/kernel/cmdline"; do
  [ -f "$f" ] || { echo "make-disk.sh: $f missing (build the rootfs with the kernel)" >&2; exit 1; }
done

# 1. EFI system partition.
mkfs.vfat -n ZWGK-EFI -C "$work/esp.img" $((ESP_MIB * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$work/esp.img" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
mcopy -i "$work/esp.img" "$loader" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$work/esp.img" "$kernel" ::/vmlinuz
mcopy -i "$work/esp.img" "$initrd" ::/initrd.img
printf 'default zwgk.conf\ntimeout 0\neditor no\nauto-entries no\nauto-firmware no\n' >"$work/loader.conf"
printf 'title 政务公开专区\nlinux /vmlinuz\ninitrd /initrd.img\noptions %s\n' "$(cat "$R/etc/kernel/cmdline")" >"$work/zwgk.conf"
mcopy -i "$work/esp.img" "$work/loader.conf" ::/loader/loader.conf
mcopy -i "$work/esp.img" "$work/zwgk.conf" ::/loader/entries/zwgk.conf

# 2. root: the tree plus a quarter for the journal, metadata and slack, whole MiB.
used_mib=$(( $(du -s --block-size=1M "$R" | cut -f1) ))
ROOT_MIB=$(( used_mib + used_mib / 4 + 128 ))
mkfs.ext4 -q -L zwgk-root -d "$R" "$work/root.img" "${ROOT_MIB}M"

# 3. data.
mkfs.ext4 -q -L zwgk-data "$work/data.img" "${DATA_MIB}M"

# The disk: GPT, 1 MiB aligned, the three partitions copied in at their offsets.
total_mib=$(( 1 + ESP_MIB + ROOT_MIB + DATA_MIB + 1 ))
rm -f "$IMAGE"
truncate -s "${total_mib}M" "$IMAGE"
sfdisk -q "$IMAGE" <<PARTS
label: gpt
start=1MiB, size=${ESP_MIB}MiB, type=U, name="ZWGK-EFI"
size=${ROOT_MIB}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="zwgk-root"
size=${DATA_MIB}MiB, type=L, name="zwgk-data"
PARTS
offset=1
for part in esp:$ESP_MIB root:$ROOT_MIB data:$DATA_MIB; do
  dd if="$work/${part%%:*}.img" of="$IMAGE" bs=1M seek="$offset" conv=notrunc,sparse status=none
  offset=$(( offset + ${part##*:} ))
done
echo "make-disk.sh: $IMAGE: ${total_mib} MiB (EFI ${ESP_MIB}, root ${ROOT_MIB} read-only, data ${DATA_MIB})"
