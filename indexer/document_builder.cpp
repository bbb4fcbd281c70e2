#include "indexer/document_builder.h"
#include "indexer/story_key.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "analysis/compounds.h"
#include "analysis/fnv.h"
#include "analysis/frequent_words.h"
#include "analysis/stopwords.h"
#include "analysis/split_words.h"
#include "entities/boilerplate.h"
#include "schema/entity_values.h"
#include "schema/iso_date.h"
#include "schema/schema.h"
#include "schema/stemmer.h"
#include "schema/terms.h"

namespace talash::indexer {
namespace {

std::string fnv1a_hex(std::string_view data) {
  const std::uint64_t h = analysis::fnv1a(data, analysis::kIdSeed);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool has_letters(const analysis::Token& t) {
  return t.script == analysis::Script::Devanagari || t.script == analysis::Script::Latin;
}

// Words that may be names: those in an entity mention, and those too rare to
// be ordinary words (Latin words of two letters or more count as rare unless
// frequent: in Hindi news they are mostly names and acronyms).
std::vector<BuiltDocument::NameWord> collect_name_words(
    std::initializer_list<const std::vector<analysis::Token>*> parts,
    const std::vector<entities::LinkedMention>& mentions) {
  std::map<std::string, BuiltDocument::NameWord> words;
  std::size_t part = 0;
  for (const auto* tokens : parts) {
    std::vector<char> in_mention(tokens->size(), 0);
    for (const auto& m : mentions)
      if (m.part == part)
        for (std::size_t i = m.first_token; i <= m.last_token && i < tokens->size(); ++i) in_mention[i] = 1;
    for (std::size_t i = 0; i < tokens->size(); ++i) {
      const auto& t = (*tokens)[i];
      if (!has_letters(t) || t.norm.size() < 2 || analysis::is_stopword(t.norm)) continue;
      const bool rare = !analysis::is_frequent_word(t.norm);
      if (!in_mention[i] && !rare) continue;
      auto& w = words[t.norm];
      w.word = t.norm;
      w.in_entity |= in_mention[i] != 0;
      w.rare |= rare;
    }
    ++part;
  }
  std::vector<BuiltDocument::NameWord> out;
  out.reserve(words.size());
  for (auto& [word, w] : words) out.push_back(std::move(w));
  return out;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const entities::EntityLinker& linker)
    : linker_(linker), stemmer_(schema::make_stemmer()) {}

BuiltDocument DocumentBuilder::build(schema::Article article) {
  Xapian::Document doc;

  auto add_title_word = [&](const std::string& norm, Xapian::termpos pos) {
    doc.add_posting(schema::word_term(norm), pos, schema::kTitleWdf);
    doc.add_posting(schema::title_term(norm), pos);
    doc.add_term(schema::stem_term(norm, stemmer_), schema::kTitleWdf);
    doc.add_term(schema::title_stem_term(norm, stemmer_));
  };
  auto add_body_word = [&](const std::string& norm, Xapian::termpos pos, Xapian::termcount wdf) {
    doc.add_posting(schema::word_term(norm), pos, wdf);
    doc.add_term(schema::stem_term(norm, stemmer_), wdf);
  };
  // Words written in pieces are also indexed whole, at the first piece's
  // position: सुक-योल as सुकयोल, U.S. as us.
  auto add_whole_forms = [&](std::string_view text, const std::vector<analysis::Token>& tokens, auto&& add) {
    for (const auto& c : analysis::hyphen_compounds(text, tokens)) add(c.joined, tokens[c.first_token]);
    for (const auto& t : tokens)
      if (auto key = analysis::abbreviation_key(t); !key.empty()) add(key, t);
  };

  // Sentences are kSentenceGap positions apart, so a NEAR window of that size
  // stays within one sentence (SENT() in the query language).
  auto position_in = [](const analysis::Token& t) {
    return static_cast<Xapian::termpos>(t.position) + static_cast<Xapian::termpos>(t.sentence) * schema::kSentenceGap;
  };
  auto title_tokens = analysis::split_words(article.title);
  for (const auto& t : title_tokens) add_title_word(t.norm, position_in(t) + 1);
  add_whole_forms(article.title, title_tokens,
                  [&](const std::string& norm, const analysis::Token& at) { add_title_word(norm, position_in(at) + 1); });

  const Xapian::termpos body_base =
      (title_tokens.empty() ? 0 : position_in(title_tokens.back()) + 1) + schema::kBodyPositionGap;
  auto body_wdf = [](const analysis::Token& t) {
    return schema::kBodyWdf + (t.position < schema::kLeadWords ? schema::kLeadWdf : 0);
  };
  auto body_tokens = analysis::split_words(article.body);
  // "Read also" lines head other stories: findable (wdf 0 matches) but with
  // no weight in ranking, and no entities.
  const auto read_also = entities::find_read_also_lines(article.body);
  auto story_wdf = [&](const analysis::Token& t) {
    return entities::inside_any(read_also, t.begin, t.end) ? Xapian::termcount{0} : body_wdf(t);
  };
  for (const auto& t : body_tokens) add_body_word(t.norm, body_base + position_in(t), story_wdf(t));
  add_whole_forms(article.body, body_tokens, [&](const std::string& norm, const analysis::Token& at) {
    add_body_word(norm, body_base + position_in(at), story_wdf(at));
  });

  const entities::EntityLinker::Part parts[] = {{article.title, &title_tokens, nullptr},
                                                {article.body, &body_tokens, &read_also}};
  auto link = linker_.link_mentions(parts);
  auto& linked = link.entities;
  auto name_words = collect_name_words({&title_tokens, &body_tokens}, link.mentions);
  std::vector<std::string> keys;
  article.entities.clear();
  for (const auto& e : linked) {
    auto type = std::string(entities::to_string(e.type));
    doc.add_boolean_term(schema::entity_term(type, e.id));
    keys.push_back(schema::entity_key(type, e.id));
    article.entities.push_back({e.id, type, e.label, e.label_en});
  }
  doc.add_value(schema::slot::kEntities, schema::encode_entity_keys(keys));

  if (!article.source.empty()) {
    doc.add_boolean_term(schema::source_term(article.source));
    doc.add_value(schema::slot::kSource, article.source);
  }
  if (!article.category.empty()) {
    doc.add_boolean_term(schema::category_term(article.category));
    doc.add_value(schema::slot::kCategory, article.category);
  }
  if (!article.date.empty()) {
    if (auto d = schema::parse_iso_date(article.date)) {
      auto s = d->sortable();
      doc.add_value(schema::slot::kDate, s);
      doc.add_boolean_term(std::string(schema::prefix::kYear) + s.substr(0, 4));
      doc.add_boolean_term(std::string(schema::prefix::kMonth) + s.substr(0, 6));
      doc.add_boolean_term(std::string(schema::prefix::kDay) + s.substr(0, 8));
    }
  }

  BuiltDocument built;
  built.id = article.id;
  built.id_term = schema::id_term(article.id);
  doc.add_boolean_term(built.id_term);
  doc.add_value(schema::slot::kId, article.id);
  if (auto story = story_key(body_tokens); !story.empty()) doc.add_value(schema::slot::kStory, story);
  std::string data = schema::to_stored_json(article);
  built.content_hash = fnv1a_hex(std::string(schema::kSchemaVersion) + '\n' + data);
  doc.add_value(schema::slot::kContentHash, built.content_hash);
  doc.set_data(data);
  built.document = std::move(doc);
  built.article = std::move(article);
  built.entities = std::move(linked);
  built.name_words = std::move(name_words);
  return built;
}

}  // namespace talash::indexer
