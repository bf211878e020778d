#include "Chart.hpp"

#include "Html.hpp"
#include "core/Journal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <optional>

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
    const double plotTop = 28; // room for the values over full bars, under the axis' name
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
    out += text(10, 12, chart.axis, "start", R"( font-weight="bold")");
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
        // Named in a legend above the plot, where no bar's value can run into it.
        const double w = textWidth(chart.referenceLabel, 9);
        out += fmt::format(R"(<line x1="{0}" y1="9" x2="{1}" y2="9" stroke="#000" )"
                           R"(stroke-width="1" stroke-dasharray="5 3"/>)",
                           num(kWidth - kRight - w - 28), num(kWidth - kRight - w - 4));
        out += text(kWidth - kRight, 12, chart.referenceLabel, "end", R"( font-style="italic")");
    }
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#000"/>)", num(kLeft),
                       num(plotTop), num(plotBottom));
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#000"/>)", num(kLeft),
                       num(plotBottom), num(kWidth - kRight));
    out += "</svg>";
    return out;
}

namespace {

// A place for a label: its anchor point (SVG's x, the baseline's y) and text-anchor.
struct Spot {
    double x = 0;
    double y = 0;
    const char* anchor = "start";
};

constexpr double kRow = 11; // a line of 9 px text and a little air

// Spots on rows of text from a first one on one side of a line to the same distance on the
// other side, then a row further on each side, and so on: `near` and `far` are the first rows'
// baselines on the preferred side and on the other.
void rows(std::vector<Spot>& spots, double x, const char* anchor, double near, double far,
          int count, int from = 0) {
    const double away = far > near ? -kRow : kRow; // the preferred side moves away from the line
    for (int i = from; i < count; ++i) {
        spots.push_back({x, near + away * i, anchor});
        spots.push_back({x, far - away * i, anchor});
    }
}

std::vector<std::string> codePoints(std::string_view words) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto c = static_cast<unsigned char>(words[i]);
        if ((c & 0xC0) == 0x80 && !out.empty()) {
            out.back() += words[i];
        } else {
            out.emplace_back(1, words[i]);
        }
    }
    return out;
}

// Labels placed one after the other, each where it overlaps no label or marker placed before
// and stays inside the area.
class Layout {
public:
    explicit Layout(TextBox area) : area_(area) {}
    void block(const TextBox& b) { taken_.push_back(b); }
    void line(const TextBox& b) { lines_.push_back(b); }

    // The <text> of `words` at the first free spot (a spot that crosses a line of the chart
    // counts as two or three spots later); when none is free, the longest beginning of it that
    // fits, ending in "…", with the whole text in its <title> (and in `shortened`).
    std::string place(const std::string& words, const std::vector<Spot>& spots, double fontSize,
                      const std::string& extra, core::Date date,
                      std::vector<Shortened>* shortened) {
        if (words.empty() || spots.empty()) {
            return {};
        }
        if (const auto k = best(words, spots, fontSize)) {
            return put(words, spots[*k], fontSize, extra, {});
        }
        auto chars = codePoints(words);
        for (std::size_t n = chars.size() - 1; n >= 1; --n) {
            std::string head;
            for (std::size_t i = 0; i < n; ++i) {
                head += chars[i];
            }
            while (!head.empty() && (head.back() == ' ' || head.back() == ',')) {
                head.pop_back();
            }
            if (head.empty()) {
                break;
            }
            head += "…";
            if (const auto k = best(head, spots, fontSize)) {
                if (shortened != nullptr) {
                    shortened->push_back({date, words});
                }
                return put(head, spots[*k], fontSize, extra, words);
            }
        }
        // Nowhere free (more labels than the plot holds): the first spot, kept inside.
        Spot s = spots.front();
        const TextBox b = textBox(s.x, s.y, s.anchor, words, fontSize);
        s.x += std::max(0.0, area_.left - b.left) - std::max(0.0, b.right - area_.right);
        return put(words, s, fontSize, extra, {});
    }

private:
    [[nodiscard]] bool inside(const TextBox& b) const {
        constexpr double e = 0.01;
        return b.left >= area_.left - e && b.right <= area_.right + e && b.top >= area_.top - e &&
               b.bottom <= area_.bottom + e;
    }
    [[nodiscard]] std::optional<std::size_t>
    best(const std::string& words, const std::vector<Spot>& spots, double fontSize) const {
        std::optional<std::size_t> found;
        double cost = 0;
        for (std::size_t k = 0; k < spots.size(); ++k) {
            const TextBox b = textBox(spots[k].x, spots[k].y, spots[k].anchor, words, fontSize);
            if (!inside(b) || std::any_of(taken_.begin(), taken_.end(),
                                          [&](const TextBox& t) { return overlap(b, t); })) {
                continue;
            }
            const auto crossed = std::count_if(lines_.begin(), lines_.end(),
                                               [&](const TextBox& l) { return overlap(b, l); });
            const double c = static_cast<double>(k) + 2.5 * static_cast<double>(crossed);
            if (!found || c < cost) {
                found = k;
                cost = c;
            }
        }
        return found;
    }
    std::string put(const std::string& words, const Spot& s, double fontSize,
                    const std::string& extra, const std::string& whole) {
        taken_.push_back(textBox(s.x, s.y, s.anchor, words, fontSize));
        // A white halo keeps a label readable where a line runs behind it.
        const std::string title =
            whole.empty() ? std::string() : "<title>" + escape(whole) + "</title>";
        return fmt::format(R"(<text x="{}" y="{}" text-anchor="{}" stroke="#fff" )"
                           R"(stroke-width="2.5" stroke-linejoin="round" paint-order="stroke"{}>)"
                           R"({}{}</text>)",
                           num(s.x), num(s.y), s.anchor, extra, title, escape(words));
    }

    TextBox area_;
    std::vector<TextBox> taken_;
    std::vector<TextBox> lines_;
};

} // namespace

double textWidth(std::string_view words, double fontSize, bool bold) {
    // Advance widths of DejaVu Sans in em, by class, rounded up.
    double em = 0;
    for (const auto& c : codePoints(words)) {
        if (c.size() > 1) {
            em += c == "·" ? 0.33 : c == "–" ? 0.52 : c == "…" ? 1.0 : 0.86; // × and the rest
        } else if (std::string_view(" .,:;'|!ijlft()[]-/").find(c[0]) != std::string_view::npos) {
            em += 0.4;
        } else if (c[0] == 'm' || c[0] == 'w' || c[0] == 'M' || c[0] == 'W' || c[0] == '%') {
            em += 1.0;
        } else if (std::isupper(static_cast<unsigned char>(c[0])) != 0) {
            em += 0.78;
        } else {
            em += 0.64;
        }
    }
    return em * fontSize * (bold ? 1.15 : 1.0);
}

TextBox textBox(double x, double y, std::string_view anchor, std::string_view words,
                double fontSize, bool bold) {
    const double w = textWidth(words, fontSize, bold);
    const double left = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x;
    return {left, y - 0.76 * fontSize, left + w, y + 0.24 * fontSize};
}

bool overlap(const TextBox& a, const TextBox& b) {
    constexpr double e = 0.01; // touching is not overlapping
    return a.left < b.right - e && b.left < a.right - e && a.top < b.bottom - e &&
           b.top < a.bottom - e;
}

std::string lineChartSvg(const LineChart& chart, std::vector<Shortened>* shortened) {
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
    const double half = plotW / static_cast<double>(days) / 2;
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
    // Labels stay in the plot and the band above it, under the legend.
    Layout layout({kLeft + 1, 20, kWidth - kRight, plotBottom + 3});
    // Events: a dotted vertical line and the number on top. Numbers too close for their boxes
    // move apart sideways, each joined to its line.
    constexpr double kMark = 15; // a number's box and a little air
    struct Placed {
        const Event* event;
        double ex;
        double cx;
    };
    std::vector<Placed> placed;
    for (const auto& e : chart.events) {
        if (e.date < chart.from || e.date > chart.to) {
            continue;
        }
        // At the start of its day, where the step of the dose it made begins.
        const double ex = x(e.date) - half;
        placed.push_back({&e, ex, ex});
    }
    std::stable_sort(placed.begin(), placed.end(),
                     [](const Placed& a, const Placed& b) { return a.ex < b.ex; });
    for (std::size_t i = 1; i < placed.size(); ++i) {
        placed[i].cx = std::max(placed[i].cx, placed[i - 1].cx + kMark);
    }
    for (std::size_t i = placed.size(); i-- > 0;) {
        const double limit =
            i + 1 < placed.size() ? placed[i + 1].cx - kMark : kWidth - kRight - kMark / 2;
        placed[i].cx = std::min(placed[i].cx, limit);
    }
    for (const auto& [e, ex, cx] : placed) {
        out += fmt::format(R"(<line class="event" x1="{0}" y1="{1}" x2="{0}" y2="{2}" )"
                           R"(stroke="#000" stroke-width="0.8" stroke-dasharray="1 2"/>)",
                           num(ex), num(plotTop + (cx == ex ? 6 : 11)), num(plotBottom));
        if (cx != ex) {
            out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000" )"
                               R"(stroke-width="0.8"/>)",
                               num(cx), num(plotTop + 6.5), num(ex), num(plotTop + 11));
        }
        if (e->byTherapist) {
            out += fmt::format(R"(<rect x="{}" y="{}" width="13" height="13" fill="#fff" )"
                               R"(stroke="#000"/>)",
                               num(cx - 6.5), num(plotTop - 7));
        } else {
            out += fmt::format(R"(<circle cx="{}" cy="{}" r="7" fill="#fff" stroke="#000"/>)",
                               num(cx), num(plotTop - 0.5));
        }
        out += text(cx, plotTop + 3, std::to_string(e->number), "middle",
                    R"( font-size="8.5" font-weight="bold")");
        layout.block({cx - 7.5, plotTop - 8, cx + 7.5, plotTop + 7});
    }
    // Where each point is drawn.
    auto at = [&](const Series& s, const Point& p) {
        return s.step ? x(p.date) - half : x(p.date);
    };
    // Markers and lines first, so that the labels keep off the markers and, where they can, off
    // the lines.
    for (const auto& s : chart.series) {
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const auto& p = s.points[i];
            const double px = at(s, p);
            const double py = y(p.value);
            if (p.end) {
                layout.block({px - 1.5, py - 5.5, px + 1.5, py + 5.5});
                continue;
            }
            if (s.marker != Marker::None) {
                layout.block({px - 4.3, py - 4.3, px + 4.3, py + 4.3});
            }
            if (!s.step) {
                continue;
            }
            const bool last = i + 1 == s.points.size();
            const double to = last ? x(chart.to) + half : at(s, s.points[i + 1]);
            layout.line({px, py - 0.8, to, py + 0.8});
            if (!last && !s.points[i + 1].end) {
                const double ny = y(s.points[i + 1].value);
                layout.line({to - 0.8, std::min(py, ny), to + 0.8, std::max(py, ny)});
            }
        }
    }
    // Series, then the legend (shape, dash and name) above the plot; the labels last, over all.
    std::string labels;
    double legendX = kLeft + (chart.axis.size() > 30 ? 150 : 110);
    for (const auto& s : chart.series) {
        std::string path;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const auto& p = s.points[i];
            const double px = at(s, p);
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
            const double px = at(s, p);
            const double py = y(p.value);
            std::vector<Spot> spots;
            const char* style = "";
            if (p.end) {
                // The end of a line: a short bar across it, and why: before it under the line,
                // else after it, else above, else a row further.
                out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" )"
                                   R"(stroke-width="1.6"/>)",
                                   num(px), num(py - 5), num(py + 5), s.colour);
                spots = {{px - 3, py + 12, "end"}, {px + 4, py + 3, "start"}};
                rows(spots, px - 3, "end", py + 12, py - 5, 5);
                spots.erase(spots.begin() + 2); // the first row below is the first spot
                style = R"( font-style="italic")";
            } else {
                out += marker(s.marker, px, py, s.colour, s.filled);
                if (s.step && s.marker == Marker::None) {
                    // A line without markers (the baseline) is labelled at the end of each step.
                    const double end =
                        i + 1 < s.points.size() ? at(s, s.points[i + 1]) : x(chart.to) + half;
                    rows(spots, end - 2, "end", s.labelsBelow ? py + 11 : py - 4,
                         s.labelsBelow ? py - 4 : py + 11, 3);
                    style = R"( font-style="italic")";
                } else if (s.step) {
                    // After the point; near the right edge ending at the edge instead.
                    const bool fits = px + 3 + textWidth(p.label, 9) <= kWidth - kRight;
                    rows(spots, fits ? px + 3 : kWidth - kRight, fits ? "start" : "end",
                         s.labelsBelow ? py + 13 : py - 7, s.labelsBelow ? py - 7 : py + 13, 6);
                } else {
                    rows(spots, px, "middle", s.labelsBelow ? py + 13 : py - 7,
                         s.labelsBelow ? py - 7 : py + 13, 2);
                    // Then beside the point, right or left.
                    spots.push_back({px + 5, py + 3, "start"});
                    spots.push_back({px - 5, py + 3, "end"});
                }
            }
            labels += layout.place(p.label, spots, 9, style, p.date, shortened);
        }
        if (!s.name.empty()) {
            out += fmt::format(R"(<line x1="{0}" y1="14" x2="{1}" y2="14" stroke="{2}" )"
                               R"(stroke-width="1.6"{3}/>)",
                               num(legendX), num(legendX + 22), s.colour, dashAttr(s.dash));
            out += marker(s.marker, legendX + 11, 14, s.colour, s.filled);
            out += text(legendX + 26, 17, s.name, "start");
            legendX += 34 + textWidth(s.name, 9);
        }
    }
    out += labels;
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
