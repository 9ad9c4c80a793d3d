#!/usr/bin/env bash
# mmdebstrap --customize-hook of image/build.sh: turns the freshly installed Debian system in
# ROOTFS (first argument) into the kiosk terminal. ZWGK_IMAGE_STAGE is the staged install
# (cmake --install output plus image/rootfs). Runs on the build machine as root.
set -euo pipefail
R="$1"
STAGE="${ZWGK_IMAGE_STAGE:?}"
in_root() { chroot "$R" "$@"; }

# The programs, their assets, the units and the configuration files.
tar -C "$STAGE" -cf - . | tar -C "$R" -xf - --keep-directory-symlink

# The kiosk user: no password, no shell; its home is on the data partition.
groups=()
for g in video render input plugdev; do in_root getent group "$g" >/dev/null && groups+=("$g"); done
in_root useradd --system --user-group --home-dir /var/lib/zwgk/home --no-create-home \
  --shell /usr/sbin/nologin --groups "$(IFS=,; echo "${groups[*]}")" kiosk
in_root passwd --lock root >/dev/null
echo zwgk-kiosk >"$R/etc/hostname"

# Boot straight into the kiosk, with no way to another console: no gettys on any VT or
# serial line, Ctrl+Alt+Del ignored (ctrl-alt-del.target masked), no debug shell.
systemctl --root="$R" set-default graphical.target
systemctl --root="$R" mask getty@.service autovt@.service serial-getty@.service console-getty.service \
  container-getty@.service debug-shell.service ctrl-alt-del.target >/dev/null
systemctl --root="$R" enable zwgk-kiosk.service zwgk-provision.timer zwgk-sync.timer cups.service \
  cups.socket systemd-networkd.service systemd-resolved.service systemd-timesyncd.service 2>/dev/null
install -d "$R/etc/systemd/network"
cat >"$R/etc/systemd/network/80-wired.network" <<'NET'
# Wired network by DHCP (the county's IT may replace this file with a static address).
[Match]
Name=en* eth*

[Network]
DHCP=yes
NET

# CUPS: only the local socket, no browsing or web interface, no page log or job history
# (document names can carry personal data), small logs on the data partition.
cat >"$R/etc/cups/cupsd.conf" <<'CUPS'
# 政务公开专区 terminal (image/customize.sh): local clients only.
Listen /run/cups/cups.sock
Browsing No
WebInterface No
LogLevel warn
MaxLogSize 1m
PageLogFormat
PreserveJobHistory No
PreserveJobFiles No
# Queue changes (lpadmin at build time and at provisioning) are written at once, not 30 s later.
DirtyCleanInterval 0
DefaultAuthType None
<Location />
  Order allow,deny
  Allow localhost
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CUPS
sed -i 's|^#\?\s*ErrorLog .*|ErrorLog /var/log/cups/error_log|' "$R/etc/cups/cups-files.conf"

# The two queues the kiosk prints to (printer.receipt=receipt, printer.a4=a4), made by a
# cupsd started in the new root for the purpose. Their devices are placeholders: the
# county's IT sets the real ones (cups.receipt.uri / cups.a4.uri in terminal.conf, see
# image/README.md). Generic PDF: the kiosk sends finished PDFs at the right page size.
install -d -m 0755 "$R/run/cups"
install -d -m 1770 -g 7 "$R/var/spool/cups/tmp"
chroot "$R" /usr/sbin/cupsd -f &  # not through in_root: $! must be cupsd itself
cupsd_pid=$!
trap 'kill -TERM "$cupsd_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -S "$R/run/cups/cups.sock" ] && break; sleep 0.1; done
# The PPD as a file (-P): `lpadmin -m` needs cups-driverd, which is in the package cups.
ppd=/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd
in_root lpadmin -h /run/cups/cups.sock -p receipt -E -v usb://ZWGK/receipt-printer-not-set -P "$ppd" \
  -D "小票打印机 (80 mm)" -o printer-error-policy=retry-job
in_root lpadmin -h /run/cups/cups.sock -p a4 -E -v usb://ZWGK/a4-printer-not-set -P "$ppd" \
  -D "A4 打印机" -o printer-error-policy=retry-job
kill -TERM "$cupsd_pid"
wait "$cupsd_pid" || true
trap - EXIT
rm -rf "$R/run/cups" "$R/var/spool/cups/tmp"

# Read-only root: what must persist moves to the data partition (tmpfiles.d/zwgk.conf makes
# the folders and copies the CUPS configuration over on first boot).
install -d "$R/usr/share/zwgk-image"
rm -rf "$R/usr/share/zwgk-image/cups"
mv "$R/etc/cups" "$R/usr/share/zwgk-image/cups"
ln -s /var/lib/zwgk/cups "$R/etc/cups"
rm -rf "$R/var/log"
ln -s /var/lib/zwgk/log "$R/var/log"
install -d "$R/var/lib/zwgk" "$R/boot/efi"
# Each terminal gets its own machine id at boot (a transient one on the read-only root).
: >"$R/etc/machine-id"
rm -f "$R/var/lib/dbus/machine-id"
install -d "$R/etc/kernel"
echo "root=LABEL=zwgk-root ro quiet loglevel=3 systemd.show_status=false vt.global_cursor_default=0" \
  >"$R/etc/kernel/cmdline"
rm -rf "$R"/var/lib/apt/lists/* "$R"/var/cache/apt/*.bin
