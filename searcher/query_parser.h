#pragma once
// The query language, version 1:
//   words              combined by QueryOptions::default_op (the searcher uses OR, ranked by BM25)
//   "a phrase"         exact words in order (also “curly quotes”)
//   +word  -word       must / must not
//   a AND b, a OR b, a NOT b, NOT b   (upper case; lower case and/or are words)
//   ( ... )            grouping
//   title:word  title:"a phrase"      in the headline only
//   exact:word                        this spelling only: no variants from other scripts or spellings
// Words go through analysis::split_words, so they are normalized exactly as
// documents were; a word that splits into several (रूस-यूक्रेन) is a phrase.
#include <expected>
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
};

struct BoolNode;
using QueryNode = std::variant<WordNode, BoolNode>;

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
  MatchTerms highlight;
  bool match_all = false;
  std::vector<Expansion> expansions;
};

std::expected<BuiltQuery, QueryError> build_query(const QueryNode& node, const QueryOptions& options,
                                                  Xapian::Stem& stemmer);

}  // namespace talash::searcher
