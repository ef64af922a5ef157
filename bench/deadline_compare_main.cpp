// The deadline parser's side of bench/compare/run.sh: reads a phrase corpus, counts the phrases
// understood, and times parsing on one core over the whole corpus, repeated for at least the given
// seconds of process CPU time after one untimed warm-up pass, exactly as the dateparser and chrono
// runners do (CPU time, not wall time: the machine is shared, and other work must not count).
// Usage: deadline_compare CORPUS_FILE [MIN_SECONDS] [--tsv]
// --tsv prints one line: tool, corpus, phrases, fully read (twice: strict and words, the same for
// a parser that reads whole phrases), phrases per second.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "deadline/parse.hpp"
#include "phrase_file.hpp"

namespace dl = roadmap::deadline;

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_FILE [MIN_SECONDS] [--tsv]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path file = argv[1];
  double min_seconds = 2.0;
  bool tsv = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--tsv") == 0) {
      tsv = true;
    } else {
      min_seconds = std::atof(argv[i]);
    }
  }
  std::vector<std::string> phrases;
  try {
    phrases = roadmap::bench::read_phrases(file);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  if (phrases.empty()) {
    std::fprintf(stderr, "%s: no phrases\n", file.c_str());
    return 1;
  }
  dl::ParseOptions opts;
  opts.school_year_start = 2023;
  opts.years = {2023, 2024};

  std::size_t understood = 0;
  for (const std::string& phrase : phrases) understood += dl::parse(phrase, opts).understood() ? 1 : 0;

  // The sink keeps the compiler from dropping the parses it would otherwise see as unused.
  std::size_t sink = 0;
  std::size_t done = 0;
  const double start = cpu_seconds();
  double elapsed = 0;
  while (elapsed < min_seconds) {
    for (const std::string& phrase : phrases) sink += dl::parse(phrase, opts).schedule.clauses.size();
    done += phrases.size();
    elapsed = cpu_seconds() - start;
  }
  const double rate = static_cast<double>(done) / elapsed;
  const std::string corpus = file.filename().string();
  if (tsv) {
    std::printf("ours\t%s\t%zu\t%zu\t%zu\t%.1f\n", corpus.c_str(), phrases.size(), understood, understood,
                rate);
  } else {
    std::printf("%s: %zu of %zu phrases understood, %.0f phrases/s (%zu clauses read)\n", corpus.c_str(),
                understood, phrases.size(), rate, sink);
  }
  return 0;
}
