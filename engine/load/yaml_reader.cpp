// Located, typed reading of a yaml-cpp tree (see yaml_reader.hpp).
#include "load/yaml_reader.hpp"

#include <algorithm>

#include "load/did_you_mean.hpp"

namespace roadmap::load {

std::string join(const std::vector<std::string>& names, std::string_view sep) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += sep;
    out += n;
  }
  return out;
}

namespace {
std::string last_component(const std::string& path) {
  auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

bool looks_like_key_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '-')) ++i;
  std::size_t start = i;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_')) ++i;
  if (i == start || i >= line.size() || line[i] != ':') return false;
  return i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\r';
}
}  // namespace

Reader::Reader(std::string file, std::string_view text, diag::Diagnostics& out)
    : file_(std::move(file)), text_(text), lines_(text), out_(out), budget_(kNodeBudget) {}

model::SourcePos Reader::pos_of(const YAML::Node& node, model::SourcePos fallback) const {
  if (!node.IsDefined()) return fallback;
  const YAML::Mark m = node.Mark();
  if (m.is_null() || m.line < 0) return fallback;
  return {m.line + 1, lines_.char_column(m.line, m.column)};
}

diag::Location Reader::loc(model::SourcePos pos, std::string field) const {
  diag::Location l;
  l.file = file_;
  l.line = pos.line;
  l.column = pos.column;
  l.field = std::move(field);
  return l;
}

diag::Diagnostic* Reader::error(model::SourcePos pos, std::string field, std::string key,
                                std::vector<std::string> args) {
  if (errors_ >= kMaxErrors) {
    ++dropped_;
    return nullptr;
  }
  ++errors_;
  return &out_.error(loc(pos, std::move(field)), std::move(key), std::move(args));
}

diag::Diagnostic* Reader::warning(model::SourcePos pos, std::string field, std::string key,
                                  std::vector<std::string> args) {
  if (out_.warning_count() >= kMaxErrors) return nullptr;
  return &out_.warning(loc(pos, std::move(field)), std::move(key), std::move(args));
}

void Reader::hint(diag::Diagnostic* d, std::string key, std::vector<std::string> args) {
  if (d) d->hints.push_back(diag::Message{std::move(key), std::move(args)});
}

void Reader::did_you_mean(diag::Diagnostic* d, std::string_view word, const std::vector<std::string>& candidates) {
  if (!d) return;
  auto best = suggest(word, candidates);
  if (!best.empty()) hint(d, "load.hint.did_you_mean", {join(best)});
}

bool Reader::spend(std::size_t nodes) {
  if (exhausted_ || budget_ < nodes) {
    exhausted_ = true;
    return false;
  }
  budget_ -= nodes;
  return true;
}

void Reader::finish() {
  auto file_only = [this] { return loc({}, ""); };
  if (exhausted_) {
    auto& d = out_.error(file_only(), "load.err.too_complex");
    d.hints.push_back({"load.hint.too_complex", {}});
  }
  if (dropped_ > 0) {
    auto& d = out_.error(file_only(), "load.err.too_many", {std::to_string(kMaxErrors)});
    d.hints.push_back({"load.hint.too_many", {}});
  }
}

void Reader::wrong_type(const YAML::Node& node, model::SourcePos pos, const std::string& path, std::string_view want) {
  const std::string name = last_component(path);
  if (node.IsNull()) {
    auto* d = error(pos, path, "load.err.empty_value", {name});
    hint(d, "load.hint.empty_value");
    return;
  }
  auto* d = error(pos, path, "load.err.want_" + std::string(want), {name});
  if (node.IsMap()) hint(d, "load.hint.got_map");
  else if (node.IsSequence()) hint(d, "load.hint.got_list");
  else if (want == "list") hint(d, "load.hint.got_scalar", {node.Scalar()});
  else hint(d, "load.hint.got_scalar_map");
}

std::string Reader::scalar(const YAML::Node& node, model::SourcePos pos, const std::string& path) {
  const std::string& s = node.Scalar();
  const YAML::Mark m = node.Mark();
  if (node.Tag() != "!" || m.is_null() || m.pos < 0) return s;
  const auto start = static_cast<std::size_t>(m.pos);
  if (start >= text_.size() || (text_[start] != '"' && text_[start] != '\'')) return s;
  if (!quotes_checked_.insert(start).second) return s;  // an alias of a value already checked
  const char q = text_[start];
  std::size_t i = start + 1;
  std::size_t close = std::string_view::npos;
  while (i < text_.size()) {
    if (q == '"' && text_[i] == '\\') { i += 2; continue; }
    if (text_[i] == q) {
      if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') { i += 2; continue; }  // '' inside '...'
      close = i;
      break;
    }
    ++i;
  }
  if (close == std::string_view::npos) {
    auto* d = error(pos, path, "load.err.unclosed_quote", {std::string(1, q)});
    hint(d, "load.hint.unclosed_quote");
    return s;
  }
  // A quoted value may span lines; one that swallows "key: value" lines lacks its closing quote.
  for (std::size_t nl = text_.find('\n', start); nl != std::string_view::npos && nl < close;
       nl = text_.find('\n', nl + 1)) {
    std::size_t end = text_.find('\n', nl + 1);
    std::string_view line = text_.substr(nl + 1, (end == std::string_view::npos ? text_.size() : end) - nl - 1);
    if (looks_like_key_line(line)) {
      int line_no = static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(nl) + 1, '\n')) + 1;
      auto* d = warning(pos, path, "load.warn.quote_spans_lines", {std::to_string(line_no)});
      hint(d, "load.hint.quote_spans_lines");
      break;
    }
  }
  return s;
}

MapView Reader::map(const YAML::Node& node, std::string path, const std::vector<std::string>& allowed,
                    model::SourcePos where) {
  MapView v;
  v.reader_ = this;
  v.path_ = std::move(path);
  v.pos_ = pos_of(node, where);
  if (!spend()) return v;
  if (!node.IsMap()) {
    wrong_type(node, v.pos_, v.path_, "map");
    return v;
  }
  v.valid_ = true;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!spend()) break;
    // Copies: the iterator's pair is a temporary proxy.
    const YAML::Node k = it->first;
    const YAML::Node value = it->second;
    const model::SourcePos kpos = pos_of(k, v.pos_);
    std::string name = k.IsScalar() ? k.Scalar() : std::string("?");
    const std::string field = v.path_.empty() ? name : v.path_ + "." + name;
    auto same = std::find_if(v.entries_.begin(), v.entries_.end(), [&](const auto& e) { return e.first == name; });
    if (same != v.entries_.end()) {
      auto* d = error(kpos, field, "load.err.duplicate_key", {name, std::to_string(pos_of(same->second.first).line)});
      hint(d, "load.hint.duplicate_key");
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      auto* d = error(kpos, field, "load.err.unknown_key", {name});
      auto best = suggest(name, allowed);
      if (!best.empty()) hint(d, "load.hint.did_you_mean", {join(best)});
      else hint(d, "load.hint.allowed_keys", {join(allowed)});
      continue;
    }
    v.entries_.push_back({name, {k, value}});
  }
  return v;
}

const YAML::Node* MapView::find(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.first == key) return &e.second.second;
  return nullptr;
}

model::SourcePos MapView::key_pos(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.first == key) return reader_->pos_of(e.second.first, pos_);
  return pos_;
}

model::SourcePos MapView::value_pos(std::string_view key) const {
  const YAML::Node* v = find(key);
  return v ? reader_->pos_of(*v, key_pos(key)) : pos_;
}

std::string MapView::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::optional<Located> MapView::text(std::string_view key, bool required, bool allow_empty) const {
  if (!valid_) return std::nullopt;
  const YAML::Node* v = find(key);
  const std::string path = child_path(key);
  if (!v) {
    if (required) {
      auto* d = reader_->error(pos_, path, "load.err.missing", {std::string(key)});
      reader_->hint(d, "load.hint.missing", {std::string(key)});
    }
    return std::nullopt;
  }
  const model::SourcePos vpos = value_pos(key);
  if (v->IsNull() || (v->IsScalar() && v->Scalar().empty())) {
    if (v->IsScalar()) reader_->scalar(*v, vpos, path);
    if (required && !allow_empty) {
      auto* d = reader_->error(vpos, path, "load.err.empty_value", {std::string(key)});
      reader_->hint(d, "load.hint.empty_value");
      return std::nullopt;
    }
    return Located{"", vpos, path};
  }
  if (!v->IsScalar()) {
    reader_->wrong_type(*v, vpos, path, "string");
    return std::nullopt;
  }
  return Located{reader_->scalar(*v, vpos, path), vpos, path};
}

std::optional<std::vector<Located>> MapView::text_list(std::string_view key, bool required) const {
  if (!valid_) return std::nullopt;
  const YAML::Node* v = find(key);
  const std::string path = child_path(key);
  if (!v) {
    if (required) {
      auto* d = reader_->error(pos_, path, "load.err.missing", {std::string(key)});
      reader_->hint(d, "load.hint.missing", {std::string(key)});
    }
    return std::nullopt;
  }
  const model::SourcePos vpos = value_pos(key);
  if (v->IsNull()) return std::vector<Located>{};
  if (!v->IsSequence()) {
    reader_->wrong_type(*v, vpos, path, "list");
    return std::nullopt;
  }
  std::vector<Located> out;
  std::size_t i = 0;
  for (const auto& e : *v) {
    ++i;
    if (!reader_->spend()) break;
    const std::string epath = path + "[" + std::to_string(i) + "]";
    const model::SourcePos epos = reader_->pos_of(e, vpos);
    if (e.IsScalar() && !e.Scalar().empty()) {
      out.push_back(Located{reader_->scalar(e, epos, epath), epos, epath});
    } else if (e.IsNull() || e.IsScalar()) {
      auto* d = reader_->error(epos, epath, "load.err.empty_value", {std::string(key) + "[" + std::to_string(i) + "]"});
      reader_->hint(d, "load.hint.empty_value");
    } else {
      reader_->wrong_type(e, epos, epath, "string");
    }
  }
  return out;
}

std::optional<YAML::Node> MapView::list(std::string_view key, bool required, bool non_empty) const {
  if (!valid_) return std::nullopt;
  const YAML::Node* v = find(key);
  const std::string path = child_path(key);
  if (!v) {
    if (required) {
      auto* d = reader_->error(pos_, path, "load.err.missing", {std::string(key)});
      reader_->hint(d, "load.hint.missing", {std::string(key)});
    }
    return std::nullopt;
  }
  const model::SourcePos vpos = value_pos(key);
  if (v->IsNull() || (v->IsSequence() && v->size() == 0)) {
    if (non_empty) {
      auto* d = reader_->error(vpos, path, "load.err.empty_list", {std::string(key)});
      reader_->hint(d, "load.hint.empty_list");
    }
    return std::nullopt;
  }
  if (!v->IsSequence()) {
    reader_->wrong_type(*v, vpos, path, "list");
    return std::nullopt;
  }
  return *v;
}

std::optional<MapView> MapView::map(std::string_view key, bool required, std::vector<std::string> allowed) const {
  if (!valid_) return std::nullopt;
  const YAML::Node* v = find(key);
  if (!v) {
    if (required) {
      auto* d = reader_->error(pos_, child_path(key), "load.err.missing", {std::string(key)});
      reader_->hint(d, "load.hint.missing", {std::string(key)});
    }
    return std::nullopt;
  }
  MapView m = reader_->map(*v, child_path(key), allowed, key_pos(key));
  if (!m.valid()) return std::nullopt;
  return m;
}

}  // namespace roadmap::load
