#!/usr/bin/env bash
# Installs everything, builds and runs the whole test suite (unit, store, headless UI).
source "$(dirname "$0")/common.sh"
install_packages
build_project
echo "==> running the tests"
cd "$BUILD"
ctest --output-on-failure -j"$(nproc)" --timeout 600
