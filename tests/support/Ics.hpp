#pragma once
// A strict reader of iCalendar text (RFC 5545) for the tests: it checks the line structure (CRLF
// line ends, physical lines of at most 75 octets that are each valid UTF-8, folding), unfolds,
// splits content lines and nests components; then RFC 5545's required properties per component.
#include "core/Utf8.hpp"

#include <map>
#include <regex>
#include <string>
#include <vector>

namespace motus::test {

struct IcsProperty {
    std::string name;
    std::string params; // raw, after the name
    std::string value;
};

struct IcsComponent {
    std::string name;
    std::vector<IcsProperty> properties;
    std::vector<IcsComponent> children;

    [[nodiscard]] std::size_t count(const std::string& property) const {
        std::size_t n = 0;
        for (const auto& p : properties) {
            n += p.name == property ? 1 : 0;
        }
        return n;
    }
    [[nodiscard]] std::string value(const std::string& property) const {
        for (const auto& p : properties) {
            if (p.name == property) {
                return p.value;
            }
        }
        return {};
    }
    [[nodiscard]] std::vector<const IcsComponent*> all(const std::string& component) const {
        std::vector<const IcsComponent*> out;
        for (const auto& c : children) {
            if (c.name == component) {
                out.push_back(&c);
            }
        }
        return out;
    }
};

struct IcsFile {
    std::vector<std::string> problems;
    std::vector<IcsComponent> components; // top level
    std::size_t physicalLines = 0;
    std::size_t foldedLines = 0;
};

inline bool icsValidUtf8(const std::string& text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto [code, length] = core::decodeUtf8(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

inline IcsFile parseIcs(const std::string& text) {
    IcsFile file;
    std::vector<std::string> physical;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto crlf = text.find("\r\n", start);
        if (crlf == std::string::npos) {
            file.problems.push_back("the text does not end with CRLF");
            break;
        }
        physical.push_back(text.substr(start, crlf - start));
        start = crlf + 2;
    }
    std::vector<std::string> logical;
    for (const auto& line : physical) {
        ++file.physicalLines;
        const auto n = std::to_string(file.physicalLines);
        if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos) {
            file.problems.push_back("line " + n + " has a bare CR or LF");
        }
        if (line.size() > 75) {
            file.problems.push_back("line " + n + " has " + std::to_string(line.size()) +
                                    " octets");
        }
        if (!icsValidUtf8(line)) {
            file.problems.push_back("line " + n + " splits a UTF-8 character");
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            ++file.foldedLines;
            if (logical.empty()) {
                file.problems.push_back("line " + n + " continues nothing");
            } else {
                logical.back() += line.substr(1);
            }
        } else {
            logical.push_back(line);
        }
    }
    std::vector<IcsComponent> stack;
    static const std::regex contentLine(R"(^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$)");
    for (const auto& line : logical) {
        std::smatch m;
        if (!std::regex_match(line, m, contentLine)) {
            file.problems.push_back("not a content line: " + line);
            continue;
        }
        IcsProperty p{m[1].str(), m[2].str(), m[3].str()};
        if (p.name == "BEGIN") {
            stack.push_back(IcsComponent{p.value, {}, {}});
        } else if (p.name == "END") {
            if (stack.empty() || stack.back().name != p.value) {
                file.problems.push_back("END:" + p.value + " does not close its BEGIN");
                continue;
            }
            auto done = std::move(stack.back());
            stack.pop_back();
            (stack.empty() ? file.components : stack.back().children).push_back(std::move(done));
        } else if (stack.empty()) {
            file.problems.push_back("a property outside any component: " + line);
        } else {
            stack.back().properties.push_back(std::move(p));
        }
    }
    if (!stack.empty()) {
        file.problems.push_back("BEGIN:" + stack.back().name + " is never closed");
    }
    return file;
}

// RFC 5545's required properties (§3.6, §3.6.1, §3.6.6, §3.7), one by one; empty when all hold.
inline std::vector<std::string> icsRequiredProblems(const IcsFile& file) {
    std::vector<std::string> problems;
    auto once = [&](const IcsComponent& c, const std::string& property) {
        if (c.count(property) != 1) {
            problems.push_back(c.name + " has " + std::to_string(c.count(property)) + " " +
                               property);
        }
    };
    if (file.components.size() != 1 || file.components[0].name != "VCALENDAR") {
        problems.push_back("not exactly one VCALENDAR");
        return problems;
    }
    const auto& calendar = file.components[0];
    once(calendar, "PRODID");
    once(calendar, "VERSION");
    if (calendar.value("VERSION") != "2.0") {
        problems.push_back("VERSION is not 2.0");
    }
    static const std::regex utc(R"(^\d{8}T\d{6}Z$)");
    static const std::regex local(R"(^\d{8}T\d{6}$)");
    for (const auto* event : calendar.all("VEVENT")) {
        once(*event, "UID");
        once(*event, "DTSTAMP");
        once(*event, "DTSTART"); // required when the calendar has no METHOD (and here it is given)
        if (!std::regex_match(event->value("DTSTAMP"), utc)) {
            problems.push_back("DTSTAMP is not a UTC date-time: " + event->value("DTSTAMP"));
        }
        if (!std::regex_match(event->value("DTSTART"), local)) {
            problems.push_back("DTSTART is not a floating date-time: " + event->value("DTSTART"));
        }
        if (event->count("DTEND") > 0 && event->count("DURATION") > 0) {
            problems.push_back("VEVENT has both DTEND and DURATION");
        }
        for (const auto* alarm : event->all("VALARM")) {
            once(*alarm, "ACTION");
            once(*alarm, "TRIGGER");
            if (alarm->value("ACTION") == "DISPLAY") {
                once(*alarm, "DESCRIPTION");
            }
        }
    }
    return problems;
}

// A TEXT value unescaped (RFC 5545 §3.3.11); a bad escape is kept and reported as "\?".
inline std::string icsUnescape(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 == value.size()) {
            out += value[i];
            continue;
        }
        const char next = value[++i];
        if (next == 'n' || next == 'N') {
            out += '\n';
        } else if (next == '\\' || next == ';' || next == ',') {
            out += next;
        } else {
            out += "\\?";
        }
    }
    return out;
}

} // namespace motus::test
