#!/usr/bin/env bash
# Installs everything, builds, prepares the demo store and starts the kiosk windowed on it.
# Without a display it runs the headless tour instead and prints where the screenshots are.
# The demo terminal gets a receipt printer: a private cupsd (loopback, its own folder) with
# a PDF queue, so the receipts of demo applications land in build/demo/cupsd/out/; it is
# stopped when the kiosk exits. Without root (cupsd needs it) the demo runs without a
# printer and the receipt screen says so.
source "$(dirname "$0")/common.sh"
install_packages
build_project
DB="$BUILD/demo/demo.db"
echo "==> preparing the demo content store $DB"
mkdir -p "$(dirname "$DB")"
"$BUILD/bin/kiosk-sync" import-demo --db "$DB" --assets "$ROOT/assets"

CUPSD_DIR="$BUILD/demo/cupsd"
if [ "$(id -u)" -eq 0 ] && bash "$ROOT/tests/support/cupsd.sh" start "$CUPSD_DIR" >/dev/null; then
  trap 'bash "$ROOT/tests/support/cupsd.sh" stop "$CUPSD_DIR" >/dev/null' EXIT
  SERVER="$(cat "$CUPSD_DIR/server")"
  lpadmin -h "$SERVER" -p receipt -E -v "zwgk-file:$CUPSD_DIR/out/receipt.pdf" \
    -P /usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd 2>/dev/null
  lpadmin -h "$SERVER" -p hall-a4 -E -v "zwgk-file:$CUPSD_DIR/out/a4.pdf" \
    -P /usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd 2>/dev/null
  "$BUILD/bin/kiosk-sync" config --db "$DB" printer.receipt receipt >/dev/null
  "$BUILD/bin/kiosk-sync" config --db "$DB" printer.a4 hall-a4 >/dev/null
  "$BUILD/bin/kiosk-sync" config --db "$DB" printer.server "$SERVER" >/dev/null
  echo "==> demo printers on $SERVER: 'receipt' (receipts in $CUPSD_DIR/out/receipt.pdf) and"
  echo "    'hall-a4' (checklists, documents, posters in $CUPSD_DIR/out/a4.pdf)"
else
  "$BUILD/bin/kiosk-sync" config --db "$DB" --unset printer.receipt >/dev/null
  "$BUILD/bin/kiosk-sync" config --db "$DB" --unset printer.a4 >/dev/null
  echo "==> no demo printers (a private cupsd needs root): receipts and A4 pages are not printed"
fi
echo "==> staff mode: hold the date at the top right for 3 s, PIN 246810"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "==> starting the kiosk (Esc goes back; close the window to quit)"
  "$BUILD/bin/kiosk" --db "$DB" --windowed 1920 1080 "$@"
  exit $?
fi
SHOTS="$BUILD/tour"
rm -rf "$SHOTS"
echo "==> no display: running the headless tour"
# The tour taps notices that the demo content shows in late November 2026: it runs on that
# date, whatever the clock says.
"$BUILD/bin/kiosk" --db "$DB" --headless --today 2026-11-25 --script "$ROOT/assets/tour.script" --shots "$SHOTS" "$@"
# What a terminal shows when its store is missing (exit code 3: the store is unusable).
printf 'expect 暂时无法提供服务\nshot 99-error-no-store\n' > "$BUILD/tour-error.script"
"$BUILD/bin/kiosk" --db "$BUILD/demo/missing.db" --headless --script "$BUILD/tour-error.script" \
  --shots "$SHOTS" 2>/dev/null || [ $? -eq 3 ]
echo "==> the tour's $(ls "$SHOTS" | wc -l) screenshots are in $SHOTS"
if [ -s "$CUPSD_DIR/out/receipt.pdf" ]; then
  echo "==> the tour's application receipt: $CUPSD_DIR/out/receipt.pdf"
  "$BUILD/bin/kiosk-sync" outbox --db "$DB"
fi
