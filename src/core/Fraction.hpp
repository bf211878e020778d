#pragma once
#include <compare>
#include <cstdint>
#include <numeric>

// An exact rational number, for the thresholds of clinical-rules.md (§2: "compared exactly, with
// integers or fractions, never with floating-point equality"): 4 of 5 is exactly 4/5 and passes
// "at least 80 %".
namespace motus::core {

class Fraction {
public:
    constexpr Fraction() = default;
    constexpr Fraction(std::int64_t whole) : m_num(whole) {} // NOLINT: a whole number is exact
    constexpr Fraction(std::int64_t num, std::int64_t den) : m_num(num), m_den(den) { normalise(); }

    [[nodiscard]] constexpr std::int64_t num() const { return m_num; }
    [[nodiscard]] constexpr std::int64_t den() const { return m_den; }
    [[nodiscard]] constexpr double toDouble() const {
        return static_cast<double>(m_num) / static_cast<double>(m_den);
    }

    friend constexpr Fraction operator+(Fraction a, Fraction b) {
        return {a.m_num * b.m_den + b.m_num * a.m_den, a.m_den * b.m_den};
    }
    friend constexpr Fraction operator-(Fraction a, Fraction b) {
        return {a.m_num * b.m_den - b.m_num * a.m_den, a.m_den * b.m_den};
    }
    friend constexpr Fraction operator*(Fraction a, Fraction b) {
        return {a.m_num * b.m_num, a.m_den * b.m_den};
    }
    friend constexpr Fraction operator/(Fraction a, Fraction b) {
        return {a.m_num * b.m_den, a.m_den * b.m_num};
    }
    Fraction& operator+=(Fraction other) { return *this = *this + other; }

    friend constexpr bool operator==(Fraction a, Fraction b) {
        return a.m_num == b.m_num && a.m_den == b.m_den;
    }
    friend constexpr std::strong_ordering operator<=>(Fraction a, Fraction b) {
        return a.m_num * b.m_den <=> b.m_num * a.m_den; // denominators are positive
    }

private:
    constexpr void normalise() {
        if (m_den < 0) {
            m_num = -m_num;
            m_den = -m_den;
        }
        if (m_den == 0) { // a contract violation; kept finite
            m_den = 1;
        }
        const std::int64_t g = std::gcd(m_num < 0 ? -m_num : m_num, m_den);
        if (g > 1) {
            m_num /= g;
            m_den /= g;
        }
    }

    std::int64_t m_num = 0;
    std::int64_t m_den = 1;
};

[[nodiscard]] constexpr Fraction minOf(Fraction a, Fraction b) {
    return b < a ? b : a;
}

} // namespace motus::core
