// What the lifecycle commands (done, start, cancel, not-needed, reopen) share: the task number,
// who makes the change (--as, $ROADMAP_USER, the system user), --version, and the run itself.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli.hpp"
#include "store/lifecycle.hpp"

namespace roadmap::cli::lifecycle {

struct Args {
  std::string task;  // as typed: "12", "#12", "№12"
  std::string as;
  int version = 0;  // 0: not given (versions start at 1)
  std::string reason;
  store::TaskResult result;  // done only
  std::string on;            // done only: YYYY-MM-DD
};

// "12", "#12", "№12", "№ 12" -> 12.
std::optional<std::int64_t> parse_task_number(const std::string& text);

// The actor to record: the directory person named by --as (their id), else $ROADMAP_USER, else the
// system user name. nullopt (with the error printed) when --as names nobody.
std::optional<std::string> resolve_actor(Context& ctx, store::Database& db, const std::string& as);

// TASK, --as, --version (and --reason when `with_reason`) on `sub`.
void add_common(CLI::App* sub, Context& ctx, const std::shared_ptr<Args>& args, bool with_reason);

// Runs the transition and prints what happened; the process exit status (1 refused, 2 usage).
int run(Context& ctx, const Args& args, store::Transition transition);

}  // namespace roadmap::cli::lifecycle
