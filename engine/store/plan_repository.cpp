// Plans to rows and back. A save writes the plan row with an upsert (so the row, and whatever
// later refers to the plan id, survives a re-load) and replaces the plan's child rows; all of it
// inside the caller's transaction.
#include "store/plan_repository.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <set>

#include "store/plan_digest.hpp"

namespace roadmap::store {

namespace {

using model::Plan;

std::optional<std::string> iso(const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d->year()), static_cast<unsigned>(d->month()),
                     static_cast<unsigned>(d->day()));
}

std::string iso(const std::chrono::year_month_day& d) {
  return *iso(std::optional(d));
}

std::optional<std::chrono::year_month_day> parse_iso(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(s->c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

std::string_view numbering_name(model::Numbering n) {
  return n == model::Numbering::per_section ? "per_section" : "global";
}
std::string_view half_year_name(model::HalfYear h) {
  return h == model::HalfYear::calendar ? "calendar" : "school";
}

// The statements of one save, prepared once for a whole batch.
class PlanWriter {
 public:
  explicit PlanWriter(Database& db)
      : db_(db),
        find_(db.prepare("SELECT content_hash, source_file FROM plans WHERE id = ?")),
        touch_source_(db.prepare("UPDATE plans SET source_file = ?2 WHERE id = ?1")),
        upsert_(db.prepare(R"sql(
          INSERT INTO plans (id, title, owner, territory, approved_kind, approved_number, approved_date,
            approved_issuer, approved_signed_by, period_school_year, period_from, period_to, first_day,
            last_day, timezone, numbering, half_year, language, directory, event_calendar, source_file,
            content_hash, loaded_at)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21, ?22, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
          ON CONFLICT (id) DO UPDATE SET
            title = excluded.title, owner = excluded.owner, territory = excluded.territory,
            approved_kind = excluded.approved_kind, approved_number = excluded.approved_number,
            approved_date = excluded.approved_date, approved_issuer = excluded.approved_issuer,
            approved_signed_by = excluded.approved_signed_by,
            period_school_year = excluded.period_school_year, period_from = excluded.period_from,
            period_to = excluded.period_to, first_day = excluded.first_day, last_day = excluded.last_day,
            timezone = excluded.timezone, numbering = excluded.numbering, half_year = excluded.half_year,
            language = excluded.language, directory = excluded.directory,
            event_calendar = excluded.event_calendar, source_file = excluded.source_file,
            content_hash = excluded.content_hash, loaded_at = excluded.loaded_at)sql")),
        year_(db.prepare("INSERT INTO plan_years (plan_id, year) VALUES (?, ?)")),
        goal_(db.prepare("INSERT INTO plan_goals (plan_id, position, text) VALUES (?, ?, ?)")),
        abbreviation_(db.prepare(
            "INSERT INTO plan_abbreviations (plan_id, position, short_form, meaning) VALUES (?, ?, ?, ?)")),
        body_(
            db.prepare("INSERT INTO plan_bodies (plan_id, id, position, name, kind) VALUES (?, ?, ?, ?, ?)")),
        alias_(db.prepare(
            "INSERT INTO plan_body_aliases (plan_id, body_id, position, alias) VALUES (?, ?, ?, ?)")),
        section_(db.prepare("INSERT INTO sections (plan_id, position, number, title) VALUES (?, ?, ?, ?)")),
        item_(db.prepare(R"sql(
          INSERT INTO items (plan_id, item_key, section_position, position, number, measure, deadline,
            participants, expected_result, note, schedule_yaml)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql")),
        item_body_(db.prepare(
            "INSERT INTO item_bodies (plan_id, item_key, role, position, body_id) VALUES (?, ?, ?, ?, ?)")),
        sub_(db.prepare(
            "INSERT INTO sub_measures (plan_id, item_key, position, text, deadline) VALUES (?, ?, ?, ?, ?)")),
        sub_body_(
            db.prepare("INSERT INTO sub_measure_bodies (plan_id, item_key, sub_position, position, body_id) "
                       "VALUES (?, ?, ?, ?, ?)")),
        ref_(db.prepare(
            "INSERT INTO item_refs (plan_id, item_key, position, ref_number) VALUES (?, ?, ?, ?)")),
        binding_(db.prepare("INSERT INTO item_bindings (plan_id, item_key, position, anchor, item, event, "
                            "named_schedule) VALUES (?, ?, ?, ?, ?, ?, ?)")) {}

  SaveResult save(const Plan& p) {
    SaveResult result{p.id, SaveOutcome::inserted, content_hash(p)};
    find_.bind_all(p.id);
    if (find_.step()) {
      std::string old_hash = find_.column_text(0);
      std::string old_source = find_.column_text(1);
      find_.reset();
      if (old_hash == result.content_hash) {
        result.outcome = SaveOutcome::unchanged;
        if (old_source != p.source_file) touch_source_.bind_all(p.id, p.source_file).run();
        return result;
      }
      result.outcome = SaveOutcome::replaced;
      delete_children(p.id);
    } else {
      find_.reset();
    }
    write(p, result.content_hash);
    return result;
  }

 private:
  // Deleting the sections cascades to items and everything under them; the plan-level lists go
  // one by one. The plans row itself stays (upserted below).
  void delete_children(const std::string& id) {
    for (const char* table : {"sections", "plan_bodies", "plan_abbreviations", "plan_goals", "plan_years"}) {
      db_.prepare(fmt::format("DELETE FROM {} WHERE plan_id = ?", table)).bind_all(id).run();
    }
  }

  void write(const Plan& p, const std::string& hash) {
    upsert_.bind_all(p.id, p.title, p.owner, p.territory, p.approved.kind, p.approved.number,
                     iso(p.approved.date), p.approved.issuer, p.approved.signed_by);
    upsert_.bind(10, p.period.school_year_start);
    upsert_.bind(11, iso(p.period.from)).bind(12, iso(p.period.to));
    upsert_.bind(13, iso(p.period.first_day())).bind(14, iso(p.period.last_day()));
    upsert_.bind(15, p.timezone).bind(16, numbering_name(p.numbering)).bind(17, half_year_name(p.half_year));
    upsert_.bind(18, p.language).bind(19, p.directory).bind(20, p.event_calendar);
    upsert_.bind(21, p.source_file).bind(22, hash);
    upsert_.run();

    for (int y : p.period.years) year_.bind_all(p.id, y).run();
    for (std::size_t i = 0; i < p.goals.size(); ++i) goal_.bind_all(p.id, i, p.goals[i]).run();
    for (std::size_t i = 0; i < p.abbreviations.size(); ++i)
      abbreviation_.bind_all(p.id, i, p.abbreviations[i].short_form, p.abbreviations[i].meaning).run();
    for (std::size_t i = 0; i < p.bodies.size(); ++i) {
      const auto& b = p.bodies[i];
      body_.bind_all(p.id, b.id, i, b.name, model::to_string(b.kind)).run();
      for (std::size_t a = 0; a < b.aliases.size(); ++a) alias_.bind_all(p.id, b.id, a, b.aliases[a]).run();
    }
    std::size_t ordinal = 0;
    for (std::size_t s = 0; s < p.sections.size(); ++s) {
      const auto& sec = p.sections[s];
      section_.bind_all(p.id, s, sec.number, sec.title).run();
      for (const auto& it : sec.items) write_item(p, s, ordinal++, it);
    }
  }

  void write_item(const Plan& p, std::size_t section, std::size_t ordinal, const model::Item& it) {
    std::string key = store::item_key(p, section, it);
    item_.bind_all(p.id, key, section, ordinal, it.number, it.measure, it.deadline, it.participants,
                   it.expected_result, it.note);
    if (it.schedule)
      item_.bind(11, it.schedule->yaml);
    else
      item_.bind_null(11);
    item_.run();
    for (std::size_t i = 0; i < it.responsible.size(); ++i)
      item_body_.bind_all(p.id, key, "responsible", i, it.responsible[i]).run();
    for (std::size_t i = 0; i < it.co_executors.size(); ++i)
      item_body_.bind_all(p.id, key, "co_executor", i, it.co_executors[i]).run();
    for (std::size_t m = 0; m < it.sub_measures.size(); ++m) {
      const auto& sm = it.sub_measures[m];
      sub_.bind_all(p.id, key, m, sm.text, sm.deadline).run();
      for (std::size_t i = 0; i < sm.responsible.size(); ++i)
        sub_body_.bind_all(p.id, key, m, i, sm.responsible[i]).run();
    }
    for (std::size_t i = 0; i < it.refs.size(); ++i) ref_.bind_all(p.id, key, i, it.refs[i].number).run();
    for (std::size_t i = 0; i < it.bindings.size(); ++i) {
      const auto& b = it.bindings[i];
      binding_.bind_all(p.id, key, i, b.anchor, b.item, b.event, b.named_schedule).run();
    }
  }

  Database& db_;
  Statement find_, touch_source_, upsert_, year_, goal_, abbreviation_, body_, alias_, section_, item_,
      item_body_, sub_, sub_body_, ref_, binding_;
};

void refuse_duplicate_ids(const std::vector<Plan>& plans) {
  std::map<std::string, const Plan*> seen;
  for (const auto& p : plans) {
    auto [it, fresh] = seen.emplace(p.id, &p);
    if (!fresh) throw Error("store.err.duplicate_plan_id", {p.id, it->second->source_file, p.source_file});
  }
}

constexpr std::string_view kSummarySelect = R"sql(
  SELECT p.id, p.title, p.owner, p.territory, p.period_school_year, p.first_day, p.last_day, p.timezone,
    p.source_file, p.content_hash, p.loaded_at,
    (SELECT count(*) FROM sections s WHERE s.plan_id = p.id),
    (SELECT count(*) FROM items i WHERE i.plan_id = p.id),
    (SELECT count(*) FROM sub_measures m WHERE m.plan_id = p.id),
    (SELECT count(*) FROM plan_bodies b WHERE b.plan_id = p.id),
    (SELECT count(DISTINCT u.body_id) FROM
       (SELECT plan_id, body_id FROM item_bodies UNION ALL SELECT plan_id, body_id FROM sub_measure_bodies) u
     WHERE u.plan_id = p.id)
  FROM plans p)sql";

PlanSummary read_summary(Database& db, const Statement& st) {
  PlanSummary s;
  s.id = st.column_text(0);
  s.title = st.column_text(1);
  s.owner = st.column_text(2);
  s.territory = st.column_text(3);
  if (auto y = st.column_optional_int(4)) s.school_year_start = static_cast<int>(*y);
  s.first_day = st.column_text(5);
  s.last_day = st.column_text(6);
  s.timezone = st.column_text(7);
  s.source_file = st.column_text(8);
  s.content_hash = st.column_text(9);
  s.loaded_at = st.column_text(10);
  s.sections = static_cast<int>(st.column_int(11));
  s.items = static_cast<int>(st.column_int(12));
  s.sub_measures = static_cast<int>(st.column_int(13));
  s.declared_bodies = static_cast<int>(st.column_int(14));
  s.responsible_bodies = static_cast<int>(st.column_int(15));
  auto years = db.prepare("SELECT year FROM plan_years WHERE plan_id = ? ORDER BY year");
  years.bind_all(s.id);
  while (years.step()) s.years.push_back(static_cast<int>(years.column_int(0)));
  return s;
}

}  // namespace

std::string item_key(const Plan& plan, std::size_t section_index, const model::Item& item) {
  return model::item_key(plan, section_index, item);
}

SaveResult save_plan(Database& db, const Plan& plan) {
  return save_plans(db, {plan}).front();
}

std::vector<SaveResult> save_plans(Database& db, const std::vector<Plan>& plans) {
  refuse_duplicate_ids(plans);
  // Inside a caller's transaction (a load that also schedules) the plans join it; otherwise they
  // get their own.
  std::optional<Transaction> tx;
  if (!db.in_transaction()) tx.emplace(db);
  PlanWriter writer(db);
  std::vector<SaveResult> results;
  results.reserve(plans.size());
  for (const auto& p : plans) results.push_back(writer.save(p));
  if (tx) tx->commit();
  return results;
}

std::vector<PlanSummary> list_plans(Database& db) {
  auto st = db.prepare(std::string(kSummarySelect) + " ORDER BY p.id");
  std::vector<PlanSummary> out;
  while (st.step()) out.push_back(read_summary(db, st));
  return out;
}

std::optional<PlanSummary> plan_summary(Database& db, std::string_view plan_id) {
  auto st = db.prepare(std::string(kSummarySelect) + " WHERE p.id = ?");
  st.bind_all(plan_id);
  if (!st.step()) return std::nullopt;
  return read_summary(db, st);
}

std::optional<Plan> load_plan(Database& db, std::string_view plan_id) {
  auto st = db.prepare(R"sql(
    SELECT id, title, owner, territory, approved_kind, approved_number, approved_date, approved_issuer,
      approved_signed_by, period_school_year, period_from, period_to, timezone, numbering, half_year,
      language, directory, event_calendar, source_file
    FROM plans WHERE id = ?)sql");
  st.bind_all(plan_id);
  if (!st.step()) return std::nullopt;
  Plan p;
  p.id = st.column_text(0);
  p.title = st.column_text(1);
  p.owner = st.column_text(2);
  p.territory = st.column_text(3);
  p.approved.kind = st.column_text(4);
  p.approved.number = st.column_text(5);
  p.approved.date = parse_iso(st.column_optional_text(6));
  p.approved.issuer = st.column_text(7);
  p.approved.signed_by = st.column_text(8);
  if (auto y = st.column_optional_int(9)) p.period.school_year_start = static_cast<int>(*y);
  p.period.from = parse_iso(st.column_optional_text(10));
  p.period.to = parse_iso(st.column_optional_text(11));
  p.timezone = st.column_text(12);
  p.numbering =
      st.column_text(13) == "per_section" ? model::Numbering::per_section : model::Numbering::global;
  p.half_year = st.column_text(14) == "calendar" ? model::HalfYear::calendar : model::HalfYear::school;
  p.language = st.column_text(15);
  p.directory = st.column_text(16);
  p.event_calendar = st.column_text(17);
  p.source_file = st.column_text(18);
  const std::string id = p.id;

  auto q = [&](std::string_view sql) {
    auto s = db.prepare(sql);
    s.bind_all(id);
    return s;
  };
  for (auto s = q("SELECT year FROM plan_years WHERE plan_id = ? ORDER BY year"); s.step();)
    p.period.years.push_back(static_cast<int>(s.column_int(0)));
  for (auto s = q("SELECT text FROM plan_goals WHERE plan_id = ? ORDER BY position"); s.step();)
    p.goals.push_back(s.column_text(0));
  for (auto s = q("SELECT short_form, meaning FROM plan_abbreviations WHERE plan_id = ? ORDER BY position");
       s.step();)
    p.abbreviations.push_back({s.column_text(0), s.column_text(1)});
  std::map<std::string, std::size_t> body_index;
  for (auto s = q("SELECT id, name, kind FROM plan_bodies WHERE plan_id = ? ORDER BY position"); s.step();) {
    model::Body b;
    b.id = s.column_text(0);
    b.name = s.column_text(1);
    if (!model::parse_body_kind(s.column_text(2), b.kind)) b.kind = model::BodyKind::other;
    body_index[b.id] = p.bodies.size();
    p.bodies.push_back(std::move(b));
  }
  for (auto s =
           q("SELECT body_id, alias FROM plan_body_aliases WHERE plan_id = ? ORDER BY body_id, position");
       s.step();)
    p.bodies.at(body_index.at(s.column_text(0))).aliases.push_back(s.column_text(1));

  for (auto s = q("SELECT number, title FROM sections WHERE plan_id = ? ORDER BY position"); s.step();) {
    model::Section sec;
    sec.number = s.column_text(0);
    sec.title = s.column_text(1);
    p.sections.push_back(std::move(sec));
  }
  // Items by key, pointing into their section (sections are complete, so the pointers stay valid).
  std::map<std::string, model::Item*> items;
  for (auto s = q(R"sql(SELECT item_key, section_position, number, measure, deadline, participants,
                          expected_result, note, schedule_yaml
                        FROM items WHERE plan_id = ? ORDER BY position)sql");
       s.step();) {
    model::Item it;
    it.number = s.column_text(2);
    it.measure = s.column_text(3);
    it.deadline = s.column_text(4);
    it.participants = s.column_text(5);
    it.expected_result = s.column_text(6);
    it.note = s.column_text(7);
    // Only the node as written is stored; its structured reading is derived from it again.
    if (auto y = s.column_optional_text(8)) {
      it.schedule.emplace();
      it.schedule->yaml = *y;
    }
    auto& sec = p.sections.at(static_cast<std::size_t>(s.column_int(1)));
    sec.items.push_back(std::move(it));
  }
  // Second pass: addresses are stable only once every item is in place.
  for (std::size_t si = 0; si < p.sections.size(); ++si)
    for (auto& it : p.sections[si].items) items[store::item_key(p, si, it)] = &it;

  for (auto s = q("SELECT item_key, role, body_id FROM item_bodies WHERE plan_id = ? "
                  "ORDER BY item_key, role, position");
       s.step();) {
    auto* it = items.at(s.column_text(0));
    (s.column_text(1) == "responsible" ? it->responsible : it->co_executors).push_back(s.column_text(2));
  }
  for (auto s = q(
           "SELECT item_key, text, deadline FROM sub_measures WHERE plan_id = ? ORDER BY item_key, position");
       s.step();) {
    model::SubMeasure sm;
    sm.text = s.column_text(1);
    sm.deadline = s.column_text(2);
    items.at(s.column_text(0))->sub_measures.push_back(std::move(sm));
  }
  for (auto s = q("SELECT item_key, sub_position, body_id FROM sub_measure_bodies WHERE plan_id = ? "
                  "ORDER BY item_key, sub_position, position");
       s.step();)
    items.at(s.column_text(0))
        ->sub_measures.at(static_cast<std::size_t>(s.column_int(1)))
        .responsible.push_back(s.column_text(2));
  for (auto s = q("SELECT item_key, ref_number FROM item_refs WHERE plan_id = ? ORDER BY item_key, position");
       s.step();)
    items.at(s.column_text(0))->refs.push_back(model::ItemRef{s.column_text(1), {}});
  for (auto s = q("SELECT item_key, anchor, item, event, named_schedule FROM item_bindings WHERE plan_id = ? "
                  "ORDER BY item_key, position");
       s.step();)
    items.at(s.column_text(0))
        ->bindings.push_back(
            model::AnchorBinding{s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4), {}});
  return p;
}

}  // namespace roadmap::store
