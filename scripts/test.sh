#!/usr/bin/env bash
# Installs everything, builds and runs the whole test suite (unit, store, headless UI).
source "$(dirname "$0")/common.sh"
install_packages
build_project
echo "==> running the tests"
cd "$BUILD"
# The OS image test (label image) needs root, time and the package archive: only on request.
if [ "${ZWGK_IMAGE_TEST:-0}" = 1 ]; then
  ctest --output-on-failure -j"$(nproc)" --timeout 600
else
  ctest --output-on-failure -j"$(nproc)" --timeout 600 -LE image
fi
