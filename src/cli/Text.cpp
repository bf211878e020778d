#include "Text.hpp"

#include "core/Utf8.hpp"

#include <algorithm>

namespace motus::cli {

std::size_t utf8Length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string padRight(const std::string& text, std::size_t width) {
    const auto length = utf8Length(text);
    return length >= width ? text : text + std::string(width - length, ' ');
}

namespace {

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0.
std::size_t sequenceLength(std::string_view text) {
    return core::decodeUtf8(text, 0).second;
}

} // namespace

std::string validUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const std::size_t length = sequenceLength(text);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            text.remove_prefix(1);
            continue;
        }
        out.append(text.substr(0, length));
        text.remove_prefix(length);
    }
    return out;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto escaped = [&](unsigned code) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[code >> 4];
        out += kHex[code & 0xF];
    };
    while (!text.empty()) {
        const std::size_t length = sequenceLength(text);
        const auto lead = static_cast<unsigned char>(text[0]);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
        } else if ((lead < 0x20 && lead != '\n' && lead != '\t') || lead == 0x7F) {
            escaped(lead);
        } else if (lead == 0xC2 && static_cast<unsigned char>(text[1]) <= 0x9F) {
            escaped(static_cast<unsigned char>(text[1])); // U+0080..U+009F
        } else {
            out.append(text.substr(0, length));
        }
        text.remove_prefix(length == 0 ? 1 : length);
    }
    return out;
}

std::string wrap(std::string_view text, std::size_t width, std::size_t indent,
                 std::size_t firstColumn) {
    std::string out;
    std::size_t column = firstColumn;
    bool lineStart = true;
    while (!text.empty()) {
        const auto space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
        if (word.empty()) {
            continue;
        }
        const std::size_t length = utf8Length(word);
        if (!lineStart && column + 1 + length > width) {
            out += '\n';
            out.append(indent, ' ');
            column = indent;
            lineStart = true;
        }
        if (!lineStart) {
            out += ' ';
            ++column;
        }
        out += word;
        column += length;
        lineStart = false;
    }
    return out;
}

Utf8Lines::~Utf8Lines() {
    passOn(true);
    m_sink.flush();
}

Utf8Lines::int_type Utf8Lines::overflow(int_type ch) {
    if (traits_type::eq_int_type(ch, traits_type::eof())) {
        return traits_type::not_eof(ch);
    }
    m_pending += traits_type::to_char_type(ch);
    if (ch == '\n') {
        passOn(false);
    }
    return ch;
}

std::streamsize Utf8Lines::xsputn(const char* text, std::streamsize count) {
    m_pending.append(text, static_cast<std::size_t>(count));
    passOn(false);
    return count;
}

int Utf8Lines::sync() {
    passOn(true);
    m_sink.flush();
    return m_sink ? 0 : -1;
}

void Utf8Lines::passOn(bool all) {
    std::size_t end = m_pending.size();
    if (!all) {
        const auto newline = m_pending.rfind('\n');
        if (newline == std::string::npos) {
            return;
        }
        end = newline + 1;
    }
    if (end == 0) {
        return;
    }
    m_sink << printable(std::string_view(m_pending).substr(0, end));
    m_pending.erase(0, end);
}

} // namespace motus::cli
