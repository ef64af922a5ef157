// Reading the phrase corpora of bench/phrases/: comments and empty lines skipped, "\n" and "\\"
// turned back into a line break and a backslash.
#include "phrase_file.hpp"

#include <fstream>
#include <stdexcept>

namespace roadmap::bench {

std::vector<std::string> read_phrases(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<std::string> phrases;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::string phrase;
    phrase.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == 'n' || line[i + 1] == '\\')) {
        phrase += line[i + 1] == 'n' ? '\n' : '\\';
        ++i;
      } else {
        phrase += line[i];
      }
    }
    phrases.push_back(std::move(phrase));
  }
  return phrases;
}

std::filesystem::path phrases_dir() {
  return ROADMAP_PHRASES_DIR;
}

}  // namespace roadmap::bench
