#include "Chart.hpp"

#include "Html.hpp"
#include "core/Journal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace motus::document {
namespace {

constexpr double kWidth = 660;
constexpr double kLeft = 46;
constexpr double kRight = 14;
constexpr double kTop = 34;    // the legend
constexpr double kBottom = 40; // the dates
constexpr const char* kFont = R"(font-family="DejaVu Sans, Arial, sans-serif")";

long daysBetween(core::Date a, core::Date b) {
    return (std::chrono::sys_days(b) - std::chrono::sys_days(a)).count();
}

std::string open(double width, double height, const std::string& title) {
    return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{0}" )"
                       R"(height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="{2}" {3} )"
                       R"(font-size="9"><title>{2}</title>)",
                       num(width), num(height), escape(title), kFont);
}

std::string text(double x, double y, const std::string& words, const char* anchor = "middle",
                 const char* extra = "") {
    return fmt::format(R"(<text x="{}" y="{}" text-anchor="{}"{}>{}</text>)", num(x), num(y),
                       anchor, extra, escape(words));
}

std::string marker(Marker shape, double x, double y, const std::string& colour, bool filled,
                   double r = 3.6) {
    const std::string fill = filled ? colour : "#fff";
    const std::string style =
        fmt::format(R"(fill="{}" stroke="{}" stroke-width="1.4")", fill, colour);
    switch (shape) {
    case Marker::None:
        return {};
    case Marker::Circle:
        return fmt::format(R"(<circle cx="{}" cy="{}" r="{}" {}/>)", num(x), num(y), num(r), style);
    case Marker::Square:
        return fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" {}/>)", num(x - r),
                           num(y - r), num(2 * r), num(2 * r), style);
    case Marker::Triangle:
        return fmt::format(R"(<polygon points="{},{} {},{} {},{}" {}/>)", num(x), num(y - r * 1.2),
                           num(x - r * 1.1), num(y + r * 0.8), num(x + r * 1.1), num(y + r * 0.8),
                           style);
    case Marker::Diamond:
        return fmt::format(R"(<polygon points="{},{} {},{} {},{} {},{}" {}/>)", num(x),
                           num(y - r * 1.3), num(x + r * 1.1), num(y), num(x), num(y + r * 1.3),
                           num(x - r * 1.1), num(y), style);
    }
    return {};
}

std::string dashAttr(const std::string& dash) {
    return dash.empty() ? std::string() : fmt::format(R"( stroke-dasharray="{}")", dash);
}

std::string mmdd(core::Date d) {
    return fmt::format("{:02}-{:02}", static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

} // namespace

std::string barChartSvg(const BarChart& chart) {
    const double height = 210;
    const double plotTop = 22;
    const double plotBottom = height - kBottom;
    const double plotH = plotBottom - plotTop;
    const double plotW = kWidth - kLeft - kRight;
    auto y = [&](double v) { return plotBottom - std::clamp(v / chart.max, 0.0, 1.0) * plotH; };
    std::string out = open(kWidth, height, chart.title);
    // Axis and grid.
    for (int i = 0; i <= 4; ++i) {
        const double v = chart.max * i / 4;
        out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#ccc" )"
                           R"(stroke-width="0.6"/>)",
                           num(kLeft), num(y(v)), num(kWidth - kRight));
        out +=
            text(kLeft - 4, y(v) + 3, fmt::format("{}", static_cast<int>(std::lround(v))), "end");
    }
    out += text(10, plotTop - 8, chart.axis, "start", R"( font-weight="bold")");
    const auto n = std::max<std::size_t>(chart.bars.size(), 1);
    const double slot = plotW / static_cast<double>(n);
    const double barW = std::min(slot * 0.62, 60.0);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& bar = chart.bars[i];
        const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
        if (bar.value) {
            out += fmt::format(R"(<rect class="bar" x="{}" y="{}" width="{}" height="{}" )"
                               R"(fill="#56B4E9" stroke="#000" stroke-width="0.8"/>)",
                               num(cx - barW / 2), num(y(*bar.value)), num(barW),
                               num(plotBottom - y(*bar.value)));
        }
        out += text(cx, (bar.value ? y(*bar.value) : plotBottom) - 3,
                    bar.value ? bar.text : std::string("–"), "middle",
                    R"( font-weight="bold" font-size="10")");
        out += text(cx, plotBottom + 12, bar.label);
        out += text(cx, plotBottom + 23, bar.sublabel, "middle", R"( fill="#333" font-size="8")");
    }
    if (chart.reference) {
        const double ry = y(*chart.reference);
        out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#000" )"
                           R"(stroke-width="1" stroke-dasharray="5 3"/>)",
                           num(kLeft), num(ry), num(kWidth - kRight));
        out +=
            text(kWidth - kRight, ry - 3, chart.referenceLabel, "end", R"( font-style="italic")");
    }
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#000"/>)", num(kLeft),
                       num(plotTop), num(plotBottom));
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#000"/>)", num(kLeft),
                       num(plotBottom), num(kWidth - kRight));
    out += "</svg>";
    return out;
}

std::string lineChartSvg(const LineChart& chart) {
    const double height = chart.height;
    const double plotTop = kTop;
    const double plotBottom = height - kBottom;
    const double plotH = plotBottom - plotTop;
    const double plotW = kWidth - kLeft - kRight;
    const long days = std::max(1L, daysBetween(chart.from, chart.to) + 1);
    auto x = [&](core::Date d) {
        return kLeft + (static_cast<double>(daysBetween(chart.from, d)) + 0.5) * plotW /
                           static_cast<double>(days);
    };
    auto y = [&](double v) {
        return plotBottom - (v - chart.yMin) / std::max(chart.yMax - chart.yMin, 1e-9) * plotH;
    };
    std::string out = open(kWidth, height, chart.title);
    // Grid and y axis.
    for (double v = chart.yMin; v <= chart.yMax + 1e-9; v += chart.yStep) {
        out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#ddd" )"
                           R"(stroke-width="0.6"/>)",
                           num(kLeft), num(y(v)), num(kWidth - kRight));
        out += text(kLeft - 4, y(v) + 3, num(v), "end");
    }
    // Dates: at most about twelve labels, on whole weeks from the first day when long.
    const long step = days <= 14 ? 1 : days <= 31 ? 7 : 7 * ((days + 83) / 84);
    for (long d = 0; d < days; d += step) {
        const core::Date date(std::chrono::sys_days(chart.from) + std::chrono::days(d));
        const double cx = x(date);
        out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#000"/>)", num(cx),
                           num(plotBottom), num(plotBottom + 4));
        out += text(cx, plotBottom + 14, mmdd(date));
    }
    out += text(kLeft + plotW / 2, height - 6,
                fmt::format("{} – {}", core::formatDate(chart.from), core::formatDate(chart.to)),
                "middle", R"( fill="#333")");
    out += text(4, 12, chart.axis, "start", R"( font-weight="bold")");
    // Events: a dotted vertical line and the number on top.
    for (const auto& e : chart.events) {
        if (e.date < chart.from || e.date > chart.to) {
            continue;
        }
        // At the start of its day, where the step of the dose it made begins.
        const double ex = x(e.date) - plotW / static_cast<double>(days) / 2;
        out += fmt::format(R"(<line class="event" x1="{0}" y1="{1}" x2="{0}" y2="{2}" )"
                           R"(stroke="#000" stroke-width="0.8" stroke-dasharray="1 2"/>)",
                           num(ex), num(plotTop + 6), num(plotBottom));
        if (e.byTherapist) {
            out += fmt::format(R"(<rect x="{}" y="{}" width="13" height="13" fill="#fff" )"
                               R"(stroke="#000"/>)",
                               num(ex - 6.5), num(plotTop - 7));
        } else {
            out += fmt::format(R"(<circle cx="{}" cy="{}" r="7" fill="#fff" stroke="#000"/>)",
                               num(ex), num(plotTop - 0.5));
        }
        out += text(ex, plotTop + 3, std::to_string(e.number), "middle",
                    R"( font-size="8.5" font-weight="bold")");
    }
    // Series, then the legend (shape, dash and name) above the plot.
    double legendX = kLeft + (chart.axis.size() > 30 ? 150 : 110);
    for (const auto& s : chart.series) {
        const double half = plotW / static_cast<double>(days) / 2;
        std::string path;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const auto& p = s.points[i];
            const double px = s.step ? x(p.date) - half : x(p.date);
            if (i == 0 || s.points[i - 1].end) {
                path += fmt::format(" M{},{}", num(px), num(y(p.value)));
            } else if (s.step && p.end) {
                path += fmt::format(" H{}", num(px));
            } else if (s.step) {
                path += fmt::format(" H{} V{}", num(px), num(y(p.value)));
            } else {
                path += fmt::format(" L{},{}", num(px), num(y(p.value)));
            }
        }
        if (s.step && !s.points.empty() && !s.points.back().end) {
            path += fmt::format(" H{}", num(x(chart.to) + half));
        }
        if (!path.empty()) {
            out += fmt::format(R"(<path class="series" d="{}" fill="none" stroke="{}" )"
                               R"(stroke-width="1.6"{}/>)",
                               path.substr(1), s.colour, dashAttr(s.dash));
        }
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const auto& p = s.points[i];
            const double px = s.step ? x(p.date) - half : x(p.date);
            if (p.end) {
                // The end of a line: a short bar across it, and why, written before it.
                out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" )"
                                   R"(stroke-width="1.6"/>)",
                                   num(px), num(y(p.value) - 5), num(y(p.value) + 5), s.colour);
                out += text(px - 3, y(p.value) + 12, p.label, "end", R"( font-style="italic")");
                continue;
            }
            out += marker(s.marker, px, y(p.value), s.colour, s.filled);
            if (p.label.empty()) {
                continue;
            }
            if (s.step && s.marker == Marker::None) {
                // A line without markers (the baseline) is labelled at the end of each step.
                const double end =
                    i + 1 < s.points.size() ? x(s.points[i + 1].date) - half : x(chart.to) + half;
                out += text(end - 2, y(p.value) + (s.labelsBelow ? 11 : -4), p.label, "end",
                            R"( font-style="italic")");
            } else if (s.step) {
                // Near the right edge the label ends at the edge instead of running off it.
                const double width = 5.0 * static_cast<double>(p.label.size());
                const bool fits = px + 3 + width <= kWidth - kRight;
                out += text(fits ? px + 3 : kWidth - kRight, y(p.value) + (s.labelsBelow ? 13 : -6),
                            p.label, fits ? "start" : "end");
            } else {
                out += text(px, y(p.value) + (s.labelsBelow ? 13 : -6), p.label);
            }
        }
        if (!s.name.empty()) {
            out += fmt::format(R"(<line x1="{0}" y1="14" x2="{1}" y2="14" stroke="{2}" )"
                               R"(stroke-width="1.6"{3}/>)",
                               num(legendX), num(legendX + 22), s.colour, dashAttr(s.dash));
            out += marker(s.marker, legendX + 11, 14, s.colour, s.filled);
            out += text(legendX + 26, 17, s.name, "start");
            legendX += 34 + 5.2 * static_cast<double>(s.name.size());
        }
    }
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#000"/>)", num(kLeft),
                       num(plotTop), num(plotBottom));
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#000"/>)", num(kLeft),
                       num(plotBottom), num(kWidth - kRight));
    if (!chart.note.empty()) {
        out += text(kLeft + plotW / 2, plotTop + plotH / 2, chart.note, "middle",
                    R"( font-size="11" fill="#333")");
    }
    out += "</svg>";
    return out;
}

} // namespace motus::document
