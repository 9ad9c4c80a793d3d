// Character repertoires the terminal must be able to draw beyond what its content uses:
// the input methods can offer any of the 6,763 hanzi of GB 2312 (both engines' dictionaries
// are built on it), and a citizen's own name or address typed into a form may use any.
#pragma once

#include <string>

namespace zwgk {

// The hanzi of GB 2312 (levels 1 and 2), in code order; decoded once through iconv.
// Empty if the C library cannot convert GB2312 (then only the content's characters show).
const std::u32string& gb2312Hanzi();

}  // namespace zwgk
