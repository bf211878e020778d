#pragma once
// Private to the content layer: reads elements and attributes of a tinyxml2 tree, reporting
// every problem as a diagnostic that names the file, the line and the field.
#include "core/Diagnostic.hpp"
#include "core/Dose.hpp"

#include <tinyxml2.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motus::content {

// Checks shared by the exercise and program loaders.
[[nodiscard]] bool isValidId(std::string_view id); // lower-case words joined by hyphens
[[nodiscard]] bool isLanguageCode(std::string_view lang);
[[nodiscard]] int lineOf(std::string_view text, std::size_t offset);
// Where a <!DOCTYPE (any case) starts, or npos.
[[nodiscard]] std::size_t findDoctype(std::string_view text);
// The line of the first element nested deeper than `maxDepth`, or 0: in a parsed tree, and in
// raw text (for documents too deep for tinyxml2 to build).
[[nodiscard]] int firstTooDeep(const tinyxml2::XMLElement* el, int depth, int maxDepth);
[[nodiscard]] int firstTooDeepInText(std::string_view text, int maxDepth);

// What is at a path, found without opening it (stat, and lstat for links that lead nowhere).
enum class FileKind {
    Missing,      // nothing there (and not a link)
    Regular,      // a regular file, or a link to one
    Folder,       // a folder, or a link to one
    Fifo,         // a FIFO (named pipe)
    Socket,       // a UNIX socket
    Device,       // a character or block device
    LinkLoop,     // symbolic links that loop
    DanglingLink, // a symbolic link to nothing
    Unreadable,   // stat failed otherwise (permissions, a name too long ...)
};
struct FileStatus {
    FileKind kind = FileKind::Missing;
    int error = 0; // errno of the failed stat, for Unreadable
};
[[nodiscard]] FileStatus fileStatus(const std::filesystem::path& file);
// "it is a FIFO (named pipe)", "it is a symbolic link that loops", ...: for messages about a
// path that is neither a regular file nor a folder.
[[nodiscard]] std::string describeFileStatus(const FileStatus& status);

// The first reason `text` is not acceptable as the characters of an exercise or program file,
// with its line: invalid UTF-8; a control character other than tab, line feed and carriage
// return (C0, DEL, C1), also as a character reference; a reference to NUL or to no character.
struct TextProblem {
    int line = 0;
    std::string message;
};
[[nodiscard]] std::optional<TextProblem> checkText(std::string_view text);

// Reads a whole regular file of at most `maxBytes`; a file that cannot be read, is not a
// regular file or is too big becomes a diagnostic naming it. The path is looked at (stat)
// before it is opened, and opened non-blocking, so a FIFO or a device is never waited on.
[[nodiscard]] std::optional<std::string> readFileCapped(const std::filesystem::path& file,
                                                        std::size_t maxBytes,
                                                        std::vector<core::Diagnostic>& diagnostics);

// Parses `text` as one document whose single root element is <rootName>, after the size cap,
// the text check (checkText), the DOCTYPE refusal and the depth cap; nothing but white space
// and comments may follow the root element. Every problem is an error diagnostic naming `path`.
// Returns the root, or nullptr when the document must be refused.
[[nodiscard]] const tinyxml2::XMLElement*
parseDocument(tinyxml2::XMLDocument& doc, std::string_view text, const std::string& path,
              std::size_t maxBytes, int maxDepth, const char* rootName,
              std::vector<core::Diagnostic>& diagnostics);

[[nodiscard]] std::vector<std::string> splitWords(std::string_view text);
[[nodiscard]] std::string joinNames(std::span<const std::string_view> names);
[[nodiscard]] std::optional<int> parseWhole(std::string_view text);
[[nodiscard]] std::optional<double> parseReal(std::string_view text);
[[nodiscard]] std::string describeXmlError(tinyxml2::XMLError error);

class XmlReader {
public:
    XmlReader(std::string path, std::vector<core::Diagnostic>& diagnostics)
        : m_path(std::move(path)), m_diagnostics(diagnostics),
          m_firstDiagnostic(diagnostics.size()) {}

    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] std::size_t errorCount() const;

    void error(int line, std::string message);
    void warning(int line, std::string message);
    // "<el> attribute 'name': message", at the attribute's line when it exists.
    void attributeError(const tinyxml2::XMLElement* el, const char* name, std::string message);

    void checkAttributes(const tinyxml2::XMLElement* el,
                         std::initializer_list<std::string_view> allowed);
    void checkChildren(const tinyxml2::XMLElement* el,
                       std::initializer_list<std::string_view> allowed);
    // The only child called `name`; reports it missing (when required) or given twice.
    const tinyxml2::XMLElement* single(const tinyxml2::XMLElement* parent, const char* name,
                                       bool required);

    std::optional<std::string_view> requiredAttribute(const tinyxml2::XMLElement* el,
                                                      const char* name);
    std::optional<std::string_view> optionalAttribute(const tinyxml2::XMLElement* el,
                                                      const char* name);
    // The attribute dose-basis (an exercise's <source>, a phase's <basis>): true for
    // "convention", false for "source" or none; anything else is an error.
    bool doseFromConvention(const tinyxml2::XMLElement* el);
    std::optional<int> intAttribute(const tinyxml2::XMLElement* el, const char* name,
                                    core::IntRange range, bool required);
    std::optional<double> realAttribute(const tinyxml2::XMLElement* el, const char* name,
                                        double min, double max);
    std::optional<bool> boolAttribute(const tinyxml2::XMLElement* el, const char* name);
    // "MIN-MAX" or a single value, within `limit`.
    std::optional<core::IntRange> rangeAttribute(const tinyxml2::XMLElement* el, const char* name,
                                                 core::IntRange limit, bool required);
    std::optional<std::string> requiredText(const tinyxml2::XMLElement* el);
    // The required xml:lang attribute, checked to be a two-letter code.
    std::optional<std::string> languageAttribute(const tinyxml2::XMLElement* el);

    template <typename Enum>
    std::optional<Enum> enumValue(const tinyxml2::XMLElement* el, const char* name,
                                  std::string_view value, std::span<const std::string_view> names);

private:
    std::string m_path;
    std::vector<core::Diagnostic>& m_diagnostics;
    std::size_t m_firstDiagnostic;
};

template <typename Enum>
std::optional<Enum> XmlReader::enumValue(const tinyxml2::XMLElement* el, const char* name,
                                         std::string_view value,
                                         std::span<const std::string_view> names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == value) {
            return static_cast<Enum>(i);
        }
    }
    attributeError(el, name, "'" + std::string(value) + "' is not one of " + joinNames(names));
    return std::nullopt;
}

} // namespace motus::content
