// The common table model every reader (text copy, .csv, .docx) produces and the interpreter reads:
// paragraphs before and after the plan's table, and the table as rows of cells, each cell a list
// of lines, all with the line (text, .csv) or paragraph (.docx) number they came from.
#pragma once

#include <string>
#include <vector>

namespace roadmap::importer {

struct Cell {
  std::vector<std::string> lines;  // the cell's text, one entry a line (paragraph); may be empty
  int line = 0;                    // source line of the first line; 0 = unknown
  bool merged_above = false;       // .docx: continues a vertically merged cell (w:vMerge)
  bool spanned = false;            // .docx: covered by the cell on its left (w:gridSpan)
  bool empty() const;
  std::string text() const;        // lines squeezed and joined with '\n'
};

struct Row {
  std::vector<Cell> cells;
  int line = 0;
};

struct Paragraph {
  std::string text;
  int line = 0;
};

struct Document {
  std::vector<Paragraph> before;  // the order, the title, goals, abbreviations ...
  std::vector<Row> rows;          // the plan's table, header row(s) included
  std::vector<Paragraph> after;   // signatures, abbreviations printed after the table ...
  int columns = 0;                // cells a full row has (0 = unknown)
};

}  // namespace roadmap::importer
