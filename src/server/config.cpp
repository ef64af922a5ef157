// The server's configuration file: see config.hpp.
#include "server/config.hpp"

#include "load/config_reader.hpp"

namespace roadmap::web {

ServeConfigLoad load_serve_config_text(std::string_view text, const std::string& name) {
  ServeConfigLoad out;
  auto root = load::parse_config_root(text, name, out.diagnostics);
  if (!root) return out;
  load::ConfigReader r(name, out.diagnostics);
  ServeConfig c;
  try {
    r.keys(*root, "", {"listen", "base_url", "threads", "limits", "sessions", "notify", "smtp", "log_requests"});
    if (auto n = (*root)["listen"]) {
      if (auto v = r.text(n, "listen")) {
        if (!parse_listen_address(*v)) r.error(n, "listen", "serve.err.listen", {*v});
        else c.listen = *v;
      }
    }
    if (auto n = (*root)["base_url"]) {
      if (auto v = r.text(n, "base_url")) {
        if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0) r.error(n, "base_url", "serve.err.base_url", {*v});
        else c.base_url = *v;
      }
    }
    if (auto n = (*root)["threads"])
      if (auto v = r.integer(n, "threads", 1, 256)) c.threads = static_cast<std::size_t>(*v);
    if (auto n = (*root)["log_requests"])
      if (auto v = r.boolean(n, "log_requests")) c.log_requests = *v;
    if (auto n = (*root)["limits"]; n && r.keys(n, "limits", {"body_kb", "header_kb", "read_timeout_s", "write_timeout_s",
                                                                "max_connections", "max_per_peer"})) {
      if (auto v = n["body_kb"]) if (auto k = r.integer(v, "limits.body_kb", 1, 1024 * 1024)) c.limits.body_bytes = static_cast<std::size_t>(*k) * 1024;
      if (auto v = n["header_kb"]) if (auto k = r.integer(v, "limits.header_kb", 1, 1024)) c.limits.header_bytes = static_cast<std::size_t>(*k) * 1024;
      if (auto v = n["read_timeout_s"]) if (auto k = r.integer(v, "limits.read_timeout_s", 1, 3600)) c.limits.read_timeout = std::chrono::seconds(*k);
      if (auto v = n["write_timeout_s"]) if (auto k = r.integer(v, "limits.write_timeout_s", 1, 3600)) c.limits.write_timeout = std::chrono::seconds(*k);
      if (auto v = n["max_connections"]) if (auto k = r.integer(v, "limits.max_connections", 1, 100000)) c.limits.max_connections = static_cast<std::size_t>(*k);
      if (auto v = n["max_per_peer"]) if (auto k = r.integer(v, "limits.max_per_peer", 1, 100000)) c.limits.max_per_peer = static_cast<std::size_t>(*k);
    }
    if (auto n = (*root)["sessions"]; n && r.keys(n, "sessions", {"signin_link_hours", "session_days", "signin_per_hour"})) {
      if (auto v = n["signin_link_hours"]) if (auto k = r.integer(v, "sessions.signin_link_hours", 1, 24 * 14)) c.lifetimes.signin = std::chrono::hours(*k);
      if (auto v = n["session_days"]) if (auto k = r.integer(v, "sessions.session_days", 1, 366)) c.lifetimes.session = std::chrono::hours(24 * *k);
      if (auto v = n["signin_per_hour"]) if (auto k = r.integer(v, "sessions.signin_per_hour", 1, 100)) c.lifetimes.signin_per_hour = static_cast<std::size_t>(*k);
    }
    if (auto n = (*root)["notify"]; n && r.keys(n, "notify", {"enabled", "policy", "every_minutes"})) {
      if (auto v = n["enabled"]) if (auto b = r.boolean(v, "notify.enabled")) c.notify = *b;
      if (auto v = n["policy"]) if (auto t = r.text(v, "notify.policy")) c.policy = *t;
      if (auto v = n["every_minutes"]) if (auto k = r.integer(v, "notify.every_minutes", 1, 1440)) c.notify_every = std::chrono::minutes(*k);
    }
    if (auto n = (*root)["smtp"]; n && r.keys(n, "smtp", {"url", "user", "starttls", "verify_tls", "ca"})) {
      mail::SmtpConfig s;
      if (auto v = n["url"]) {
        if (auto t = r.text(v, "smtp.url")) {
          if (t->rfind("smtp://", 0) != 0 && t->rfind("smtps://", 0) != 0) r.error(v, "smtp.url", "serve.err.smtp_url", {*t});
          else s.url = *t;
        }
      } else {
        r.error(n, "smtp.url", "serve.err.smtp_url_missing");
      }
      if (auto v = n["user"]) if (auto t = r.text(v, "smtp.user")) s.user = *t;
      if (auto v = n["starttls"]) if (auto b = r.boolean(v, "smtp.starttls")) s.starttls = *b;
      if (auto v = n["verify_tls"]) if (auto b = r.boolean(v, "smtp.verify_tls")) s.verify_tls = *b;
      if (auto v = n["ca"]) if (auto t = r.text(v, "smtp.ca")) s.ca_file = *t;
      c.smtp = s;
    }
  } catch (const YAML::Exception& e) {
    out.diagnostics.error({name, e.mark.line + 1, e.mark.column + 1, ""}, "config.err.yaml", {e.msg});
  }
  if (!out.diagnostics.has_errors()) out.config = std::move(c);
  return out;
}

ServeConfigLoad load_serve_config_file(const std::string& path) {
  ServeConfigLoad out;
  auto text = load::read_config_file(path, 1 << 20, out.diagnostics);
  if (!text) return out;
  return load_serve_config_text(*text, path);
}

}  // namespace roadmap::web
