#include "searcher/query_parser.h"

#include <algorithm>
#include <map>
#include <optional>

#include "analysis/compounds.h"
#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "analysis/stopwords.h"
#include "schema/schema.h"
#include "schema/terms.h"
#include "entities/alias_key.h"
#include "entities/gazetteer.h"

namespace talash::searcher {
namespace {

enum class LexKind { Word, Phrase, LParen, RParen, And, Or, Not, Near, Sent, Filter, End };

struct Lexeme {
  LexKind kind = LexKind::End;
  std::string text;
  std::size_t offset = 0;
  char sign = 0;  // '+' or '-' before a word or phrase
  Field field = Field::Any;
  bool exact = false;
  bool prefix = false;        // word*
  unsigned distance = 0;      // NEAR/n
  std::string filter;         // Filter: the field name (source, person, place, org, date)
  std::size_t value_offset = 0;  // Filter: where the value starts
};

bool starts_with_at(std::string_view s, std::size_t i, std::string_view what) { return s.substr(i).starts_with(what); }

// Opening and closing quote marks: " and the curly ones “ ”.
std::size_t quote_len(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  if (starts_with_at(s, i, "\u201C") || starts_with_at(s, i, "\u201D")) return 3;
  return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

constexpr std::string_view kFilterFields[] = {"source", "person", "place", "org", "date"};

std::unexpected<QueryError> fail(std::string message, std::size_t offset) {
  return std::unexpected(QueryError{std::move(message), offset});
}

// "NEAR/12" -> 12 (Devanagari digits too); errors for NEAR/abc, NEAR/0, NEAR/500.
std::expected<unsigned, QueryError> near_distance(std::string_view text, std::size_t offset) {
  if (text == "NEAR") return kDefaultNearDistance;
  std::string n = analysis::normalize_hindi(text.substr(5));
  const std::string bad = "NEAR/n needs a number n from 1 to " + std::to_string(kMaxNearDistance) + ", got '" +
                          std::string(text.substr(5, 20)) + "'";
  if (n.empty() || n.size() > 3 || !std::ranges::all_of(n, [](char c) { return c >= '0' && c <= '9'; }))
    return fail(bad, offset);
  unsigned v = static_cast<unsigned>(std::stoul(n));
  if (v < 1 || v > kMaxNearDistance) return fail(bad, offset);
  return v;
}

bool is_hindi_operator(const Lexeme& l) {
  if (l.kind != LexKind::Word || l.sign || l.field != Field::Any || l.exact || l.prefix) return false;
  return l.text == "और" || l.text == "या" || l.text == "नहीं";
}
bool ends_term(LexKind k) { return k == LexKind::Word || k == LexKind::Phrase || k == LexKind::RParen || k == LexKind::Filter; }
bool starts_term(LexKind k) {
  return k == LexKind::Word || k == LexKind::Phrase || k == LexKind::LParen || k == LexKind::Filter || k == LexKind::Sent;
}

// और / या / नहीं are operators only where the query is terms joined by
// operators: each stands between two terms, and no two terms stand side by
// side anywhere (outside SENT(...)). Otherwise they are words: natural text
// ("भारत और पाकिस्तान के बीच युद्ध") keeps its meaning.
void hindi_operators(std::vector<Lexeme>& lx) {
  std::vector<std::size_t> converted;
  std::vector<bool> in_sent(lx.size(), false);
  for (std::size_t i = 0, depth = 0; i < lx.size(); ++i) {
    if (lx[i].kind == LexKind::Sent) depth = 1;
    else if (depth && lx[i].kind == LexKind::RParen) depth = 0;
    else in_sent[i] = depth > 0;
  }
  for (std::size_t i = 1; i + 1 < lx.size(); ++i) {
    if (in_sent[i] || !is_hindi_operator(lx[i])) continue;
    const Lexeme& prev = lx[i - 1];
    const Lexeme& next = lx[i + 1];
    if (!ends_term(prev.kind) || !starts_term(next.kind) || is_hindi_operator(prev) || is_hindi_operator(next)) continue;
    converted.push_back(i);
  }
  if (converted.empty()) return;
  auto kind_at = [&](std::size_t i) {
    if (std::ranges::find(converted, i) != converted.end()) return LexKind::And;  // any operator
    return lx[i].kind;
  };
  for (std::size_t i = 0; i + 1 < lx.size(); ++i)
    if (!in_sent[i + 1] && ends_term(kind_at(i)) && starts_term(kind_at(i + 1))) return;  // words side by side
  for (std::size_t i : converted)
    lx[i].kind = lx[i].text == "और" ? LexKind::And : lx[i].text == "या" ? LexKind::Or : LexKind::Not;
}

std::expected<std::vector<Lexeme>, QueryError> lex(std::string_view s) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    Lexeme lx;
    lx.offset = i;
    if (s[i] == '(') {
      lx.kind = LexKind::LParen;
      ++i;
      out.push_back(lx);
      continue;
    }
    if (s[i] == ')') {
      lx.kind = LexKind::RParen;
      ++i;
      out.push_back(lx);
      continue;
    }
    if ((s[i] == '+' || s[i] == '-') && i + 1 < s.size() && !is_space(s[i + 1]) && s[i + 1] != ')') {
      lx.sign = s[i];
      ++i;
    }
    // name: fields (lower-case ASCII names directly followed by a value):
    // title: and exact: in either order, or one filter field.
    for (bool more = true; more;) {
      more = false;
      std::size_t j = i;
      while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
      if (j == i || j >= s.size() || s[j] != ':' || j + 1 >= s.size() || is_space(s[j + 1]) || s[j + 1] == ')') break;
      std::string_view name = s.substr(i, j - i);
      if (name == "title" || name == "exact") {
        if (name == "title") lx.field = Field::Title;
        else lx.exact = true;
        i = j + 1;
        more = true;
      } else if (std::ranges::find(kFilterFields, name) != std::end(kFilterFields)) {
        if (lx.field != Field::Any || lx.exact) return fail(std::string(name) + ": cannot follow title: or exact:", i);
        lx.filter = std::string(name);
        i = j + 1;
      } else {
        return fail("unknown field '" + std::string(name) +
                        ":' (the fields are title, exact, source, person, place, org, date); put the text in quotes to search it as words",
                    i);
      }
    }
    if (std::size_t q = quote_len(s, i)) {
      i += q;
      std::size_t start = i;
      while (i < s.size() && quote_len(s, i) == 0) ++i;
      lx.kind = LexKind::Phrase;
      lx.text = std::string(s.substr(start, i - start));
      lx.value_offset = start;
      if (i < s.size()) i += quote_len(s, i);  // an unclosed quote runs to the end, as people mean it
      if (!lx.filter.empty()) lx.kind = LexKind::Filter;
      out.push_back(lx);
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && quote_len(s, i) == 0) ++i;
    lx.text = std::string(s.substr(start, i - start));
    lx.value_offset = start;
    lx.kind = LexKind::Word;
    if (!lx.filter.empty()) {
      lx.kind = LexKind::Filter;
      out.push_back(lx);
      continue;
    }
    if (lx.text.size() > 1 && lx.text.back() == '*') {
      lx.prefix = true;
      lx.text.pop_back();
    }
    if (lx.sign == 0 && lx.field == Field::Any && !lx.exact && !lx.prefix) {
      if (lx.text == "AND") lx.kind = LexKind::And;
      else if (lx.text == "OR") lx.kind = LexKind::Or;
      else if (lx.text == "NOT") lx.kind = LexKind::Not;
      else if (lx.text == "NEAR" || lx.text.starts_with("NEAR/")) {
        auto n = near_distance(lx.text, lx.offset);
        if (!n) return std::unexpected(n.error());
        lx.kind = LexKind::Near;
        lx.distance = *n;
      } else if (lx.text == "SENT" && i < s.size() && s[i] == '(') {
        lx.kind = LexKind::Sent;
        ++i;  // the '(' belongs to SENT
      }
    }
    out.push_back(lx);
  }
  out.push_back({LexKind::End, {}, s.size()});
  hindi_operators(out);
  return out;
}

// ---- filters

std::string ascii_digits(std::string_view text) { return analysis::normalize_hindi(text); }

bool all_digits(std::string_view s) { return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; }); }

// Hindi month names, normalized (nukta folded; both common spellings).
int hindi_month(std::string_view norm) {
  static const std::map<std::string, int> months = [] {
    std::map<std::string, int> m;
    const std::pair<const char*, int> names[] = {
        {"जनवरी", 1}, {"फरवरी", 2}, {"फ़रवरी", 2}, {"मार्च", 3}, {"अप्रैल", 4}, {"अप्रेल", 4},
        {"मई", 5}, {"जून", 6}, {"जुलाई", 7}, {"अगस्त", 8}, {"सितंबर", 9}, {"सितम्बर", 9},
        {"अक्टूबर", 10}, {"अक्तूबर", 10}, {"नवंबर", 11}, {"नवम्बर", 11}, {"दिसंबर", 12}, {"दिसम्बर", 12}};
    for (auto [name, n] : names) m[analysis::normalize_hindi(name)] = n;
    return m;
  }();
  auto it = months.find(std::string(norm));
  return it == months.end() ? 0 : it->second;
}

struct DayRange {
  std::string lo, hi;  // YYYYMMDD
};

// 2024 | 2024-06 | 2024-06-15 | जून-2024 | 15-जून-2024, Devanagari digits allowed.
std::expected<DayRange, std::string> parse_date_value(std::string_view text) {
  const std::string norm = ascii_digits(text);
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    std::size_t dash = norm.find('-', start);
    parts.push_back(norm.substr(start, dash == std::string::npos ? std::string::npos : dash - start));
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  int y = 0, m = 0, d = 0;
  auto bad = [&](const std::string& why) {
    return std::unexpected("bad date '" + std::string(text.substr(0, 40)) + "': " + why +
                           " (write 2024, 2024-06, 2024-06-15 or जून-2024)");
  };
  auto number = [](const std::string& p, std::size_t digits) { return p.size() == digits && all_digits(p) ? std::stoi(p) : -1; };
  if (parts.size() >= 2 && hindi_month(parts[parts.size() - 2]) > 0) {  // [day-]month-year
    m = hindi_month(parts[parts.size() - 2]);
    y = number(parts.back(), 4);
    if (parts.size() == 3) {
      d = all_digits(parts[0]) && parts[0].size() <= 2 ? std::stoi(parts[0]) : -1;
      if (d < 1) return bad("the day must be a number");
    } else if (parts.size() != 2) {
      return bad("too many parts");
    }
  } else {
    if (parts.size() > 3) return bad("too many parts");
    y = number(parts[0], 4);
    if (parts.size() >= 2 && (m = number(parts[1], 2)) < 0) return bad("the month must have two digits");
    if (parts.size() == 3 && (d = number(parts[2], 2)) < 0) return bad("the day must have two digits");
  }
  if (y < 0) return bad("the year must have four digits");
  if (parts.size() >= 2 && (m < 1 || m > 12)) return bad("there is no month " + std::to_string(m));
  if (d != 0) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap)) return bad("there is no such day");
  }
  char lo[32], hi[32];  // 8 digits for the years parsed; room to spare for the compiler's check
  std::snprintf(lo, sizeof lo, "%04d%02d%02d", y, m ? m : 1, d ? d : 1);
  std::snprintf(hi, sizeof hi, "%04d%02d%02d", y, m ? m : 12, d ? d : 31);  // 31: a string bound, any month
  return DayRange{lo, hi};
}

// date:A..B, date:A.., date:..B, date:A
std::expected<Xapian::Query, QueryError> date_filter(std::string_view value, std::size_t offset) {
  std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    auto r = parse_date_value(value);
    if (!r) return fail(r.error(), offset);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, r->lo + "000000", r->hi + "235959");
  }
  std::string_view from = value.substr(0, dots), to = value.substr(dots + 2);
  if (from.empty() && to.empty()) return fail("date:.. needs a date on at least one side", offset);
  std::string lo, hi;
  if (!from.empty()) {
    auto r = parse_date_value(from);
    if (!r) return fail(r.error(), offset);
    lo = r->lo + "000000";
  }
  if (!to.empty()) {
    auto r = parse_date_value(to);
    if (!r) return fail(r.error(), offset + dots + 2);
    hi = r->hi + "235959";
  }
  if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot::kDate, hi);
  if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::kDate, lo);
  if (lo > hi) return fail("the date range ends before it starts", offset);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, lo, hi);
}

// Gazetteer names and ids by alias key (entities/alias_key.h), built once.
struct EntityNames {
  std::map<std::string, std::vector<const entities::Entity*>> by_key;
};
const EntityNames& entity_names() {
  static const EntityNames names = [] {
    EntityNames n;
    for (const auto& e : entities::Gazetteer::builtin().entities()) {
      std::set<std::string> keys;
      for (const auto& a : e.aliases) keys.insert(entities::detail::alias_key(a));
      keys.insert(entities::detail::alias_key(e.label_hi));
      keys.insert(entities::detail::alias_key(e.label_en));
      for (const auto& k : keys)
        if (!k.empty()) n.by_key[k].push_back(&e);
    }
    return n;
  }();
  return names;
}

bool looks_like_id(std::string_view v) {
  return !v.empty() && std::ranges::all_of(v, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// person:/place:/org: by id, by any name of the gazetteer, or an unlisted id (x-…).
std::expected<Xapian::Query, QueryError> entity_filter(const std::string& type, std::string_view value, std::size_t offset) {
  const auto& gazetteer = entities::Gazetteer::builtin();
  auto wrong_type = [&](const entities::Entity& e) {
    return fail("'" + std::string(value) + "' is a " + std::string(entities::to_string(e.type)) + " (" + e.id +
                    "): write " + std::string(entities::to_string(e.type)) + ":" + e.id,
                offset);
  };
  if (const auto* e = gazetteer.find(value)) {
    if (entities::to_string(e->type) != type) return wrong_type(*e);
    return Xapian::Query(schema::entity_term(type, e->id));
  }
  const auto& names = entity_names().by_key;
  if (auto it = names.find(entities::detail::alias_key(value)); it != names.end()) {
    std::vector<Xapian::Query> terms;
    for (const auto* e : it->second)
      if (entities::to_string(e->type) == type) terms.emplace_back(schema::entity_term(type, e->id));
    if (terms.empty()) return wrong_type(*it->second.front());
    return terms.size() == 1 ? terms[0] : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (looks_like_id(value) && value.starts_with("x-")) return Xapian::Query(schema::entity_term(type, value));
  return fail("no " + type + " is called '" + std::string(value.substr(0, 60)) +
                  "': use a gazetteer name or id (person:kim-jong-un, person:\"किम जोंग उन\") or an unlisted id (x-per-…)",
              offset);
}

std::expected<FilterNode, QueryError> resolve_filter(const Lexeme& lx) {
  const std::size_t at = lx.value_offset;
  if (lx.text.empty() || (lx.filter != "date" && analysis::split_words(lx.text).empty()))
    return fail(lx.filter + ": needs a value", at);
  if (lx.filter == "date") {
    auto q = date_filter(lx.text, at);
    if (!q) return std::unexpected(q.error());
    return FilterNode{*q};
  }
  if (lx.filter == "source") return FilterNode{Xapian::Query(schema::source_term(lx.text))};
  auto q = entity_filter(lx.filter, lx.text, at);
  if (!q) return std::unexpected(q.error());
  return FilterNode{*q};
}

class Parser {
 public:
  explicit Parser(std::vector<Lexeme> lexemes) : lx_(std::move(lexemes)) {}

  std::expected<QueryNode, QueryError> parse() {
    auto node = parse_or();
    if (!node) return node;
    if (peek().kind == LexKind::RParen)
      return std::unexpected(QueryError{"unmatched ')': no '(' opens it", peek().offset});
    return node;
  }

 private:
  const Lexeme& peek() const { return lx_[pos_]; }
  const Lexeme& take() { return lx_[pos_++]; }

  std::expected<QueryNode, QueryError> parse_or() {
    BoolNode node;
    for (;;) {
      auto clauses = parse_and();
      if (!clauses) return std::unexpected(clauses.error());
      if (!clauses->empty()) node.alternatives.push_back(std::move(*clauses));
      if (peek().kind != LexKind::Or) break;
      std::size_t at = take().offset;
      if (node.alternatives.empty() || peek().kind == LexKind::End || peek().kind == LexKind::RParen ||
          peek().kind == LexKind::Or)
        return std::unexpected(QueryError{"OR needs words on both sides", at});
    }
    return node;
  }

  std::expected<std::vector<Clause>, QueryError> parse_and() {
    std::vector<Clause> clauses;
    bool next_must = false, next_not = false;
    for (;;) {
      const Lexeme& lx = peek();
      if (lx.kind == LexKind::End || lx.kind == LexKind::Or || lx.kind == LexKind::RParen) break;
      if (lx.kind == LexKind::And) {
        if (clauses.empty()) return std::unexpected(QueryError{"AND needs words on both sides", lx.offset});
        take();
        if (!clauses.back().explicit_occur) {
          clauses.back().occur = Occur::Must;
          clauses.back().explicit_occur = true;
        }
        next_must = true;
        continue;
      }
      if (lx.kind == LexKind::Not) {
        take();
        next_not = true;
        continue;
      }
      if (lx.kind == LexKind::Near) return fail("NEAR needs a word or phrase on both sides", lx.offset);
      auto node = parse_unary();
      if (!node) return std::unexpected(node.error());
      if (peek().kind == LexKind::Near) {
        auto near = parse_near(lx, std::move(*node));
        if (!near) return std::unexpected(near.error());
        node = std::optional<QueryNode>(std::move(*near));
      }
      if (!*node) {  // punctuation only: nothing to match
        next_must = next_not = false;
        continue;
      }
      Clause c;
      c.node.push_back(std::move(**node));
      if (next_not || lx.sign == '-') {
        c.occur = Occur::MustNot;
        c.explicit_occur = true;
      } else if (next_must || lx.sign == '+') {
        c.occur = Occur::Must;
        c.explicit_occur = true;
      }
      next_must = next_not = false;
      clauses.push_back(std::move(c));
    }
    if (next_not || next_must) {
      return std::unexpected(QueryError{next_not ? "NOT needs a word after it" : "AND needs words on both sides",
                                        peek().offset});
    }
    if (!clauses.empty() &&
        std::ranges::all_of(clauses, [](const Clause& c) { return c.occur == Occur::MustNot; }))
      return std::unexpected(QueryError{"a query cannot only exclude words: add a word to search for", 0});
    return clauses;
  }

  // An operand of NEAR or SENT: a word or a phrase, no wildcard.
  static std::expected<WordNode, QueryError> positional_operand(const Lexeme& at, const std::optional<QueryNode>& node,
                                                                const char* op) {
    const auto* w = node ? std::get_if<WordNode>(&*node) : nullptr;
    if (!w) return fail(std::string(op) + " joins words or phrases, not groups, filters or punctuation", at.offset);
    if (w->prefix)
      return fail(std::string(op) + " cannot take a wildcard (" + at.text + "*): write the whole word", at.offset);
    WordNode out = *w;
    out.stopword = false;  // named on purpose
    return out;
  }

  // first NEAR/n second [NEAR/n third ...]: all within the largest n.
  std::expected<NearNode, QueryError> parse_near(const Lexeme& first_lx, std::optional<QueryNode> first) {
    NearNode near;
    auto w = positional_operand(first_lx, first, "NEAR");
    if (!w) return std::unexpected(w.error());
    near.operands.push_back(std::move(*w));
    near.distance = 0;
    while (peek().kind == LexKind::Near) {
      const Lexeme& op = take();
      near.distance = std::max(near.distance, op.distance);
      const Lexeme& next = peek();
      if (next.kind != LexKind::Word && next.kind != LexKind::Phrase)
        return fail("NEAR needs a word or phrase on both sides", op.offset);
      if (next.sign) return fail("NEAR takes no + or - inside: put it before the first word", next.offset);
      auto node = parse_unary();
      if (!node) return std::unexpected(node.error());
      auto operand = positional_operand(next, *node, "NEAR");
      if (!operand) return std::unexpected(operand.error());
      near.operands.push_back(std::move(*operand));
    }
    return near;
  }

  // SENT( words or phrases ... )
  std::expected<std::optional<QueryNode>, QueryError> parse_sent(const Lexeme& open) {
    NearNode near;
    near.sentence = true;
    std::set<std::vector<std::string>> seen;
    for (;;) {
      const Lexeme& lx = peek();
      if (lx.kind == LexKind::RParen) {
        take();
        break;
      }
      if (lx.kind == LexKind::End) return fail("SENT( is never closed", open.offset);
      if ((lx.kind != LexKind::Word && lx.kind != LexKind::Phrase) || lx.sign || lx.field != Field::Any || lx.exact)
        return fail("SENT(...) takes only words and \"phrases\"", lx.offset);
      auto node = parse_unary();
      if (!node) return std::unexpected(node.error());
      if (!*node) continue;  // punctuation
      auto operand = positional_operand(lx, *node, "SENT");
      if (!operand) return std::unexpected(operand.error());
      if (seen.insert(operand->words).second) near.operands.push_back(std::move(*operand));
    }
    if (near.operands.size() < 2) return fail("SENT(...) needs at least two different words", open.offset);
    return std::optional<QueryNode>(std::move(near));
  }

  // nullopt when the lexeme held no words (e.g. a lone dash or colon).
  std::expected<std::optional<QueryNode>, QueryError> parse_unary() {
    const Lexeme& lx = take();
    if (lx.kind == LexKind::Sent) return parse_sent(lx);
    if (lx.kind == LexKind::Filter) {
      auto f = resolve_filter(lx);
      if (!f) return std::unexpected(f.error());
      return std::optional<QueryNode>(std::move(*f));
    }
    if (lx.kind == LexKind::LParen) {
      // Each level recurses here and in the builder: bounded, so a query of
      // nothing but '(' gets an error instead of exhausting the stack.
      if (depth_ == kMaxQueryDepth)
        return fail("parentheses nest more than " + std::to_string(kMaxQueryDepth) + " deep", lx.offset);
      ++depth_;
      auto inner = parse_or();
      --depth_;
      if (!inner) return std::unexpected(inner.error());
      if (peek().kind != LexKind::RParen)
        return std::unexpected(QueryError{"'(' is never closed", lx.offset});
      take();
      auto& b = std::get<BoolNode>(*inner);
      if (b.alternatives.empty()) return std::optional<QueryNode>();
      return std::optional<QueryNode>(std::move(*inner));
    }
    WordNode w;
    w.field = lx.field;
    w.exact = lx.exact;
    w.quoted = lx.kind == LexKind::Phrase;
    w.prefix = lx.prefix;
    auto tokens = analysis::split_words(lx.text);
    if (tokens.empty()) return std::optional<QueryNode>();
    if (w.prefix && tokens.size() != 1)
      return fail("a wildcard * goes after one word, not '" + lx.text.substr(0, 40) + "*'", lx.offset);
    // Each word* is expanded by scanning the index's words with that prefix
    // before the search's time limit applies: 100 of them took 3 s.
    if (w.prefix && ++wildcards_ > kMaxWildcards)
      return fail("at most " + std::to_string(kMaxWildcards) + " words with * in one query", lx.offset);
    if (tokens.size() == 1) {
      w.whole = analysis::abbreviation_key(tokens[0]);
    } else if (auto compounds = analysis::hyphen_compounds(lx.text, tokens);
               compounds.size() == 1 && compounds[0].first_token == 0 && compounds[0].last_token + 1 == tokens.size()) {
      w.whole = compounds[0].joined;
    }
    for (auto& t : tokens) w.words.push_back(std::move(t.norm));
    w.stopword = !w.quoted && !w.prefix && lx.sign == 0 && w.words.size() == 1 && analysis::is_stopword(w.words[0]);
    return std::optional<QueryNode>(std::move(w));
  }

  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  unsigned depth_ = 0;  // open '(' around the current position
  unsigned wildcards_ = 0;  // word* so far
};

// Variant lookups of one query, shared by its two builders.
using VariantCache = std::map<std::string, std::vector<Variant>>;

class Builder {
 public:
  Builder(const QueryOptions& options, Xapian::Stem& stemmer, VariantCache& cache, bool latin_name_query)
      : options_(options), stemmer_(stemmer), cache_(cache), latin_name_query_(latin_name_query) {}

  std::expected<Xapian::Query, QueryError> build(const QueryNode& node, bool collect) {
    if (const auto* w = std::get_if<WordNode>(&node)) return word(*w, collect);
    if (const auto* n = std::get_if<NearNode>(&node)) return near(*n, collect);
    if (const auto* f = std::get_if<FilterNode>(&node)) return f->query;
    const auto& b = std::get<BoolNode>(node);
    std::vector<Xapian::Query> alts;
    for (const auto& clauses : b.alternatives) {
      auto q = clause_list(clauses, collect);
      if (!q) return q;
      alts.push_back(std::move(*q));
    }
    if (alts.empty()) return Xapian::Query::MatchAll;
    if (alts.size() == 1) return alts[0];
    return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }

  MatchTerms highlight;
  std::vector<Expansion> expansions;
  std::vector<std::string> wildcard_prefixes;
  std::size_t proximity_pairs = 0;
  // The proximity bonus of the top-level clause lists, alone, and whether
  // any was added deeper (in a group), where its weight may not simply add.
  std::vector<Xapian::Query> top_proximity;
  bool nested_proximity = false;

  // Filters only, no words to rank by: source:x, (source:a OR source:b) -date:2024.
  static bool is_filter(const QueryNode& node) {
    if (std::holds_alternative<FilterNode>(node)) return true;
    const auto* b = std::get_if<BoolNode>(&node);
    if (!b || b->alternatives.empty()) return false;
    for (const auto& clauses : b->alternatives) {
      bool any = false;
      for (const auto& c : clauses) {
        if (c.occur == Occur::MustNot) continue;
        if (!is_filter(c.node[0])) return false;
        any = true;
      }
      if (!any) return false;
    }
    return true;
  }

 private:
  // Unquoted words without exact: get variants.
  static bool takes_variants(const WordNode& w) {
    return !w.quoted && !w.exact && !w.prefix && w.words.size() == 1 && !w.stopword;
  }

  const std::vector<Variant>& variants_of(const WordNode& w, bool collect) {
    static const std::vector<Variant> none;
    if (!options_.variants || !takes_variants(w)) return none;
    const std::string& x = w.words[0];
    auto it = cache_.find(x);
    if (it == cache_.end()) it = cache_.emplace(x, options_.variants->variants(x, latin_name_query_)).first;
    if (collect && !it->second.empty()) {
      Expansion e{x, {}, false};
      for (const auto& v : it->second) {
        e.also.push_back(v.word);
        highlight.words.insert(v.word);
      }
      expansions.push_back(std::move(e));
    }
    return it->second;
  }

  Xapian::Query term(const WordNode& w, const std::string& word) const {
    return Xapian::Query(w.field == Field::Title ? schema::title_term(word) : schema::word_term(word));
  }

  // The word or any of its variants at one position of a phrase.
  Xapian::Query word_or_variants(const WordNode& w, const std::vector<Variant>& variants) const {
    if (variants.empty()) return term(w, w.words[0]);
    std::vector<Xapian::Query> forms{term(w, w.words[0])};
    for (const auto& v : variants) forms.push_back(term(w, v.word));
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }

  // A phrase or NEAR over words with variants. Xapian weighs a phrase as the
  // sum of its subqueries, so a rare spelling (kim beside a common किम) would
  // outweigh the word; instead each word weighs as the synonym of all its
  // forms, and the phrase only decides what matches.
  Xapian::Query positional(Xapian::Query::op op, const std::vector<const WordNode*>& words, Xapian::termcount window) {
    std::vector<Xapian::Query> slots, weights;
    bool any_variants = false;
    for (const auto* w : words) {
      const auto& variants = variants_of(*w, false);
      any_variants |= !variants.empty();
      slots.push_back(word_or_variants(*w, variants));
      weights.push_back(all_forms(*w, variants));
    }
    Xapian::Query match(op, slots.begin(), slots.end(), window);
    if (!any_variants) return match;
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, weights.begin(), weights.end()),
                         match);
  }

  // Exact form, stem and whole form of one word.
  std::vector<Xapian::Query> own_form_terms(const WordNode& w) const {
    const bool title = w.field == Field::Title;
    const auto& x = w.words[0];
    std::vector<Xapian::Query> forms{term(w, x),
                                     Xapian::Query(title ? schema::title_stem_term(x, stemmer_) : schema::stem_term(x, stemmer_))};
    if (!w.whole.empty()) forms.push_back(term(w, w.whole));
    return forms;
  }

  // The word's own forms as one term for BM25.
  Xapian::Query own_forms(const WordNode& w) const {
    auto forms = own_form_terms(w);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  }

  // The word's own forms and its variants: one term for BM25.
  Xapian::Query all_forms(const WordNode& w, const std::vector<Variant>& variants) const {
    auto forms = own_form_terms(w);
    for (const auto& v : variants) forms.push_back(term(w, v.word));
    return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  }

  Xapian::Query word(const WordNode& w, bool collect) {
    const bool title = w.field == Field::Title;
    if (collect) {
      for (const auto& x : w.words) {
        highlight.words.insert(x);
        highlight.stems.insert(stemmer_(x));
      }
    }
    if (w.prefix) {  // word*: exact word terms only (stems have no prefix order worth using)
      if (collect) wildcard_prefixes.push_back(w.words[0]);
      return Xapian::Query(Xapian::Query::OP_WILDCARD, title ? schema::title_term(w.words[0]) : schema::word_term(w.words[0]),
                           kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    if (w.words.size() == 1) {
      const auto& x = w.words[0];
      Xapian::Query exact(title ? schema::title_term(x) : schema::word_term(x));
      if (w.quoted) return exact;  // "word" means this exact form
      Xapian::Query any_form = own_forms(w);
      const auto& variants = variants_of(w, collect);
      if (variants.empty())
        return Xapian::Query(Xapian::Query::OP_OR, any_form,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, options_.exact_bonus));
      // The word's own forms weigh as without variants (ordinary queries
      // rank as before); a variant adds part of the weight of one synonym of
      // all forms and spellings, so a rare spelling (kim beside a common
      // किम) cannot outweigh the others by its rarity. The step of each
      // variant's tier (strict above middle above loose) is a filter on the
      // forms at least that good.
      Xapian::Query all = all_forms(w, variants);
      auto scaled = [&](double weight) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, weight); };
      std::vector<Xapian::Query> parts{any_form, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, options_.exact_bonus),
                                       scaled(variants.back().weight)};  // variants are best first
      for (std::size_t i = variants.size() - 1; i-- > 0;) {
        const double step = variants[i].weight - variants[i + 1].weight;
        if (step <= 0) continue;
        auto at_least = own_form_terms(w);
        for (std::size_t j = 0; j <= i; ++j) at_least.push_back(term(w, variants[j].word));
        parts.emplace_back(Xapian::Query::OP_FILTER, scaled(step),
                           Xapian::Query(Xapian::Query::OP_SYNONYM, at_least.begin(), at_least.end()));
      }
      return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
    std::vector<Xapian::Query> terms;
    for (const auto& x : w.words) terms.emplace_back(title ? schema::title_term(x) : schema::word_term(x));
    Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
    if (w.whole.empty()) return phrase;
    // रूस-यूक्रेन: the pieces in order, or the whole as one word; one term for BM25.
    return Xapian::Query(Xapian::Query::OP_SYNONYM, phrase, Xapian::Query(title ? schema::title_term(w.whole) : schema::word_term(w.whole)));
  }

  // NEAR/n and SENT(): Xapian 1.4's NEAR takes only terms (or ORs of terms),
  // so a phrase operand adds its words to the NEAR (the window grows by its
  // length) and must also match as a phrase somewhere in the document.
  Xapian::Query near(const NearNode& n, bool collect) {
    std::vector<WordNode> slots;
    std::vector<Xapian::Query> phrases;
    Xapian::termcount extra = 0;
    for (const auto& w : n.operands) {
      if (collect) {
        for (const auto& x : w.words) {
          highlight.words.insert(x);
          highlight.stems.insert(stemmer_(x));
        }
        variants_of(w, true);
      }
      if (w.words.size() == 1) {
        slots.push_back(w);
        continue;
      }
      phrases.push_back(word(w, false));
      extra += static_cast<Xapian::termcount>(w.words.size() - 1);
      for (const auto& x : w.words) {
        WordNode piece = w;
        piece.words = {x};
        piece.whole.clear();
        piece.quoted = true;
        slots.push_back(std::move(piece));
      }
    }
    std::vector<const WordNode*> ptrs;
    for (const auto& w : slots) ptrs.push_back(&w);
    // Xapian's window is the span of positions: words d apart need d + 1.
    const Xapian::termcount window =
        n.sentence ? schema::kSentenceGap : static_cast<Xapian::termcount>(n.distance) + 1 + extra;
    Xapian::Query q = positional(Xapian::Query::OP_NEAR, ptrs, window);
    if (phrases.empty()) return q;
    return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, phrases.begin(), phrases.end()));
  }

  std::expected<Xapian::Query, QueryError> clause_list(const std::vector<Clause>& clauses, bool collect) {
    ++list_depth_;
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{list_depth_};
    // Stopwords are dropped only when other words carry the query.
    bool has_content = std::ranges::any_of(clauses, [](const Clause& c) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      return c.occur != Occur::MustNot && !(w && w->stopword);
    });
    std::vector<Xapian::Query> must, should, must_not, filters;
    for (const auto& c : clauses) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      if (has_content && w && w->stopword && !c.explicit_occur) continue;
      auto q = build(c.node[0], collect && c.occur != Occur::MustNot);
      if (!q) return q;
      if (c.occur != Occur::MustNot && is_filter(c.node[0])) {  // restricts, never weighs
        filters.push_back(std::move(*q));
        continue;
      }
      Occur occur = c.occur;
      if (!c.explicit_occur && options_.default_op == DefaultOperator::And) occur = Occur::Must;
      (occur == Occur::Must ? must : occur == Occur::Should ? should : must_not).push_back(std::move(*q));
    }
    Xapian::Query q;
    if (!must.empty()) {
      q = must.size() == 1 ? must[0] : Xapian::Query(Xapian::Query::OP_AND, must.begin(), must.end());
      if (!should.empty())
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                          should.size() == 1 ? should[0] : Xapian::Query(Xapian::Query::OP_OR, should.begin(), should.end()));
    } else if (!should.empty()) {
      q = should.size() == 1 ? should[0] : Xapian::Query(Xapian::Query::OP_OR, should.begin(), should.end());
    } else {
      q = Xapian::Query::MatchAll;
    }
    if (auto aliases = entity_aliases(clauses, collect); aliases && !q.empty() &&
        q.get_type() != Xapian::Query::LEAF_MATCH_ALL)
      q = must.empty() ? Xapian::Query(Xapian::Query::OP_OR, q, *aliases) : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, *aliases);
    if (auto names = name_phrases(clauses); names && !q.empty() && q.get_type() != Xapian::Query::LEAF_MATCH_ALL)
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, *names);
    if (auto near = proximity(clauses); near && !q.empty() && q.get_type() != Xapian::Query::LEAF_MATCH_ALL) {
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, *near);
      if (list_depth_ == 1) top_proximity.push_back(*near);
      else nested_proximity = true;
    }
    if (!filters.empty())
      q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                        filters.size() == 1 ? filters[0] : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    if (!must_not.empty())
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                        must_not.size() == 1 ? must_not[0]
                                             : Xapian::Query(Xapian::Query::OP_OR, must_not.begin(), must_not.end()));
    return q;
  }

  // The other names of gazetteer entities that runs of plain words name: KCNA
  // also finds कोरियन सेंट्रल न्यूज एजेंसी. Each alias is a phrase; the
  // entity's filter term also matches (its documents, linked by any spelling).
  std::optional<Xapian::Query> entity_aliases(const std::vector<Clause>& clauses, bool collect) {
    if (!options_.variants || options_.entity_alias_weight <= 0) return std::nullopt;
    std::vector<Xapian::Query> found;
    auto flush = [&](std::vector<std::string>& words) {
      if (words.empty()) return;
      for (const auto& e : options_.variants->entities(words)) {
        std::vector<std::string> named(words.begin() + e.first_word, words.begin() + e.last_word + 1);
        // One synonym with the words as typed, so a rare alias is weighed by
        // the frequency of all the entity's names together, not its own.
        std::vector<Xapian::Query> alts;
        auto phrase_of = [](const std::vector<std::string>& alias_words) {
          std::vector<Xapian::Query> terms;
          for (const auto& a : alias_words) terms.emplace_back(schema::word_term(a));
          return terms.size() == 1 ? terms[0]
                                   : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
        };
        alts.push_back(phrase_of(named));
        for (const auto& alias : e.aliases) {
          if (alias == named) continue;
          std::vector<Xapian::Query> terms;
          for (const auto& a : alias) terms.emplace_back(schema::word_term(a));
          alts.push_back(terms.size() == 1 ? terms[0]
                                           : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size()));
          if (collect)
            for (const auto& a : alias) highlight.words.insert(a);
        }
        Xapian::Query names(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end()),
                            options_.entity_alias_weight);
        // The entity's filter term finds what the linker linked by any other
        // spelling; it is boolean, so it adds matches, not weight.
        if (auto t = schema::entity_term(e.type, e.id); !t.empty())
          names = Xapian::Query(Xapian::Query::OP_OR, names, Xapian::Query(t));
        found.push_back(names);
        if (collect) {
          std::string joined;
          for (const auto& n : named) joined += (joined.empty() ? "" : " ") + n;
          expansions.push_back({joined, {e.label}, true});
        }
      }
      words.clear();
    };
    std::vector<std::string> run;
    for (const auto& c : clauses) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      if (!w || c.occur == Occur::MustNot || w->quoted || w->exact || w->prefix || w->field != Field::Any) {
        flush(run);
        continue;
      }
      for (const auto& x : w->words) run.push_back(x);
    }
    flush(run);
    if (found.empty()) return std::nullopt;
    return found.size() == 1 ? found[0] : Xapian::Query(Xapian::Query::OP_OR, found.begin(), found.end());
  }

  // Pairs of adjacent content words (stopwords skipped, anything else breaks
  // the chain) as NEAR queries: they only add weight, never match on their
  // own. A run of words with variants is also tried as a phrase of variants.
  std::optional<Xapian::Query> proximity(const std::vector<Clause>& clauses) {
    if (options_.proximity_weight <= 0) return std::nullopt;
    std::vector<Xapian::Query> pairs;
    const WordNode* prev = nullptr;
    for (const auto& c : clauses) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      if (!w || c.occur == Occur::MustNot || w->quoted || w->prefix || w->words.size() != 1) {
        prev = nullptr;
        continue;
      }
      if (w->stopword) continue;
      if (prev && prev->field == w->field)
        pairs.push_back(positional(Xapian::Query::OP_NEAR, {prev, w}, options_.proximity_window));
      prev = w;
    }
    if (pairs.empty()) return std::nullopt;
    ++proximity_pairs;
    Xapian::Query any(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, options_.proximity_weight);
  }

  // Runs of adjacent Latin words of which some have variants, as a phrase of
  // variants: "Kim Jong Un" -> किम जोंग उन. Part of the first stage (not a
  // rerank bonus like proximity): a document with the whole name in another
  // script must outrank one with a single word of it as typed. Only Latin
  // runs: Devanagari queries are mostly ordinary words, whose adjacent pairs
  // proximity already rewards (measured: phrases for them cost 0.013 MRR@10).
  std::optional<Xapian::Query> name_phrases(const std::vector<Clause>& clauses) {
    if (!options_.variants || options_.name_phrase_weight <= 0) return std::nullopt;
    std::vector<Xapian::Query> names;
    std::vector<const WordNode*> run;
    bool run_has_variants = false;
    auto end_run = [&] {
      if (run.size() >= 2 && run_has_variants)
        names.push_back(positional(Xapian::Query::OP_PHRASE, run, static_cast<Xapian::termcount>(run.size())));
      run.clear();
      run_has_variants = false;
    };
    for (const auto& c : clauses) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      const bool usable = w && c.occur != Occur::MustNot && takes_variants(*w) && is_latin_word(w->words[0]);
      if (!usable || (!run.empty() && run.back()->field != w->field)) end_run();
      if (!usable) continue;
      run.push_back(w);
      run_has_variants |= !variants_of(*w, false).empty();
    }
    end_run();
    if (names.empty()) return std::nullopt;
    Xapian::Query any = names.size() == 1 ? names[0] : Xapian::Query(Xapian::Query::OP_OR, names.begin(), names.end());
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, options_.name_phrase_weight);
  }

  const QueryOptions& options_;
  Xapian::Stem& stemmer_;
  VariantCache& cache_;
  bool latin_name_query_;
  int list_depth_ = 0;  // clause lists being built, one inside the other
};

// Two or more plain Latin words and nothing else ("Will Young", "Kim Jong Un"):
// how people type a name they heard.
bool is_latin_name_query(const QueryNode& node) {
  const auto* b = std::get_if<BoolNode>(&node);
  if (!b || b->alternatives.size() != 1 || b->alternatives[0].size() < 2) return false;
  return std::ranges::all_of(b->alternatives[0], [](const Clause& c) {
    const auto* w = std::get_if<WordNode>(&c.node[0]);
    return w && c.occur != Occur::MustNot && !w->quoted && !w->exact && w->words.size() == 1 &&
           is_latin_word(w->words[0]);
  });
}

}  // namespace

std::expected<QueryNode, QueryError> parse_query(std::string_view text) {
  auto lexemes = lex(text);
  if (!lexemes) return std::unexpected(lexemes.error());
  return Parser(std::move(*lexemes)).parse();
}

std::expected<BuiltQuery, QueryError> build_query(const QueryNode& node, const QueryOptions& options,
                                                  Xapian::Stem& stemmer) {
  VariantCache cache;
  const bool latin_name = is_latin_name_query(node);
  Builder builder(options, stemmer, cache, latin_name);
  auto q = builder.build(node, true);
  if (!q) return std::unexpected(q.error());
  BuiltQuery out;
  out.match_all = q->get_type() == Xapian::Query::LEAF_MATCH_ALL || Builder::is_filter(node);
  out.query = std::move(*q);
  QueryOptions plain = options;
  plain.proximity_weight = 0;
  Builder plain_builder(plain, stemmer, cache, latin_name);
  out.without_proximity = *plain_builder.build(node, false);
  out.has_proximity = builder.proximity_pairs > 0;
  // One top-level list of clauses: every match of the query matches the part
  // the bonus is AND_MAYBE'd to, so the bonus only adds its own weight.
  const auto* root = std::get_if<BoolNode>(&node);
  if (root && root->alternatives.size() == 1 && builder.top_proximity.size() == 1 && !builder.nested_proximity)
    out.proximity_only = builder.top_proximity[0];
  out.highlight = std::move(builder.highlight);
  out.expansions = std::move(builder.expansions);
  out.wildcard_prefixes = std::move(builder.wildcard_prefixes);
  return out;
}

}  // namespace talash::searcher
