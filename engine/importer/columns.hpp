// Which column of a plan table is which: from the header's words, and from the content of the
// cells when the header is missing or says nothing useful.
#pragma once

#include <string_view>
#include <vector>

#include "importer/document.hpp"

namespace roadmap::importer {

enum class Column { unknown, number, measure, deadline, responsible, participants, expected_result };

// The column a header cell names ("Сроки исполнения" -> deadline); unknown when it names none.
Column classify_header(std::string_view header);
// True when the header cell names lead and co-executors ("Ответственный исполнитель, соисполнители").
bool header_has_co_executors(std::string_view header);
// How many distinct columns a row names when read as a header; 0 for ordinary rows.
int header_score(const Row& row);
// A row of column numbers ("1 2 3 4 5") printed under the header and at page breaks.
bool is_column_numbers_row(const Row& row);

// Content tests for one cell's text.
bool looks_like_item_number(std::string_view s);  // "1.", "4.11", "12"
bool looks_like_deadline(std::string_view s);     // "январь, июль", "постоянно", "до 01.09.2021"
bool looks_like_bodies(std::string_view s);       // "МКУ УО, ОО", "Отдел образования"

}  // namespace roadmap::importer
