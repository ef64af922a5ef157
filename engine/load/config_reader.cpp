// The configuration reader (see config_reader.hpp).
#include "load/config_reader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "load/yaml_guard.hpp"

namespace roadmap::load {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string key(std::string_view family, std::string_view name) {
  std::string k(family);
  k += '.';
  k += name;
  return k;
}

}  // namespace

diag::Location ConfigReader::at(const YAML::Node& n, const std::string& field) const {
  diag::Location l;
  l.file = file_;
  l.field = field;
  if (n.Mark().line >= 0) {
    l.line = n.Mark().line + 1;
    l.column = n.Mark().column + 1;
  }
  return l;
}

void ConfigReader::error(const YAML::Node& n, const std::string& field, std::string key,
                         std::vector<std::string> args) {
  out_.error(at(n, field), std::move(key), std::move(args));
}

std::optional<bool> ConfigReader::boolean(const YAML::Node& n, const std::string& field) {
  if (n.IsScalar()) {
    std::string v = lower_ascii(n.Scalar());
    if (v == "true" || v == "yes" || v == "да") return true;
    if (v == "false" || v == "no" || v == "нет") return false;
  }
  error(n, field, key(family_, "not_bool"));
  return std::nullopt;
}

std::optional<long> ConfigReader::integer(const YAML::Node& n, const std::string& field, long lo, long hi) {
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    long v = 0;
    bool ok = !s.empty() && s.size() < 12;
    for (std::size_t i = 0; ok && i < s.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) ok = false;
      else v = v * 10 + (s[i] - '0');
    }
    if (ok && v >= lo && v <= hi) return v;
  }
  error(n, field, key(family_, "bad_number"), {std::to_string(lo), std::to_string(hi)});
  return std::nullopt;
}

std::optional<std::string> ConfigReader::text(const YAML::Node& n, const std::string& field) {
  if (n.IsScalar()) return n.Scalar();
  error(n, field, key(family_, "not_text"));
  return std::nullopt;
}

bool ConfigReader::keys(const YAML::Node& map, const std::string& field, std::initializer_list<std::string_view> known) {
  if (!map.IsMap()) {
    error(map, field, key(family_, "not_mapping"));
    return false;
  }
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string k = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      std::string list;
      for (auto kn : known) list += (list.empty() ? "" : ", ") + std::string(kn);
      error(it->first, field.empty() ? k : field + "." + k, key(family_, "unknown_key"), {k, list});
    }
  }
  return true;
}

std::optional<YAML::Node> parse_config_root(std::string_view text, const std::string& display_name,
                                            diag::Diagnostics& out, std::string_view family) {
  if (auto bad = unsafe_yaml_root(text)) {
    out.error({display_name, bad->first, bad->second + 1, ""}, key(family, "not_mapping"));
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    out.error({display_name, e.mark.line + 1, e.mark.column + 1, ""}, key(family, "yaml"), {e.msg});
    return std::nullopt;
  }
  if (!root.IsMap()) {
    // An empty file is an empty configuration: every default holds.
    if (root.IsNull()) return YAML::Node(YAML::NodeType::Map);
    out.error({display_name, 1, 1, ""}, key(family, "not_mapping"));
    return std::nullopt;
  }
  return root;
}

std::optional<std::string> read_config_file(const std::string& path, std::size_t max_bytes, diag::Diagnostics& out,
                                            std::string_view family) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    out.error({path, 0, 0, ""}, key(family, "open"), {path});
    return std::nullopt;
  }
  std::string text;
  char buf[8192];
  while (f.read(buf, sizeof buf) || f.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(f.gcount()));
    if (text.size() > max_bytes) {
      out.error({path, 0, 0, ""}, key(family, "too_big"), {path, std::to_string(max_bytes)});
      return std::nullopt;
    }
  }
  return text;
}

}  // namespace roadmap::load
