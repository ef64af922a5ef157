// The deadline language's lexer: normalises a phrase (lower case for Latin and Cyrillic, every
// dash to '-', odd spaces, "г."/"гг."/"года" after a year) and cuts it into tokens that point
// into the normalised buffer. No allocation per token; no locale.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roadmap::deadline::lex {

enum class Tk : std::uint8_t {
  end,
  word,     // a known word: `value` is a W
  unknown,  // a word the language does not know
  number,   // digits: `value`
  year,     // 1900..2100 (with or without "г."): `value`; `marked` when "г."/"года" followed
  month,    // `value` 1..12
  event,    // `value` is an Event bit set
  roman,    // I..IV: `value`
  ordinal,  // "1-й", "второе", "first": `value`
  comma,
  dash,
  dot,
  semicolon,
  colon,
  lparen,
  rparen,
  slash,
  other,
};

// Known words, by meaning. Forms (cases, English) map to one of these.
enum W : std::uint8_t {
  w_none,
  w_in, w_from, w_po, w_to, w_k, w_za, w_cherez, w_after, w_before, w_pri, w_na, w_not,
  w_rarer, w_less, w_later, w_and, w_or, w_for, w_each, w_course, w_times, w_twice, w_once,
  w_unit_day, w_unit_week, w_unit_month, w_unit_quarter, w_unit_half, w_unit_term, w_unit_year,
  w_working, w_calendar, w_school, w_period, w_start, w_end, w_middle, w_completion, w_results,
  w_itogi, w_preparation, w_holding, w_checking, w_schedule, w_plan, w_approved, w_according,
  w_accordance, w_measure, w_necessity, w_need, w_detection, w_facts, w_violations, w_formation,
  w_arrival, w_request, w_constantly, w_annually, w_monthly, w_weekly, w_quarterly, w_daily,
  w_again, w_next, w_meetings, w_separate, w_terms, w_established, w_chislo, w_srok, w_nedelny,
  w_dnevny, w_mesyachny, w_whole, w_implementation, w_organization, w_edu_adj, w_oo, w_school_noun,
  w_least, w_assessment_adj, w_procedure, w_days, w_item, w_is, w_done, w_article, w_of, w_at,
  w_by, w_on, w_within, w_throughout, w_during, w_until, w_no, w_than, w_as, w_when, w_current,
  w_every_en, w_half, w_final, w_essay, w_interview, w_olympiad, w_assessment_en, w_also,
  w_following, w_per, w_year_adj_en, w_if, w_necessary, w_found, w_formed, w_arrive, w_they,
  w_all, w_needed, w_set, w_dates, w_day_of_month_en, w_than_en, w_publ, w_essay_ru2, w_prior,
  w_between, w_count, w_moment, w_regularly, w_following_ru, w_reporting, w_based, w_monday, w_upon, w_eve,
};

// Tokens end with this many Tk::end tokens, so the grammar may peek ahead without bounds checks.
inline constexpr int kLookahead = 8;

struct Token {
  Tk kind = Tk::end;
  bool nl_before = false;  // a line break precedes it
  bool marked = false;     // year: "г."/"года" followed; month: abbreviated
  std::int32_t value = 0;
  std::uint32_t begin = 0;  // offsets in the normalised text
  std::uint32_t end = 0;
};

// The normalised phrase, the map back to the original bytes, and the tokens.
struct Lexed {
  std::string text;
  std::vector<std::uint32_t> origin;  // origin[i]: byte offset in the phrase of text[i]; size text+1
  std::vector<Token> tokens;          // ends with a Tk::end token
  std::string_view source;  // the phrase as given (valid while the caller keeps it)
  std::string_view view(const Token& t) const {
    return std::string_view(text).substr(t.begin, t.end - t.begin);
  }
  // The token as the official wrote it (original case), for names kept in anchors.
  std::string_view original(const Token& t) const {
    std::uint32_t b = origin[t.begin];
    std::uint32_t e = t.end < origin.size() ? origin[t.end] : static_cast<std::uint32_t>(source.size());
    while (e > b && (source[e - 1] == ' ' || source[e - 1] == '\n' || source[e - 1] == '\t')) --e;
    return source.substr(b, e - b);
  }
};

// Reuses `out`'s buffers.
void lex(std::string_view phrase, Lexed& out);

// Vocabulary look-ups (the normalised, lower-case word).
int month_of(std::string_view word, bool* abbreviated = nullptr);
std::uint32_t event_of(std::string_view word);
W word_of(std::string_view word);

// Every form the lexer knows, for suggestions.
const std::vector<std::string_view>& known_forms();

}  // namespace roadmap::deadline::lex
