#include "importer/docx_reader.hpp"

#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <pugixml.hpp>

#include "importer/columns.hpp"
#include "importer/text_util.hpp"

namespace roadmap::importer {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

constexpr zip_uint64_t kMaxXml = 64u << 20;

bool read_entry(std::string_view bytes, const char* name, std::string& out, std::string& error, bool& missing) {
  missing = false;
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) {
    error = zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return false;
  }
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  if (!archive) {
    zip_source_free(src);
    error = zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return false;
  }
  zip_error_fini(&zerr);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive.get(), name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    missing = true;
    return false;
  }
  if (st.size > kMaxXml) {
    error = "word/document.xml > 64 MiB";
    return false;
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen(archive.get(), name, 0));
  if (!f) {
    error = zip_strerror(archive.get());
    return false;
  }
  out.resize(static_cast<std::size_t>(st.size));
  zip_int64_t got = out.empty() ? 0 : zip_fread(f.get(), out.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
    error = zip_file_strerror(f.get());
    return false;
  }
  return true;
}

bool is(const pugi::xml_node& n, const char* local) {
  const char* name = n.name();
  const char* colon = std::strchr(name, ':');
  return std::strcmp(colon ? colon + 1 : name, local) == 0;
}

// A paragraph's text: runs' w:t, tabs as spaces, breaks as new lines; deleted text skipped.
void collect_text(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (is(child, "del") || is(child, "delText") || is(child, "instrText") || is(child, "rPr") || is(child, "pPr"))
      continue;
    if (is(child, "t")) out += child.text().get();
    else if (is(child, "tab")) out += ' ';
    else if (is(child, "br") || is(child, "cr")) out += '\n';
    else if (is(child, "noBreakHyphen")) out += '-';
    else if (is(child, "tbl")) {
      // A table nested in a cell: its text, a line a paragraph.
      for (auto p : child.select_nodes(".//*[local-name()='p']")) {
        out += '\n';
        collect_text(p.node(), out);
      }
    } else collect_text(child, out);
  }
}

std::string paragraph_text(const pugi::xml_node& p) {
  std::string s;
  collect_text(p, s);
  return s;
}

pugi::xml_node child_named(const pugi::xml_node& n, const char* local) {
  for (auto c : n.children())
    if (is(c, local)) return c;
  return {};
}

std::string attr_val(const pugi::xml_node& n) {
  for (auto a : n.attributes()) {
    std::string name = a.name();
    if (name == "w:val" || name == "val" || (name.size() > 4 && name.substr(name.size() - 4) == ":val")) return a.value();
  }
  return {};
}

struct Reader {
  int para = 0;  // paragraph counter: the "line" of docx content
  std::vector<std::vector<Row>> tables;
  std::vector<std::size_t> table_position;  // index into blocks
  struct Block {
    bool table = false;
    std::size_t index = 0;  // into tables or paragraphs
  };
  std::vector<Block> blocks;
  std::vector<Paragraph> paragraphs;

  void body(const pugi::xml_node& node) {
    for (auto child : node.children()) {
      if (is(child, "p")) {
        ++para;
        std::string t = text::squeeze(paragraph_text(child));
        for (auto& l : text::split(t, '\n')) {
          (void)l;
        }
        if (!t.empty()) {
          paragraphs.push_back(Paragraph{t, para});
          blocks.push_back(Block{false, paragraphs.size() - 1});
        }
      } else if (is(child, "tbl")) {
        tables.push_back(table(child));
        blocks.push_back(Block{true, tables.size() - 1});
      } else if (is(child, "sdt") || is(child, "sdtContent") || is(child, "customXml") || is(child, "ins")) {
        body(child);
      }
    }
  }

  std::vector<Row> table(const pugi::xml_node& tbl) {
    std::vector<Row> rows;
    std::vector<std::vector<std::string>> origin;  // per grid column: the text of the open vMerge
    for (auto tr : tbl.children()) {
      if (!is(tr, "tr")) continue;
      Row row;
      row.line = para + 1;
      if (auto trPr = child_named(tr, "trPr")) {
        if (auto gb = child_named(trPr, "gridBefore")) {
          int n = std::atoi(attr_val(gb).c_str());
          for (int k = 0; k < n && k < 64; ++k) row.cells.push_back(Cell{{}, row.line, false, true});
        }
      }
      for (auto tc : tr.children()) {
        if (is(tc, "sdt")) tc = child_named(child_named(tc, "sdtContent"), "tc");
        if (!tc || !is(tc, "tc")) continue;
        Cell cell;
        cell.line = para + 1;
        int span = 1;
        bool merged = false;
        if (auto pr = child_named(tc, "tcPr")) {
          if (auto gs = child_named(pr, "gridSpan")) span = std::max(1, std::min(64, std::atoi(attr_val(gs).c_str())));
          if (auto vm = child_named(pr, "vMerge")) merged = attr_val(vm) != "restart";
        }
        for (auto p : tc.children()) {
          if (is(p, "p")) {
            ++para;
            for (auto& l : text::split(paragraph_text(p), '\n')) cell.lines.push_back(l);
          } else if (is(p, "tbl") || is(p, "sdt")) {
            ++para;
            std::string nested;
            collect_text(p, nested);
            for (auto& l : text::split(nested, '\n'))
              if (!text::squeeze(l).empty()) cell.lines.push_back(l);
          }
        }
        std::size_t col = row.cells.size();
        if (origin.size() < col + 1) origin.resize(col + 1);
        if (merged) {
          cell.lines = origin[col];
          cell.merged_above = true;
        } else {
          origin[col] = cell.lines;
        }
        row.cells.push_back(std::move(cell));
        for (int k = 1; k < span; ++k) {
          Cell covered;
          covered.line = row.cells.back().line;
          covered.spanned = true;
          if (origin.size() < row.cells.size() + 1) origin.resize(row.cells.size() + 1);
          origin[row.cells.size()].clear();
          row.cells.push_back(std::move(covered));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }
};

std::size_t width(const std::vector<Row>& rows) {
  std::size_t w = 0;
  for (const auto& r : rows) w = std::max(w, r.cells.size());
  return w;
}

}  // namespace

Document read_docx_document(std::string_view bytes, const std::string& file, diag::Diagnostics& diags) {
  Document doc;
  std::string xml, error;
  bool missing = false;
  if (!read_entry(bytes, "word/document.xml", xml, error, missing)) {
    auto& d = missing ? diags.error(diag::Location{file, 0, 0, {}}, "import.err.no_document_xml")
                      : diags.error(diag::Location{file, 0, 0, {}}, "import.err.bad_zip", {error});
    d.hints.push_back({"import.hint.broken_docx", {}});
    return doc;
  }
  pugi::xml_document x;
  pugi::xml_parse_result parsed = x.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    diags.error(diag::Location{file, 0, 0, {}}, "import.err.bad_xml",
                {std::to_string(parsed.offset), parsed.description()})
        .hints.push_back({"import.hint.broken_docx", {}});
    return doc;
  }
  pugi::xml_node body;
  for (auto n : x.children())
    if (is(n, "document")) body = child_named(n, "body");
  Reader r;
  if (body) r.body(body);

  // The plan's table: the first whose header names columns; else the largest.
  std::size_t main = r.tables.size();
  for (std::size_t t = 0; t < r.tables.size() && main == r.tables.size(); ++t)
    for (std::size_t i = 0; i < r.tables[t].size() && i < 10; ++i)
      if (header_score(r.tables[t][i]) >= 2) { main = t; break; }
  if (main == r.tables.size()) {
    std::size_t best = 0;
    for (std::size_t t = 0; t < r.tables.size(); ++t)
      if (r.tables[t].size() > best && width(r.tables[t]) >= 2) { best = r.tables[t].size(); main = t; }
  }
  if (main == r.tables.size()) {
    doc.before = r.paragraphs;
    return doc;
  }
  std::size_t w = width(r.tables[main]);
  // Tables after the main one of the same width continue it (a table Word split, or one table a
  // section); paragraphs between them that look like section titles become one-cell rows.
  bool in_table = false, done = false;
  std::vector<Paragraph> pending;
  for (const auto& b : r.blocks) {
    if (b.table) {
      if (b.index == main) {
        in_table = true;
        for (auto& row : r.tables[b.index]) doc.rows.push_back(row);
        continue;
      }
      if (in_table && !done && width(r.tables[b.index]) == w) {
        for (auto& p : pending) {
          Row heading;
          heading.line = p.line;
          heading.cells.push_back(Cell{{p.text}, p.line});
          doc.rows.push_back(heading);
        }
        pending.clear();
        for (auto& row : r.tables[b.index]) doc.rows.push_back(row);
        continue;
      }
      // Another table: its text as paragraphs.
      auto& target = in_table ? pending : doc.before;
      for (auto& row : r.tables[b.index]) {
        std::string t;
        for (auto& c : row.cells) {
          std::string ct = text::squeeze(c.text());
          if (!ct.empty()) t += (t.empty() ? "" : " ") + ct;
        }
        if (!t.empty()) target.push_back(Paragraph{t, row.line});
      }
      if (in_table) done = true;
      continue;
    }
    const Paragraph& p = r.paragraphs[b.index];
    if (!in_table) doc.before.push_back(p);
    else pending.push_back(p);
  }
  doc.after = std::move(pending);
  doc.columns = static_cast<int>(w);
  return doc;
}

}  // namespace roadmap::importer
