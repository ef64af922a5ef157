// `roadmap explain`, end to end: the coordinator checks how a phrase is read and what dates it
// gives; an unreadable phrase shows where reading stopped and exits 1.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct Outcome {
  int status = -1;
  std::string out;
};

// Runs the real binary with the arguments (already shell-quoted), stdout and stderr together.
Outcome run(const std::string& args) {
  Outcome r;
  std::string cmd = std::string("ROADMAP_LANG= '") + ROADMAP_BINARY + "' " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Explain, CoordinatorSeesTheReadingAndTheDatesOfAPhrase) {
  Outcome r = run("explain 'не реже 1 раза в полугодие' --school-year 2023-2024");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "Прочтение:")) << r.out;
  EXPECT_TRUE(has(r.out, "не реже 1 раза в полугодие")) << r.out;
  EXPECT_TRUE(has(r.out, "half_year: school")) << r.out;
  EXPECT_TRUE(has(r.out, "01.09.2023 – 31.12.2023")) << r.out;
  EXPECT_TRUE(has(r.out, "01.01.2024 – 31.08.2024")) << r.out;
}

TEST(Explain, CalendarHalfYearsOnRequest) {
  Outcome r = run("explain 'не реже 1 раза в полугодие' --school-year 2023-2024 --half-year calendar");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "01.01.2024 – 30.06.2024")) << r.out;
}

TEST(Explain, AnchorsToBindAreNamed) {
  Outcome r = run("explain 'в течение месяца после завершения анализа'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "bindings")) << r.out;
  EXPECT_TRUE(has(r.out, "завершения анализа")) << r.out;
}

TEST(Explain, EnglishOutput) {
  Outcome r = run("--lang en explain 'январь, июль' --years 2023,2024");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "January and July of each year of the plan")) << r.out;
  EXPECT_TRUE(has(r.out, "01.07.2024 – 31.07.2024")) << r.out;
}

TEST(Explain, UnreadablePhraseShowsTheCaretAndExitsOne) {
  Outcome r = run("explain 'в течени года'");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_TRUE(has(r.out, "с позиции 3")) << r.out;
  EXPECT_TRUE(has(r.out, "\n    ^\n")) << r.out;  // two spaces of indent, then column 3
  EXPECT_TRUE(has(r.out, "«течение»")) << r.out;
}

TEST(Explain, BadOptionsAreUsageErrors) {
  EXPECT_EQ(run("explain 'август' --school-year 2023-2025").status, 2);
  EXPECT_EQ(run("explain 'август' --years 20x3").status, 2);
  EXPECT_EQ(run("explain 'август' --half-year lunar").status, 2);
}

}  // namespace
