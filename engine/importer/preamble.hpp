// What a plan document says before (and after) its table: the title, the approving order
// (kind, number, date, issuer, signatory), the period, goals and tasks, the list of abbreviations.
#pragma once

#include <string>
#include <vector>

#include "importer/document.hpp"
#include "model/plan.hpp"

namespace roadmap::importer {

struct Preamble {
  std::string title;
  int title_line = 0;
  std::string territory;
  model::ApprovingOrder approved;
  int approved_line = 0;
  model::Period period;
  bool period_found = false;
  std::vector<std::string> goals;
  std::vector<model::Abbreviation> abbreviations;
  std::vector<int> abbreviation_lines;
};

Preamble read_preamble(const std::vector<Paragraph>& before, const std::vector<Paragraph>& after);

// Period phrases: "на 2023-2024 годы", "в 2020-2021 учебном году", "2021-2022 учебный год",
// "в 2023, 2024 годах", "на 2019 год". False when the text names none.
bool find_period(const std::string& text, model::Period& out);

// "29.12.2018", "«30» августа 2020 г.", "от \"20\" сентября 2021 г.", "30 декабря 2022 года".
bool find_date(const std::string& text, std::chrono::year_month_day& out);

}  // namespace roadmap::importer
