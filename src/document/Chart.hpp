#pragma once
#include "core/Decision.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Charts as inline SVG that need no script to read, on paper and in greyscale: every series has
// its own marker shape and dash pattern, a legend that shows both, and values written beside
// the points; colour (Okabe & Ito's palette, safe for colour-blind readers) only helps.
namespace motus::document {

// One bar of a bar chart: its label under it (two lines), its value (empty: no data, shown as
// "–"), and the text written on it.
struct Bar {
    std::string label;
    std::string sublabel;
    std::optional<double> value;
    std::string text;
};

// Bars from 0 to `max`, with a dashed reference line at `reference` (e.g. 80 %) labelled.
struct BarChart {
    std::string title; // the accessible name
    std::string axis;  // the y axis, e.g. "% of sessions"
    double max = 100;
    std::optional<double> reference;
    std::string referenceLabel;
    std::vector<Bar> bars;
};
[[nodiscard]] std::string barChartSvg(const BarChart& chart);

enum class Marker { None, Circle, Square, Triangle, Diamond };

struct Point {
    core::Date date;
    double value = 0;
    std::string label; // written beside the point; empty: none
    bool end = false;  // a step line stops here (no marker); a later point starts it again
};

struct Series {
    std::string name;
    std::vector<Point> points;
    Marker marker = Marker::Circle;
    bool filled = true;
    std::string colour = "#000";
    std::string dash;         // SVG stroke-dasharray; empty: solid
    bool step = false;        // a step line (a value holds until the next point)
    bool labelsBelow = false; // value labels under the points instead of above
};

// A numbered event: a vertical line at its date with its number in a circle on top.
struct Event {
    core::Date date;
    int number = 0;
    bool byTherapist = false; // a square instead of a circle: the plan or the therapist
};

// Days from `from` to `to` on the x axis, values from yMin to yMax on the y axis.
struct LineChart {
    std::string title;
    std::string axis;
    core::Date from;
    core::Date to;
    double yMin = 0;
    double yMax = 10;
    double yStep = 2;
    double height = 230;
    std::vector<Series> series;
    std::vector<Event> events;
    std::string note; // a line under the chart, e.g. what is missing
};

// A label the chart had to shorten (ending in "…", the whole text in its SVG <title>): the
// date of its point and the whole text, for a list under the chart.
struct Shortened {
    core::Date date;
    std::string text;
};

// The labels (values, doses, why a line ends, the numbers of events) are laid out so that no
// two of them overlap and none leaves the plot: each is moved a row up or down, or to the other
// side of its line, and only shortened when no place is free (`shortened`, when given, gets
// those).
[[nodiscard]] std::string lineChartSvg(const LineChart& chart,
                                       std::vector<Shortened>* shortened = nullptr);

// Where a text lands, as the layout estimates it from its characters and its font size (DejaVu
// Sans, a little wide, so that the estimate errs on the safe side); for the layout and the tests.
struct TextBox {
    double left = 0;
    double top = 0;
    double right = 0;
    double bottom = 0;
};
[[nodiscard]] double textWidth(std::string_view words, double fontSize, bool bold = false);
// `anchor`: "start", "middle" or "end", as SVG's text-anchor; y is the baseline.
[[nodiscard]] TextBox textBox(double x, double y, std::string_view anchor, std::string_view words,
                              double fontSize, bool bold = false);
[[nodiscard]] bool overlap(const TextBox& a, const TextBox& b);

} // namespace motus::document
