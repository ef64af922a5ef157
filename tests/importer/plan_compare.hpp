// Test helper: compares two plan YAML texts item for item (numbers, measure texts, deadlines,
// responsible bodies and co-executors, sub-measures, participants, expected results), with
// whitespace normalised and bodies matched through each file's own `bodies` (id, aliases, name).
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace importer_test {

inline std::string norm(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { space = true; continue; }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The value under `key`, or an undefined node (yaml-cpp throws on a const look-up of a missing key).
inline YAML::Node child(const YAML::Node& n, const std::string& key) {
  if (n.IsMap())
    for (const auto& kv : n)
      if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  return YAML::Node(YAML::NodeType::Undefined);
}

inline std::string str(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : std::string(); }
inline std::string str(const YAML::Node& n, const char* key) { return str(child(n, key)); }

// A sequence under `key`, or an empty one when the key is absent.
inline YAML::Node seq(const YAML::Node& n, const char* key) {
  YAML::Node v = child(n, key);
  return v.IsSequence() ? v : YAML::Node(YAML::NodeType::Sequence);
}

struct Names {
  std::map<std::string, std::set<std::string>> by_name;  // any spelling -> all spellings of the body
  std::set<std::string> of(const std::string& ref) const {
    auto it = by_name.find(norm(ref));
    return it == by_name.end() ? std::set<std::string>{norm(ref)} : it->second;
  }
};

inline Names body_names(const YAML::Node& root) {
  Names n;
  for (const auto& b : seq(root, "bodies")) {
    std::set<std::string> all{norm(str(b, "id"))};
    all.insert(norm(str(b, "name")));
    for (const auto& a : seq(b, "aliases")) all.insert(norm(a.as<std::string>()));
    for (const auto& s : all) n.by_name[s].insert(all.begin(), all.end());
  }
  return n;
}

// Every difference, one line each; empty when the plans agree item for item.
inline std::vector<std::string> compare_plans(const std::string& actual_yaml, const std::string& expected_yaml) {
  std::vector<std::string> diffs;
  YAML::Node a = YAML::Load(actual_yaml), e = YAML::Load(expected_yaml);
  Names an = body_names(a), en = body_names(e);
  std::vector<YAML::Node> ai, ei;
  for (const auto& s : seq(a, "sections"))
    for (const auto& it : seq(s, "items")) ai.push_back(it);
  for (const auto& s : seq(e, "sections"))
    for (const auto& it : seq(s, "items")) ei.push_back(it);
  if (seq(a, "sections").size() != seq(e, "sections").size())
    diffs.push_back("sections: " + std::to_string(seq(a, "sections").size()) + " vs " +
                    std::to_string(seq(e, "sections").size()));
  if (ai.size() != ei.size())
    diffs.push_back("items: " + std::to_string(ai.size()) + " vs " + std::to_string(ei.size()));
  auto same_bodies = [&](const YAML::Node& x, const YAML::Node& y) {
    std::vector<std::string> xs, ys;
    for (const auto& v : x) xs.push_back(v.as<std::string>());
    for (const auto& v : y) ys.push_back(v.as<std::string>());
    if (xs.size() != ys.size()) return false;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      auto p = an.of(xs[i]), q = en.of(ys[i]);
      bool meet = std::any_of(p.begin(), p.end(), [&](const std::string& s) { return q.count(s) > 0; });
      if (!meet) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i < std::min(ai.size(), ei.size()); ++i) {
    const auto &x = ai[i], &y = ei[i];
    std::string where = "item " + str(y, "number") + ": ";
    for (const char* f : {"number", "measure", "deadline", "participants", "expected_result"})
      if (norm(str(x, f)) != norm(str(y, f)))
        diffs.push_back(where + f + ": «" + norm(str(x, f)) + "» vs «" + norm(str(y, f)) + "»");
    if (!same_bodies(seq(x, "responsible"), seq(y, "responsible"))) diffs.push_back(where + "responsible differ");
    if (!same_bodies(seq(x, "co_executors"), seq(y, "co_executors"))) diffs.push_back(where + "co_executors differ");
    YAML::Node xs = seq(x, "sub_measures"), ys = seq(y, "sub_measures");
    if (xs.size() != ys.size()) {
      diffs.push_back(where + "sub_measures: " + std::to_string(xs.size()) + " vs " + std::to_string(ys.size()));
    } else {
      for (std::size_t k = 0; k < xs.size(); ++k)
        for (const char* f : {"measure", "deadline"})
          if (norm(str(xs[k], f)) != norm(str(ys[k], f)))
            diffs.push_back(where + "sub_measures[" + std::to_string(k) + "]." + f + ": «" + str(xs[k], f) +
                            "» vs «" + str(ys[k], f) + "»");
    }
  }
  return diffs;
}

}  // namespace importer_test
