// How fast the deadline parser reads phrases on one core: the seeds' mix (every deadline cell of
// the five seed plans, with their repetitions), the wider Russian corpus and the English one.
// Reports items_per_second (phrases per second) and, per corpus, how many phrases are understood;
// ends with the comparison it exists for: the seeds' mix against the target of 1,000,000 phrases/s.
// Options of its own (before Google Benchmark's): --show-unread lists the phrases not understood.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "deadline/parse.hpp"
#include "phrase_file.hpp"

namespace {

namespace dl = roadmap::deadline;

constexpr double kTargetPhrasesPerSecond = 1'000'000.0;

struct Corpus {
  const char* file;
  std::vector<std::string> phrases;
  std::size_t understood = 0;
};

std::vector<Corpus>& corpora() {
  static std::vector<Corpus> all{{"seeds.txt", {}, 0}, {"wider.txt", {}, 0}, {"english.txt", {}, 0}};
  return all;
}

dl::ParseOptions plan_options() {
  dl::ParseOptions opts;
  opts.school_year_start = 2023;
  opts.years = {2023, 2024};
  return opts;
}

void parse_corpus(benchmark::State& state, const Corpus* corpus) {
  const dl::ParseOptions opts = plan_options();
  for (auto _ : state) {
    for (const std::string& phrase : corpus->phrases) {
      dl::ParseResult result = dl::parse(phrase, opts);
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(corpus->phrases.size()));
  state.counters["phrases"] = static_cast<double>(corpus->phrases.size());
  state.counters["understood"] = static_cast<double>(corpus->understood);
}

// Keeps the seeds' mix rate to print the verdict after the usual console table.
class VerdictReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_name.function_name != "BM_Parse/seeds.txt") continue;
      // A single run, or the mean of repetitions (--benchmark_repetitions).
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "mean") continue;
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) seeds_rate = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  double seeds_rate = 0;
};

}  // namespace

int main(int argc, char** argv) {
  bool show_unread = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--show-unread") == 0) {
      show_unread = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  const dl::ParseOptions opts = plan_options();
  for (Corpus& corpus : corpora()) {
    corpus.phrases = roadmap::bench::read_phrases(roadmap::bench::phrases_dir() / corpus.file);
    for (const std::string& phrase : corpus.phrases) {
      const dl::ParseResult result = dl::parse(phrase, opts);
      if (result.understood()) {
        ++corpus.understood;
      } else if (show_unread) {
        std::printf("  unread %-12s col %3zu  %s\n", corpus.file, result.stop_column, phrase.c_str());
      }
    }
    std::printf("%-12s %4zu of %4zu phrases understood (%.1f%%)\n", corpus.file, corpus.understood,
                corpus.phrases.size(),
                corpus.phrases.empty() ? 0.0 : 100.0 * corpus.understood / corpus.phrases.size());
    benchmark::RegisterBenchmark((std::string("BM_Parse/") + corpus.file).c_str(), parse_corpus, &corpus)
        ->Unit(benchmark::kMicrosecond);
  }
  std::fflush(stdout);

  int bench_argc = static_cast<int>(args.size());
  benchmark::Initialize(&bench_argc, args.data());
  if (benchmark::ReportUnrecognizedArguments(bench_argc, args.data())) return 1;
  VerdictReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (reporter.seeds_rate > 0) {
    std::printf("seeds' mix: %.0f phrases/s on one core; target %.0f: %s (%.2fx)\n", reporter.seeds_rate,
                kTargetPhrasesPerSecond, reporter.seeds_rate >= kTargetPhrasesPerSecond ? "met" : "NOT met",
                reporter.seeds_rate / kTargetPhrasesPerSecond);
  }
  return 0;
}
