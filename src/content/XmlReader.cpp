#include "XmlReader.hpp"

#include "core/Utf8.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motus::content {

using tinyxml2::XMLElement;

bool isValidId(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') {
        return false;
    }
    char previous = ' ';
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) {
            return false;
        }
        previous = c;
    }
    return true;
}

bool isLanguageCode(std::string_view lang) {
    return lang.size() == 2 &&
           std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

int lineOf(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

std::size_t findDoctype(std::string_view text) {
    static constexpr std::string_view needle = "<!doctype";
    for (std::size_t i = text.find("<!"); i != std::string_view::npos; i = text.find("<!", i + 2)) {
        if (text.size() - i < needle.size()) {
            break;
        }
        bool same = true;
        for (std::size_t k = 0; k < needle.size() && same; ++k) {
            const char c = text[i + k];
            same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == needle[k];
        }
        if (same) {
            return i;
        }
    }
    return std::string_view::npos;
}

// The line of the first element nested deeper than `maxDepth` below `el` (at `depth`),
// or 0 when there is none.
int firstTooDeep(const tinyxml2::XMLElement* el, int depth, int maxDepth) {
    for (const tinyxml2::XMLElement* child = el->FirstChildElement(); child != nullptr;
         child = child->NextSiblingElement()) {
        if (depth + 1 > maxDepth) {
            return child->GetLineNum();
        }
        if (const int line = firstTooDeep(child, depth + 1, maxDepth)) {
            return line;
        }
    }
    return 0;
}

// The same from the raw text, for documents too deep for tinyxml2 to build: follows start
// and end tags, skipping comments, CDATA, declarations and quoted attribute values.
int firstTooDeepInText(std::string_view text, int maxDepth) {
    int depth = 0;
    int line = 1;
    auto skipTo = [&](std::size_t& i, std::string_view end) {
        const std::size_t found = text.find(end, i);
        const std::size_t stop = found == std::string_view::npos ? text.size() : found;
        line += static_cast<int>(std::count(text.begin() + static_cast<long>(i),
                                            text.begin() + static_cast<long>(stop), '\n'));
        i = stop + end.size();
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
        }
        if (c != '<' || i + 1 >= text.size()) {
            ++i;
            continue;
        }
        const std::string_view rest = text.substr(i);
        if (rest.substr(0, 4) == "<!--") {
            skipTo(i, "-->");
        } else if (rest.substr(0, 9) == "<![CDATA[") {
            skipTo(i, "]]>");
        } else if (rest[1] == '!' || rest[1] == '?') {
            skipTo(i, ">");
        } else if (rest[1] == '/') {
            --depth;
            skipTo(i, ">");
        } else {
            if (++depth > maxDepth) {
                return line;
            }
            char quote = 0;
            std::size_t j = i + 1;
            for (; j < text.size(); ++j) {
                const char d = text[j];
                if (d == '\n') {
                    ++line;
                } else if (quote != 0) {
                    quote = d == quote ? 0 : quote;
                } else if (d == '"' || d == '\'') {
                    quote = d;
                } else if (d == '>') {
                    break;
                }
            }
            if (j > 0 && j < text.size() && text[j - 1] == '/') {
                --depth;
            }
            i = j + 1;
        }
    }
    return line;
}

FileStatus fileStatus(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) {
        const int error = errno;
        if (error == ELOOP) {
            return {FileKind::LinkLoop, error};
        }
        if (error == ENOENT) {
            struct stat link {};
            if (::lstat(file.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
                return {FileKind::DanglingLink, error};
            }
            return {FileKind::Missing, error};
        }
        if (error == ENOTDIR) {
            return {FileKind::Missing, error};
        }
        return {FileKind::Unreadable, error};
    }
    if (S_ISREG(info.st_mode)) {
        return {FileKind::Regular, 0};
    }
    if (S_ISDIR(info.st_mode)) {
        return {FileKind::Folder, 0};
    }
    if (S_ISFIFO(info.st_mode)) {
        return {FileKind::Fifo, 0};
    }
    if (S_ISSOCK(info.st_mode)) {
        return {FileKind::Socket, 0};
    }
    return {FileKind::Device, 0}; // character and block devices: nothing else is left
}

std::string describeFileStatus(const FileStatus& status) {
    switch (status.kind) {
    case FileKind::Missing:
        return "it does not exist";
    case FileKind::Regular:
        return "it is a regular file";
    case FileKind::Folder:
        return "it is a folder";
    case FileKind::Fifo:
        return "it is a FIFO (named pipe)";
    case FileKind::Socket:
        return "it is a socket";
    case FileKind::Device:
        return "it is a device";
    case FileKind::LinkLoop:
        return "it is a symbolic link that loops";
    case FileKind::DanglingLink:
        return "it is a symbolic link to something that does not exist";
    case FileKind::Unreadable:
        break;
    }
    return std::strerror(status.error);
}

namespace {

// C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
bool isForbiddenControl(char32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

std::string codePointName(char32_t c) {
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
    return name;
}

// The character reference at text[at] ("&#" ...): its value (0x110000 for any value above
// U+10FFFF), or nullopt when it has no digits or no ';' (tinyxml2 then reports it).
std::optional<char32_t> characterReference(std::string_view text, std::size_t at,
                                           std::size_t& end) {
    std::size_t i = at + 2;
    const bool hex = i < text.size() && text[i] == 'x'; // XML has no "&#X"
    i += hex ? 1 : 0;
    const std::size_t digits = i;
    std::uint64_t value = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        int digit = -1;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (hex && c >= 'a' && c <= 'f') {
            digit = c - 'a' + 10;
        } else if (hex && c >= 'A' && c <= 'F') {
            digit = c - 'A' + 10;
        } else {
            break;
        }
        value = std::min<std::uint64_t>(value * (hex ? 16u : 10u) + static_cast<unsigned>(digit),
                                        0x110000); // saturates: any longer is no character
    }
    if (i == digits || i >= text.size() || text[i] != ';') {
        return std::nullopt;
    }
    end = i + 1;
    return static_cast<char32_t>(value);
}

} // namespace

namespace {

// Bytes that are a character of their own and start nothing checkText looks at: printable
// ASCII but for '<' and '&'.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int b = 0x20; b < 0x7F; ++b) {
        plain[static_cast<std::size_t>(b)] = b != '<' && b != '&';
    }
    return plain;
}();

// Whether the 8 bytes at `p` are all plain (kPlain) and none is `also`: no byte with the high
// bit set, none below 0x20, none equal to '<', '&', DEL or `also` (the classic "has a zero
// byte" test on the word and on its XOR with each of them).
bool plainWord(const char* p, char also) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    auto hasZero = [&](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
    auto hasByte = [&](unsigned char b) { return hasZero(w ^ (ones * b)); };
    if ((w & highs) != 0) {
        return false;
    }
    // A byte below 0x20: subtracting 0x20 from it borrows into its high bit.
    if ((((w - ones * 0x20) & ~w) & highs) != 0) {
        return false;
    }
    return !hasByte('<') && !hasByte('&') && !hasByte(0x7F) &&
           !hasByte(static_cast<unsigned char>(also));
}

} // namespace

std::optional<TextProblem> checkText(std::string_view text) {
    int line = 1;
    // Comments and CDATA sections hold literal text: "&#0;" there is not a reference.
    std::string_view skipUntil;
    for (std::size_t i = 0; i < text.size();) {
        // Most of a file is plain printable ASCII that starts nothing: stepped over a byte at a
        // time without decoding (the loader reads every file on each start).
        // Eight plain bytes at a time where they are (a word with none of the bytes below).
        const char skipByte = skipUntil.empty() ? '<' : skipUntil.front();
        while (i + 8 <= text.size() && plainWord(text.data() + i, skipByte)) {
            i += 8;
        }
        if (i >= text.size()) {
            break;
        }
        const auto first = static_cast<unsigned char>(text[i]);
        if (kPlain[first] &&
            (skipUntil.empty() || first != static_cast<unsigned char>(skipUntil.front()))) {
            ++i;
            continue;
        }
        const auto [c, length] = core::decodeUtf8(text, i);
        if (length == 0) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[i]));
            return TextProblem{line, std::string("invalid UTF-8: byte ") + byte +
                                         " is not part of a UTF-8 character (save the file "
                                         "as UTF-8)"};
        }
        if (isForbiddenControl(c)) {
            return TextProblem{line, "control character " + codePointName(c) +
                                         " is not allowed (only tab, line feed and carriage "
                                         "return are)"};
        }
        if (c == '\n') {
            ++line;
        }
        const std::string_view rest = text.substr(i);
        if (!skipUntil.empty()) {
            if (rest.substr(0, skipUntil.size()) == skipUntil) {
                i += skipUntil.size();
                skipUntil = {};
                continue;
            }
        } else if (rest.substr(0, 4) == "<!--") {
            skipUntil = "-->";
            i += 4;
            continue;
        } else if (rest.substr(0, 9) == "<![CDATA[") {
            skipUntil = "]]>";
            i += 9;
            continue;
        } else if (rest.substr(0, 2) == "&#") {
            std::size_t end = 0;
            if (const auto value = characterReference(text, i, end)) {
                const std::string reference(text.substr(i, end - i));
                if (*value == 0) {
                    return TextProblem{line, "the character reference " + reference +
                                                 " stands for NUL, which is not allowed"};
                }
                if (isForbiddenControl(*value)) {
                    return TextProblem{line, "the character reference " + reference +
                                                 " stands for the control character " +
                                                 codePointName(*value) + ", which is not allowed"};
                }
                if (*value > 0x10FFFF || (*value >= 0xD800 && *value <= 0xDFFF)) {
                    return TextProblem{line, "the character reference " + reference +
                                                 " does not stand for a character"};
                }
                i = end;
                continue;
            }
        }
        i += length;
    }
    return std::nullopt;
}

std::optional<std::string> readFileCapped(const std::filesystem::path& file, std::size_t maxBytes,
                                          std::vector<core::Diagnostic>& diagnostics) {
    const std::string path = file.string();
    auto fail = [&](int line, std::string message) -> std::optional<std::string> {
        diagnostics.push_back({core::Diagnostic::Severity::Error, path, line, std::move(message)});
        return std::nullopt;
    };
    // Looked at before it is opened: opening a FIFO waits for a writer, a device may do
    // anything. Opened non-blocking all the same, in case the path changed in between.
    const FileStatus status = fileStatus(file);
    switch (status.kind) {
    case FileKind::Regular:
        break;
    case FileKind::Missing:
    case FileKind::Unreadable:
        return fail(0, std::string("cannot read the file: ") + std::strerror(status.error));
    case FileKind::Folder:
    case FileKind::Fifo:
    case FileKind::Socket:
    case FileKind::Device:
        return fail(0,
                    "cannot read the file: " + describeFileStatus(status) + ", not a regular file");
    case FileKind::LinkLoop:
    case FileKind::DanglingLink:
        return fail(0, "cannot read the file: " + describeFileStatus(status));
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return fail(0, std::string("cannot read the file: ") + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(0, "cannot read the file: not a regular file");
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size > maxBytes) {
        ::close(fd);
        return fail(1, "file is " + std::to_string(size) + " bytes, over the limit of " +
                           std::to_string(maxBytes));
    }
    std::string text(size, '\0');
    std::size_t done = 0;
    while (done < size) {
        const ::ssize_t got = ::read(fd, text.data() + done, size - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    ::close(fd);
    if (done != size) {
        return fail(0, "cannot read the file");
    }
    return text;
}

namespace {

// When `text` is a well-formed document up to the last "</rootName>" and something other than
// white space and comments follows, where that starts. tinyxml2 reports text or an
// instruction there as an unreadable text or declaration, which does not say where the
// mistake is.
std::optional<std::size_t> firstAfterRoot(std::string_view text, const char* rootName) {
    const std::string endTag = std::string("</") + rootName + ">";
    const auto found = text.rfind(endTag);
    if (found == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t end = found + endTag.size();
    tinyxml2::XMLDocument head;
    if (head.Parse(text.data(), end) != tinyxml2::XML_SUCCESS || head.RootElement() == nullptr ||
        head.RootElement()->NextSiblingElement() != nullptr) {
        return std::nullopt;
    }
    std::size_t i = end;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (text.substr(i, 4) == "<!--") {
            const auto close = text.find("-->", i + 4);
            if (close == std::string_view::npos) {
                return std::nullopt; // an unterminated comment: tinyxml2 says so
            }
            i = close + 3;
        } else {
            return i;
        }
    }
    return std::nullopt;
}

std::string afterRootMessage(char first, const char* rootName) {
    return std::string("malformed XML: ") + (first == '<' ? "markup" : "text") +
           " after the end of <" + rootName + "> (only comments may follow it)";
}

} // namespace

const tinyxml2::XMLElement* parseDocument(tinyxml2::XMLDocument& doc, std::string_view text,
                                          const std::string& path, std::size_t maxBytes,
                                          int maxDepth, const char* rootName,
                                          std::vector<core::Diagnostic>& diagnostics) {
    auto error = [&](int line, std::string message) {
        diagnostics.push_back({core::Diagnostic::Severity::Error, path, line, std::move(message)});
        return nullptr;
    };
    const std::string tooDeep =
        "elements are nested deeper than " + std::to_string(maxDepth) + " levels";
    if (text.size() > maxBytes) {
        return error(1, "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                            std::to_string(maxBytes));
    }
    if (const auto problem = checkText(text)) {
        return error(problem->line, problem->message);
    }
    if (auto at = findDoctype(text); at != std::string_view::npos) {
        return error(lineOf(text, at), "a <!DOCTYPE> declaration is not allowed");
    }
    const auto status = doc.Parse(text.data(), text.size());
    if (status == tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED) {
        return error(firstTooDeepInText(text, maxDepth), tooDeep);
    }
    if (status != tinyxml2::XML_SUCCESS) {
        if (const auto after = firstAfterRoot(text, rootName)) {
            return error(lineOf(text, *after), afterRootMessage(text[*after], rootName));
        }
        return error(std::max(1, doc.ErrorLineNum()), "malformed XML: " + describeXmlError(status));
    }
    const tinyxml2::XMLElement* root = doc.RootElement();
    if (root == nullptr) {
        return error(1, "malformed XML: no root element");
    }
    if (const tinyxml2::XMLElement* second = root->NextSiblingElement()) {
        return error(second->GetLineNum(), "malformed XML: a second top-level element <" +
                                               std::string(second->Name()) +
                                               "> (a file holds one <" + rootName + ">)");
    }
    // After the root element XML allows white space, comments and processing instructions;
    // tinyxml2 refuses the instructions and keeps CDATA there as text. Only comments may follow.
    for (const tinyxml2::XMLNode* node = root->NextSibling(); node != nullptr;
         node = node->NextSibling()) {
        if (node->ToComment() == nullptr) {
            return error(node->GetLineNum(),
                         afterRootMessage(node->ToText() != nullptr ? 't' : '<', root->Name()));
        }
    }
    if (const int deepLine = firstTooDeep(root, 1, maxDepth)) {
        return error(deepLine, tooDeep);
    }
    if (std::string_view(root->Name()) != rootName) {
        return error(root->GetLineNum(), "root element is <" + std::string(root->Name()) +
                                             ">, expected <" + rootName + ">");
    }
    return root;
}

std::vector<std::string> splitWords(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                                   text[i] == '\r' || text[i] == ',')) {
            ++i;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' &&
               text[j] != '\r' && text[j] != ',') {
            ++j;
        }
        if (j > i) {
            words.emplace_back(text.substr(i, j - i));
        }
        i = j;
    }
    return words;
}

std::string joinNames(std::span<const std::string_view> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += ", ";
        }
        out += names[i];
    }
    return out;
}

std::optional<int> parseWhole(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseReal(std::string_view text) {
    double value = 0.0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value != value) {
        return std::nullopt;
    }
    return value;
}

std::string describeXmlError(tinyxml2::XMLError error) {
    switch (error) {
    case tinyxml2::XML_ERROR_PARSING_ELEMENT:
        return "cannot read an element";
    case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE:
        return "cannot read an attribute (is a value unquoted?)";
    case tinyxml2::XML_ERROR_PARSING_TEXT:
        return "cannot read text (a stray '<' or '&'?)";
    case tinyxml2::XML_ERROR_PARSING_CDATA:
        return "cannot read a CDATA section";
    case tinyxml2::XML_ERROR_PARSING_COMMENT:
        return "unterminated comment";
    case tinyxml2::XML_ERROR_PARSING_DECLARATION:
        return "cannot read the XML declaration";
    case tinyxml2::XML_ERROR_PARSING_UNKNOWN:
        return "cannot read a '<!' construct";
    case tinyxml2::XML_ERROR_EMPTY_DOCUMENT:
        return "the file is empty";
    case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT:
        return "an end tag does not match its start tag";
    default:
        return "cannot parse the document";
    }
}

std::size_t XmlReader::errorCount() const {
    return static_cast<std::size_t>(
        std::count_if(m_diagnostics.begin() + static_cast<long>(m_firstDiagnostic),
                      m_diagnostics.end(), [](const core::Diagnostic& d) { return d.isError(); }));
}

void XmlReader::error(int line, std::string message) {
    m_diagnostics.push_back({core::Diagnostic::Severity::Error, m_path, line, std::move(message)});
}

void XmlReader::warning(int line, std::string message) {
    m_diagnostics.push_back(
        {core::Diagnostic::Severity::Warning, m_path, line, std::move(message)});
}

void XmlReader::attributeError(const XMLElement* el, const char* name, std::string message) {
    int line = el->GetLineNum();
    for (const auto* attr = el->FirstAttribute(); attr != nullptr; attr = attr->Next()) {
        if (std::string_view(attr->Name()) == name) {
            line = attr->GetLineNum();
            break;
        }
    }
    error(line, "<" + std::string(el->Name()) + "> attribute '" + name + "': " + message);
}

void XmlReader::checkAttributes(const XMLElement* el,
                                std::initializer_list<std::string_view> allowed) {
    for (const auto* attr = el->FirstAttribute(); attr != nullptr; attr = attr->Next()) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(attr->Name())) ==
            allowed.end()) {
            error(attr->GetLineNum(),
                  "<" + std::string(el->Name()) + ">: unknown attribute '" + attr->Name() + "'");
        }
    }
}

void XmlReader::checkChildren(const XMLElement* el,
                              std::initializer_list<std::string_view> allowed) {
    for (const XMLElement* child = el->FirstChildElement(); child != nullptr;
         child = child->NextSiblingElement()) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(child->Name())) ==
            allowed.end()) {
            error(child->GetLineNum(),
                  "<" + std::string(el->Name()) + ">: unknown element <" + child->Name() + ">");
        }
    }
}

const XMLElement* XmlReader::single(const XMLElement* parent, const char* name, bool required) {
    const XMLElement* first = parent->FirstChildElement(name);
    if (first == nullptr) {
        if (required) {
            error(parent->GetLineNum(),
                  "<" + std::string(parent->Name()) + ">: missing required element <" + name + ">");
        }
        return nullptr;
    }
    if (const XMLElement* second = first->NextSiblingElement(name)) {
        error(second->GetLineNum(), "<" + std::string(parent->Name()) + ">: element <" + name +
                                        "> is given twice (first at line " +
                                        std::to_string(first->GetLineNum()) + ")");
    }
    return first;
}

bool XmlReader::doseFromConvention(const XMLElement* el) {
    const auto basis = optionalAttribute(el, "dose-basis");
    if (basis && *basis != "convention" && *basis != "source") {
        attributeError(el, "dose-basis",
                       "'" + std::string(*basis) + "' is not one of source, convention");
    }
    return basis && *basis == "convention";
}

std::optional<std::string_view> XmlReader::optionalAttribute(const XMLElement* el,
                                                             const char* name) {
    const char* value = el->Attribute(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string_view(value);
}

std::optional<std::string_view> XmlReader::requiredAttribute(const XMLElement* el,
                                                             const char* name) {
    auto value = optionalAttribute(el, name);
    if (!value) {
        error(el->GetLineNum(),
              "<" + std::string(el->Name()) + ">: missing required attribute '" + name + "'");
    } else if (value->empty()) {
        attributeError(el, name, "is empty");
        return std::nullopt;
    }
    return value;
}

std::optional<int> XmlReader::intAttribute(const XMLElement* el, const char* name,
                                           core::IntRange range, bool required) {
    auto text = required ? requiredAttribute(el, name) : optionalAttribute(el, name);
    if (!text) {
        return std::nullopt;
    }
    auto value = parseWhole(*text);
    if (!value) {
        attributeError(el, name, "'" + std::string(*text) + "' is not a whole number");
        return std::nullopt;
    }
    if (!range.contains(*value)) {
        attributeError(el, name,
                       std::to_string(*value) + " is outside the range " +
                           std::to_string(range.min) + ".." + std::to_string(range.max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> XmlReader::realAttribute(const XMLElement* el, const char* name, double min,
                                               double max) {
    auto text = optionalAttribute(el, name);
    if (!text) {
        return std::nullopt;
    }
    auto value = parseReal(*text);
    if (!value) {
        attributeError(el, name, "'" + std::string(*text) + "' is not a number");
        return std::nullopt;
    }
    if (*value < min || *value > max) {
        attributeError(el, name,
                       std::string(*text) + " is outside the range " +
                           std::to_string(static_cast<int>(min)) + ".." +
                           std::to_string(static_cast<int>(max)));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> XmlReader::boolAttribute(const XMLElement* el, const char* name) {
    auto text = optionalAttribute(el, name);
    if (!text) {
        return std::nullopt;
    }
    if (*text == "true") {
        return true;
    }
    if (*text == "false") {
        return false;
    }
    attributeError(el, name, "'" + std::string(*text) + "' is not true or false");
    return std::nullopt;
}

std::optional<core::IntRange> XmlReader::rangeAttribute(const XMLElement* el, const char* name,
                                                        core::IntRange limit, bool required) {
    auto text = required ? requiredAttribute(el, name) : optionalAttribute(el, name);
    if (!text) {
        return std::nullopt;
    }
    const auto dash = text->find('-');
    auto low = parseWhole(text->substr(0, dash));
    auto high = dash == std::string_view::npos ? low : parseWhole(text->substr(dash + 1));
    if (!low || !high) {
        attributeError(el, name,
                       "'" + std::string(*text) + "' is not a range MIN-MAX of whole numbers");
        return std::nullopt;
    }
    if (*low > *high) {
        attributeError(el, name, "'" + std::string(*text) + "' has its minimum above its maximum");
        return std::nullopt;
    }
    if (!limit.contains(*low) || !limit.contains(*high)) {
        attributeError(el, name,
                       "'" + std::string(*text) + "' is outside the range " +
                           std::to_string(limit.min) + ".." + std::to_string(limit.max));
        return std::nullopt;
    }
    return core::IntRange{*low, *high};
}

std::optional<std::string> XmlReader::languageAttribute(const XMLElement* el) {
    auto lang = requiredAttribute(el, "xml:lang");
    if (!lang) {
        return std::nullopt;
    }
    if (!isLanguageCode(*lang)) {
        attributeError(el, "xml:lang",
                       "'" + std::string(*lang) + "' is not a two-letter language code");
        return std::nullopt;
    }
    return std::string(*lang);
}

std::optional<std::string> XmlReader::requiredText(const XMLElement* el) {
    const char* text = el->GetText();
    // Runs of white space (line breaks and indentation in the file) become one space.
    static constexpr auto kBlank = [] {
        std::array<bool, 256> table{};
        table[' '] = table['\n'] = table['\t'] = table['\r'] = true;
        return table;
    }();
    auto blank = [](char c) { return kBlank[static_cast<unsigned char>(c)]; };
    std::string collapsed;
    const char* p = text == nullptr ? "" : text;
    collapsed.reserve(std::strlen(p));
    while (*p != '\0') {
        while (blank(*p)) {
            ++p;
        }
        const char* word = p;
        while (*p != '\0' && !blank(*p)) {
            ++p;
        }
        if (p != word) {
            if (!collapsed.empty()) {
                collapsed += ' ';
            }
            collapsed.append(word, static_cast<std::size_t>(p - word));
        }
    }
    if (collapsed.empty()) {
        error(el->GetLineNum(), "<" + std::string(el->Name()) + ">: the text is empty");
        return std::nullopt;
    }
    return collapsed;
}

} // namespace motus::content
