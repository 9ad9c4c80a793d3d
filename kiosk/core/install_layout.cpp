#include "install_layout.h"

#include <filesystem>
#include <system_error>

namespace zwgk {

std::string defaultAssetDir(const std::string& buildTreeDir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = program.parent_path().parent_path() / "share" / "zwgk-kiosk";
        if (fs::is_regular_file(installed / "strings" / "zh-Hans.json", ec)) return installed.string();
    }
    return buildTreeDir;
}

}  // namespace zwgk
