// A terminal table whose widths are counted in characters (code points), so Cyrillic lines up:
// a header, a rule of "─", the rows; the last column is not padded (no trailing spaces).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace roadmap::cli {

void print_table(std::ostream& out, const std::vector<std::string>& head, const std::vector<bool>& right_aligned,
                 const std::vector<std::vector<std::string>>& rows);

// "Отдел образования" cut to `width` characters with "…"; line breaks become spaces.
std::string truncate(const std::string& s, std::size_t width);

// A CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break.
std::string csv_field(const std::string& s);

}  // namespace roadmap::cli
