#pragma once
#include <cstdlib>
#include <optional>
#include <string>

namespace motus::test {

// An environment variable as it was before the scope, given back at its end (set again, or
// unset when it was not set). With a value, the variable is set to it for the scope.
class ScopedEnv {
public:
    explicit ScopedEnv(const char* name) : m_name(name) {
        if (const char* value = std::getenv(name)) {
            m_old = value;
        }
    }
    ScopedEnv(const char* name, const std::string& value) : ScopedEnv(name) {
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (m_old) {
            ::setenv(m_name, m_old->c_str(), 1);
        } else {
            ::unsetenv(m_name);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace motus::test
