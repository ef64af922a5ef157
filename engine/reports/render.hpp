// A report document as CSV (UTF-8 with a byte-order mark, ";" separated, CRLF: Excel opens it
// with the Cyrillic intact), JSON and one self-contained printable HTML page (inline CSS,
// @media print, inline SVG charts, no scripts; every text HTML-escaped).
#pragma once
#include <string>
#include <string_view>

#include "reports/document.hpp"

namespace roadmap::reports {

// & < > " ' escaped: the one escape every text from a plan goes through.
std::string html_escape(std::string_view s);

std::string render_csv(const Document& doc);
std::string render_json(const Document& doc);
std::string render_html(const Document& doc, i18n::Lang lang);
// The page's content without the frame and its style (title, charts, tables, signature): what the
// web shows inside its own page; the classes are render_html's.
std::string render_html_body(const Document& doc);
// One chart as an SVG element (hand-written, no scripts).
std::string render_svg(const DocChart& chart);

}  // namespace roadmap::reports
