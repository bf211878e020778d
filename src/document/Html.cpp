#include "Html.hpp"

#include "core/Utf8.hpp"

#include <fmt/format.h>

#include <cmath>

namespace motus::document {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto [cp, length] = core::decodeUtf8(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        const bool control = (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
        if (!control && cp != 0xFFFE && cp != 0xFFFF) {
            switch (cp) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.append(text.substr(i, length));
            }
        }
        i += length;
    }
    return out;
}

std::string num(double value) {
    if (!std::isfinite(value)) {
        return "0";
    }
    double rounded = std::round(value * 100.0) / 100.0;
    if (rounded == 0.0) {
        rounded = 0.0; // no "-0"
    }
    std::string text = fmt::format("{:.2f}", rounded);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

std::string_view baseStyle() {
    return R"(
@page { size: auto; margin: 16mm 15mm 18mm 15mm; }
html { color: #000; background: #fff; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.4; max-width: 180mm; margin: 0 auto; padding: 0 4mm; }
h1 { font-size: 20pt; margin: 0 0 2mm 0; }
h2 { font-size: 14pt; margin: 7mm 0 2mm 0; border-bottom: 1.5pt solid #000; padding-bottom: 1mm;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 0 0 1mm 0; break-after: avoid; page-break-after: avoid; }
p { margin: 1mm 0 2mm 0; }
ul, ol { margin: 1mm 0 2mm 0; padding-left: 6mm; }
li { margin: 0.5mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 0.6pt solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
svg { display: block; }
.meta { color: #222; margin: 0 0 3mm 0; }
.muted { color: #444; font-size: 9pt; }
.box { border: 1.2pt solid #000; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid;
  page-break-inside: avoid; }
.alert { border: 2.5pt solid #000; background: #fff3d6; }
.keep { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 0; }
figcaption { font-size: 9pt; text-align: center; }
)";
}

std::string page(std::string_view lang, std::string_view title, std::string_view css,
                 std::string_view body) {
    std::string out = "<!DOCTYPE html>\n";
    out += fmt::format("<html lang=\"{}\" xmlns=\"http://www.w3.org/1999/xhtml\">\n", escape(lang));
    out += "<head>\n<meta charset=\"utf-8\"/>\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
    out += "<meta name=\"generator\" content=\"Motus\"/>\n";
    out += fmt::format("<title>{}</title>\n", escape(title));
    out += "<style>";
    out += baseStyle();
    out += css;
    out += "</style>\n</head>\n<body>\n";
    out += body;
    out += "</body>\n</html>\n";
    return out;
}

} // namespace motus::document
