// What the scheduler needs besides the plan, found the way a coordinator expects: the plan's
// `directory:` and `event_calendar:` paths are read relative to the plan file, the production
// calendar is the bundled one (plans/calendars/ru.yaml) unless --calendar or ROADMAP_CALENDAR
// names another, optionally with a territory's overrides. Files shared by several plans are
// read once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "calendar/production_calendar.hpp"
#include "diag/diagnostic.hpp"
#include "model/directory.hpp"
#include "model/plan.hpp"

namespace roadmap::scheduler {

// ROADMAP_CALENDAR when set, else the calendar shipped with the sources.
std::string default_calendar_path();

class InputFiles {
 public:
  explicit InputFiles(std::string calendar_path = default_calendar_path(), std::string overrides_path = {});

  // Null (with the loader's located errors in `out`) when the file cannot be used.
  const calendar::ProductionCalendar* calendar(diag::Diagnostics& out);
  const model::Directory* directory_for(const model::Plan& plan, diag::Diagnostics& out);
  // Null without an error when the plan names no event calendar.
  const model::EventCalendar* events_for(const model::Plan& plan, diag::Diagnostics& out);

  // A path of the plan, relative to the plan file's folder.
  static std::string resolve(const model::Plan& plan, const std::string& path);

 private:
  std::string calendar_path_;
  std::string overrides_path_;
  bool calendar_tried_ = false;
  std::optional<calendar::ProductionCalendar> calendar_;
  diag::Diagnostics calendar_diags_;
  std::map<std::string, std::pair<std::shared_ptr<model::Directory>, diag::Diagnostics>> directories_;
  std::map<std::string, std::pair<std::shared_ptr<model::EventCalendar>, diag::Diagnostics>> events_;
};

}  // namespace roadmap::scheduler
