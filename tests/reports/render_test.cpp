// Renderers: one HTML escape for every text, CSV that Excel opens (BOM, ";", CRLF), JSON numbers.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reports/render.hpp"

namespace {

using namespace roadmap::reports;

Document sample() {
  Document d;
  d.kind = "overdue";
  d.title = "Просроченные задачи";
  d.subtitle = {"План «A & B»"};
  DocTable t;
  t.id = "rows";
  t.title = "Задачи";
  t.columns = {{"measure", "Мероприятие", false}, {"count", "Всего", true}};
  t.rows.push_back({DocCell{"<script>alert('x')</script> \"семинар\"; итоги", std::nullopt, {}}, DocCell{"3", 3.0, {}}});
  t.rows.push_back({DocCell{"строка\nвторая", std::nullopt, {}}, DocCell{"66,7", 66.7, {}}});
  d.tables.push_back(t);
  DocChart c;
  c.kind = DocChart::Kind::bars;
  c.title = "По органам <b>";
  c.points = {{"Отдел & <i>", 2}, {"ИМЦ", 1}};
  d.charts.push_back(c);
  return d;
}

TEST(Render, HtmlEscape) {
  EXPECT_EQ(html_escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("a & \"b\""), "a &amp; &quot;b&quot;");
  EXPECT_EQ(html_escape("Отдел образования"), "Отдел образования");
}

TEST(Render, HtmlPageEscapesEveryPlanTextAndHasNoScript) {
  auto html = render_html(sample(), roadmap::i18n::Lang::ru);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("План «A &amp; B»"), std::string::npos);
  EXPECT_NE(html.find("Отдел &amp; &lt;i&gt;"), std::string::npos);  // chart labels too
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
}

TEST(Render, CsvHasBomSemicolonsCrlfAndQuotes) {
  auto csv = render_csv(sample());
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("Мероприятие;Всего\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"<script>alert('x')</script> \"\"семинар\"\"; итоги\";3\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"строка\nвторая\";66,7\r\n"), std::string::npos);
  // Every line break outside quotes is CRLF.
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    if (csv[i] == '\n' && !quoted) {
      EXPECT_EQ(csv[i - 1], '\r') << i;
    }
  }
}

TEST(Render, JsonKeepsNumbersAsNumbers) {
  auto v = boost::json::parse(render_json(sample()));
  const auto& rows = v.at("tables").at(0).at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("count").as_int64(), 3);
  EXPECT_DOUBLE_EQ(rows[1].at("count").as_double(), 66.7);
  EXPECT_EQ(rows[0].at("measure").as_string(), "<script>alert('x')</script> \"семинар\"; итоги");
  EXPECT_EQ(v.at("report").as_string(), "overdue");
}

TEST(Render, WorkingDaysPlural) {
  EXPECT_EQ(working_days_text(roadmap::i18n::Lang::ru, 1), "1 рабочий день");
  EXPECT_EQ(working_days_text(roadmap::i18n::Lang::ru, 3), "3 рабочих дня");
  EXPECT_EQ(working_days_text(roadmap::i18n::Lang::ru, 5), "5 рабочих дней");
  EXPECT_EQ(working_days_text(roadmap::i18n::Lang::ru, 11), "11 рабочих дней");
  EXPECT_EQ(working_days_text(roadmap::i18n::Lang::ru, 22), "22 рабочих дня");
  EXPECT_EQ(working_days_text(roadmap::i18n::Lang::en, 1), "1 working day");
}

}  // namespace
