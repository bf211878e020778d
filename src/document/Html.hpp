#pragma once
#include <string>
#include <string_view>

// Pieces shared by the printable documents: text made safe for HTML and SVG, numbers in SVG
// coordinates, and the frame of a self-contained, printable page (docs/architecture.md).
namespace motus::document {

// Text for an element or an attribute value: &, <, >, " and ' escaped; control characters
// (tab and line feed excepted), U+FFFE and U+FFFF dropped; bytes that are not UTF-8 become
// U+FFFD. Names and notes come from files: nothing in them can open an element or a script.
[[nodiscard]] std::string escape(std::string_view text);

// A coordinate for SVG: at most two decimals, C locale, no "-0".
[[nodiscard]] std::string num(double value);

// The whole page: <!DOCTYPE html>, <html lang>, <meta charset>, the title, the style sheet for
// screen and print (A4 and Letter), and `body` (already HTML). Well-formed XML throughout.
[[nodiscard]] std::string page(std::string_view lang, std::string_view title, std::string_view css,
                               std::string_view body);

// The style every document shares: black text on white, 18 mm margins that fit A4 and Letter,
// blocks that do not break across pages.
[[nodiscard]] std::string_view baseStyle();

} // namespace motus::document
