// Small UTF-8 text helpers the importer needs: lower-casing Cyrillic, trimming, splitting,
// collapsing spaces, and checking or repairing the encoding of an input file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roadmap::importer::text {

// Lower-case for Latin and Cyrillic letters (Ё -> ё); other code points are kept.
std::string lower(std::string_view s);
// Trims ASCII white space and NBSP at both ends.
std::string trim(std::string_view s);
// Trims, turns NBSP and tabs into spaces and collapses runs of spaces into one.
std::string squeeze(std::string_view s);
// Every line squeezed, empty lines at both ends dropped, joined with '\n'.
std::string join_lines(const std::vector<std::string>& lines);
// Lower-cased, squeezed, with quotes, dots and spaces removed: a key to compare names by.
std::string name_key(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::vector<std::string> split_lines(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);  // prefix must be lower-case
bool contains_ci(std::string_view s, std::string_view needle);       // needle must be lower-case

// Number of bytes of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t invalid_utf8_at(std::string_view s);
// Windows-1251 (the usual encoding of Russian .txt files saved by Word) to UTF-8.
std::string cp1251_to_utf8(std::string_view s);
// UTF-16 (with a byte-order mark) to UTF-8; false when the data is not UTF-16 with a BOM.
bool utf16_to_utf8(std::string_view s, std::string& out);
// Number of code points; used for columns in messages.
int code_points(std::string_view s);
// The first code point is an upper-case Cyrillic or Latin letter.
bool starts_upper(std::string_view s);
// Shortens a text for a message: the first `max` code points and "…".
std::string shorten(std::string_view s, std::size_t max = 60);

}  // namespace roadmap::importer::text
