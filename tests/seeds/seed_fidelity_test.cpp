// Fidelity of the transcribed plans: every plans/NNN-*.yaml against the real document it was
// taken from (../shared/seeds/NNN_*.txt). The item numbers and deadline cells are extracted from
// the document's text here, independently of the YAML and of the engine's loader, and compared:
// same number of items, same numbers in the same order, same deadline phrases (whitespace runs
// collapsed). Every body an item names must be declared in the plan's `bodies`.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

// One row of a document's table, as the document prints it.
struct SeedItem {
  std::string number;    // without the trailing dot: "4.11", "3"
  std::string deadline;  // the "Сроки" cell, whitespace runs collapsed
};

// The two table layouts found in the seeds.
enum class Layout {
  cell_per_line,  // 000, 001: every cell starts on its own line with a tab; other lines continue it
  tab_separated,  // 002, 003, 004: one line a row, cells separated by tabs
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

// Runs of ASCII whitespace and no-break spaces (U+00A0) become one space; ends are trimmed.
std::string collapse_ws(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool space = std::isspace(c) != 0;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// "1", "1.", "4.11", "4.11." (with_dot: the trailing dot is required).
bool is_item_number(std::string_view s, bool with_dot) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  if (with_dot && s.back() != '.') return false;
  bool last_dot = false;
  for (char c : s) {
    if (c == '.') {
      if (last_dot) return false;
      last_dot = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      last_dot = false;
    } else {
      return false;
    }
  }
  return true;
}

std::string strip_trailing_dot(std::string s) {
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Layout of 000 and 001. A row opens with a cell holding a dotted number ("1.1."); the three
// cells after it are measure, deadline and responsible. A numbered cell followed by fewer than
// three cells before the next numbered one is a section heading ("1." + title in 000). Cells
// between rows that are not numbered (column headings, section titles of 001) are skipped.
// A deadline cell left empty is vertically merged with the row above (000, items 1.2-1.3).
std::vector<SeedItem> extract_cell_per_line(const std::string& text) {
  std::vector<std::string> cells;
  for (const auto& line : split(text, '\n')) {
    if (!line.empty() && line.front() == '\t') {
      cells.push_back(line.substr(1));
    } else if (!cells.empty()) {
      cells.back() += '\n';
      cells.back() += line;
    }
  }
  auto numbered = [](const std::string& cell) { return is_item_number(collapse_ws(cell), true); };
  std::vector<SeedItem> items;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (!numbered(cells[i])) continue;
    std::size_t j = i + 1;
    while (j < cells.size() && j - i <= 3 && !numbered(cells[j])) ++j;
    if (j - i - 1 == 3) {
      SeedItem item{strip_trailing_dot(collapse_ws(cells[i])), collapse_ws(cells[i + 2])};
      if (item.deadline.empty() && !items.empty()) item.deadline = items.back().deadline;
      items.push_back(std::move(item));
    }
    i = j - 1;
  }
  return items;
}

// Layout of 002, 003 and 004. The table starts after the heading row ("№ ..."). A row whose first
// cell is a number is an item, its third cell the deadline; the column-number rows repeated on
// every page ("1 2 3 4 5") are skipped; a row with an empty first cell continues the item above
// across a page break; a row whose first cell is text is a section heading.
std::vector<SeedItem> extract_tab_separated(const std::string& text) {
  std::vector<SeedItem> items;
  bool in_table = false;
  for (const auto& line : split(text, '\n')) {
    if (line.find('\t') == std::string::npos) continue;
    auto cells = split(line, '\t');
    std::string first = collapse_ws(cells[0]);
    if (!in_table) {
      in_table = first.rfind("№", 0) == 0;
      continue;
    }
    if (cells.size() < 3) continue;
    std::string third = collapse_ws(cells[2]);
    if (first.empty()) {
      if (!items.empty() && !third.empty())
        items.back().deadline = collapse_ws(items.back().deadline + " " + third);
      continue;
    }
    if (!is_item_number(first, false)) continue;
    if (first == "1" && collapse_ws(cells[1]) == "2" && third == "3") continue;
    items.push_back({strip_trailing_dot(first), third});
  }
  return items;
}

std::vector<SeedItem> extract(Layout layout, const std::string& text) {
  return layout == Layout::cell_per_line ? extract_cell_per_line(text)
                                         : extract_tab_separated(text);
}

fs::path seeds_dir() {
  if (const char* env = std::getenv("ROADMAP_SEEDS_DIR")) return env;
  return ROADMAP_SEEDS_DIR;
}

// The seed whose file name starts with "NNN_".
fs::path find_seed(const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(seeds_dir(), ec)) {
    auto name = entry.path().filename().string();
    if (name.rfind(prefix + "_", 0) == 0 && entry.path().extension() == ".txt") return entry.path();
  }
  return {};
}

struct SeedCase {
  std::string seed;  // "000"
  std::string plan;  // file name under plans/
  Layout layout;
};

std::ostream& operator<<(std::ostream& os, const SeedCase& c) { return os << c.plan; }

const SeedCase kCases[] = {
    {"000", "000-otdel-obrazovaniya-objectivity.yaml", Layout::cell_per_line},
    {"001", "001-verkhny-tagil-msoko-2019.yaml", Layout::cell_per_line},
    {"002", "002-levokumsky-objectivity-2023.yaml", Layout::tab_separated},
    {"003", "003-khabarovsk-vpr-2021.yaml", Layout::tab_separated},
    {"004", "004-sosnovy-bor-objectivity-2020.yaml", Layout::tab_separated},
};

fs::path plan_path(const SeedCase& c) { return fs::path(ROADMAP_SOURCE_DIR) / "plans" / c.plan; }

std::vector<YAML::Node> plan_items(const YAML::Node& plan) {
  std::vector<YAML::Node> out;
  for (const auto& section : plan["sections"])
    for (const auto& item : section["items"]) out.push_back(item);
  return out;
}

class SeedFidelity : public ::testing::TestWithParam<SeedCase> {
 protected:
  void SetUp() override {
    seed_ = find_seed(GetParam().seed);
    if (seed_.empty())
      GTEST_SKIP() << "seed " << GetParam().seed << "_*.txt not found in " << seeds_dir()
                   << " (set ROADMAP_SEEDS_DIR)";
    ASSERT_TRUE(fs::exists(plan_path(GetParam()))) << plan_path(GetParam());
    plan_ = YAML::LoadFile(plan_path(GetParam()).string());
    items_ = plan_items(plan_);
    seed_items_ = extract(GetParam().layout, read_text(seed_));
  }

  fs::path seed_;
  YAML::Node plan_;
  std::vector<YAML::Node> items_;
  std::vector<SeedItem> seed_items_;
};

TEST_P(SeedFidelity, SameItemNumbersInTheSameOrder) {
  std::vector<std::string> in_seed, in_plan;
  for (const auto& s : seed_items_) in_seed.push_back(s.number);
  for (const auto& it : items_) in_plan.push_back(it["number"].as<std::string>());
  EXPECT_FALSE(in_seed.empty()) << "no item found in " << seed_;
  EXPECT_EQ(in_plan.size(), in_seed.size());
  EXPECT_EQ(in_plan, in_seed);
}

TEST_P(SeedFidelity, SameDeadlinePhrases) {
  ASSERT_EQ(items_.size(), seed_items_.size());
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const auto& it = items_[i];
    std::string in_plan = collapse_ws(it["deadline"].as<std::string>());
    EXPECT_EQ(in_plan, seed_items_[i].deadline)
        << "item " << it["number"].as<std::string>() << ": plan \"" << in_plan << "\", document \""
        << seed_items_[i].deadline << "\"";
  }
}

// Where one cell lists several sub-measures with their own deadlines (000 item 4.11, 002 item 14),
// the sub-measures' deadlines, in order, make up the item's whole cell.
TEST_P(SeedFidelity, SubMeasureDeadlinesMakeUpTheItemsCell) {
  for (const auto& it : items_) {
    if (!it["sub_measures"]) continue;
    std::string cell = collapse_ws(it["deadline"].as<std::string>());
    std::string parts;
    for (const auto& sub : it["sub_measures"]) parts += sub["deadline"].as<std::string>() + " ";
    EXPECT_EQ(collapse_ws(parts), cell)
        << "item " << it["number"].as<std::string>() << ": sub-measures \"" << collapse_ws(parts)
        << "\", cell \"" << cell << "\"";
  }
}

TEST_P(SeedFidelity, EveryNamedBodyIsDeclared) {
  std::set<std::string> names;
  for (const auto& body : plan_["bodies"]) {
    names.insert(body["id"].as<std::string>());
    for (const auto& alias : body["aliases"]) names.insert(alias.as<std::string>());
  }
  auto check = [&](const YAML::Node& list, const std::string& where) {
    for (const auto& name : list)
      EXPECT_TRUE(names.count(name.as<std::string>()))
          << where << ": \"" << name.as<std::string>() << "\" is not a declared body";
  };
  check(YAML::Node(std::vector<std::string>{plan_["plan"]["owner"].as<std::string>()}), "owner");
  for (const auto& it : items_) {
    std::string where = "item " + it["number"].as<std::string>();
    ASSERT_TRUE(it["responsible"]) << where;
    EXPECT_GT(it["responsible"].size(), 0u) << where << " has no responsible body";
    check(it["responsible"], where);
    check(it["co_executors"], where);
    for (const auto& sub : it["sub_measures"]) check(sub["responsible"], where + " sub-measure");
  }
}

TEST_P(SeedFidelity, ReferencesNameExistingItems) {
  std::set<std::string> numbers;
  for (const auto& it : items_) numbers.insert(it["number"].as<std::string>());
  for (const auto& it : items_)
    for (const auto& ref : it["refs"])
      EXPECT_TRUE(numbers.count(ref.as<std::string>()))
          << "item " << it["number"].as<std::string>() << " refers to " << ref.as<std::string>();
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedFidelity, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return "seed_" + info.param.seed; });

// The extractors themselves, on small tables shaped like the seeds.
TEST(SeedExtractor, CellPerLineRowsSectionsContinuationsAndMergedCells) {
  const std::string text =
      "Задачи:\n- одна\n\n\t№ п/п\n\tМероприятия\n\tСроки\n\tОтветственный\n\n"
      "\t1\n\t2\n\t3\n\t4\n\n"
      "\t1.\n\tРаздел первый\nпродолжение заголовка\n\n"
      "\t1.1.\n\tМера\n\tиюнь-август\n\tОтдел\n\n"
      "\t1.2.\n\tМера с пунктами:\n1. не номер строки\n\t\n\t\n\n"
      "\t1.3.\n\tМера\n\t\n\n\nпостоянно\nпериод ВПР\n\t\nОтдел\n\n"
      "\tРаздел без номера\n\n"
      "\t2.\n\tМера второго\n\tпостоянно \nпри ОП\n\tОтдел\nшколы\n";
  auto items = extract_cell_per_line(text);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].number, "1.1");
  EXPECT_EQ(items[0].deadline, "июнь-август");
  EXPECT_EQ(items[1].number, "1.2");
  EXPECT_EQ(items[1].deadline, "июнь-август");  // merged with the row above
  EXPECT_EQ(items[2].number, "1.3");
  EXPECT_EQ(items[2].deadline, "постоянно период ВПР");
  EXPECT_EQ(items[3].number, "2");
  EXPECT_EQ(items[3].deadline, "постоянно при ОП");
}

TEST(SeedExtractor, TabSeparatedRowsPageBreaksAndRepeatedColumnNumbers) {
  const std::string text =
      "Приказ\t\n1. Утвердить (срок до 10 января 2023 г)\n"
      "№ п/п\tМероприятие\tСрок\tОтветственный\n"
      "1\t2\t3\t4\n"
      "Раздел\t\t\t\n"
      "1.\tМера\tавгуст-сентябрь\tОИВ\n"
      "\n\tпродолжение\t\tОИВ\n"
      "1\t2\t3\t4\n"
      "2.\tМера\tОктябрь 2023г.\tОО\n"
      "\tконец\tФевраль 2024г.\t\n"
      "12\tМера\tСентябрь  2023 г\tОО\n";
  auto items = extract_tab_separated(text);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].number, "1");
  EXPECT_EQ(items[0].deadline, "август-сентябрь");
  EXPECT_EQ(items[1].number, "2");
  EXPECT_EQ(items[1].deadline, "Октябрь 2023г. Февраль 2024г.");
  EXPECT_EQ(items[2].number, "12");
  EXPECT_EQ(items[2].deadline, "Сентябрь 2023 г");
}

TEST(SeedExtractor, CollapsesWhitespaceIncludingNoBreakSpaces) {
  EXPECT_EQ(collapse_ws("  Июнь –\u00a0август\n 2019 "), "Июнь – август 2019");
  EXPECT_EQ(collapse_ws("\n\t\n"), "");
}

}  // namespace
