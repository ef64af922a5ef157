// Reading the phrase corpora of bench/phrases/ (one phrase a line, "\n" a line break inside a
// cell, "#" comments; see bench/phrases/README.md), shared by the benchmark and the comparison CLI.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace roadmap::bench {

// The phrases of a corpus file, unescaped; throws std::runtime_error when the file cannot be read.
std::vector<std::string> read_phrases(const std::filesystem::path& path);

// Where the corpora live in the source tree (bench/phrases), set by CMake.
std::filesystem::path phrases_dir();

}  // namespace roadmap::bench
