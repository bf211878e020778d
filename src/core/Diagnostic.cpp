#include "Diagnostic.hpp"

#include <algorithm>

namespace motus::core {

std::string Diagnostic::str() const {
    std::string out = path;
    out += ':';
    out += std::to_string(line);
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
    return countErrors(diagnostics) > 0;
}

std::size_t countErrors(const std::vector<Diagnostic>& diagnostics) {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.isError(); }));
}

} // namespace motus::core
