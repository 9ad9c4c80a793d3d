# Shared by run-kiosk.sh and test.sh: install what the project needs (idempotent) and build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ZWGK_BUILD:-$ROOT/build}"

PACKAGES=(
  build-essential cmake pkg-config git
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libfontconfig-dev
  libsqlite3-dev sqlite3 libopencc-dev libopencc-data nlohmann-json3-dev
  googletest libgtest-dev
  libgooglepinyin0-dev libzinnia-dev tegaki-zinnia-simplified-chinese rime-data-pinyin-simp
  fonts-noto-cjk fonts-wqy-zenhei
  poppler-utils
  libsodium-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev
  libcups2-dev cups-daemon cups-client cups-filters
  zbar-tools iproute2
  libcurl4-openssl-dev nginx
  libzstd-dev clang libclang-rt-14-dev llvm
  libespeak-ng-dev espeak-ng-data rime-data-terra-pinyin
  libspdlog-dev
  mmdebstrap dosfstools mtools fdisk
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "==> installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # nginx is only for the tests' private server (tests/support/nginx.sh): if its postinst
    # started the system one on port 80, stop it (and keep it from starting at boot).
    if [[ " ${missing[*]} " == *" nginx "* ]]; then
      if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
        $sudo systemctl disable --now nginx >/dev/null 2>&1 || true
      elif [ -s /run/nginx.pid ]; then
        $sudo kill -QUIT "$(cat /run/nginx.pid)" 2>/dev/null || true
      fi
    fi
  fi
}

build_project() {
  echo "==> building in $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD" -j"$(nproc)"
}
