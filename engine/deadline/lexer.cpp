// Normalisation and tokens of the deadline language; the vocabulary is domain data kept here.
#include "deadline/lexer.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "deadline/schedule.hpp"

namespace roadmap::deadline::lex {
namespace {

struct Form {
  std::string_view text;
  W w;
};

// Russian word forms (cases officials use) and English words, each mapped to its meaning.
constexpr Form kForms[] = {
    {"в", w_in}, {"во", w_in}, {"in", w_in}, {"с", w_from}, {"со", w_from}, {"from", w_from},
    {"since", w_from}, {"по", w_po}, {"до", w_to}, {"to", w_to}, {"through", w_to}, {"к", w_k},
    {"ко", w_k}, {"за", w_za}, {"через", w_cherez}, {"после", w_after}, {"after", w_after},
    {"перед", w_before}, {"накануне", w_eve}, {"before", w_before}, {"prior", w_prior},
    {"при", w_pri}, {"на", w_na}, {"не", w_not}, {"not", w_not}, {"реже", w_rarer},
    {"менее", w_less}, {"позднее", w_later}, {"позже", w_later}, {"later", w_later},
    {"и", w_and}, {"and", w_and}, {"а", w_and}, {"также", w_also}, {"но", w_also}, {"чем", w_than}, {"или", w_or}, {"or", w_or},
    {"для", w_for}, {"for", w_for}, {"каждый", w_each}, {"каждого", w_each}, {"каждой", w_each},
    {"каждом", w_each}, {"каждые", w_each}, {"каждую", w_each}, {"каждых", w_each},
    {"каждому", w_each}, {"каждая", w_each}, {"каждое", w_each}, {"each", w_each},
    {"every", w_each}, {"течение", w_course}, {"течении", w_course}, {"протяжении", w_course},
    {"раз", w_times}, {"раза", w_times}, {"time", w_times}, {"times", w_times},
    {"дважды", w_twice}, {"twice", w_twice}, {"once", w_once}, {"однократно", w_once},
    {"день", w_unit_day}, {"дня", w_unit_day}, {"дней", w_unit_day}, {"дню", w_unit_day},
    {"дни", w_days}, {"day", w_unit_day}, {"days", w_unit_day}, {"неделя", w_unit_week},
    {"недели", w_unit_week}, {"неделю", w_unit_week}, {"недель", w_unit_week},
    {"неделе", w_unit_week}, {"week", w_unit_week}, {"weeks", w_unit_week},
    {"месяц", w_unit_month}, {"месяца", w_unit_month}, {"месяцев", w_unit_month},
    {"месяце", w_unit_month}, {"месяцу", w_unit_month}, {"месяцы", w_unit_month},
    {"month", w_unit_month}, {"months", w_unit_month}, {"квартал", w_unit_quarter},
    {"квартала", w_unit_quarter}, {"квартале", w_unit_quarter}, {"кварталы", w_unit_quarter},
    {"кварталов", w_unit_quarter}, {"кварталу", w_unit_quarter}, {"кварталах", w_unit_quarter}, {"кварталом", w_unit_quarter}, {"полугодиях", w_unit_half}, {"полугодием", w_unit_half}, {"четвертях", w_unit_term}, {"четвертью", w_unit_term}, {"месяцем", w_unit_month}, {"quarter", w_unit_quarter},
    {"quarters", w_unit_quarter}, {"полугодие", w_unit_half}, {"полугодия", w_unit_half},
    {"полугодии", w_unit_half}, {"полугодий", w_unit_half}, {"полугодию", w_unit_half},
    {"semester", w_unit_half}, {"half", w_half}, {"четверть", w_unit_term},
    {"четверти", w_unit_term}, {"четвертей", w_unit_term}, {"term", w_unit_term},
    {"terms", w_unit_term}, {"год", w_unit_year}, {"года", w_unit_year}, {"году", w_unit_year},
    {"лет", w_unit_year}, {"годы", w_unit_year}, {"годов", w_unit_year}, {"годом", w_unit_year},
    {"годах", w_unit_year}, {"year", w_unit_year}, {"years", w_unit_year},
    {"рабочих", w_working}, {"рабочий", w_working}, {"рабочие", w_working},
    {"рабочего", w_working}, {"working", w_working}, {"business", w_working},
    {"календарных", w_calendar}, {"календарный", w_calendar}, {"календарного", w_calendar},
    {"calendar", w_calendar}, {"учебного", w_school}, {"учебный", w_school},
    {"учебном", w_school}, {"учебному", w_school}, {"учебным", w_school}, {"уч", w_school},
    {"school", w_school}, {"academic", w_school}, {"период", w_period}, {"периода", w_period},
    {"периоде", w_period}, {"period", w_period}, {"начала", w_start}, {"начало", w_start},
    {"начале", w_start}, {"началу", w_start}, {"start", w_start}, {"beginning", w_start},
    {"конца", w_end}, {"конец", w_end}, {"конце", w_end}, {"концу", w_end},
    {"окончания", w_end}, {"окончании", w_end}, {"окончанию", w_end}, {"end", w_end},
    {"середины", w_middle}, {"середине", w_middle}, {"середина", w_middle},
    {"middle", w_middle}, {"mid", w_middle}, {"завершения", w_completion},
    {"завершении", w_completion}, {"выполнения", w_completion}, {"утверждения", w_completion},
    {"получения", w_completion}, {"подведения", w_completion}, {"издания", w_completion},
    {"принятия", w_completion}, {"рассмотрения", w_completion}, {"completion", w_completion},
    {"результатам", w_results}, {"результатов", w_results}, {"результаты", w_results},
    {"results", w_results}, {"итогам", w_itogi}, {"итогов", w_itogi}, {"outcome", w_itogi},
    {"подготовки", w_preparation}, {"подготовке", w_preparation},
    {"подготовка", w_preparation}, {"preparation", w_preparation},
    {"preparing", w_preparation}, {"проведения", w_holding}, {"проведении", w_holding},
    {"проведению", w_holding}, {"проведение", w_holding}, {"holding", w_holding},
    {"проверки", w_checking}, {"проверке", w_checking}, {"checking", w_checking},
    {"marking", w_checking}, {"график", w_schedule}, {"графику", w_schedule},
    {"графиком", w_schedule}, {"графика", w_schedule}, {"графике", w_schedule},
    {"schedule", w_schedule}, {"timetable", w_schedule}, {"план", w_plan}, {"плану", w_plan},
    {"планом", w_plan}, {"плана", w_plan}, {"плане", w_plan}, {"plan", w_plan},
    {"утвержденному", w_approved}, {"утвержденным", w_approved}, {"утвержденного", w_approved},
    {"утвержденный", w_approved}, {"approved", w_approved}, {"согласно", w_according},
    {"according", w_according}, {"соответствии", w_accordance}, {"мере", w_measure},
    {"необходимости", w_necessity}, {"потребности", w_need}, {"выявления", w_detection},
    {"фактов", w_facts}, {"факта", w_facts}, {"нарушений", w_violations},
    {"нарушения", w_violations}, {"violations", w_violations}, {"формирования", w_formation},
    {"поступления", w_arrival}, {"запросу", w_request}, {"запросам", w_request},
    {"request", w_request}, {"постоянно", w_constantly}, {"continuously", w_constantly},
    {"constantly", w_constantly}, {"ongoing", w_constantly}, {"permanently", w_constantly},
    {"ежегодно", w_annually}, {"annually", w_annually}, {"yearly", w_annually},
    {"ежемесячно", w_monthly}, {"monthly", w_monthly}, {"еженедельно", w_weekly},
    {"weekly", w_weekly}, {"ежеквартально", w_quarterly}, {"quarterly", w_quarterly},
    {"ежедневно", w_daily}, {"daily", w_daily}, {"повторно", w_again}, {"again", w_again},
    {"repeatedly", w_again}, {"следующий", w_next}, {"next", w_next}, {"совещаний", w_meetings},
    {"meetings", w_meetings}, {"отдельному", w_separate}, {"отдельным", w_separate},
    {"separate", w_separate}, {"сроки", w_terms}, {"сроков", w_terms}, {"установленные", w_established},
    {"установленным", w_established}, {"установленный", w_established},
    {"установленного", w_established}, {"установленному", w_established},
    {"определенные", w_established}, {"established", w_established}, {"числа", w_chislo},
    {"число", w_chislo}, {"срок", w_srok}, {"сроке", w_srok}, {"недельный", w_nedelny},
    {"недельного", w_nedelny}, {"дневный", w_dnevny}, {"дневного", w_dnevny},
    {"месячный", w_mesyachny}, {"месячного", w_mesyachny}, {"весь", w_whole},
    {"всего", w_whole}, {"всей", w_whole}, {"whole", w_whole}, {"entire", w_whole},
    {"реализации", w_implementation}, {"действия", w_implementation},
    {"организации", w_organization}, {"организаций", w_organization},
    {"образовательной", w_edu_adj}, {"общеобразовательной", w_edu_adj}, {"оо", w_oo},
    {"оу", w_oo}, {"школы", w_school_noun}, {"школе", w_school_noun},
    {"least", w_least}, {"оценочной", w_assessment_adj}, {"оценочных", w_assessment_adj},
    {"оценочным", w_assessment_adj}, {"процедуры", w_procedure}, {"процедур", w_procedure},
    {"процедурам", w_procedure}, {"процедуре", w_procedure}, {"procedure", w_procedure},
    {"procedures", w_procedure}, {"п", w_item}, {"пункт", w_item}, {"пункта", w_item},
    {"пунктом", w_item}, {"пункту", w_item}, {"item", w_item}, {"is", w_is}, {"are", w_is},
    {"done", w_done}, {"completed", w_done}, {"finished", w_done}, {"the", w_article},
    {"a", w_article}, {"an", w_article}, {"of", w_of}, {"at", w_at}, {"by", w_by}, {"on", w_on},
    {"within", w_within}, {"throughout", w_throughout}, {"during", w_during},
    {"until", w_until}, {"till", w_until}, {"no", w_no}, {"than", w_than}, {"as", w_as},
    {"when", w_when}, {"текущего", w_current}, {"текущий", w_current}, {"current", w_current},
    {"итогового", w_final}, {"итоговое", w_final}, {"final", w_final},
    {"сочинения", w_essay}, {"сочинение", w_essay}, {"essay", w_essay},
    {"изложения", w_essay_ru2}, {"собеседования", w_interview}, {"собеседование", w_interview},
    {"interview", w_interview}, {"олимпиады", w_olympiad}, {"олимпиад", w_olympiad},
    {"olympiad", w_olympiad}, {"assessment", w_assessment_en}, {"assessments", w_assessment_en},
    {"following", w_following}, {"per", w_per}, {"if", w_if}, {"necessary", w_necessary},
    {"needed", w_needed}, {"required", w_needed}, {"found", w_found}, {"detected", w_found},
    {"formed", w_formed}, {"arrive", w_arrive}, {"they", w_they}, {"all", w_all},
    {"всех", w_all}, {"все", w_all}, {"set", w_set}, {"г", w_unit_year}, {"далее", w_again}, {"затем", w_again}, {"then", w_again},
    {"проведением", w_holding}, {"расписанием", w_schedule}, {"расписанию", w_schedule},
    {"расписания", w_schedule}, {"расписание", w_schedule}, {"требованию", w_request},
    {"полгода", w_unit_half}, {"регулярно", w_regularly}, {"систематически", w_regularly},
    {"regularly", w_regularly}, {"момента", w_moment}, {"следующего", w_following_ru},
    {"следующем", w_following_ru}, {"отчетным", w_reporting}, {"отчетного", w_reporting},
    {"based", w_based}, {"upon", w_upon}, {"meeting", w_meetings}, {"dates", w_dates}, {"demand", w_needed}, {"need", w_need},
    {"publ", w_publ}, {"между", w_between}, {"between", w_between},
};

struct Ordinal {
  std::string_view text;
  int value;
};
constexpr Ordinal kOrdinals[] = {
    {"первый", 1}, {"первого", 1}, {"первое", 1}, {"первом", 1}, {"первая", 1}, {"первой", 1},
    {"первую", 1}, {"второй", 2}, {"второго", 2}, {"второе", 2}, {"втором", 2}, {"вторая", 2},
    {"вторую", 2}, {"третий", 3}, {"третьего", 3}, {"третье", 3}, {"третьем", 3},
    {"третья", 3}, {"третьей", 3}, {"третью", 3}, {"четвертый", 4}, {"четвертого", 4},
    {"четвертом", 4}, {"четвертая", 4}, {"четвертой", 4}, {"четвертую", 4}, {"first", 1},
    {"second", 2}, {"third", 3}, {"fourth", 4},
};

struct Number {
  std::string_view text;
  int value;
};
constexpr Number kNumberWords[] = {
    {"один", 1}, {"одного", 1}, {"одному", 1}, {"одна", 1}, {"одну", 1}, {"два", 2},
    {"двух", 2}, {"две", 2}, {"три", 3}, {"трех", 3}, {"четыре", 4}, {"пять", 5},
    {"десять", 10}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"ten", 10},
};

struct EventWord {
  std::string_view text;
  std::uint32_t bits;
};
constexpr EventWord kEvents[] = {
    {"оп", ev_op},       {"впр", ev_vpr},     {"огэ", ev_oge},     {"егэ", ev_ege},
    {"гвэ", ev_gve},     {"гиа", ev_gia},     {"дкр", ev_dkr},     {"кдр", ev_kdr},
    {"нико", ev_niko},   {"мси", ev_msi},     {"всош", ev_vsosh},  {"pisa", ev_pisa},
    {"timss", ev_timss}, {"pirls", ev_pirls}, {"vpr", ev_vpr},     {"oge", ev_oge},
    {"ege", ev_ege},     {"gve", ev_gve},     {"gia", ev_gia},     {"dkr", ev_dkr},
    {"kdr", ev_kdr},     {"niko", ev_niko},   {"msi", ev_msi},     {"vsosh", ev_vsosh},
    {"пиза", ev_pisa},
};

// Month stems with the case endings they take; then abbreviations.
struct MonthStem {
  std::string_view stem;
  int month;
  int endings;  // 0: -ь/-я/-е/-ю/-ем/-и (январь); 1: -/-а/-е/-у/-ом (март); 2: май
};
constexpr MonthStem kMonthStems[] = {
    {"январ", 1, 0}, {"феврал", 2, 0}, {"март", 3, 1},    {"апрел", 4, 0},
    {"ма", 5, 2},    {"июн", 6, 0},    {"июл", 7, 0},     {"август", 8, 1},
    {"сентябр", 9, 0}, {"октябр", 10, 0}, {"ноябр", 11, 0}, {"декабр", 12, 0},
};
constexpr std::string_view kEnd0[] = {"ь", "я", "е", "ю", "ем", "и", "ей"};
constexpr std::string_view kEnd1[] = {"", "а", "е", "у", "ом", "ы"};
constexpr std::string_view kEnd2[] = {"й", "я", "е", "ю", "ем", "и"};

constexpr Number kMonthAbbrev[] = {
    {"янв", 1},  {"фев", 2},  {"февр", 2}, {"мар", 3},  {"апр", 4},  {"июн", 6},
    {"июл", 7},  {"авг", 8},  {"сен", 9},  {"сент", 9}, {"окт", 10}, {"ноя", 11},
    {"нояб", 11}, {"дек", 12}, {"jan", 1},  {"feb", 2},  {"mar", 3},  {"apr", 4},
    {"jun", 6},  {"jul", 7},  {"aug", 8},  {"sep", 9},  {"sept", 9}, {"oct", 10},
    {"nov", 11}, {"dec", 12},
};
constexpr Number kMonthEnglish[] = {
    {"january", 1}, {"february", 2}, {"march", 3},     {"april", 4},
    {"may", 5},     {"june", 6},     {"july", 7},      {"august", 8},
    {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
};

template <class T, std::size_t N>
const T* find_in(const T (&table)[N], std::string_view w) {
  for (const auto& e : table)
    if (e.text == w) return &e;
  return nullptr;
}

// Sorted views of kForms for binary search.
const std::vector<Form>& sorted_forms() {
  static const std::vector<Form> v = [] {
    std::vector<Form> f(std::begin(kForms), std::end(kForms));
    std::sort(f.begin(), f.end(), [](const Form& a, const Form& b) { return a.text < b.text; });
    return f;
  }();
  return v;
}

bool is_year_word(std::string_view w) {
  return w == "г" || w == "гг" || w == "год" || w == "года" || w == "годы" || w == "годах" ||
         w == "году" || w == "годов" || w == "yr";
}

// UTF-8 sequences normalised to ASCII punctuation: dashes, spaces, quotes.
// Returns the replacement char, 0 to drop, or -1 when not special. `len` is the sequence length.
int special(const unsigned char* p, std::size_t avail, std::size_t& len) {
  if (p[0] == 0xC2 && avail >= 2) {
    len = 2;
    if (p[1] == 0xA0) return ' ';                 // no-break space
    if (p[1] == 0xAB || p[1] == 0xBB) return 0;   // « »
    if (p[1] == 0xAD) return 0;                   // soft hyphen
    return -1;
  }
  if (p[0] == 0xE2 && avail >= 3 && p[1] == 0x80) {
    len = 3;
    if (p[2] >= 0x90 && p[2] <= 0x95) return '-';  // ‐ ‑ ‒ – — ―
    if (p[2] <= 0x8A || p[2] == 0xAF) return ' ';  // en/em/thin spaces
    if (p[2] == 0x8B) return 0;                    // zero-width space
    if (p[2] >= 0x98 && p[2] <= 0x9F) return 0;    // ‘ ’ “ ” „
    return -1;
  }
  if (p[0] == 0xE2 && avail >= 3 && p[1] == 0x88 && p[2] == 0x92) { len = 3; return '-'; }  // −
  return -1;
}

bool is_cyr_lead(unsigned char c) { return c == 0xD0 || c == 0xD1; }

// One hash look-up per word: events, months in every case, known words, ordinals, number words.
struct Entry {
  Tk kind;
  std::int32_t value;
  bool abbreviated;
};

// Words are short: the length and the first and last 8 bytes hash them well enough (equal
// keys are still compared in full), without a byte-by-byte loop.
struct WordHash {
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t a = 0, b = 0;
    std::size_t n = s.size();
    if (n >= 8) {
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + n - 8, 8);
    } else {
      std::memcpy(&a, s.data(), n);
    }
    std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (n * 0x165667B19E3779F9ull);
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};
// Open addressing over a power-of-two table: no division, no allocation per look-up.
class Vocabulary {
 public:
  void emplace(std::string_view key, Entry e) {
    std::size_t i = WordHash{}(key) & (kSize - 1);
    while (!slots_[i].key.empty()) {
      if (slots_[i].key == key) return;  // the first entry wins, like unordered_map::emplace
      i = (i + 1) & (kSize - 1);
    }
    slots_[i] = Slot{key, e};
  }
  const Entry* find(std::string_view key) const {
    std::size_t i = WordHash{}(key) & (kSize - 1);
    while (!slots_[i].key.empty()) {
      if (slots_[i].key.size() == key.size() && slots_[i].key == key) return &slots_[i].entry;
      i = (i + 1) & (kSize - 1);
    }
    return nullptr;
  }

 private:
  static constexpr std::size_t kSize = 2048;  // over twice the ~700 forms; small enough for the cache
  struct Slot {
    std::string_view key;
    Entry entry{};
  };
  std::vector<Slot> slots_ = std::vector<Slot>(kSize);
};

const Vocabulary& vocabulary() {
  static const auto* map = [] {
    static std::vector<std::string> owned;  // generated month forms
    owned.reserve(256);  // > 12 stems x 7 endings: the views into it never move
    auto* m = new Vocabulary();
    for (const auto& e : kEvents) m->emplace(e.text, Entry{Tk::event, static_cast<std::int32_t>(e.bits), false});
    for (const auto& st : kMonthStems) {
      auto add = [&](const auto& ends) {
        for (auto e : ends) {
          owned.push_back(std::string(st.stem) + std::string(e));
          m->emplace(owned.back(), Entry{Tk::month, st.month, false});
        }
      };
      if (st.endings == 0) add(kEnd0);
      else if (st.endings == 1) add(kEnd1);
      else add(kEnd2);
    }
    for (const auto& e : kMonthEnglish) m->emplace(e.text, Entry{Tk::month, e.value, false});
    for (const auto& e : kMonthAbbrev) m->emplace(e.text, Entry{Tk::month, e.value, true});
    for (const auto& f : kForms) m->emplace(f.text, Entry{Tk::word, f.w, false});
    for (const auto& o : kOrdinals) m->emplace(o.text, Entry{Tk::ordinal, o.value, false});
    for (const auto& n : kNumberWords) m->emplace(n.text, Entry{Tk::number, n.value, false});
    return m;
  }();
  return *map;
}

}  // namespace

int month_of(std::string_view w, bool* abbreviated) {
  if (abbreviated) *abbreviated = false;
  if (w.size() < 3) return 0;
  for (const auto& s : kMonthStems) {
    if (w.size() < s.stem.size() || w.compare(0, s.stem.size(), s.stem) != 0) continue;
    std::string_view rest = w.substr(s.stem.size());
    auto match = [&](const auto& ends) {
      for (auto e : ends)
        if (rest == e) return true;
      return false;
    };
    if ((s.endings == 0 && match(kEnd0)) || (s.endings == 1 && match(kEnd1)) ||
        (s.endings == 2 && match(kEnd2)))
      return s.month;
  }
  if (const auto* e = find_in(kMonthEnglish, w)) return e->value;
  if (const auto* e = find_in(kMonthAbbrev, w)) {
    if (abbreviated) *abbreviated = true;
    return e->value;
  }
  return 0;
}

std::uint32_t event_of(std::string_view w) {
  if (const auto* e = find_in(kEvents, w)) return e->bits;
  return 0;
}

W word_of(std::string_view w) {
  const auto& f = sorted_forms();
  auto it = std::lower_bound(f.begin(), f.end(), w, [](const Form& a, std::string_view b) { return a.text < b; });
  if (it != f.end() && it->text == w) return it->w;
  return w_none;
}

const std::vector<std::string_view>& known_forms() {
  static const std::vector<std::string_view> v = [] {
    std::vector<std::string_view> out;
    for (const auto& f : kForms)
      if (f.text.size() > 2) out.push_back(f.text);
    for (const auto& o : kOrdinals) out.push_back(o.text);
    for (const auto& e : kEvents) out.push_back(e.text);
    for (const auto& m : kMonthEnglish) out.push_back(m.text);
    static const std::string_view ru_months[] = {
        "январь", "января", "январе", "февраль", "февраля", "феврале", "март", "марта", "марте",
        "апрель", "апреля", "апреле", "май", "мая", "мае", "июнь", "июня", "июне", "июль",
        "июля", "июле", "август", "августа", "августе", "сентябрь", "сентября", "сентябре",
        "октябрь", "октября", "октябре", "ноябрь", "ноября", "ноябре", "декабрь", "декабря",
        "декабре"};
    for (auto m : ru_months) out.push_back(m);
    return out;
  }();
  return v;
}

void lex(std::string_view phrase, Lexed& out) {
  out.source = phrase;
  std::string& t = out.text;
  auto& org = out.origin;
  const auto* p = reinterpret_cast<const unsigned char*>(phrase.data());
  const std::size_t n = phrase.size();
  // Normalising never lengthens the text, so the buffers are sized once.
  t.resize(n);
  org.resize(n + 1);
  std::size_t o = 0;
  char* tp = t.data();
  std::uint32_t* op = org.data();
  // 1. Normalise: lower case, dashes, spaces, quotes, "ё" -> "е".
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    std::size_t len = 1;
    auto put = [&](char ch) {
      tp[o] = ch;
      op[o] = static_cast<std::uint32_t>(i);
      ++o;
    };
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') put(static_cast<char>(c + 32));
      else if (c == '\t' || c == '\r' || c == '\f' || c == '\v') put(' ');
      else if (c == '"' || c == '\'' || c == '`') { /* quotes carry no timing */ }
      else put(static_cast<char>(c));
      i += 1;
      continue;
    }
    if (!is_cyr_lead(c)) {
      int sp = special(p + i, n - i, len);
      if (sp >= 0) {
        if (sp > 0) put(static_cast<char>(sp));
        i += len;
        continue;
      }
    }
    if (is_cyr_lead(c) && i + 1 < n) {
      unsigned char d = p[i + 1];
      unsigned char a = c, b = d;
      if (c == 0xD0 && d >= 0x90 && d <= 0x9F) { b = d + 0x20; }                 // А-П
      else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) { a = 0xD1; b = d - 0x20; }  // Р-Я
      else if ((c == 0xD0 && d == 0x81) || (c == 0xD1 && d == 0x91)) { a = 0xD0; b = 0xB5; }  // Ё ё
      put(static_cast<char>(a));
      put(static_cast<char>(b));
      i += 2;
      continue;
    }
    // Any other byte is copied as is (other scripts, symbols, invalid UTF-8).
    put(static_cast<char>(c));
    i += 1;
  }
  t.resize(o);
  org.resize(o + 1);
  org[o] = static_cast<std::uint32_t>(n);

  // 2. Tokens.
  auto& toks = out.tokens;
  toks.clear();
  const std::size_t m = t.size();
  bool nl = false;
  auto is_letter_at = [&](std::size_t i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if ((c >= 'a' && c <= 'z')) return true;
    if (is_cyr_lead(c) && i + 1 < m) return true;
    return false;
  };
  for (std::size_t i = 0; i < m;) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ') { ++i; continue; }
    if (c == '\n') { nl = true; ++i; continue; }
    Token tok;
    tok.nl_before = nl;
    nl = false;
    tok.begin = static_cast<std::uint32_t>(i);
    if (c >= '0' && c <= '9') {
      std::size_t j = i;
      std::int64_t v = 0;
      while (j < m && t[j] >= '0' && t[j] <= '9') {
        if (v < 100000000) v = v * 10 + (t[j] - '0');
        ++j;
      }
      tok.kind = Tk::number;
      tok.value = static_cast<std::int32_t>(v);
      tok.end = static_cast<std::uint32_t>(j);
      if (j - i == 4 && v >= 1900 && v <= 2100) tok.kind = Tk::year;
      // "1-й", "2-е", "1st": an ordinal
      if (tok.kind == Tk::number && v >= 1 && v <= 31) {
        std::size_t k = j;
        bool dash = k < m && t[k] == '-';
        if (dash) ++k;
        std::size_t w0 = k;
        while (k < m && is_letter_at(k)) k += (static_cast<unsigned char>(t[k]) < 0x80) ? 1 : 2;
        std::string_view suf(t.data() + w0, k - w0);
        static constexpr std::string_view ru_suf[] = {"й", "е", "го", "м", "я", "ой", "ое", "ом", "ый", "ий", "ая", "ую", "ого", "ему"};
        static constexpr std::string_view en_suf[] = {"st", "nd", "rd", "th"};
        bool ord = false;
        if (dash)
          for (auto s : ru_suf) ord = ord || suf == s;
        if (!dash)
          for (auto s : en_suf) ord = ord || suf == s;
        // "2-х недель", "5-ти дней": a case ending on a plain number
        if (dash && (suf == "х" || suf == "ти" || suf == "ми")) {
          tok.end = static_cast<std::uint32_t>(k);
          j = k;
        }
        if (ord) {
          tok.kind = Tk::ordinal;
          tok.end = static_cast<std::uint32_t>(k);
          j = k;
        }
      }
      i = j;
      if (tok.kind == Tk::year) {
        // Absorb "г", "г.", "гг.", "года", "годах" ... after the year.
        std::size_t k = j;
        while (k < m && t[k] == ' ') ++k;
        std::size_t w0 = k;
        while (k < m && is_letter_at(k)) k += (static_cast<unsigned char>(t[k]) < 0x80) ? 1 : 2;
        if (k > w0 && is_year_word(std::string_view(t.data() + w0, k - w0))) {
          if (k < m && t[k] == '.') ++k;
          tok.marked = true;
          tok.end = static_cast<std::uint32_t>(k);
          i = k;
        }
      }
      toks.push_back(tok);
      continue;
    }
    if (is_letter_at(i)) {
      std::size_t j = i;
      while (j < m && is_letter_at(j)) j += (static_cast<unsigned char>(t[j]) < 0x80) ? 1 : 2;
      std::string_view w(t.data() + i, j - i);
      tok.end = static_cast<std::uint32_t>(j);
      const Entry* en = w.empty() ? nullptr : vocabulary().find(w);
      if (en && en->kind == Tk::event) {
        std::uint32_t ev = static_cast<std::uint32_t>(en->value);
        tok.kind = Tk::event;
        tok.value = static_cast<std::int32_t>(ev);
        // "ГИА-9", "ГВЭ-11", "ОГЭ-2024": a grade or a year after a dash belongs to the name.
        std::size_t k = j;
        if (k + 1 < m && t[k] == '-' && t[k + 1] >= '0' && t[k + 1] <= '9') {
          std::size_t d = k + 1;
          int v = 0;
          while (d < m && t[d] >= '0' && t[d] <= '9' && v < 10000) v = v * 10 + (t[d++] - '0');
          if (v == 9 || v == 11) { tok.end = static_cast<std::uint32_t>(d); j = d; }
        }
      } else if (w == "ис" || w == "иси") {
        // "ИС-9", "ИС-11", "ИС(И)-11", "ИСИ-11"
        std::size_t k = j;
        if (w == "ис" && k + 4 <= m && t.compare(k, 4, "(\xD0\xB8)") == 0) k += 4;
        if (k + 1 < m && t[k] == '-' && t[k + 1] >= '0' && t[k + 1] <= '9') {
          std::size_t d = k + 1;
          int v = 0;
          while (d < m && t[d] >= '0' && t[d] <= '9' && v < 10000) v = v * 10 + (t[d++] - '0');
          if (v == 9 && k == j && w == "ис") { tok.kind = Tk::event; tok.value = ev_is9; }
          if (v == 11) { tok.kind = Tk::event; tok.value = ev_is11; }
          if (tok.kind == Tk::event) { tok.end = static_cast<std::uint32_t>(d); j = d; }
        }
        if (tok.kind != Tk::event) tok.kind = Tk::unknown;
      } else if (en && en->kind == Tk::month) {
        tok.kind = Tk::month;
        tok.value = en->value;
        tok.marked = en->abbreviated;
        if (en->abbreviated && j < m && t[j] == '.') { ++j; tok.end = static_cast<std::uint32_t>(j); }
      } else if (en && en->kind == Tk::word) {
        W kw = static_cast<W>(en->value);
        tok.kind = Tk::word;
        tok.value = kw;
        if (kw == w_item && j < m && t[j] == '.') { ++j; tok.end = static_cast<std::uint32_t>(j); }
        if (kw == w_school && w == "уч" && j < m && t[j] == '.') { ++j; tok.end = static_cast<std::uint32_t>(j); }
      } else if (en) {  // an ordinal or a number word
        tok.kind = en->kind;
        tok.value = en->value;
      } else if (w == "i" || w == "ii" || w == "iii" || w == "iv") {
        tok.kind = Tk::roman;
        tok.value = w == "i" ? 1 : w == "ii" ? 2 : w == "iii" ? 3 : 4;
      } else if (w == "q" && j < m && t[j] >= '1' && t[j] <= '4') {
        // "Q1".."Q4"
        tok.kind = Tk::roman;
        tok.value = t[j] - '0';
        ++j;
        tok.end = static_cast<std::uint32_t>(j);
        tok.marked = true;
      } else {
        tok.kind = Tk::unknown;
      }
      i = j;
      toks.push_back(tok);
      continue;
    }
    tok.end = static_cast<std::uint32_t>(i + 1);
    switch (c) {
      case ',': tok.kind = Tk::comma; break;
      case '-': tok.kind = Tk::dash; break;
      case '.': tok.kind = Tk::dot; break;
      case ';': tok.kind = Tk::semicolon; break;
      case ':': tok.kind = Tk::colon; break;
      case '(': tok.kind = Tk::lparen; break;
      case ')': tok.kind = Tk::rparen; break;
      case '/': tok.kind = Tk::slash; break;
      default: {
        tok.kind = Tk::other;
        // a whole UTF-8 sequence is one token
        std::size_t j = i + 1;
        while (j < m && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) ++j;
        tok.end = static_cast<std::uint32_t>(j);
      }
    }
    i = tok.end;
    toks.push_back(tok);
  }
  Token e;
  e.kind = Tk::end;
  e.nl_before = nl;
  e.begin = e.end = static_cast<std::uint32_t>(m);
  // Look-ahead past the end reads end tokens: the grammar peeks up to kLookahead tokens.
  for (int k = 0; k < kLookahead; ++k) toks.push_back(e);
}

}  // namespace roadmap::deadline::lex
