// The grammar of the deadline language: recursive descent over the lexer's tokens, one function
// per clause kind, ordered choice with backtracking. Failure reports the furthest token reached.
#include "deadline/parse.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "deadline/lexer.hpp"
#include "deadline/suggest.hpp"

namespace roadmap::deadline {
namespace {

using lex::Tk;
using lex::Token;
using namespace lex;  // W values

constexpr int kMaxYears = 12;

struct Years {
  std::array<int, kMaxYears> v{};
  int n = 0;
  bool push(int y) {
    if (n == kMaxYears) return false;
    v[static_cast<std::size_t>(n++)] = y;
    return true;
  }
};

// Canonical (Russian) key of a known word inside an anchor, so that "утвержденным графиком" and
// "approved schedule" bind the same way.
std::string_view anchor_key(W w, std::string_view text) {
  switch (w) {
    case w_approved: return "утвержденному";
    case w_separate: return "отдельному";
    case w_schedule: return "графику";
    case w_plan: return "плану";
    case w_meetings: return "совещаний";
    case w_completion: return text == "completion" ? std::string_view("завершения") : text;
    case w_established: return text == "set" || text == "established" ? std::string_view("установленные") : text;
    case w_terms: return "сроки";
    default: return text;
  }
}

// Back to a default clause without giving up the buffers (cheaper than `c = Clause{}`, which
// the ordered choice would do for every alternative tried).
void reset(Clause& c) {
  c.kind = ClauseKind::months;
  c.repeat = false;
  c.windows.clear();
  c.years.clear();
  c.unit = Unit::none;
  c.every = 1;
  c.times = 1;
  c.index = 0;
  c.index_last = 0;
  c.at_least = false;
  c.per_school = false;
  c.due = Point{};
  c.due_next = false;
  c.span = SpanKind::none;
  c.events = 0;
  c.relation = Relation::none;
  c.each = false;
  c.lag = 0;
  c.lag_unit = Unit::none;
  c.within = false;
  c.date = Point{};
  c.edge = Edge::none;
  c.anchor.clear();
  c.item_ref.clear();
  c.demand = Demand::none;
}

class Parser {
 public:
  Parser(const lex::Lexed& lx, ParseResult& r) : lx_(lx), t_(lx.tokens), r_(r) {}

  bool schedule() {
    if (t_[0].kind == Tk::end) {
      far_ = 0;
      return false;
    }
    for (;;) {
      Clause c;
      std::size_t start = i_;
      if (!clause(c)) return false;
      note_clause(c, start);
      r_.schedule.clauses.push_back(std::move(c));
      if (at(Tk::end)) return true;
      bool sep = false;
      while (at(Tk::comma) || at(Tk::semicolon) || at(Tk::dot) || at(Tk::dash) || at_w(w_and) || at_w(w_also)) {
        ++i_;
        sep = true;
      }
      if (at(Tk::end) && sep) return true;
      // Clauses may also follow each other without a separator ("в течение года по
      // отдельному графику"): the next one must still read in full.
    }
  }

  std::size_t far() const { return far_; }

 private:
  const lex::Lexed& lx_;
  const std::vector<Token>& t_;
  ParseResult& r_;
  std::size_t i_ = 0;
  std::size_t far_ = 0;

  // --- token helpers ---------------------------------------------------------------------------
  // i_ never passes the first end token, and kLookahead end tokens follow it.
  const Token& tok(std::size_t k = 0) const { return t_[i_ + k]; }
  bool at(Tk k, std::size_t ahead = 0) const { return tok(ahead).kind == k; }
  bool at_w(W w, std::size_t ahead = 0) const {
    return tok(ahead).kind == Tk::word && tok(ahead).value == w;
  }
  void fail() { far_ = std::max(far_, i_); }
  void fail_at(std::size_t ahead) { far_ = std::max(far_, i_ + ahead); }
  // A day number followed by something that is not a month ("10 янвяря"): understanding stops at
  // the word where a month was expected, not at the number.
  void day_without_month() {
    if ((at(Tk::number) || at(Tk::ordinal)) && tok().value >= 1 && tok().value <= 31 &&
        (at(Tk::unknown, 1) || at(Tk::word, 1)))
      fail_at(1);
  }
  // "31 февраля", "31 апреля": a day the month does not have is never moved silently.
  static bool day_fits(int day, int month, int year) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    if (day > kDays[month - 1]) return false;
    if (month == 2 && day == 29 && year != 0) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return true;
  }
  bool take(Tk k) {
    if (at(k)) { ++i_; return true; }
    fail();
    return false;
  }
  bool take_w(W w) {
    if (at_w(w)) { ++i_; return true; }
    fail();
    return false;
  }
  // Skips English articles.
  void articles() {
    while (at_w(w_article)) ++i_;
  }
  bool restore(std::size_t s) {
    fail();
    i_ = s;
    return false;
  }
  bool sep_ahead() const {
    const Token& x = tok();
    return x.kind == Tk::end || x.kind == Tk::comma || x.kind == Tk::semicolon || x.nl_before;
  }
  std::string join(std::size_t from, std::size_t to) const {
    std::string s;
    for (std::size_t k = from; k < to; ++k) {
      if (t_[k].kind == Tk::comma || t_[k].kind == Tk::dot) continue;
      if (!s.empty()) s.push_back(' ');
      s.append(lx_.view(t_[k]));
    }
    return s;
  }

  // --- shared pieces ---------------------------------------------------------------------------

  // "не реже", "не менее", "at least", "no less than"
  bool at_least() {
    std::size_t s = i_;
    if (at_w(w_not) && (at_w(w_rarer, 1) || at_w(w_less, 1))) { i_ += 2; return true; }
    if (at_w(w_at) && at_w(w_least, 1)) { i_ += 2; return true; }
    if (at_w(w_no) && at_w(w_less, 1) && at_w(w_than, 2)) { i_ += 3; return true; }
    i_ = s;
    return false;
  }

  // "не позднее", "не позже", "no later than", "not later than"
  bool not_later() {
    if ((at_w(w_not) || at_w(w_no)) && at_w(w_later, 1)) {
      i_ += 2;
      if (at_w(w_than)) ++i_;
      return true;
    }
    return false;
  }

  // A unit word: "месяц", "рабочих дней", "учебный год", "half-year"; returns none on no match.
  Unit unit() {
    std::size_t s = i_;
    if (at_w(w_working) || at_w(w_calendar)) {
      bool working = at_w(w_working);
      ++i_;
      if (at_w(w_unit_day)) { ++i_; return working ? Unit::working_day : Unit::day; }
      i_ = s;
      fail();
      return Unit::none;
    }
    if (at_w(w_school)) {
      ++i_;
      if (at_w(w_unit_year)) { ++i_; return Unit::school_year; }
      i_ = s;
      fail();
      return Unit::none;
    }
    if (at_w(w_half)) {
      ++i_;
      if (at(Tk::dash)) ++i_;
      if (at_w(w_unit_year)) { ++i_; return Unit::half_year; }
      return Unit::half_year;  // "the first half"
    }
    if (tok().kind != Tk::word) { fail(); return Unit::none; }
    Unit u = Unit::none;
    switch (tok().value) {
      case w_unit_day: u = Unit::day; break;
      case w_unit_week: u = Unit::week; break;
      case w_unit_month: u = Unit::month; break;
      case w_unit_quarter: u = Unit::quarter; break;
      case w_unit_half: u = Unit::half_year; break;
      case w_unit_term: u = Unit::term; break;
      case w_unit_year: u = Unit::year; break;
      default: fail(); return Unit::none;
    }
    ++i_;
    return u;
  }

  // A count: "1", "один", "one"; "дважды"/"twice"/"once" are counts with "раз" built in.
  bool count(int& n) {
    if (at(Tk::number) && tok().value >= 1 && tok().value <= 1000) {
      n = tok().value;
      ++i_;
      return true;
    }
    fail();
    return false;
  }

  // "2 раза", "раз", "once", "twice", "дважды", "3 times"
  bool times(int& n) {
    std::size_t s = i_;
    if (at_w(w_once)) { ++i_; n = 1; return true; }
    if (at_w(w_twice)) { ++i_; n = 2; return true; }
    int k = 1;
    bool has = count(k);
    if (at_w(w_times)) {
      ++i_;
      n = k;
      return true;
    }
    (void)has;
    return restore(s);
  }

  // Years: "2023", "2023, 2024 гг.", "2023 и 2024", "2019-2020"; `range` set for a dash range.
  bool years(Years& ys, bool* range = nullptr) {
    if (!at(Tk::year)) { fail(); return false; }
    ys.push(tok().value);
    ++i_;
    for (;;) {
      if ((at(Tk::comma) || at_w(w_and)) && at(Tk::year, 1)) {
        i_ += 1;
        if (!ys.push(tok().value)) return false;
        ++i_;
        continue;
      }
      if ((at(Tk::dash) || at(Tk::slash)) && at(Tk::year, 1) && ys.n == 1) {
        int a = ys.v[0];
        int b = tok(1).value;
        if (b <= a || b - a >= kMaxYears) break;
        i_ += 2;
        for (int y = a + 1; y <= b; ++y) ys.push(y);
        if (range) *range = true;
        continue;
      }
      break;
    }
    return true;
  }

  // "учебного года", "учебный год", "уч. год", "school year", "academic year"
  bool school_year_words() {
    if (at_w(w_school) && at_w(w_unit_year, 1)) { i_ += 2; return true; }
    fail();
    return false;
  }

  // --- events ----------------------------------------------------------------------------------

  bool event_item(std::uint32_t& mask) {
    std::size_t s = i_;
    if (at(Tk::event)) {
      mask |= static_cast<std::uint32_t>(tok().value);
      ++i_;
      return true;
    }
    if (at_w(w_assessment_adj) && at_w(w_procedure, 1)) { i_ += 2; mask |= ev_op; return true; }
    if (at_w(w_assessment_en)) {
      ++i_;
      if (at_w(w_procedure)) ++i_;
      mask |= ev_op;
      return true;
    }
    if (at_w(w_final) && at_w(w_essay, 1)) {
      i_ += 2;
      if (at(Tk::lparen) && at_w(w_essay_ru2, 1) && at(Tk::rparen, 2)) i_ += 3;
      mask |= ev_is11;
      return true;
    }
    if (at_w(w_final) && at_w(w_interview, 1)) { i_ += 2; mask |= ev_is9; return true; }
    if (at_w(w_olympiad)) { ++i_; mask |= ev_vsosh; return true; }
    return restore(s);
  }

  // "каждой ОП", "ВПР, ГИА", "оценочной процедуры (ОП)", "each assessment", "ВПР в 2022 г."
  bool events(Clause& c) {
    std::size_t s = i_;
    articles();
    if (at_w(w_each) || at_w(w_all)) {
      c.each = true;
      ++i_;
    }
    std::uint32_t mask = 0;
    if (!event_item(mask)) return restore(s);
    for (;;) {
      std::size_t k = i_;
      if (at(Tk::comma) || at_w(w_and) || at_w(w_or) || at(Tk::slash)) {
        ++i_;
        if (event_item(mask)) continue;
      }
      i_ = k;
      break;
    }
    // "оценочной процедуры (ОП)": a gloss in parentheses
    if (at(Tk::lparen)) {
      std::size_t k = i_;
      ++i_;
      std::uint32_t gloss = 0;
      if (event_item(gloss) && at(Tk::rparen)) {
        ++i_;
        mask |= gloss;
      } else {
        i_ = k;
      }
    }
    // "в 2022 г.", "in 2022", "2022 г."
    {
      std::size_t k = i_;
      bool prep = at_w(w_in);
      if (prep) ++i_;
      Years ys;
      if (at(Tk::year) && (prep || tok().marked) && years(ys)) {
        for (int j = 0; j < ys.n; ++j) c.years.push_back(ys.v[static_cast<std::size_t>(j)]);
      } else {
        i_ = k;
      }
    }
    c.events = mask;
    return true;
  }

  // Lag before "после"/"до": "на следующий день", "через 2 недели", "в течение месяца",
  // "в 10-дневный срок", "не позднее 3 дней", "the day after", "within a month", "3 days".
  bool lag(Clause& c) {
    std::size_t s = i_;
    if (at_w(w_na) && at_w(w_next, 1) && at_w(w_unit_day, 2)) {
      i_ += 3;
      c.lag = 1;
      c.lag_unit = Unit::day;
      return true;
    }
    if (at_w(w_article) && at_w(w_unit_day, 1)) {  // "the day after"
      i_ += 2;
      c.lag = 1;
      c.lag_unit = Unit::day;
      return true;
    }
    if (at_w(w_on) && at_w(w_article, 1) && at_w(w_next, 2) && at_w(w_unit_day, 3)) {
      i_ += 4;
      c.lag = 1;
      c.lag_unit = Unit::day;
      return true;
    }
    bool within = false;
    if (at_w(w_cherez)) {
      ++i_;
    } else if (at_w(w_in) && at_w(w_course, 1)) {
      i_ += 2;
      within = true;
    } else if (at_w(w_within)) {
      ++i_;
      within = true;
    } else if (not_later()) {
      within = true;
    } else if (at_w(w_in) && ((at(Tk::number, 1) && at(Tk::dash, 2) &&
                               (at_w(w_dnevny, 3) || at_w(w_nedelny, 3))) ||
                              at_w(w_mesyachny, 1))) {
      // "в 10-дневный срок", "в 2-недельный срок", "в месячный срок"
      ++i_;
      int n = 1;
      if (at(Tk::number)) {
        n = tok().value;
        i_ += 2;
      }
      Unit u = at_w(w_dnevny) ? Unit::day : at_w(w_nedelny) ? Unit::week : Unit::month;
      ++i_;
      if (!take_w(w_srok)) return restore(s);
      c.lag = n;
      c.lag_unit = u;
      c.within = true;
      return true;
    }
    articles();
    int n = 1;
    bool has_n = count(n);
    Unit u = unit();
    if (u == Unit::none || u == Unit::quarter || u == Unit::half_year || u == Unit::term ||
        u == Unit::school_year)
      return restore(s);
    if (!has_n && !within && s == i_) return restore(s);
    c.lag = n;
    c.lag_unit = u;
    c.within = within;
    return true;
  }

  bool event(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::event;
    if (at_w(w_constantly)) {
      ++i_;
      c.span = SpanKind::plan;
    }
    std::size_t b = i_;
    // при подготовке к проведению / при проведении / при проверке
    if (at_w(w_pri)) {
      ++i_;
      if (at_w(w_preparation)) {
        ++i_;
        if (at_w(w_k)) ++i_;
        if (at_w(w_holding)) ++i_;
        c.relation = Relation::preparation;
      } else if (at_w(w_holding)) {
        ++i_;
        c.relation = Relation::during;
      } else if (at_w(w_checking)) {
        ++i_;
        c.relation = Relation::checking;
      } else {
        return restore(s);
      }
      if (events(c)) return true;
      return restore(s);
    }
    // during preparation for / during checking of / during
    if (at_w(w_during) || at_w(w_throughout)) {
      ++i_;
      articles();
      if (at_w(w_preparation)) {
        ++i_;
        if (at_w(w_for)) ++i_;
        c.relation = Relation::preparation;
      } else if (at_w(w_checking)) {
        ++i_;
        if (at_w(w_of)) ++i_;
        c.relation = Relation::checking;
      } else if (at_w(w_period)) {
        ++i_;
        if (at_w(w_of)) ++i_;
        c.relation = Relation::during;
      } else {
        c.relation = Relation::during;
      }
      if (events(c)) {
        if (at_w(w_period)) ++i_;  // "during the VPR period"
        return true;
      }
      return restore(s);
    }
    // [в] период [проведения | подготовки к [проведению]] X; в дни проведения X; в сроки проведения X
    {
      std::size_t k = i_;
      bool in = at_w(w_in);
      if (in) ++i_;
      if (at_w(w_period) || (in && (at_w(w_days) || at_w(w_terms) || at_w(w_unit_day)))) {
        bool terms = at_w(w_terms);
        ++i_;
        c.relation = terms ? Relation::schedule : Relation::during;
        if (at_w(w_holding)) {
          ++i_;
        } else if (at_w(w_preparation)) {
          ++i_;
          if (at_w(w_k)) ++i_;
          if (at_w(w_holding)) ++i_;
          c.relation = Relation::preparation;
        }
        if (events(c)) return true;
      }
      i_ = k;
      c.relation = Relation::none;
      c.years.clear();
      c.each = false;
    }
    // по результатам / по итогам [проведения] X; on/following the results of X
    {
      std::size_t k = i_;
      if (at_w(w_po) || at_w(w_on) || at_w(w_following) || at_w(w_by) || at_w(w_at)) {
        ++i_;
        articles();
        if (at_w(w_results) || at_w(w_itogi)) {
          ++i_;
          if (at_w(w_of)) ++i_;
          if (at_w(w_holding)) ++i_;
          c.relation = Relation::results;
          if (events(c)) return true;
        }
      }
      i_ = k;
      c.each = false;
      c.years.clear();
    }
    // based on the X results
    {
      std::size_t k = i_;
      if (at_w(w_based) && at_w(w_on, 1)) {
        i_ += 2;
        Clause e = c;
        if (events(e) && at_w(w_results)) {
          ++i_;
          e.relation = Relation::results;
          c = e;
          return true;
        }
      }
      i_ = k;
    }
    // в соответствии с графиком / согласно графику / по графику проведения X [в 2022 г.]
    {
      std::size_t k = i_;
      bool lead = false;
      if (at_w(w_in) && at_w(w_accordance, 1) && at_w(w_from, 2)) { i_ += 3; lead = true; }
      else if (at_w(w_according) || at_w(w_po)) {
        ++i_;
        if (at_w(w_to)) ++i_;
        lead = true;
      } else if (at_w(w_per) || at_w(w_on)) { ++i_; lead = true; }
      if (lead) {
        articles();
        if (at_w(w_schedule)) {
          ++i_;
          if (at_w(w_of)) ++i_;
          articles();
          if (at_w(w_holding)) ++i_;
          c.relation = Relation::schedule;
          if (events(c)) return true;
        } else {
          // "per the VPR schedule"
          Clause e = c;
          if (events(e) && at_w(w_schedule)) {
            ++i_;
            e.relation = Relation::schedule;
            // years may follow the word "schedule"
            if (at_w(w_in) && at(Tk::year, 1)) {
              ++i_;
              Years ys;
              years(ys);
              for (int j = 0; j < ys.n; ++j) e.years.push_back(ys.v[static_cast<std::size_t>(j)]);
            }
            c = e;
            return true;
          }
        }
      }
      i_ = k;
      c.each = false;
      c.years.clear();
      c.relation = Relation::none;
    }
    // [lag] после|after [проведения] X ; за N дней до X ; до|перед|before X
    {
      std::size_t k = i_;
      Clause l = c;
      // "не позднее чем за 10 дней до ОГЭ": the same as "за 10 дней до ОГЭ"
      if ((at_w(w_not) || at_w(w_no)) && at_w(w_later, 1) &&
          (at_w(w_za, 2) || (at_w(w_than, 2) && at_w(w_za, 3))))
        not_later();
      bool has_lag = lag(l);
      bool za = false;
      if (!has_lag && at_w(w_za)) {
        ++i_;
        za = lag(l);
        if (!za) { i_ = k; }
      }
      if (at_w(w_after) || at_w(w_following)) {
        if (za) return restore(s);
        ++i_;
        if (at_w(w_holding)) ++i_;
        l.relation = Relation::after;
        if (events(l)) { c = l; return true; }
      } else if (at_w(w_eve) && !has_lag && !za) {
        // "накануне проведения ОП": the day before
        ++i_;
        if (at_w(w_holding)) ++i_;
        l.relation = Relation::before;
        l.lag = 1;
        l.lag_unit = Unit::day;
        if (events(l)) { c = l; return true; }
      } else if (at_w(w_to) || at_w(w_before) || at_w(w_prior)) {
        if (has_lag && l.within) return restore(s);
        ++i_;
        if (at_w(w_to)) ++i_;  // "prior to"
        if (at_w(w_holding)) ++i_;
        if (at_w(w_start)) {
          ++i_;
          if (at_w(w_holding)) ++i_;
        }
        l.relation = Relation::before;
        if (events(l)) { c = l; return true; }
      }
      i_ = k;
    }
    // A bare event name: "ВПР", "ИС(И)-11": during the event.
    {
      std::size_t k = i_;
      Clause e = c;
      if (events(e) && sep_ahead()) {
        e.relation = Relation::none;
        c = e;
        return true;
      }
      i_ = k;
    }
    (void)b;
    return restore(s);
  }

  // --- another item ----------------------------------------------------------------------------

  // "п. 4.5", "пункта 4.5", "item 4.5"
  bool item_ref(std::string& ref) {
    std::size_t s = i_;
    if (!at_w(w_item)) return restore(s);
    ++i_;
    if (!at(Tk::number)) return restore(s);
    ref = std::string(lx_.view(tok()));
    ++i_;
    while (at(Tk::dot) && at(Tk::number, 1)) {
      ref.push_back('.');
      ref.append(lx_.view(tok(1)));
      i_ += 2;
    }
    if (at(Tk::dot) && sep_after_dot()) ++i_;
    return true;
  }
  bool sep_after_dot() const { return tok(1).kind == Tk::end || tok(1).nl_before || tok(1).kind == Tk::comma; }

  std::string word_text(const Token& x, bool canon) const {
    if (x.kind == Tk::word) {
      W w = static_cast<W>(x.value);
      if (w == w_oo) return std::string(lx_.original(x));
      // English words name the Russian ones, so both languages bind alike.
      bool ascii = static_cast<unsigned char>(lx_.view(x)[0]) < 0x80;
      if (canon || ascii || w == w_completion || w == w_established || w == w_terms)
        return std::string(anchor_key(w, lx_.view(x)));
      return std::string(lx_.view(x));
    }
    if (x.kind == Tk::unknown || x.kind == Tk::event) return std::string(lx_.original(x));
    return std::string(lx_.view(x));
  }

  // Anchor words up to the end of the clause: "завершения анализа".
  // `canon`: known schedule words take their canonical form ("графиком" -> "графику"); names
  // (unknown words, event names) keep the official's spelling.
  bool anchor_words(std::string& key, std::size_t& from, std::size_t& to, bool english, bool canon = false) {
    from = i_;
    int n = 0;
    std::string k;
    while (!sep_ahead() && n < 10) {
      const Token& x = tok();
      if (x.kind == Tk::dash && n > 0 && (tok(1).kind == Tk::word || tok(1).kind == Tk::unknown) && !tok(1).nl_before) {
        // "плану-графику": one word
        k.push_back('-');
        ++i_;
        k.append(word_text(tok(), canon));
        ++i_;
        continue;
      }
      if (x.kind != Tk::word && x.kind != Tk::unknown && x.kind != Tk::event) break;
      if (english && x.kind == Tk::word &&
          (x.value == w_is || x.value == w_arrive || x.value == w_formed || x.value == w_done))
        break;
      if (x.kind == Tk::word && (x.value == w_article || x.value == w_of)) {
        ++i_;
        continue;
      }
      if (!k.empty()) k.push_back(' ');
      k.append(word_text(x, canon));
      ++i_;
      ++n;
    }
    to = i_;
    if (n == 0) return false;
    key = k;
    return true;
  }

  bool item(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::item;
    bool from_moment = false;
    lag(c);
    if (at_w(w_after) || at_w(w_following)) {
      ++i_;
      c.relation = Relation::after;
    } else if (at_w(w_po) && at_w(w_itogi, 1)) {
      i_ += 2;
      c.relation = Relation::results;
    } else if (at_w(w_on) && at_w(w_article, 1) && at_w(w_results, 2) && at_w(w_of, 3)) {
      i_ += 4;  // "on the results of"
      c.relation = Relation::results;
    } else if (at_w(w_from) && at_w(w_moment, 1) && c.lag != 0) {
      // "в течение 5 дней с момента поступления информации"
      i_ += 2;
      c.relation = Relation::after;
      from_moment = true;
    } else if ((at_w(w_to) || at_w(w_before)) && c.lag == 0) {
      ++i_;
      c.relation = Relation::before;
    } else {
      return restore(s);
    }
    articles();
    // "после выполнения п. 4.5", "after item 4.5 is done"
    {
      std::size_t k = i_;
      if (at_w(w_completion)) ++i_;
      if (at_w(w_of)) ++i_;
      std::string ref;
      if (item_ref(ref)) {
        if (at_w(w_is)) {
          ++i_;
          if (!take_w(w_done)) return restore(s);
        }
        c.item_ref = ref;
        anchor_(AnchorKind::item, join(k, i_), false);
        return true;
      }
      i_ = k;
    }
    if (!(at_w(w_completion) || at_w(w_end) || at_w(w_holding) || at_w(w_arrival) || at(Tk::unknown)))
      return restore(s);
    bool english_passive = at(Tk::unknown) && !lx_.view(tok()).empty() &&
                           static_cast<unsigned char>(lx_.view(tok())[0]) < 0x80;
    // A bare Russian noun after "после" is not read ("после анализа" names no moment); after
    // "по итогам" and "с момента" it is.
    if (at(Tk::unknown) && !english_passive && c.relation != Relation::results && !from_moment)
      return restore(s);
    std::string key;
    std::size_t from = 0, to = 0;
    if (!anchor_words(key, from, to, english_passive)) return restore(s);
    if (!english_passive && !sep_ahead()) return restore(s);  // the anchor runs to the clause's end
    if (english_passive) {
      // "after the analysis is completed"
      if (!take_w(w_is) || !take_w(w_done)) return restore(s);
      key = "завершения " + key;
    }
    c.anchor = key;
    anchor_(AnchorKind::item, join(from, i_), true);
    return true;
  }

  // --- external schedule -----------------------------------------------------------------------

  bool external(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::external;
    // в сроки, установленные ... / в установленные сроки / within the dates set by ...
    if ((at_w(w_in) || at_w(w_within) || at_w(w_on)) && (at_w(w_terms, 1) || at_w(w_established, 1) || at_w(w_article, 1))) {
      std::size_t k = i_;
      ++i_;
      articles();
      if (at_w(w_dates)) {
        // English: "the dates set by X"
        ++i_;
        if (at_w(w_set) || at_w(w_established)) {
          ++i_;
          if (at_w(w_by)) ++i_;
          std::string key = "сроки установленные";
          std::size_t f = 0, t = 0;
          std::string rest;
          if (anchor_words(rest, f, t, false)) key += " " + rest;
          c.anchor = key;
          anchor_(AnchorKind::schedule, join(k + 1, i_), true);
          return true;
        }
        return restore(s);
      }
      if (at_w(w_terms) || at_w(w_established)) {
        std::size_t f = 0, t = 0;
        std::string key;
        // commas inside are part of the name: "в сроки, установленные приказом"
        std::string all;
        std::size_t from = i_;
        while (!(at(Tk::end) || at(Tk::semicolon) || tok().nl_before)) {
          if (at(Tk::comma) && i_ > from) {
            if (!(at_w(w_established, 1))) break;
            ++i_;
            continue;
          }
          std::string part;
          if (!anchor_words(part, f, t, false)) break;
          if (!all.empty()) all.push_back(' ');
          all += part;
        }
        if (all.find("сроки") == std::string::npos) return restore(s);
        if (all == "установленные сроки") all = "сроки установленные";  // "в установленные сроки"
        c.anchor = all;
        anchor_(AnchorKind::schedule, join(from, i_), true);
        return true;
      }
      return restore(s);
    }
    bool lead = false;
    bool free_words = false;  // a document, not a schedule: "в соответствии с приказом Министерства"
    std::size_t lead_at = i_;
    if (at_w(w_in) && at_w(w_accordance, 1) && at_w(w_from, 2)) { i_ += 3; lead = true; free_words = true; }
    else if (at_w(w_according) || at_w(w_po)) {
      free_words = at_w(w_according);
      ++i_;
      if (at_w(w_to)) ++i_;
      lead = true;
    } else if (at_w(w_per) || at_w(w_following) || (at_w(w_as) && at_w(w_per, 1))) {
      free_words = at_w(w_per) || at_w(w_as);
      i_ += at_w(w_as) ? 2 : 1;
      lead = true;
    }
    if (!lead) return restore(s);
    articles();
    std::size_t from = i_;
    while (at_w(w_approved) || at_w(w_separate) || at_w(w_meetings)) ++i_;
    bool known = at_w(w_schedule) || at_w(w_plan);
    i_ = from;
    std::string key;
    std::size_t f = 0, t = 0;
    if (known) {
      if (!anchor_words(key, f, t, false, true)) return restore(s);
      if (key == "совещаний плану") key = "плану совещаний";
    } else {
      if (!free_words || !(at(Tk::unknown) || at(Tk::word))) return restore(s);
      bool russian_lead = static_cast<unsigned char>(lx_.view(t_[lead_at])[0]) >= 0x80;
      if (russian_lead) from = lead_at;
      i_ = from;
      if (!anchor_words(key, f, t, false)) return restore(s);
      // An English lead ("per the order of ...") keys as the Russian one, so the Russian
      // rendering reads back to the same anchor.
      if (!russian_lead && key.rfind("согласно ", 0) != 0 && key.rfind("в соответствии с ", 0) != 0)
        key = "согласно " + key;
    }
    c.anchor = key;
    anchor_(AnchorKind::schedule, join(from, i_), true);
    return true;
  }

  // --- on demand -------------------------------------------------------------------------------

  bool demand(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::on_demand;
    auto object = [&] {
      std::string key;
      std::size_t f = 0, t = 0;
      std::size_t k = i_;
      if (!sep_ahead() && (at(Tk::unknown) || at_w(w_oo) || at(Tk::event)) && anchor_words(key, f, t, false)) c.anchor = key;
      else i_ = k;
    };
    if (at_w(w_po) && at_w(w_measure, 1)) {
      i_ += 2;
      if (at_w(w_necessity)) { ++i_; c.demand = Demand::necessity; return true; }
      if (at_w(w_need)) { ++i_; c.demand = Demand::need; return true; }
      if (at_w(w_detection)) {
        ++i_;
        if (at_w(w_facts)) ++i_;
        if (at_w(w_violations)) ++i_;
        c.demand = Demand::violations;
        return true;
      }
      if (at_w(w_formation)) { ++i_; c.demand = Demand::formation; object(); return true; }
      if (at_w(w_arrival)) { ++i_; c.demand = Demand::arrival; object(); return true; }
      return restore(s);
    }
    if ((at_w(w_po) || at_w(w_pri)) && at_w(w_necessity, 1)) { i_ += 2; c.demand = Demand::necessity; return true; }
    if (at_w(w_po) && at_w(w_need, 1)) { i_ += 2; c.demand = Demand::need; return true; }
    if ((at_w(w_po) || at_w(w_on)) && at_w(w_request, 1)) {
      i_ += 2;
      c.demand = Demand::request;
      object();
      return true;
    }
    if (at_w(w_on) && at_w(w_needed, 1)) { i_ += 2; c.demand = Demand::necessity; return true; }  // on demand
    if ((at_w(w_if) || at_w(w_when)) && (at_w(w_necessary, 1) || at_w(w_needed, 1))) {
      i_ += 2;
      c.demand = Demand::necessity;
      return true;
    }
    if (at_w(w_as)) {
      ++i_;
      if (at_w(w_needed) || at_w(w_necessary)) { ++i_; c.demand = Demand::necessity; return true; }
      if (at_w(w_need)) {
        ++i_;
        if (at(Tk::unknown) && lx_.view(tok()) == "arises") ++i_;
        c.demand = Demand::need;
        return true;
      }
      // "as violations are found", "as «списков» are formed", "as formed", "as they arrive"
      std::string key;
      std::size_t f = 0, t = 0;
      if (at_w(w_violations)) {
        ++i_;
        if (at_w(w_is)) ++i_;
        if (take_w(w_found)) { c.demand = Demand::violations; return true; }
        return restore(s);
      }
      if (at_w(w_they)) ++i_;
      else if (at(Tk::unknown)) anchor_words(key, f, t, true);
      if (at_w(w_is)) ++i_;
      if (at_w(w_formed)) { ++i_; c.demand = Demand::formation; c.anchor = key; return true; }
      if (at_w(w_arrive)) { ++i_; c.demand = Demand::arrival; c.anchor = key; return true; }
      return restore(s);
    }
    return restore(s);
  }

  // --- periodic --------------------------------------------------------------------------------

  bool periodic_modifiers(Clause& c) {
    for (;;) {
      std::size_t k = i_;
      if (at(Tk::comma)) ++i_;
      // для каждой образовательной организации / ОО / ОУ / школы; for each school
      if (at_w(w_for)) {
        ++i_;
        if (at_w(w_each)) ++i_;
        if (at_w(w_edu_adj) && at_w(w_organization, 1)) { i_ += 2; c.per_school = true; continue; }
        if (at_w(w_oo) || at_w(w_school_noun) || at_w(w_school) || at_w(w_organization)) {
          ++i_;
          c.per_school = true;
          continue;
        }
        i_ = k;
        return true;
      }
      // до 25 числа [каждого месяца]; не позднее 1 сентября; by the 25th [of each month]; by 1 September
      if (at_w(w_to) || at_w(w_by) || at_w(w_not) || at_w(w_no)) {
        if (at_w(w_to) || at_w(w_by)) ++i_;
        else if (!not_later()) { i_ = k; return true; }
        articles();
        if ((at(Tk::number) || at(Tk::ordinal)) && tok().value >= 1 && tok().value <= 31) {
          int d = tok().value;
          if (at_w(w_chislo, 1)) {
            i_ += 2;
            if (at_w(w_each) && at_w(w_unit_month, 1)) i_ += 2;
            // "месяца, следующего за отчетным [кварталом]"
            std::size_t q = i_;
            if (at_w(w_unit_month)) {
              ++i_;
              if (at(Tk::comma)) ++i_;
              if (at_w(w_following_ru) && at_w(w_za, 1) && at_w(w_reporting, 2)) {
                i_ += 3;
                Unit u = unit();
                if (u != Unit::none && c.unit != Unit::none && u != c.unit) { i_ = k; return true; }
                if (c.unit == Unit::none) c.unit = u == Unit::none ? Unit::month : u;
                c.due.day = d;
                c.due_next = true;
                continue;
              }
            }
            i_ = q;
            if (c.unit != Unit::month) { i_ = k; return true; }
            c.due.day = d;
            continue;
          }
          if (at(Tk::ordinal)) {
            ++i_;
            if (at_w(w_of) && at_w(w_article, 1) && at_w(w_next, 2) && at_w(w_unit_month, 3)) {
              i_ += 4;  // "by the 5th of the next month"
              c.due.day = d;
              c.due_next = true;
              continue;
            }
            if (at_w(w_of) && at_w(w_each, 1) && at_w(w_unit_month, 2)) i_ += 3;
            if (c.unit != Unit::month) { i_ = k; return true; }
            c.due.day = d;
            continue;
          }
          if (at(Tk::month, 1)) {
            i_ += 2;
            c.due.day = d;
            c.due.month = static_cast<int>(t_[i_ - 1].value);
            if (c.unit != Unit::year) { i_ = k; return true; }
            continue;
          }
        }
        i_ = k;
        return true;
      }
      // в течение учебного года / during the school year
      if ((at_w(w_in) && at_w(w_course, 1)) || at_w(w_during) || at_w(w_throughout)) {
        i_ += at_w(w_in) ? 2 : 1;
        articles();
        if (school_year_words()) { c.span = SpanKind::school_year; continue; }
        if (at_w(w_unit_year)) { ++i_; c.span = SpanKind::year; continue; }
        i_ = k;
        return true;
      }
      i_ = k;
      return true;
    }
  }

  bool periodic(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::periodic;
    Unit adv = Unit::none;
    if (tok().kind == Tk::word) {
      switch (tok().value) {
        case w_annually: adv = Unit::year; break;
        case w_monthly: adv = Unit::month; break;
        case w_weekly: adv = Unit::week; break;
        case w_quarterly: adv = Unit::quarter; break;
        case w_daily: adv = Unit::day; break;
        default: break;
      }
    }
    if (adv != Unit::none) {
      ++i_;
      c.unit = adv;
      // ", не реже 1 раза"; ", 2 раза"; ", at least once"
      std::size_t k = i_;
      if (at(Tk::comma)) ++i_;
      bool least = at_least();
      int n = 1;
      if (times(n)) {
        c.times = n;
        c.at_least = least;
      } else {
        i_ = k;
      }
      return periodic_modifiers(c);
    }
    // [не реже] N раз[а] в [N] unit; раз в квартал; once a quarter; at least once every half-year
    {
      bool least = at_least();
      int n = 1;
      if (times(n)) {
        if (at_w(w_in) || at_w(w_za) || at_w(w_per) || at_w(w_article) || at_w(w_each)) {
          ++i_;
          int every = 1;
          count(every);
          Unit u = unit();
          if (u != Unit::none && u != Unit::working_day) {
            c.unit = u;
            c.every = every;
            c.times = n;
            c.at_least = least;
            return periodic_modifiers(c);
          }
        }
      }
      i_ = s;
    }
    // каждый месяц, каждую неделю, every quarter
    if (at_w(w_each)) {
      ++i_;
      Unit u = unit();
      if (u != Unit::none && u != Unit::working_day && u != Unit::day) {
        c.unit = u;
        return periodic_modifiers(c);
      }
      return restore(s);
    }
    // по итогам [каждой] четверти / квартала; after each term
    if ((at_w(w_po) && (at_w(w_itogi, 1) || at_w(w_results, 1))) || at_w(w_after)) {
      i_ += at_w(w_po) ? 2 : 1;
      if (at_w(w_each)) ++i_;
      Unit u = unit();
      if (u == Unit::term || u == Unit::quarter || u == Unit::half_year || u == Unit::year ||
          u == Unit::month || u == Unit::school_year) {
        c.unit = u;
        c.relation = Relation::results;
        return periodic_modifiers(c);
      }
      return restore(s);
    }
    // до 25 числа каждого месяца
    {
      Clause d;
      d.kind = ClauseKind::periodic;
      d.unit = Unit::month;
      std::size_t k = i_;
      if (periodic_modifiers(d) && d.due.day != 0 && i_ > k) {
        c = d;
        return periodic_modifiers(c);
      }
      i_ = s;
    }
    return restore(s);
  }

  // --- a part of the year ----------------------------------------------------------------------

  bool part_index(int& idx) {
    if (at(Tk::roman) || at(Tk::ordinal) || (at(Tk::number) && tok().value <= 4)) {
      idx = tok().value;
      ++i_;
      return idx >= 1 && idx <= 4;
    }
    fail();
    return false;
  }

  // "I квартал 2024 г.", "2 полугодие", "Q1", "the first half of 2024"
  bool part_core(Clause& c) {
    std::size_t s = i_;
    articles();
    int idx = 0;
    Unit u = Unit::none;
    if (at(Tk::roman) && tok().marked) {  // Q1
      idx = tok().value;
      ++i_;
      u = Unit::quarter;
    } else {
      if (!part_index(idx)) return restore(s);
      // "I-II квартал", "III-IV кварталах"
      if ((at(Tk::dash) || at_w(w_and)) && (at(Tk::roman, 1) || at(Tk::ordinal, 1) || at(Tk::number, 1))) {
        std::size_t k = i_;
        ++i_;
        int last = 0;
        if (part_index(last) && last > idx) c.index_last = last;
        else i_ = k;
      }
      u = unit();
    }
    int top = u == Unit::quarter ? 4 : u == Unit::half_year ? 2 : u == Unit::term ? 4 : 0;
    if (idx > top || c.index_last > top) return restore(s);
    c.unit = u;
    c.index = idx;
    std::size_t k = i_;
    if (at_w(w_of)) ++i_;
    articles();
    Years ys;
    bool range = false;
    if (at(Tk::year) && years(ys, &range)) {
      if (range && school_year_words()) {
        c.span = SpanKind::school_years;
        c.years.push_back(ys.v[0]);
      } else if (!range) {
        for (int j = 0; j < ys.n; ++j) c.years.push_back(ys.v[static_cast<std::size_t>(j)]);
      } else {
        i_ = k;
      }
    } else {
      // "второе полугодие [текущего] учебного года", "the second half of the school year":
      // the plan's school year, as without these words
      i_ = k;
      if (at_w(w_of)) ++i_;
      articles();
      if (at_w(w_current)) ++i_;
      if (!school_year_words()) i_ = k;
    }
    return true;
  }

  bool part(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::part;
    if (at_w(w_po) && at_w(w_itogi, 1)) {  // "по итогам I полугодия"
      i_ += 2;
      c.relation = Relation::results;
    } else if (at_w(w_after)) {
      ++i_;
      c.relation = Relation::results;
    } else if (at_w(w_in) && at_w(w_course, 1)) i_ += 2;
    else if (at_w(w_in) || at_w(w_during) || at_w(w_throughout)) ++i_;
    if (part_core(c)) return true;
    return restore(s);
  }

  // --- continuous spans ------------------------------------------------------------------------

  bool span_target(Clause& c) {
    std::size_t s = i_;
    articles();
    if (at_w(w_whole) || at_w(w_all)) ++i_;
    articles();
    if (school_year_words()) { c.span = SpanKind::school_year; return true; }
    if (at_w(w_unit_year)) {
      ++i_;
      c.span = SpanKind::year;
      return true;
    }
    if (at_w(w_period) || at_w(w_srok)) {
      ++i_;
      if (at_w(w_implementation)) ++i_;
      if (at_w(w_of)) ++i_;
      articles();
      if (at_w(w_plan)) ++i_;
      c.span = SpanKind::plan;
      return true;
    }
    if (at_w(w_plan)) { ++i_; c.span = SpanKind::plan; return true; }
    Years ys;
    bool range = false;
    if (at(Tk::year) && years(ys, &range)) {
      if (range && ys.n == 2 && school_year_words()) {
        c.span = SpanKind::school_years;
        c.years.push_back(ys.v[0]);
        return true;
      }
      c.span = SpanKind::years;
      for (int j = 0; j < ys.n; ++j) c.years.push_back(ys.v[static_cast<std::size_t>(j)]);
      if (range) note_(NoteKind::years_as_calendar);
      return true;
    }
    return restore(s);
  }

  bool span(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::span;
    if (at_w(w_regularly)) {  // "регулярно", "систематически": the same as "постоянно"
      ++i_;
      c.span = SpanKind::plan;
      return true;
    }
    if (at_w(w_constantly)) {
      ++i_;
      c.span = SpanKind::plan;
      std::size_t k = i_;
      if (at(Tk::comma)) ++i_;
      if ((at_w(w_in) && at_w(w_course, 1)) || at_w(w_during) || at_w(w_throughout)) {
        i_ += at_w(w_in) ? 2 : 1;
        Clause t;
        if (span_target(t)) {
          c.span = t.span;
          c.years = t.years;
          return true;
        }
      }
      i_ = k;
      return true;
    }
    std::size_t before = i_;
    if ((at_w(w_in) && at_w(w_course, 1)) || (at_w(w_na) && at_w(w_course, 1))) i_ += 2;
    else if (at_w(w_during) || at_w(w_throughout) || at_w(w_in)) ++i_;
    // A bare "год" / "учебный год" is no deadline ("в течение года" is); years and "весь
    // период" are.
    if (i_ == before && (at_w(w_unit_year) || at_w(w_school) || at_w(w_article))) return restore(s);
    if (span_target(c)) return true;
    return restore(s);
  }

  // --- by a date / at an edge ------------------------------------------------------------------

  // "начала учебного года", "конца I квартала", "конца марта", "end of 2023"
  bool edge_target(Clause& c) {
    std::size_t s = i_;
    articles();
    if (at_w(w_start)) c.edge = Edge::start;
    else if (at_w(w_end)) c.edge = Edge::end;
    else if (at_w(w_middle)) c.edge = Edge::middle;
    else return restore(s);
    ++i_;
    if (at_w(w_of)) ++i_;
    articles();
    if (at_w(w_each)) ++i_;  // "в конце каждой четверти": each one, as without "каждой"
    if (school_year_words()) { c.unit = Unit::school_year; return true; }
    {
      // "к началу 2024/2025 учебного года"
      std::size_t k = i_;
      Years ys;
      bool range = false;
      if (at(Tk::year) && years(ys, &range) && range && ys.n == 2 && school_year_words()) {
        c.unit = Unit::school_year;
        c.span = SpanKind::school_years;
        c.years.push_back(ys.v[0]);
        return true;
      }
      i_ = k;
    }
    if (at_w(w_current) && at_w(w_school, 1) && at_w(w_unit_year, 2)) { i_ += 3; c.unit = Unit::school_year; return true; }
    if (at_w(w_unit_year)) { ++i_; c.unit = Unit::year; return true; }
    if (at(Tk::year)) {
      c.unit = Unit::year;
      c.years.push_back(tok().value);
      ++i_;
      if (!t_[i_ - 1].marked && at_w(w_unit_year)) ++i_;
      return true;
    }
    if (at(Tk::month)) {
      c.unit = Unit::month;
      c.date.month = tok().value;
      ++i_;
      if (at(Tk::year)) { c.date.year = tok().value; ++i_; }
      return true;
    }
    if (at_w(w_unit_month)) { ++i_; c.unit = Unit::month; return true; }
    if (at_w(w_unit_quarter)) { ++i_; c.unit = Unit::quarter; return true; }
    if (at_w(w_unit_half)) { ++i_; c.unit = Unit::half_year; return true; }
    if (at_w(w_unit_term)) { ++i_; c.unit = Unit::term; return true; }
    Clause p;
    if (part_core(p)) {
      c.unit = p.unit;
      c.index = p.index;
      c.years = p.years;
      c.span = p.span;
      return true;
    }
    return restore(s);
  }

  // "10 января 2023 г", "10.01.2023", "марта", "1 September"
  bool date_target(Clause& c) {
    std::size_t s = i_;
    articles();
    if (at(Tk::number) && at(Tk::dot, 1) && at(Tk::number, 2) && at(Tk::dot, 3) && at(Tk::year, 4)) {
      int d = tok().value, m = tok(2).value;
      if (!day_fits(d, m, tok(4).value)) return restore(s);
      c.date = Point{tok(4).value, m, d};
      i_ += 5;
      return true;
    }
    if ((at(Tk::number) || at(Tk::ordinal)) && tok().value >= 1 && tok().value <= 31 && at(Tk::month, 1)) {
      if (!day_fits(tok().value, tok(1).value, 0)) return restore(s);
      c.date.day = tok().value;
      c.date.month = tok(1).value;
      i_ += 2;
    } else if (at(Tk::month)) {
      c.date.month = tok().value;
      ++i_;
      if ((at(Tk::number) || at(Tk::ordinal)) && tok().value >= 1 && tok().value <= 31) {  // "January 31"
        c.date.day = tok().value;
        ++i_;
      }
    } else {
      day_without_month();
      return restore(s);
    }
    if (at(Tk::comma) && at(Tk::year, 1)) ++i_;
    if (at(Tk::year)) {
      if (c.date.day && !day_fits(c.date.day, c.date.month, tok().value)) {
        fail();
        i_ = s;
        return false;
      }
      c.date.year = tok().value;
      ++i_;
    }
    return true;
  }

  bool by_date(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::by_date;
    if (at_w(w_to) || at_w(w_k) || at_w(w_by) || at_w(w_until)) {
      ++i_;
      c.relation = Relation::by;
    } else if (not_later()) {
      c.relation = Relation::by;
    } else if (at_w(w_in) || at_w(w_at)) {
      std::size_t k = i_;
      ++i_;
      articles();
      if (!(at_w(w_start) || at_w(w_end) || at_w(w_middle))) return restore(s);
      i_ = k + 1;
      c.relation = Relation::at;
    } else if (at_w(w_upon)) {
      ++i_;
      c.relation = Relation::upon;
    } else if (at_w(w_po) && at_w(w_end, 1)) {
      ++i_;  // "по окончании учебного года": right after its end
      c.relation = Relation::upon;
    } else if (at_w(w_start) || at_w(w_end) || at_w(w_middle)) {
      c.relation = Relation::at;  // "конец мая", "начало сентября"
    } else {
      return restore(s);
    }
    if (c.relation == Relation::by && date_target(c)) {
      // "by 1 September each year", "до 1 сентября ежегодно": a yearly deadline
      std::size_t k = i_;
      if (at(Tk::comma)) ++i_;
      bool yearly = false;
      if (at_w(w_annually)) { ++i_; yearly = true; }
      else if (at_w(w_each) && at_w(w_unit_year, 1)) { i_ += 2; yearly = true; }
      if (yearly && c.date.day && !c.date.year) {
        Clause p;
        p.kind = ClauseKind::periodic;
        p.unit = Unit::year;
        p.due = Point{0, c.date.month, c.date.day};
        c = p;
        return true;
      }
      i_ = k;
      return true;
    }
    if (edge_target(c)) {
      if (c.relation == Relation::upon && c.edge != Edge::end) return restore(s);
      return true;
    }
    return restore(s);
  }

  // --- months ----------------------------------------------------------------------------------

  struct Group {
    Window w;
    Years ys;
    bool fixed_from_year = false;
    bool complete = false;  // both ends carry their years: "с 01.09.2023 по 31.12.2023"
  };

  // "01.09.2023", "31.05.2024 г."
  bool numeric_date(Point& p) {
    if (at(Tk::number) && at(Tk::dot, 1) && at(Tk::number, 2) && at(Tk::dot, 3) && at(Tk::year, 4)) {
      int d = tok().value, m = tok(2).value;
      if (!day_fits(d, m, tok(4).value)) { fail(); return false; }
      p = Point{tok(4).value, m, d};
      i_ += 5;
      return true;
    }
    fail();
    return false;
  }

  // [day] month
  bool mpoint(Point& p) {
    std::size_t s = i_;
    if ((at(Tk::number) || at(Tk::ordinal)) && tok().value >= 1 && tok().value <= 31 && at(Tk::month, 1)) {
      if (!day_fits(tok().value, tok(1).value, 0)) return restore(s);
      p.day = tok().value;
      ++i_;
    }
    if (!at(Tk::month)) {
      day_without_month();
      return restore(s);
    }
    p.month = tok().value;
    ++i_;
    // "January 10": a day after an English month name (not before a year or a unit)
    if (p.day == 0 && at(Tk::number) && tok().value >= 1 && tok().value <= 31 &&
        static_cast<unsigned char>(lx_.view(t_[i_ - 1])[0]) < 0x80) {
      p.day = tok().value;
      ++i_;
    }
    return true;
  }

  bool range_word() {
    if (at(Tk::dash) || at_w(w_po) || at_w(w_to) || at_w(w_until)) {
      ++i_;
      return true;
    }
    return false;
  }

  bool window(Group& g) {
    std::size_t s = i_;
    if (at_w(w_in) && at_w(w_course, 1)) i_ += 2;
    else if (at_w(w_in) || at_w(w_during)) ++i_;
    if (at_w(w_period)) ++i_;  // "в период с 1 по 30 апреля"
    bool from_kw = false;
    if (at_w(w_from) || at_w(w_between)) {
      ++i_;
      from_kw = true;
    }
    {
      Point a;
      if (numeric_date(a)) {
        g.w.from = g.w.to = a;
        g.complete = true;
        std::size_t k = i_;
        Point b;
        if (range_word() && numeric_date(b)) g.w.to = b;
        else i_ = k;
        return true;
      }
    }
    // "10-15 сентября", "с 1 по 15 марта"
    if ((at(Tk::number) || at(Tk::ordinal)) && tok().value >= 1 && tok().value <= 31 &&
        (at(Tk::dash, 1) || at_w(w_po, 1) || at_w(w_to, 1) || at_w(w_and, 1)) &&
        (at(Tk::number, 2) || at(Tk::ordinal, 2)) && tok(2).value >= 1 && tok(2).value <= 31 &&
        at(Tk::month, 3)) {
      int d1 = tok().value, d2 = tok(2).value, m = tok(3).value;
      if (d2 < d1) return restore(s);
      i_ += 4;
      g.w.from = Point{0, m, d1};
      g.w.to = Point{0, m, d2};
      return true;
    }
    Point a;
    if (!mpoint(a)) return restore(s);
    g.w.from = a;
    g.w.to = a;
    std::size_t k = i_;
    // "декабрь 2023 - январь 2024"
    int from_year = 0;
    if (at(Tk::year) && (at(Tk::dash, 1) || at_w(w_po, 1) || at_w(w_to, 1)) &&
        (at(Tk::month, 2) || ((at(Tk::number, 2) || at(Tk::ordinal, 2)) && at(Tk::month, 3)))) {
      from_year = tok().value;
      ++i_;
    }
    if (at_w(w_and) && from_kw) {
      ++i_;
    } else if (!range_word()) {
      i_ = k;
      return true;
    }
    Point b;
    if (!mpoint(b)) {
      i_ = k;
      return true;
    }
    if ((a.day == 0) != (b.day == 0)) {
      i_ = k;
      return true;
    }
    g.w.to = b;
    if (from_year) {
      g.w.from.year = from_year;
      g.fixed_from_year = true;
    }
    return true;
  }

  bool months(Clause& c) {
    std::size_t s = i_;
    reset(c);
    c.kind = ClauseKind::months;
    // "ежегодно в сентябре", "ежегодно: январь, июль": months are in every year anyway
    if (at_w(w_annually) && (at(Tk::colon, 1) || at(Tk::comma, 1) || at(Tk::month, 1) || at_w(w_in, 1))) {
      ++i_;
      if (at(Tk::colon) || at(Tk::comma)) ++i_;
    }
    std::array<Group, 16> gs;
    int ng = 0;
    for (;;) {
      if (ng == 16) return restore(s);
      Group& g = gs[static_cast<std::size_t>(ng)];
      g = Group{};
      if (!window(g)) {
        if (ng == 0) return restore(s);
        break;
      }
      ++ng;
      if (g.complete) {
      } else if (at(Tk::year)) {
        if (!years(g.ys)) return restore(s);
        if (g.fixed_from_year && g.ys.n != 1) return restore(s);
      } else if (g.fixed_from_year) {
        return restore(s);
      }
      // the list goes on: ", ноябрь", " и июль", "2023г. Февраль 2024г.", a line break
      std::size_t k = i_;
      if (at(Tk::comma) || at_w(w_and) || at(Tk::slash) || at(Tk::semicolon) || at(Tk::dot)) {
        ++i_;
        if (at_w(w_also)) ++i_;
        if (at(Tk::month) || ((at(Tk::number) || at(Tk::ordinal)) && (at(Tk::month, 1) || at(Tk::dot, 1))) ||
            ((at_w(w_in) || at_w(w_from)) && at(Tk::month, 1)))
          continue;
        i_ = k;
        break;
      }
      if (at(Tk::month) && (g.ys.n > 0 || tok().nl_before)) continue;
      break;
    }
    // "ежегодно", "каждого года [плана]", "of each year of the plan", "every year"
    {
      std::size_t k = i_;
      if (at(Tk::comma)) ++i_;
      if (at_w(w_annually)) {
        ++i_;
      } else {
        if (at_w(w_of)) ++i_;
        if (at_w(w_each) && at_w(w_unit_year, 1)) {
          i_ += 2;
          std::size_t q = i_;
          if (at_w(w_of)) ++i_;
          articles();
          if (!take_w(w_plan)) i_ = q;
        } else {
          i_ = k;
        }
      }
    }
    // Months without a year take the years of the next group that has them:
    // "Август, ноябрь 2023г" is August 2023 and November 2023.
    for (int a = 0; a < ng; ++a) {
      auto& g = gs[static_cast<std::size_t>(a)];
      if (g.ys.n > 0 || g.fixed_from_year || g.complete) continue;
      for (int b = a + 1; b < ng; ++b) {
        const auto& h = gs[static_cast<std::size_t>(b)];
        if (h.complete) break;
        if (h.ys.n > 0 && !h.fixed_from_year) {
          g.ys = h.ys;
          break;
        }
        if (h.fixed_from_year) break;
      }
    }
    for (int a = 0; a < ng; ++a) {
      const auto& g = gs[static_cast<std::size_t>(a)];
      if (g.ys.n == 0) {
        c.windows.push_back(g.w);
        continue;
      }
      for (int j = 0; j < g.ys.n; ++j) {
        Window w = g.w;
        int y = g.ys.v[static_cast<std::size_t>(j)];
        w.to.year = y;
        if (!g.fixed_from_year)
          w.from.year = (w.from.month > w.to.month || (w.from.month == w.to.month && w.from.day > w.to.day)) ? y - 1 : y;
        c.windows.push_back(w);
      }
    }
    return true;
  }

  // --- clauses ---------------------------------------------------------------------------------

  bool clause(Clause& c) {
    std::size_t s = i_;
    bool repeat = false;
    if (at_w(w_again)) {
      ++i_;
      repeat = true;
      if (at(Tk::dash) || at(Tk::colon) || at(Tk::comma)) ++i_;
    }
    // A clause starting with a month can only be months, one starting with a year only a span:
    // trying them first gives the same reading and skips the other alternatives.
    bool ok = false;
    if (at(Tk::month)) ok = months(c);
    else if (at(Tk::year)) ok = span(c);
    ok = ok || event(c) || item(c) || external(c) || demand(c) || months(c) || periodic(c) ||
         part(c) || by_date(c) || span(c);
    if (!ok) {
      i_ = s;
      return false;
    }
    c.repeat = repeat;
    return true;
  }

  void anchor_(AnchorKind k, std::string text, bool required) {
    r_.anchors.push_back(Anchor{k, std::move(text), r_.schedule.clauses.size(), required});
  }
  void note_(NoteKind k) {
    Note n{k, r_.schedule.clauses.size()};
    if (std::find(r_.notes.begin(), r_.notes.end(), n) == r_.notes.end()) r_.notes.push_back(n);
  }

  // Setting-driven and convention-driven readings of a finished clause.
  void note_clause(const Clause& c, std::size_t) {
    bool half = c.unit == Unit::half_year;
    if (half) note_(r_half_ == HalfYear::school ? NoteKind::half_year_school : NoteKind::half_year_calendar);
    if (c.kind == ClauseKind::months) {
      for (const auto& w : c.windows)
        if (w.to.year == 0) {
          note_(NoteKind::months_each_year);
          break;
        }
    }
    if (c.kind == ClauseKind::event && (c.events & ev_op))
      anchor_(AnchorKind::event, "ОП", false);
  }

 public:
  HalfYear r_half_ = HalfYear::school;
};

std::size_t utf8_column(std::string_view s, std::size_t byte) {
  std::size_t col = 0;
  for (std::size_t k = 0; k < byte && k < s.size(); ++k)
    if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) ++col;
  return col;
}

// Whether a window with years on both ends ends before it starts.
bool reversed_window(const Schedule& s) {
  for (const auto& c : s.clauses) {
    for (const auto& w : c.windows) {
      if (!w.from.year || !w.to.year) continue;
      auto key = [](const Point& p) { return p.year * 10000 + p.month * 100 + p.day; };
      Point from = w.from, to = w.to;
      if (!from.month) from.month = 1;
      if (!to.month) to.month = 12;
      if (key(to) < key(from) && !(to.year == from.year && to.month == from.month)) return true;
    }
  }
  return false;
}

}  // namespace

ParseResult parse(std::string_view phrase, const ParseOptions& opts) {
  thread_local lex::Lexed lx;
  lex::lex(phrase, lx);
  ParseResult r;
  Parser p(lx, r);
  p.r_half_ = opts.half_year;
  if (p.schedule()) {
    if (!reversed_window(r.schedule)) {
      r.ok = true;
      return r;
    }
    // "сентябрь 2023 – май 2023": a window that ends before it starts is a mistake in the
    // document, never silently reordered: understanding stops at its last year.
    r.ok = false;
    r.schedule.clauses.clear();
    r.anchors.clear();
    r.notes.clear();
    std::size_t last_year = 0;
    for (std::size_t k = 0; k < lx.tokens.size(); ++k)
      if (lx.tokens[k].kind == lex::Tk::year) last_year = k;
    r.stop_byte = lx.origin[lx.tokens[last_year].begin];
    r.stop_column = utf8_column(phrase, r.stop_byte);
    r.suggestions = suggest(lx, last_year);
    return r;
  }
  r.ok = false;
  r.schedule.clauses.clear();
  r.anchors.clear();
  r.notes.clear();
  const auto& stop = lx.tokens[std::min(p.far(), lx.tokens.size() - 1)];
  r.stop_byte = lx.origin[stop.begin];
  r.stop_column = utf8_column(phrase, r.stop_byte);
  r.suggestions = suggest(lx, p.far());
  return r;
}

}  // namespace roadmap::deadline
