// The scheduler: a loaded plan, its organisation directory, its assessment-event calendar and the
// production calendar -> the dated tasks of every responsible body and, where the plan names a
// class ("ОО") or a group of schools, of every school. A pure function of its inputs: the same
// inputs give the same tasks with the same keys, which is what makes re-planning a diff
// (store::apply_tasks). Rules: plans/README.md, section "Scheduling".
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "calendar/production_calendar.hpp"
#include "deadline/schedule.hpp"
#include "diag/diagnostic.hpp"
#include "model/directory.hpp"
#include "model/plan.hpp"
#include "scheduler/task.hpp"

namespace roadmap::scheduler {

// A distance: `count` of `unit` (day, working_day, week, month).
struct Lag {
  int count = 0;
  deadline::Unit unit = deadline::Unit::working_day;
};

struct Options {
  // Check-ins of a continuous task ("постоянно") and reviews of an on-demand one: every `every`
  // `checkin_unit`s (quarterly by default).
  deadline::Unit checkin_unit = deadline::Unit::quarter;
  int checkin_every = 1;
  // Event-tied phrases that state no lag of their own.
  Lag after_event{5, deadline::Unit::working_day};     // "после ОП": due 5 working days after it
  Lag results_of_event{1, deadline::Unit::month};      // "по результатам ОП": within a month
  Lag checking_event{10, deadline::Unit::working_day}; // "при проверке ВПР": 10 working days
  Lag preparation{1, deadline::Unit::month};           // "при подготовке к ОП": opens a month before
  Lag after_item{1, deadline::Unit::month};            // "после завершения анализа": within a month
};

struct Inputs {
  const model::Plan* plan = nullptr;
  const model::Directory* directory = nullptr;
  const model::EventCalendar* events = nullptr;       // may be null: event-tied items then report
  const calendar::ProductionCalendar* calendar = nullptr;
  // Items of this plan that are done (item key -> day), from the store: items waiting for them
  // get their dates.
  std::map<std::string, Date> items_done;
};

struct Expansion {
  std::vector<PlannedTask> tasks;  // in plan order: item, sub-measure, clause, occurrence, assignee
  diag::Diagnostics diagnostics;   // errors mean: do not store any of it
  bool ok() const { return !diagnostics.has_errors(); }
};

Expansion expand(const Inputs& in, const Options& options = {});

// Several plans at once, on up to `threads` threads (0: the machine's cores): expand() is a pure
// function of read-only inputs, so plans expand side by side. Results in the order of `inputs`.
std::vector<Expansion> expand_all(const std::vector<Inputs>& inputs, const Options& options = {},
                                  unsigned threads = 0);

}  // namespace roadmap::scheduler
