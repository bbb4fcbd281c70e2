#include "searcher/query_parser.h"

#include <algorithm>
#include <map>
#include <optional>

#include "analysis/compounds.h"
#include "analysis/split_words.h"
#include "analysis/stopwords.h"
#include "schema/schema.h"
#include "schema/terms.h"

namespace talash::searcher {
namespace {

enum class LexKind { Word, Phrase, LParen, RParen, And, Or, Not, End };

struct Lexeme {
  LexKind kind = LexKind::End;
  std::string text;
  std::size_t offset = 0;
  char sign = 0;  // '+' or '-' before a word or phrase
  Field field = Field::Any;
  bool exact = false;
};

bool starts_with_at(std::string_view s, std::size_t i, std::string_view what) { return s.substr(i).starts_with(what); }

// Opening and closing quote marks: " and the curly ones “ ”.
std::size_t quote_len(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  if (starts_with_at(s, i, "\u201C") || starts_with_at(s, i, "\u201D")) return 3;
  return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<Lexeme> lex(std::string_view s) {
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
    // title: and exact:, in either order
    for (bool more = true; more;) {
      more = false;
      for (std::string_view name : {"title:", "exact:"}) {
        if (starts_with_at(s, i, name) && i + name.size() < s.size() && !is_space(s[i + name.size()])) {
          if (name == "title:") lx.field = Field::Title;
          else lx.exact = true;
          i += name.size();
          more = true;
        }
      }
    }
    if (std::size_t q = quote_len(s, i)) {
      i += q;
      std::size_t start = i;
      while (i < s.size() && quote_len(s, i) == 0) ++i;
      lx.kind = LexKind::Phrase;
      lx.text = std::string(s.substr(start, i - start));
      if (i < s.size()) i += quote_len(s, i);  // an unclosed quote runs to the end, as people mean it
      out.push_back(lx);
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && quote_len(s, i) == 0) ++i;
    lx.text = std::string(s.substr(start, i - start));
    lx.kind = LexKind::Word;
    if (lx.sign == 0 && lx.field == Field::Any && !lx.exact) {
      if (lx.text == "AND") lx.kind = LexKind::And;
      else if (lx.text == "OR") lx.kind = LexKind::Or;
      else if (lx.text == "NOT") lx.kind = LexKind::Not;
    }
    out.push_back(lx);
  }
  out.push_back({LexKind::End, {}, s.size(), 0, Field::Any, false});
  return out;
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
      auto node = parse_unary();
      if (!node) return std::unexpected(node.error());
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

  // nullopt when the lexeme held no words (e.g. a lone dash or colon).
  std::expected<std::optional<QueryNode>, QueryError> parse_unary() {
    const Lexeme& lx = take();
    if (lx.kind == LexKind::LParen) {
      auto inner = parse_or();
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
    auto tokens = analysis::split_words(lx.text);
    if (tokens.empty()) return std::optional<QueryNode>();
    if (tokens.size() == 1) {
      w.whole = analysis::abbreviation_key(tokens[0]);
    } else if (auto compounds = analysis::hyphen_compounds(lx.text, tokens);
               compounds.size() == 1 && compounds[0].first_token == 0 && compounds[0].last_token + 1 == tokens.size()) {
      w.whole = compounds[0].joined;
    }
    for (auto& t : tokens) w.words.push_back(std::move(t.norm));
    w.stopword = !w.quoted && lx.sign == 0 && w.words.size() == 1 && analysis::is_stopword(w.words[0]);
    return std::optional<QueryNode>(std::move(w));
  }

  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
};

// Variant lookups of one query, shared by its two builders.
using VariantCache = std::map<std::string, std::vector<Variant>>;

class Builder {
 public:
  Builder(const QueryOptions& options, Xapian::Stem& stemmer, VariantCache& cache)
      : options_(options), stemmer_(stemmer), cache_(cache) {}

  std::expected<Xapian::Query, QueryError> build(const QueryNode& node, bool collect) {
    if (const auto* w = std::get_if<WordNode>(&node)) return word(*w, collect);
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
  std::size_t proximity_pairs = 0;

 private:
  static bool is_latin(std::string_view word) {
    return !word.empty() && std::ranges::all_of(word, [](char c) { return c >= 'a' && c <= 'z'; });
  }

  // Unquoted words without exact: get variants.
  static bool takes_variants(const WordNode& w) { return !w.quoted && !w.exact && w.words.size() == 1 && !w.stopword; }

  const std::vector<Variant>& variants_of(const WordNode& w, bool collect) {
    static const std::vector<Variant> none;
    if (!options_.variants || !takes_variants(w)) return none;
    const std::string& x = w.words[0];
    auto it = cache_.find(x);
    if (it == cache_.end()) it = cache_.emplace(x, options_.variants->variants(x)).first;
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

  std::expected<Xapian::Query, QueryError> clause_list(const std::vector<Clause>& clauses, bool collect) {
    // Stopwords are dropped only when other words carry the query.
    bool has_content = std::ranges::any_of(clauses, [](const Clause& c) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      return c.occur != Occur::MustNot && !(w && w->stopword);
    });
    std::vector<Xapian::Query> must, should, must_not;
    for (const auto& c : clauses) {
      const auto* w = std::get_if<WordNode>(&c.node[0]);
      if (has_content && w && w->stopword && !c.explicit_occur) continue;
      auto q = build(c.node[0], collect && c.occur != Occur::MustNot);
      if (!q) return q;
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
    if (auto near = proximity(clauses); near && !q.empty() && q.get_type() != Xapian::Query::LEAF_MATCH_ALL)
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, *near);
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
        auto phrase_of = [](const std::vector<std::string>& words) {
          std::vector<Xapian::Query> terms;
          for (const auto& a : words) terms.emplace_back(schema::word_term(a));
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
      if (!w || c.occur == Occur::MustNot || w->quoted || w->exact || w->field != Field::Any) {
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
      if (!w || c.occur == Occur::MustNot || w->quoted || w->words.size() != 1) {
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
      const bool usable = w && c.occur != Occur::MustNot && takes_variants(*w) && is_latin(w->words[0]);
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
};

}  // namespace

std::expected<QueryNode, QueryError> parse_query(std::string_view text) { return Parser(lex(text)).parse(); }

std::expected<BuiltQuery, QueryError> build_query(const QueryNode& node, const QueryOptions& options,
                                                  Xapian::Stem& stemmer) {
  VariantCache cache;
  Builder builder(options, stemmer, cache);
  auto q = builder.build(node, true);
  if (!q) return std::unexpected(q.error());
  BuiltQuery out;
  out.match_all = q->get_type() == Xapian::Query::LEAF_MATCH_ALL;
  out.query = std::move(*q);
  QueryOptions plain = options;
  plain.proximity_weight = 0;
  Builder plain_builder(plain, stemmer, cache);
  out.without_proximity = *plain_builder.build(node, false);
  out.has_proximity = builder.proximity_pairs > 0;
  out.highlight = std::move(builder.highlight);
  out.expansions = std::move(builder.expansions);
  return out;
}

}  // namespace talash::searcher
