// The interface catalogues (locale/*.po): every message of every language in locale/LINGUAS is
// translated, none is fuzzy, and each translation keeps the fmt placeholders ({}, {0},
// {:.1f}) of its message, as many and in the same order, so that fmt::format never throws
// or shows the wrong number. msgfmt --check-format checks the printf ones (Catalogues.cmake).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::filesystem::path kLocale = std::filesystem::path(MOTUS_SOURCE_DIR) / "locale";

struct Entry {
    int line = 0;
    bool fuzzy = false;
    std::string msgid;
    std::string plural;
    std::vector<std::string> msgstr; // one, or one per plural form
};

// The text of a quoted PO string, its escapes undone ("a\"b" -> a"b).
std::string unquote(const std::string& text) {
    const auto first = text.find('"');
    const auto last = text.rfind('"');
    std::string out;
    if (first == std::string::npos || last <= first) {
        return out;
    }
    for (std::size_t i = first + 1; i < last; ++i) {
        if (text[i] == '\\' && i + 1 < last) {
            ++i;
            out += text[i] == 'n' ? '\n' : text[i] == 't' ? '\t' : text[i];
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<Entry> readPo(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<Entry> entries;
    Entry entry;
    std::string* current = nullptr;
    bool fuzzyNext = false;
    auto finish = [&] {
        if (entry.line != 0) {
            entries.push_back(entry);
        }
        entry = Entry{};
        current = nullptr;
    };
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("#,", 0) == 0) {
            fuzzyNext = line.find("fuzzy") != std::string::npos;
        } else if (line.rfind("msgid_plural", 0) == 0) {
            entry.plural = unquote(line);
            current = &entry.plural;
        } else if (line.rfind("msgid", 0) == 0) {
            finish();
            entry.line = number;
            entry.fuzzy = fuzzyNext;
            fuzzyNext = false;
            entry.msgid = unquote(line);
            current = &entry.msgid;
        } else if (line.rfind("msgstr", 0) == 0) {
            entry.msgstr.push_back(unquote(line));
            current = &entry.msgstr.back();
        } else if (!line.empty() && line[0] == '"' && current != nullptr) {
            *current += unquote(line);
        }
    }
    finish();
    return entries;
}

// The fmt replacement fields of a text in order ({{ and }} are literal braces).
std::vector<std::string> placeholders(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '{') {
            ++i;
            continue;
        }
        if (text[i] == '{') {
            const auto end = text.find('}', i);
            if (end == std::string::npos) {
                out.emplace_back("{ unclosed");
                break;
            }
            out.push_back(text.substr(i, end - i + 1));
            i = end;
        }
    }
    return out;
}

// The fields a text asks fmt for: (argument index, format spec), sorted. Automatic fields ({})
// count from 0 in order, so a translation may number them ({1} … {0}) to change their order;
// a text that mixes the two kinds gets a field fmt would refuse.
std::vector<std::pair<int, std::string>> fields(const std::string& text) {
    std::vector<std::pair<int, std::string>> out;
    int automatic = 0;
    bool numbered = false;
    for (const auto& field : placeholders(text)) {
        const std::string inside = field.substr(1, field.size() - 2);
        const auto colon = inside.find(':');
        const std::string index = inside.substr(0, colon);
        const std::string spec = colon == std::string::npos ? "" : inside.substr(colon);
        if (index.empty()) {
            out.emplace_back(numbered ? -1 : automatic++, spec);
        } else if (std::all_of(index.begin(), index.end(), [](char c) {
                       return std::isdigit(static_cast<unsigned char>(c));
                   })) {
            numbered = true;
            out.emplace_back(automatic > 0 ? -1 : std::stoi(index), spec);
        } else {
            out.emplace_back(-2, field); // a named field: none of ours
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> languages() {
    std::ifstream in(kLocale / "LINGUAS");
    std::vector<std::string> out;
    std::string word;
    while (in >> word) {
        out.push_back(word);
    }
    return out;
}

} // namespace

TEST_CASE("the placeholder reader finds fmt fields and skips literal braces",
          "[content][translation]") {
    CHECK(placeholders("{} of {} days") == std::vector<std::string>{"{}", "{}"});
    CHECK(placeholders("{:.1f} s, {{literal}}") == std::vector<std::string>{"{:.1f}"});
    CHECK(placeholders("no fields").empty());
    CHECK(unquote(R"("say \"hi\"\n")") == "say \"hi\"\n");
    using F = std::vector<std::pair<int, std::string>>;
    CHECK(fields("from {} to {:.1f}") == F{{0, ""}, {1, ":.1f"}});
    CHECK(fields("bis {1:.1f} von {0}") == fields("from {} to {:.1f}"));
    CHECK(fields("{} and {0}") != fields("{} and {}")); // fmt refuses the mix
    CHECK(fields("{}") != fields("{} {}"));
}

TEST_CASE("every interface message is translated, none fuzzy, with its fmt placeholders",
          "[content][translation]") {
    const auto langs = languages();
    REQUIRE(std::find(langs.begin(), langs.end(), "de") != langs.end());
    REQUIRE(std::find(langs.begin(), langs.end(), "es") != langs.end());
    const auto templ = readPo(kLocale / "motus.pot");
    REQUIRE(templ.size() > 500);
    for (const auto& lang : langs) {
        const auto file = kLocale / (lang + ".po");
        INFO(file.string());
        const auto entries = readPo(file);
        std::size_t messages = 0;
        for (const auto& e : entries) {
            if (e.msgid.empty()) {
                continue; // the header
            }
            ++messages;
            INFO("line " << e.line << ": " << e.msgid);
            CHECK_FALSE(e.fuzzy);
            REQUIRE_FALSE(e.msgstr.empty());
            const auto wanted = fields(e.msgid);
            for (const auto& str : e.msgstr) {
                CHECK_FALSE(str.empty());
                CHECK(fields(str) == wanted);
            }
        }
        // Every message of the template is in the catalogue (update-pot merged it).
        CHECK(messages == templ.size() - 1);
    }
}
