#pragma once
#include <cstddef>
#include <string_view>
#include <utility>

namespace motus::core {

// The code point of the well-formed UTF-8 sequence at `text[at]` and its length (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF); length 0 when it is not one. Used by
// the loaders to refuse files that are not UTF-8 and by the command line to mend its output.
[[nodiscard]] std::pair<char32_t, std::size_t> decodeUtf8(std::string_view text, std::size_t at);

} // namespace motus::core
