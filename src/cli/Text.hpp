#pragma once
#include <cstddef>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

// Plain text for the terminal: widths in characters of UTF-8 text, and output that is always
// valid UTF-8 without control characters whatever an exercise file, a path or an argument
// contained.
namespace motus::cli {

// The number of characters (code points) of UTF-8 text.
[[nodiscard]] std::size_t utf8Length(std::string_view text);
// Pads with spaces to `width` characters.
[[nodiscard]] std::string padRight(const std::string& text, std::size_t width);
// The text with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
[[nodiscard]] std::string validUtf8(std::string_view text);
// validUtf8(), with every control character but line feed and tab written as JSON writes it,
// \u and four hexadecimal digits ("\u001b" for ESC): C0 controls, DEL and the C1 controls
// U+0080..U+009F. In JSON text the result is the same JSON (nlohmann-json escapes C0 controls
// itself and a raw DEL or C1 control can only be inside a string, where \u00XX means it).
[[nodiscard]] std::string printable(std::string_view text);
// Wraps words at `width` characters; lines after the first start with `indent` spaces.
[[nodiscard]] std::string wrap(std::string_view text, std::size_t width, std::size_t indent,
                               std::size_t firstColumn = 0);

// A stream buffer that passes text on to `sink` line by line, as printable(). A line break
// is never inside a multi-byte sequence, so mending each line is exact.
class Utf8Lines : public std::streambuf {
public:
    explicit Utf8Lines(std::ostream& sink) : m_sink(sink) {}
    ~Utf8Lines() override;
    Utf8Lines(const Utf8Lines&) = delete;
    Utf8Lines& operator=(const Utf8Lines&) = delete;

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    int sync() override;

private:
    void passOn(bool all);
    std::ostream& m_sink;
    std::string m_pending;
};

} // namespace motus::cli
