// Where installed programs find their data. `cmake --install` puts the programs in
// PREFIX/bin and their assets in PREFIX/share/zwgk-kiosk, for whatever PREFIX the install
// chose (the OS image uses /usr, image/build.sh), so the folder is found next to the running
// program rather than compiled in. Programs run from the build tree have no such folder and
// keep using the source assets whose path the build compiles in.
#pragma once

#include <string>

namespace zwgk {

// PREFIX/share/zwgk-kiosk beside the running program when it holds the UI strings, else
// BUILDTREEDIR.
std::string defaultAssetDir(const std::string& buildTreeDir);

}  // namespace zwgk
