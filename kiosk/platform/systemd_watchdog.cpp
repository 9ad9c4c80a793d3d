#include "systemd_watchdog.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace zwgk {

SystemdWatchdog::SystemdWatchdog() {
    const char* socketPath = std::getenv("NOTIFY_SOCKET");
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (!socketPath || !usec) return;
    address_ = socketPath;
    const double interval = std::atof(usec) / 1e6;
    if (interval <= 0 || address_.empty() || address_.size() >= sizeof(sockaddr_un::sun_path)) return;
    if (address_[0] != '/' && address_[0] != '@') return;
    intervalSeconds_ = interval / 4;
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

SystemdWatchdog::~SystemdWatchdog() {
    if (fd_ >= 0) ::close(fd_);
}

void SystemdWatchdog::ping(double nowSeconds) {
    if (fd_ < 0 || nowSeconds - lastPing_ < intervalSeconds_) return;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, address_.data(), address_.size());
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';
    const socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size());
    static const char kMessage[] = "WATCHDOG=1";
    if (::sendto(fd_, kMessage, sizeof kMessage - 1, MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&addr), length) >= 0)
        lastPing_ = nowSeconds;
}

}  // namespace zwgk
