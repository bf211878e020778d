#pragma once
#include <string>
#include <vector>

// User-visible text goes through gettext (domain "motus"). The header names no vendor; the
// implementation uses glibc's libintl.
namespace motus::core {

inline constexpr const char* kTextDomain = "motus";

// Translates a message id into the UI language.
[[nodiscard]] const char* tr(const char* msgid);
// Chooses singular or plural by n.
[[nodiscard]] const char* trn(const char* singular, const char* plural, unsigned long n);

// Binds the catalogue folder and chooses the UI language: `lang` (from --lang) wins over the
// environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Numbers stay in the C locale.
void initI18n(const std::string& localeDir, const std::string& lang);

// The two-letter language of the UI, for choosing exercise text ("en" when untranslated).
[[nodiscard]] std::string uiLanguage();

// A translated pattern with its values: %1 … %9 stand for values[0] … values[8], so that a
// translation may put them in another order.
[[nodiscard]] std::string fill(const char* pattern, const std::vector<std::string>& values);

} // namespace motus::core

// Marks a string for extraction without translating it where it stands.
#define N_(text) text
