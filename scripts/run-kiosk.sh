#!/usr/bin/env bash
# Installs everything, builds, prepares the demo store and starts the kiosk windowed on it.
# Without a display it runs the headless tour instead and prints where the screenshots are.
source "$(dirname "$0")/common.sh"
install_packages
build_project
DB="$BUILD/demo/demo.db"
echo "==> preparing the demo content store $DB"
mkdir -p "$(dirname "$DB")"
"$BUILD/bin/kiosk-sync" import-demo --db "$DB" --assets "$ROOT/assets"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "==> starting the kiosk (Esc goes back; close the window to quit)"
  exec "$BUILD/bin/kiosk" --db "$DB" --windowed 1920 1080 "$@"
fi
SHOTS="$BUILD/tour"
rm -rf "$SHOTS"
echo "==> no display: running the headless tour"
"$BUILD/bin/kiosk" --db "$DB" --headless --script "$ROOT/assets/tour.script" --shots "$SHOTS" "$@"
# What a terminal shows when its store is missing (exit code 3: the store is unusable).
printf 'expect 暂时无法提供服务\nshot 99-error-no-store\n' > "$BUILD/tour-error.script"
"$BUILD/bin/kiosk" --db "$BUILD/demo/missing.db" --headless --script "$BUILD/tour-error.script" \
  --shots "$SHOTS" 2>/dev/null || [ $? -eq 3 ]
echo "==> the tour's $(ls "$SHOTS" | wc -l) screenshots are in $SHOTS"
