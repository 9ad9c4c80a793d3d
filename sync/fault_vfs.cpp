// TEST-ONLY fault-injection VFS (see fault_vfs.h).
#include "fault_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace zwgk {
namespace {

std::atomic<int64_t> gLimit{-1};      // writes allowed; < 0: unlimited
std::atomic<int64_t> gWrites{0};      // xWrite calls since install
std::atomic<bool> gTripped{false};    // a failure was injected
std::atomic<int> gFault{static_cast<int>(DiskFault::IoError)};
sqlite3_vfs* gReal = nullptr;         // the VFS wrapped (the default before install)
bool gRegistered = false;             // the shim is registered

// The shim's file: its own header followed by the wrapped VFS's file.
struct FaultFile {
    sqlite3_file base;    // pMethods = the shim's methods
    sqlite3_file* real;   // the wrapped file, right after this struct
};

sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }

bool failing() {
    const int64_t limit = gLimit.load();
    return limit >= 0 && gTripped.load();
}

int xClose(sqlite3_file* f) {
    sqlite3_file* r = realOf(f);
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}
int xRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xRead(r, buffer, amount, offset);
}
int xWrite(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
    const int64_t n = ++gWrites;
    const int64_t limit = gLimit.load();
    if (limit >= 0 && n > limit) {
        gTripped = true;
        return gFault.load() == static_cast<int>(DiskFault::Full) ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }
    sqlite3_file* r = realOf(f);
    return r->pMethods->xWrite(r, buffer, amount, offset);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
    if (failing()) return SQLITE_IOERR_TRUNCATE;
    sqlite3_file* r = realOf(f);
    return r->pMethods->xTruncate(r, size);
}
int xSync(sqlite3_file* f, int flags) {
    if (failing()) return SQLITE_IOERR_FSYNC;
    sqlite3_file* r = realOf(f);
    return r->pMethods->xSync(r, flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xFileSize(r, size);
}
int xLock(sqlite3_file* f, int level) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xLock(r, level);
}
int xUnlock(sqlite3_file* f, int level) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xUnlock(r, level);
}
int xCheckReservedLock(sqlite3_file* f, int* out) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xCheckReservedLock(r, out);
}
int xFileControl(sqlite3_file* f, int op, void* arg) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xFileControl(r, op, arg);
}
int xSectorSize(sqlite3_file* f) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xSectorSize(r);
}
int xDeviceCharacteristics(sqlite3_file* f) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xDeviceCharacteristics(r);
}
int xShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    sqlite3_file* r = realOf(f);
    if (r->pMethods->iVersion < 2 || !r->pMethods->xShmMap) return SQLITE_IOERR_SHMMAP;
    return r->pMethods->xShmMap(r, region, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xShmLock(r, offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) {
    sqlite3_file* r = realOf(f);
    r->pMethods->xShmBarrier(r);
}
int xShmUnmap(sqlite3_file* f, int deleteFlag) {
    sqlite3_file* r = realOf(f);
    return r->pMethods->xShmUnmap(r, deleteFlag);
}
int xFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    sqlite3_file* r = realOf(f);
    if (r->pMethods->iVersion < 3 || !r->pMethods->xFetch) {
        *out = nullptr;
        return SQLITE_OK;
    }
    return r->pMethods->xFetch(r, offset, amount, out);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
    sqlite3_file* r = realOf(f);
    if (r->pMethods->iVersion < 3 || !r->pMethods->xUnfetch) return SQLITE_OK;
    return r->pMethods->xUnfetch(r, offset, page);
}

const sqlite3_io_methods kMethods = {
    3,          xClose,       xRead,  xWrite,      xTruncate,         xSync,
    xFileSize,  xLock,        xUnlock, xCheckReservedLock, xFileControl, xSectorSize,
    xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch,
    xUnfetch,
};

int vfsOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    FaultFile* p = reinterpret_cast<FaultFile*>(file);
    p->base.pMethods = nullptr;
    p->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(FaultFile));
    std::memset(p->real, 0, static_cast<size_t>(gReal->szOsFile));
    const int rc = gReal->xOpen(gReal, name, p->real, flags, outFlags);
    // SQLite calls xClose when pMethods is set, even after a failed open.
    if (p->real->pMethods) p->base.pMethods = &kMethods;
    return rc;
}
int vfsDelete(sqlite3_vfs*, const char* name, int syncDir) { return gReal->xDelete(gReal, name, syncDir); }
int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* out) { return gReal->xAccess(gReal, name, flags, out); }
int vfsFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return gReal->xFullPathname(gReal, name, n, out);
}
void* vfsDlOpen(sqlite3_vfs*, const char* name) { return gReal->xDlOpen(gReal, name); }
void vfsDlError(sqlite3_vfs*, int n, char* out) { gReal->xDlError(gReal, n, out); }
void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) { return gReal->xDlSym(gReal, handle, symbol); }
void vfsDlClose(sqlite3_vfs*, void* handle) { gReal->xDlClose(gReal, handle); }
int vfsRandomness(sqlite3_vfs*, int n, char* out) { return gReal->xRandomness(gReal, n, out); }
int vfsSleep(sqlite3_vfs*, int us) { return gReal->xSleep(gReal, us); }
int vfsCurrentTime(sqlite3_vfs*, double* out) { return gReal->xCurrentTime(gReal, out); }
int vfsGetLastError(sqlite3_vfs*, int n, char* out) {
    return gReal->xGetLastError ? gReal->xGetLastError(gReal, n, out) : 0;
}
int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) { return gReal->xCurrentTimeInt64(gReal, out); }
int vfsSetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
    return gReal->xSetSystemCall(gReal, name, call);
}
sqlite3_syscall_ptr vfsGetSystemCall(sqlite3_vfs*, const char* name) { return gReal->xGetSystemCall(gReal, name); }
const char* vfsNextSystemCall(sqlite3_vfs*, const char* name) { return gReal->xNextSystemCall(gReal, name); }

sqlite3_vfs gFaulty{};  // filled from gReal at the first install

}  // namespace

void installFaultyDisk(int64_t failAfterWrites, DiskFault fault) {
    if (!gRegistered) {
        if (!gReal) {
            sqlite3_initialize();
            gReal = sqlite3_vfs_find(nullptr);
            if (!gReal) throw std::runtime_error("installFaultyDisk: no default SQLite VFS");
            if (gReal->iVersion < 3) throw std::runtime_error("installFaultyDisk: the default VFS is too old");
            gFaulty.iVersion = 3;
            gFaulty.szOsFile = static_cast<int>(sizeof(FaultFile)) + gReal->szOsFile;
            gFaulty.mxPathname = gReal->mxPathname;
            gFaulty.zName = "zwgk-faulty";
            gFaulty.xOpen = vfsOpen;
            gFaulty.xDelete = vfsDelete;
            gFaulty.xAccess = vfsAccess;
            gFaulty.xFullPathname = vfsFullPathname;
            gFaulty.xDlOpen = vfsDlOpen;
            gFaulty.xDlError = vfsDlError;
            gFaulty.xDlSym = vfsDlSym;
            gFaulty.xDlClose = vfsDlClose;
            gFaulty.xRandomness = vfsRandomness;
            gFaulty.xSleep = vfsSleep;
            gFaulty.xCurrentTime = vfsCurrentTime;
            gFaulty.xGetLastError = vfsGetLastError;
            gFaulty.xCurrentTimeInt64 = vfsCurrentTimeInt64;
            gFaulty.xSetSystemCall = vfsSetSystemCall;
            gFaulty.xGetSystemCall = vfsGetSystemCall;
            gFaulty.xNextSystemCall = vfsNextSystemCall;
        }
        if (sqlite3_vfs_register(&gFaulty, 1) != SQLITE_OK)
            throw std::runtime_error("installFaultyDisk: cannot register the VFS");
        gRegistered = true;
    }
    gLimit = -1;
    gTripped = false;
    gWrites = 0;
    gFault = static_cast<int>(fault);
    gLimit = failAfterWrites;
}

void removeFaultyDisk() {
    gLimit = -1;
    gTripped = false;
    if (!gRegistered) return;
    sqlite3_vfs_register(gReal, 1);  // the default again
    sqlite3_vfs_unregister(&gFaulty);
    gRegistered = false;
}

int64_t faultyDiskWrites() { return gWrites.load(); }
bool faultyDiskTripped() { return gTripped.load(); }

}  // namespace zwgk
