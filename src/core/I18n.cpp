#include "I18n.hpp"

#include <clocale>
#include <cstdlib>
#include <libintl.h>

namespace motus::core {

const char* tr(const char* msgid) {
    return dgettext(kTextDomain, msgid);
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
    return dngettext(kTextDomain, singular, plural, n);
}

void initI18n(const std::string& localeDir, const std::string& lang) {
    if (!lang.empty()) {
        setenv("LANGUAGE", lang.c_str(), 1);
    }
    if (std::setlocale(LC_ALL, "") == nullptr) {
        std::setlocale(LC_ALL, "C.UTF-8");
    }
    // GNU gettext ignores LANGUAGE in the plain C locale; C.UTF-8 is always there.
    const char* messages = std::setlocale(LC_MESSAGES, nullptr);
    if (messages != nullptr && (std::string(messages) == "C" || std::string(messages) == "POSIX")) {
        std::setlocale(LC_MESSAGES, "C.UTF-8");
    }
    std::setlocale(LC_NUMERIC, "C");
    bindtextdomain(kTextDomain, localeDir.c_str());
    bind_textdomain_codeset(kTextDomain, "UTF-8");
    textdomain(kTextDomain);
}

std::string uiLanguage() {
    // The catalogue says which language it is: its translation of this marker.
    const char* marker = tr("ui-language-code");
    std::string code = marker;
    if (code == "ui-language-code" || code.size() != 2) {
        return "en";
    }
    return code;
}

std::string fill(const char* pattern, const std::vector<std::string>& values) {
    std::string out = pattern;
    for (std::size_t i = 0; i < values.size() && i < 9; ++i) {
        const std::string key = "%" + std::to_string(i + 1);
        for (auto at = out.find(key); at != std::string::npos;
             at = out.find(key, at + values[i].size())) {
            out.replace(at, key.size(), values[i]);
        }
    }
    return out;
}

} // namespace motus::core
