#pragma once
// The contract between indexer and searcher. Neither includes the other: both
// agree through these names and the database. README.md has the same table.
#include <cstdint>
#include <string_view>

#include <xapian.h>

namespace talash::schema {

// Bumped when the meaning of a term, slot or stored field changes.
inline constexpr std::string_view kSchemaVersion = "5";  // 4: sentence gaps in positions; 5: story key

// Term prefixes (Xapian conventions where they exist).
namespace prefix {
inline constexpr std::string_view kId = "Q";          // Q<id>: the unique id term
inline constexpr std::string_view kWord = "";         // <word>: exact normalized word of title+body, positions (kSentenceGap between sentences)
inline constexpr std::string_view kStem = "Z";        // Z<stem>: stems of title+body words, no positions
inline constexpr std::string_view kTitle = "S";       // S<word>: title words, positions (title:)
inline constexpr std::string_view kTitleStem = "ZS";  // ZS<stem>: title stems
inline constexpr std::string_view kSource = "XS";     // XS<normalized source>: filter
inline constexpr std::string_view kCategory = "XC";   // XC<normalized category>: filter
inline constexpr std::string_view kYear = "Y";        // Y2024
inline constexpr std::string_view kMonth = "M";       // M202406
inline constexpr std::string_view kDay = "D";         // D20240615
inline constexpr std::string_view kPerson = "XP";     // XP<entity id>
inline constexpr std::string_view kPlace = "XL";      // XL<entity id>
inline constexpr std::string_view kOrg = "XO";        // XO<entity id>
}  // namespace prefix

// Xapian's synonym table maps phonetic keys to the words of the index that
// have them (schema/terms.h variant_key), so a query word finds its other
// spellings without a posting per occurrence: "belousov" -> बेलूसोव.
namespace synonym {
inline constexpr std::string_view kKeyPrefix = "XK";  // XK<source><tier><key>
inline constexpr char kFromEntity = 'E';  // the word was part of an entity mention
inline constexpr char kFromRareWord = 'W';  // a word not among the frequent ones (analysis/frequent_words.h)
inline constexpr char kAcronym = 'A';  // XKA<letters>: Devanagari letter-name acronyms (केसीएनए)
}  // namespace synonym

// Value slots.
namespace slot {
inline constexpr Xapian::valueno kDate = 0;      // "YYYYMMDDhhmmss" (UTC), sortable as a string; empty when undated
inline constexpr Xapian::valueno kSource = 1;    // source label as written
inline constexpr Xapian::valueno kCategory = 2;  // category label as written
inline constexpr Xapian::valueno kEntities = 3;  // multi-valued: see entity_values.h
inline constexpr Xapian::valueno kContentHash = 4;  // hash of the record, to skip unchanged upserts
inline constexpr Xapian::valueno kId = 5;           // the id, so ranked ids need no document data
inline constexpr Xapian::valueno kStory = 6;        // MinHash of the lead (indexer/story_key.h): copies collapse
}  // namespace slot

// Within-document frequency added per occurrence. Title words also go into
// the unprefixed terms, weighted so a title match outranks a body match.
inline constexpr Xapian::termcount kBodyWdf = 1;
inline constexpr Xapian::termcount kTitleWdf = 3;
// News is written as an inverted pyramid: the lead says what the story is
// about, so the first words of the body count extra. Measured on the dev sets:
// headline MRR@10 +0.03, xquad unchanged.
inline constexpr Xapian::termpos kLeadWords = 50;
inline constexpr Xapian::termcount kLeadWdf = 1;
// Title and body positions are kept apart so phrases never span them.
inline constexpr Xapian::termpos kBodyPositionGap = 100;
// Each sentence (analysis::Token::sentence) starts this many positions after
// the previous one ends, in the title and in the body: words of one sentence
// are at most (words between them + 1) apart, words of two sentences more than
// kSentenceGap. A NEAR of window kSentenceGap therefore matches only inside
// one sentence (the query language's SENT(), and NEAR/n never spans
// sentences); phrases never span a sentence end.
inline constexpr Xapian::termpos kSentenceGap = 100;

// Xapian's hard term limit is 245 bytes; longer words are cut at a UTF-8 boundary.
inline constexpr std::size_t kMaxTermBytes = 240;

// Database metadata keys.
namespace meta {
inline constexpr std::string_view kSchemaVersion = "talash:schema_version";
inline constexpr std::string_view kLastUpdate = "talash:last_update";  // ISO 8601 UTC
inline constexpr std::string_view kEntityPrefix = "entity:";  // entity:<id> -> {"type","label","label_en"}
}  // namespace meta

}  // namespace talash::schema
