// "Describe this phrase for a user": the reading clause by clause, the canonical text, anchors to
// bind, notes on setting-driven readings and the concrete dates, in Russian or English. For an
// unreadable phrase: the phrase, a caret under the stop column and the nearest known forms.
// `roadmap explain` prints it; `roadmap validate` uses it per phrase.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "deadline/parse.hpp"

namespace roadmap::deadline {

struct Description {
  bool understood = false;
  std::vector<std::string> readings;  // one line per clause: "месяцы: сентябрь"
  std::string canonical;              // render(schedule)
  std::vector<std::string> anchors;   // "пункт плана: «завершения анализа» — укажите bindings[].item"
  std::vector<std::string> notes;     // "«полугодие» прочитано как учебное (настройка плана half_year)"
  std::vector<std::string> dates;     // "01.09.2023 – 30.09.2023" or what is needed
  // failure: the phrase on one line, a caret line under the stop column, the nearest forms
  std::string shown;
  std::string caret;                  // spaces then '^' under stop_column
  std::vector<std::string> suggestions;
};

Description describe(std::string_view phrase, const ParseOptions& opts, Lang lang);

// One line for listings: the canonical text, or the failure with its column.
std::string describe_line(std::string_view phrase, const ParseOptions& opts, Lang lang);

}  // namespace roadmap::deadline
