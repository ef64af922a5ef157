// Reading the scheduler's input files (see inputs.hpp).
#include "scheduler/inputs.hpp"

#include <cstdlib>
#include <filesystem>

#include "load/directory_loader.hpp"
#include "load/event_calendar_loader.hpp"

#ifndef ROADMAP_DATA_DIR
#define ROADMAP_DATA_DIR "plans"
#endif

namespace roadmap::scheduler {

namespace fs = std::filesystem;

std::string default_calendar_path() {
  if (const char* env = std::getenv("ROADMAP_CALENDAR"); env && *env) return env;
  return std::string(ROADMAP_DATA_DIR) + "/calendars/ru.yaml";
}

InputFiles::InputFiles(std::string calendar_path, std::string overrides_path)
    : calendar_path_(std::move(calendar_path)), overrides_path_(std::move(overrides_path)) {}

std::string InputFiles::resolve(const model::Plan& plan, const std::string& path) {
  fs::path p(path);
  if (p.is_absolute() || plan.source_file.empty()) return p.lexically_normal().string();
  return (fs::path(plan.source_file).parent_path() / p).lexically_normal().string();
}

const calendar::ProductionCalendar* InputFiles::calendar(diag::Diagnostics& out) {
  if (!calendar_tried_) {
    calendar_tried_ = true;
    auto base = calendar::load_calendar_file(calendar_path_);
    calendar_diags_.append(base.diagnostics);
    if (base.ok() && !overrides_path_.empty()) {
      auto ov = calendar::load_overrides_file(overrides_path_);
      calendar_diags_.append(ov.diagnostics);
      if (ov.ok()) {
        auto applied = calendar::apply_overrides(*base.calendar, *ov.overrides);
        calendar_diags_.append(applied.diagnostics);
        if (applied.ok()) calendar_ = std::move(applied.calendar);
      }
    } else if (base.ok()) {
      calendar_ = std::move(base.calendar);
    }
  }
  out.append(calendar_diags_);
  return calendar_ ? &*calendar_ : nullptr;
}

const model::Directory* InputFiles::directory_for(const model::Plan& plan, diag::Diagnostics& out) {
  if (plan.directory.empty()) {
    auto& d = out.error({plan.source_file, 0, 0, "plan.directory"}, "scheduler.err.no_directory", {plan.id});
    d.hints.push_back({"scheduler.hint.no_directory", {}});
    return nullptr;
  }
  std::string path = resolve(plan, plan.directory);
  auto it = directories_.find(path);
  if (it == directories_.end()) {
    auto load = load::load_directory_file(path);
    std::shared_ptr<model::Directory> d;
    if (load.ok()) d = std::make_shared<model::Directory>(std::move(*load.directory));
    it = directories_.emplace(path, std::make_pair(d, std::move(load.diagnostics))).first;
  }
  out.append(it->second.second);
  return it->second.first.get();
}

const model::EventCalendar* InputFiles::events_for(const model::Plan& plan, diag::Diagnostics& out) {
  if (plan.event_calendar.empty()) return nullptr;
  std::string path = resolve(plan, plan.event_calendar);
  auto it = events_.find(path);
  if (it == events_.end()) {
    auto load = load::load_event_calendar_file(path);
    std::shared_ptr<model::EventCalendar> c;
    if (load.ok()) c = std::make_shared<model::EventCalendar>(std::move(*load.calendar));
    it = events_.emplace(path, std::make_pair(c, std::move(load.diagnostics))).first;
  }
  out.append(it->second.second);
  return it->second.first.get();
}

}  // namespace roadmap::scheduler
