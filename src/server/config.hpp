// The configuration of `roadmap serve` (issue 7), from a YAML file (format: plans/README.md,
// "Web server configuration"; an example in examples/serve.yaml) and then flags, which win. Every
// mistake in the file is a located error (file, line, column, field) and the server does not start.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "access/sessions.hpp"
#include "diag/diagnostic.hpp"
#include "mail/smtp.hpp"
#include "server/http_server.hpp"

namespace roadmap::web {

struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  std::string base_url;      // links in mails and feeds; "http://<listen>" when empty
  std::size_t threads = 4;   // workers that answer requests (network I/O has its own thread)
  ServerLimits limits;
  access::Lifetimes lifetimes;
  bool notify = true;                      // send due notifications at the local hours
  std::string policy;                      // the notification policy file; built-in defaults when empty
  std::chrono::minutes notify_every{15};   // how often the clock looks for due notifications
  std::optional<mail::SmtpConfig> smtp;    // no mail at all when absent
  bool log_requests = true;
};

struct ServeConfigLoad {
  std::optional<ServeConfig> config;  // set only without errors
  diag::Diagnostics diagnostics;
};

ServeConfigLoad load_serve_config_text(std::string_view text, const std::string& display_name);
ServeConfigLoad load_serve_config_file(const std::string& path);

}  // namespace roadmap::web
