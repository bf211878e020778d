#pragma once
#include <string>
#include <vector>

namespace motus::core {

// A problem found in a content file, reported in the style of a compiler:
// "path:line: error: message".
struct Diagnostic {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    std::string path;
    int line = 0;
    std::string message;

    [[nodiscard]] std::string str() const;
    [[nodiscard]] bool isError() const { return severity == Severity::Error; }
};

[[nodiscard]] bool hasErrors(const std::vector<Diagnostic>& diagnostics);
[[nodiscard]] std::size_t countErrors(const std::vector<Diagnostic>& diagnostics);

} // namespace motus::core
