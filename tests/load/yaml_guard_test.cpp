// Documents that make yaml-cpp 0.7 loop for ever (found by fuzzing) are refused with a located
// "the root must be a mapping" error instead of reaching the parser; real files pass the guard.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/directory_loader.hpp"
#include "load/plan_loader.hpp"
#include "load/yaml_guard.hpp"

using namespace roadmap;

TEST(YamlGuard, DocumentsThatHangTheParserAreRefusedWithTheirLine) {
  struct Case {
    const char* text;
    int line;
  };
  for (auto c : {Case{",", 1}, Case{"# комментарий\n,", 2}, Case{"--- ,", 1}, Case{"a: b\n---\n,", 3},
                 Case{"\"x\"\n,", 1}, Case{"&a ,", 1}, Case{"!t ,", 1}, Case{"...\n,", 2},
                 Case{"     ,   respon.md); thear# Aov", 1},
                 Case{"  a: 1\n ,", 2}, Case{"        measure: x\n     ,   respon", 2},
                 Case{"        measure: x\n    !,   respon", 2}, Case{"  a: 1\nb: 2", 2}}) {
    auto hit = load::unsafe_yaml_root(c.text);
    ASSERT_TRUE(hit.has_value()) << c.text;
    EXPECT_EQ(hit->first, c.line) << c.text;
    auto r = load::load_plan_text(c.text, "bad.yaml");  // returns: it never reaches yaml-cpp
    EXPECT_FALSE(r.ok());
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics.items().front().what.key, "load.err.root") << c.text;
    EXPECT_EQ(r.diagnostics.items().front().where.line, c.line) << c.text;
  }
}

TEST(YamlGuard, RealFilesAndOrdinaryMappingsPass) {
  for (const char* ok : {"format: 1\n", "# c\n\nformat: 1\n", "---\nformat: 1\n", "\"format\": 1\n", "{format: 1}",
                         "- a\n", "%YAML 1.2\n---\na: 1\n", "", "a:\n  - 1\n,\n", "  a: 1\n  ,\n", "  a: 1\n# comment\n  b: 2\n"}) {
    EXPECT_FALSE(load::unsafe_yaml_root(ok).has_value()) << ok;
  }
  namespace fs = std::filesystem;
  for (const char* dir : {"plans", "examples", "plans/calendars"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ROADMAP_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".yaml") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      EXPECT_FALSE(load::unsafe_yaml_root(ss.str()).has_value()) << e.path();
    }
  }
}
