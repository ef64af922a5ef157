#include "reports/render.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace roadmap::reports {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// RFC 4180 quoting with ";" as the separator.
std::string csv_field(const std::string& s) {
  bool quote = s.find_first_of(";\"\r\n") != std::string::npos;
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string number_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.1f}", v);
}

}  // namespace

std::string render_csv(const Document& doc) {
  std::string out = "\xEF\xBB\xBF";  // byte-order mark: Excel reads UTF-8
  auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ';';
      out += csv_field(fields[i]);
    }
    out += "\r\n";
  };
  line({doc.title});
  for (const auto& s : doc.subtitle) line({s});
  for (const auto& t : doc.tables) {
    out += "\r\n";
    line({t.title});
    std::vector<std::string> head;
    for (const auto& c : t.columns) head.push_back(c.title);
    line(head);
    for (const auto& row : t.rows) {
      std::vector<std::string> f;
      for (const auto& c : row) f.push_back(c.text);
      line(f);
    }
    if (!t.note.empty()) line({t.note});
  }
  if (!doc.signature.empty()) {
    out += "\r\n";
    for (const auto& s : doc.signature) line({s});
  }
  return out;
}

std::string render_json(const Document& doc) {
  boost::json::object root;
  root["report"] = doc.kind;
  root["title"] = doc.title;
  boost::json::array sub;
  for (const auto& s : doc.subtitle) sub.emplace_back(s);
  root["subtitle"] = std::move(sub);
  for (const auto& [k, v] : doc.meta) root[k] = v;
  boost::json::array tables;
  for (const auto& t : doc.tables) {
    boost::json::object jt;
    jt["id"] = t.id;
    jt["title"] = t.title;
    boost::json::array cols;
    for (const auto& c : t.columns) cols.push_back(boost::json::object{{"id", c.id}, {"title", c.title}});
    jt["columns"] = std::move(cols);
    boost::json::array rows;
    for (const auto& row : t.rows) {
      boost::json::object jr;
      for (std::size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
        if (row[i].number) {
          double v = *row[i].number;
          if (v == std::floor(v) && std::fabs(v) < 1e15) jr[t.columns[i].id] = static_cast<std::int64_t>(v);
          else jr[t.columns[i].id] = v;
        } else {
          jr[t.columns[i].id] = row[i].text;
        }
      }
      rows.push_back(std::move(jr));
    }
    jt["rows"] = std::move(rows);
    if (t.total_rows) jt["total_rows"] = static_cast<std::int64_t>(*t.total_rows);
    if (!t.note.empty()) jt["note"] = t.note;
    tables.push_back(std::move(jt));
  }
  root["tables"] = std::move(tables);
  boost::json::array charts;
  for (const auto& c : doc.charts) {
    boost::json::array pts;
    for (const auto& [label, v] : c.points) pts.push_back(boost::json::object{{"label", label}, {"value", v}});
    charts.push_back(boost::json::object{{"kind", c.kind == DocChart::Kind::line ? "line" : "bars"},
                                         {"title", c.title},
                                         {"points", std::move(pts)}});
  }
  root["charts"] = std::move(charts);
  return boost::json::serialize(root) + "\n";
}

std::string render_svg(const DocChart& chart) {
  const double width = 720, left = 60, right = 20, top = 30;
  std::string out;
  if (chart.kind == DocChart::Kind::bars) {
    // Horizontal bars: one a row, the label on the left.
    const double row = 22, label_w = 260;
    double height = top + row * static_cast<double>(chart.points.size()) + 10;
    double max = 0;
    for (const auto& p : chart.points) max = std::max(max, p.second);
    if (max <= 0) max = 1;
    out += fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img">)",
                       width, height);
    out += fmt::format(R"(<title>{}</title><text x="0" y="16" class="ct">{}</text>)", html_escape(chart.title),
                       html_escape(chart.title));
    double bar_max = width - label_w - 60;
    for (std::size_t i = 0; i < chart.points.size(); ++i) {
      const auto& [label, v] = chart.points[i];
      double y = top + row * static_cast<double>(i);
      double w = bar_max * v / max;
      out += fmt::format(R"(<text x="{:.0f}" y="{:.0f}" text-anchor="end" class="cl">{}</text>)", label_w - 6, y + 14,
                         html_escape(label.size() > 60 ? label.substr(0, 60) : label));
      out += fmt::format(R"(<rect x="{:.0f}" y="{:.0f}" width="{:.1f}" height="{:.0f}" class="bar"/>)", label_w, y + 3, w,
                         row - 6);
      out += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" class="cv">{}{}</text>)", label_w + w + 4, y + 14, number_text(v),
                         html_escape(chart.unit));
    }
    out += "</svg>";
    return out;
  }
  // A line over months, 0..100 % (or 0..max).
  const double height = 240, bottom = 40;
  double max = chart.unit == "%" ? 100 : 0;
  for (const auto& p : chart.points) max = std::max(max, p.second);
  if (max <= 0) max = 1;
  double plot_w = width - left - right, plot_h = height - top - bottom;
  out += fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img">)",
                     width, height);
  out += fmt::format(R"(<title>{}</title><text x="0" y="16" class="ct">{}</text>)", html_escape(chart.title),
                     html_escape(chart.title));
  for (int g = 0; g <= 4; ++g) {
    double y = top + plot_h - plot_h * g / 4;
    out += fmt::format(R"(<line x1="{:.0f}" y1="{:.1f}" x2="{:.0f}" y2="{:.1f}" class="grid"/>)", left, y, width - right, y);
    out += fmt::format(R"(<text x="{:.0f}" y="{:.1f}" text-anchor="end" class="cv">{}{}</text>)", left - 4, y + 4,
                       number_text(max * g / 4), html_escape(chart.unit));
  }
  std::size_t n = chart.points.size();
  std::string path;
  std::size_t step = n > 12 ? (n + 11) / 12 : 1;  // at most about twelve month labels
  for (std::size_t i = 0; i < n; ++i) {
    double x = left + (n == 1 ? plot_w / 2 : plot_w * static_cast<double>(i) / static_cast<double>(n - 1));
    double y = top + plot_h - plot_h * chart.points[i].second / max;
    path += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", x, y);
    out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" class="dot"><title>{}: {}{}</title></circle>)", x, y,
                       html_escape(chart.points[i].first), number_text(chart.points[i].second), html_escape(chart.unit));
    if (i % step == 0 || i + 1 == n)
      out += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" text-anchor="middle" class="cl">{}</text>)", x,
                         height - bottom + 16, html_escape(chart.points[i].first));
  }
  out += fmt::format(R"(<path d="{}" class="line"/>)", path);
  out += "</svg>";
  return out;
}

std::string render_html_body(const Document& doc) {
  std::string out;
  out += "<h1>" + html_escape(doc.title) + "</h1>\n";
  for (const auto& s : doc.subtitle) out += "<p class=\"sub\">" + html_escape(s) + "</p>\n";
  for (const auto& c : doc.charts) out += render_svg(c) + "\n";
  for (const auto& t : doc.tables) {
    out += "<h2>" + html_escape(t.title) + "</h2>\n";
    if (t.rows.empty()) {
      out += "<p class=\"empty\">" + html_escape(t.empty) + "</p>\n";
      continue;
    }
    out += t.wide ? "<table class=\"wide\">\n<thead><tr>" : "<table>\n<thead><tr>";
    for (const auto& c : t.columns) out += "<th>" + html_escape(c.title) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out += "<tr>";
      for (std::size_t i = 0; i < row.size(); ++i) {
        std::string cls = row[i].css;
        if (i < t.columns.size() && t.columns[i].numeric) cls = cls.empty() ? "n" : cls + " n";
        out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
        out += html_escape(row[i].text) + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (!t.note.empty()) out += "<p class=\"note\">" + html_escape(t.note) + "</p>\n";
    if (t.wide && !t.empty.empty()) out += "<p class=\"empty\">" + html_escape(t.empty) + "</p>\n";
  }
  if (!doc.signature.empty()) {
    out += "<div class=\"sign\">\n";
    for (const auto& s : doc.signature) out += "<p>" + html_escape(s) + "</p>\n";
    out += "</div>\n";
  }
  return out;
}

std::string render_html(const Document& doc, i18n::Lang lang) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += lang == i18n::Lang::ru ? "ru" : "en";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(doc.title) + "</title>\n<style>\n";
  out += R"(body{font-family:"Times New Roman",Times,serif;font-size:12pt;margin:1.5em;color:#000}
h1{font-size:14pt;text-align:center;margin:0 0 .3em}
p.sub{text-align:center;margin:.1em 0}
h2{font-size:12pt;margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%;margin-bottom:1em}
th,td{border:1px solid #000;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#eee}
td.n{text-align:right;white-space:nowrap}
td{white-space:pre-line}
td.done{background:#d9f2d9}td.partly{background:#fff3c4}td.overdue{background:#f8d0d0}td.open{background:#fff}
p.empty,p.note{font-style:italic}
.sign{margin-top:2em}
.chart{display:block;margin:1em 0}
.chart .ct{font-size:13px;font-weight:bold}.chart .cl,.chart .cv{font-size:11px}
.chart .bar{fill:#b33}.chart .line{fill:none;stroke:#236;stroke-width:2}.chart .dot{fill:#236}
.chart .grid{stroke:#ccc;stroke-width:1}
table.wide th,table.wide td{font-size:9pt;padding:2px 3px}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}thead{display:table-header-group}
th{background:#eee !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
td.done,td.partly,td.overdue{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)";
  out += doc.landscape ? "@page{size:A4 landscape;margin:12mm}\n" : "@page{size:A4 portrait;margin:15mm}\n";
  out += "</style>\n</head>\n<body>\n";
  out += render_html_body(doc);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace roadmap::reports
