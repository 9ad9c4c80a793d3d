// The systemd watchdog. The OS image's kiosk unit (image/rootfs/.../zwgk-kiosk.service)
// sets WatchdogSec= and NotifyAccess=all (the kiosk runs under cage, so it is not the
// unit's main process); the event loop pings once per turn, and a UI that stops turning
// (a hang, a deadlock) is killed and restarted by systemd. Outside such a unit (no
// NOTIFY_SOCKET or WATCHDOG_USEC in the environment) ping() does nothing.
#pragma once

#include <string>

namespace zwgk {

class SystemdWatchdog {
public:
    SystemdWatchdog();  // reads NOTIFY_SOCKET and WATCHDOG_USEC
    ~SystemdWatchdog();
    SystemdWatchdog(const SystemdWatchdog&) = delete;
    SystemdWatchdog& operator=(const SystemdWatchdog&) = delete;

    bool enabled() const { return fd_ >= 0; }
    // Sends WATCHDOG=1 when a quarter of the watchdog interval has passed since the last one.
    void ping(double nowSeconds);

private:
    int fd_ = -1;                 // datagram socket to systemd, -1 when disabled
    std::string address_;         // NOTIFY_SOCKET ('@' = abstract namespace)
    double intervalSeconds_ = 0;  // WATCHDOG_USEC / 4
    double lastPing_ = -1e9;      // clock time of the last WATCHDOG=1
};

}  // namespace zwgk
