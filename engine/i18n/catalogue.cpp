// Builds the catalogue from every module's messages.inc (see CMakeLists.txt).
#include "i18n/catalogue.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace roadmap::i18n {
namespace {

#define M(key, ru, en) Entry{key, ru, en},
const std::vector<Entry> kEntries = {
#include "all_messages.inc"
};
#undef M

const std::unordered_map<std::string_view, const Entry*>& index() {
  static const auto map = [] {
    std::unordered_map<std::string_view, const Entry*> m;
    for (const auto& e : kEntries) m.emplace(e.key, &e);
    return m;
  }();
  return map;
}

}  // namespace

bool parse_lang(std::string_view t, Lang& out) {
  if (t == "ru" || t == "russian" || t == "рус") { out = Lang::ru; return true; }
  if (t == "en" || t == "english") { out = Lang::en; return true; }
  return false;
}

std::string_view text(Lang lang, std::string_view key) {
  const auto& idx = index();
  auto it = idx.find(key);
  if (it == idx.end()) return key;
  return lang == Lang::en ? it->second->en : it->second->ru;
}

bool has(std::string_view key) { return index().count(key) != 0; }

std::string format(Lang lang, std::string_view key, const std::vector<std::string>& args) {
  std::string_view pattern = text(lang, key);
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args) store.push_back(a);
  try {
    return fmt::vformat(pattern, store);
  } catch (const fmt::format_error&) {
    return std::string(pattern);
  }
}

const std::vector<Entry>& entries() { return kEntries; }

}  // namespace roadmap::i18n
