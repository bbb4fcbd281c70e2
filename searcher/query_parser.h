#pragma once
// The query language, version 2 (web/help.html explains it with examples):
//   words              combined by QueryOptions::default_op (the searcher uses OR, ranked by BM25)
//   "a phrase"         exact words in order (also “curly quotes”)
//   +word  -word       must / must not
//   a AND b, a OR b, a NOT b, NOT b   (upper case; lower case and/or are words)
//   a और b, a या b, a नहीं b          Hindi operators, only where the whole query (or group) is
//                      terms joined by operators: every term is separated from the next by an
//                      operator. "रूस और चीन" is AND, but "भारत और पाकिस्तान के बीच" and a lone
//                      "और" are words (और/या/नहीं are common words, and query-time stopwords).
//   ( ... )            grouping (at most kMaxQueryDepth = 32 levels deep)
//   a NEAR/n b         a and b at most n words apart, in either order (1..50; NEAR = NEAR/10),
//                      within one sentence; operands are words or phrases; chains a NEAR b NEAR c
//   SENT(a b ...)      all the words (or phrases) in one sentence (positions: schema::kSentenceGap)
//   title:word  title:"a phrase"      in the headline only
//   exact:word                        this spelling only: no variants from other scripts or spellings
//   source:name  source:"two words"   filter (no weight) on the source
//   person:x place:x org:x            filter on an entity: id, label or alias of the gazetteer in
//                                     either script (normalized like entities/alias_key.h), or an
//                                     unlisted id (x-per-…)
//   date:2024  date:2024-06  date:2024-06-15  date:2024-06..2024-12  date:2024..  date:..2023-12
//                      Devanagari digits and Hindi month names (date:जून-2024, date:15-जून-2024);
//                      UTC, bounds inclusive, on schema::slot::kDate
//   word*              words starting with it (exact word terms; the 100 most frequent); at
//                      most kMaxWildcards (10) in a query
// Field names are lower-case ASCII; an unknown one (foo:x) is an error.
// Filters, -/NOT and + combine with words as usual; filters never add weight.
// Words go through analysis::split_words, so they are normalized exactly as
// documents were; a word that splits into several (रूस-यूक्रेन) is a phrase.
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <xapian.h>

#include "searcher/variant_lookup.h"

namespace talash::searcher {

enum class Field { Any, Title };
enum class Occur { Should, Must, MustNot };

struct WordNode {
  std::vector<std::string> words;  // normalized; more than one means a phrase
  std::string whole;               // the pieces joined (सुक-योल -> सुकयोल) or an abbreviation without dots (u.s -> us)
  Field field = Field::Any;
  bool quoted = false;
  bool stopword = false;  // a lone unquoted stopword, dropped when other words carry the query
  bool exact = false;     // exact: no spelling variants
  bool prefix = false;    // word*: any word starting with words[0]
};

// a NEAR/n b (sentence = false) or SENT(a b ...) (sentence = true).
struct NearNode {
  std::vector<WordNode> operands;  // words or phrases, no wildcards
  unsigned distance = 10;          // NEAR/n: at most n words apart
  bool sentence = false;
};

// A boolean filter (source:, person:, place:, org:, date:), resolved while
// parsing so that errors point at the value.
struct FilterNode {
  Xapian::Query query;
};

struct BoolNode;
using QueryNode = std::variant<WordNode, BoolNode, NearNode, FilterNode>;

struct Clause {
  Occur occur = Occur::Should;
  bool explicit_occur = false;  // +, -, AND, NOT: not subject to the default operator
  std::vector<QueryNode> node;  // exactly one element (vector for recursion)
};

// OR of alternatives; each alternative is a list of clauses.
struct BoolNode {
  std::vector<std::vector<Clause>> alternatives;
};

struct QueryError {
  std::string message;
  std::size_t offset = 0;  // byte offset in the query where the problem is
};

// Parses the query text. An empty result (no words at all) is a BoolNode with
// no alternatives: "match everything" for the caller.
std::expected<QueryNode, QueryError> parse_query(std::string_view text);

enum class DefaultOperator { And, Or };

// word*: at most this many words, the most frequent ones.
inline constexpr Xapian::termcount kMaxWildcardTerms = 100;
// word*: at most this many in one query.
inline constexpr unsigned kMaxWildcards = 10;
// NEAR/n: n from 1 to this.
inline constexpr unsigned kMaxNearDistance = 50;
inline constexpr unsigned kDefaultNearDistance = 10;
// ( ... ) nest at most this deep (parsing and building recurse per level).
inline constexpr unsigned kMaxQueryDepth = 32;

// Chosen on the dev sets (bench/compare_relevance); the region around these
// values is flat (within 0.002 MRR@10), so they are not a knife-edge fit.
struct QueryOptions {
  DefaultOperator default_op = DefaultOperator::And;
  // Each word is SYNONYM(exact, stem): one term for BM25, so an inflected
  // word is not counted twice. The exact form adds this much on its own, so
  // an exact match ranks above a stem-only one.
  double exact_bonus = 0.1;
  // Adjacent content words found within this window add a small bonus
  // (headlines and questions reuse the article's wording).
  unsigned proximity_window = 6;
  double proximity_weight = 0.1;
  // Spelling variants of each unquoted word (null: none, the exact switch).
  // Variants weigh less than the word itself (VariantLimits), so exact
  // matches rank first.
  const VariantLookup* variants = nullptr;
  // Adjacent words that have variants are also tried as a phrase of
  // variants ("Kim Jong Un" -> किम जोंग उन); a match adds this much of the
  // words' weight.
  double name_phrase_weight = 1.0;
  // Other names of a gazetteer entity the query names (KCNA -> कोरियन
  // सेंट्रल न्यूज एजेंसी), relative to the words' own weight.
  double entity_alias_weight = 0.5;
};

// What the query also searched for: "also searched: बेलूसोव, Belousov".
struct Expansion {
  std::string query;               // the query word(s), normalized
  std::vector<std::string> also;   // variant words, or the entity's label
  bool entity = false;             // `also` holds an entity's label
};

// Words and stems that count as a match when highlighting snippets.
struct MatchTerms {
  std::set<std::string> words;  // normalized words
  std::set<std::string> stems;  // stems (no prefix)
  bool empty() const { return words.empty() && stems.empty(); }
};

struct BuiltQuery {
  Xapian::Query query;  // MatchAll when the text had no words
  // The same query without the proximity bonus: it matches the same documents
  // and lets Xapian skip early; the searcher reranks its top documents with
  // `query` (proximity needs positions, too slow to check for every match).
  Xapian::Query without_proximity;
  bool has_proximity = false;  // the two queries differ
  // When it is the same for every match: the bonus alone, so that a document's
  // weight under `query` is its weight under `without_proximity` plus its
  // weight under this (Xapian adds the weights of AND_MAYBE's sides). The
  // rerank then reads only the positions, not every term again.
  std::optional<Xapian::Query> proximity_only;
  MatchTerms highlight;
  bool match_all = false;  // no words to rank by (empty, or filters only)
  std::vector<Expansion> expansions;
  // word*: the searcher adds the index's words with these prefixes (normalized,
  // no term prefix) to `highlight`, at most kMaxWildcardTerms each.
  std::vector<std::string> wildcard_prefixes;
};

std::expected<BuiltQuery, QueryError> build_query(const QueryNode& node, const QueryOptions& options,
                                                  Xapian::Stem& stemmer);

}  // namespace talash::searcher
