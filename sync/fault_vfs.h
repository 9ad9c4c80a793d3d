// TEST-ONLY: a disk that fails after N writes, for the fault-injection tests of content
// apply (tests/sync_crash). Compiled into the store library so that tests can reach SQLite
// without including sqlite3.h; the terminal and kiosk-sync never call it.
//
// installFaultyDisk registers a SQLite VFS shim ("zwgk-faulty") as the default VFS: every
// connection opened afterwards (Store::open, Outbox::open) goes through it. The shim wraps
// the VFS that was the default before and forwards everything to it, but counts xWrite
// calls across all files of all its connections (database, WAL, journals): calls 1..N
// succeed, every later one fails with SQLITE_IOERR_WRITE (or SQLITE_FULL), and from the
// first failure on xSync and xTruncate fail too (a dead disk stays dead). N < 0: no fault,
// writes are only counted (to measure how many writes a clean apply makes).
//
// removeFaultyDisk makes the previous VFS the default again and stops all failures (files
// still open through the shim keep working). Not thread-safe against concurrent
// install/remove; the counters themselves are atomic.
#pragma once

#include <cstdint>

namespace zwgk {

enum class DiskFault {
    IoError,  // SQLITE_IOERR_WRITE: the disk reports an error
    Full,     // SQLITE_FULL: the disk is full
};

void installFaultyDisk(int64_t failAfterWrites, DiskFault fault = DiskFault::IoError);
void removeFaultyDisk();
// xWrite calls seen since installFaultyDisk (failed ones included).
int64_t faultyDiskWrites();
// True once a write, sync or truncate was made to fail since installFaultyDisk.
bool faultyDiskTripped();

}  // namespace zwgk
