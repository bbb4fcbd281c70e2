// The five seed articles in ../shared/seeds: which article mentions which
// entity. Expectations were written by reading the texts, not by running the
// tagger.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/split_words.h"
#include "tests/entities/entities_test_util.h"
#include "tests/test_paths.h"

namespace talash::entities {
namespace {

using test::builtin_tagger;
using test::RowName;

struct SeedArticle {
  std::string name;  // "000".."004": the file name's prefix
  std::string text;
  std::vector<analysis::Token> tokens;
  std::vector<EntityMention> mentions;
};

const std::vector<SeedArticle>& seed_articles() {
  static const std::vector<SeedArticle> articles = [] {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(talash::test::shared_dir() / "seeds")) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<SeedArticle> out;
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      SeedArticle a;
      a.name = path.filename().string().substr(0, 3);
      a.text = buffer.str();
      a.tokens = analysis::split_words(a.text);
      a.mentions = builtin_tagger().tag(a.tokens);
      out.push_back(std::move(a));
    }
    return out;
  }();
  return articles;
}

// "001:3 002:1": mentions of `id` per article, articles without any left out.
std::string mention_counts(std::string_view id) {
  std::string out;
  for (const SeedArticle& a : seed_articles()) {
    const auto n = std::count_if(a.mentions.begin(), a.mentions.end(),
                                 [&](const EntityMention& m) { return m.entity->id == id; });
    if (n == 0) continue;
    if (!out.empty()) out += ' ';
    out += a.name + ':' + std::to_string(n);
  }
  return out;
}

// "000 002": the articles that mention `id`.
std::string articles_with(std::string_view id) {
  std::string out;
  for (const SeedArticle& a : seed_articles()) {
    const bool found = std::any_of(a.mentions.begin(), a.mentions.end(),
                                   [&](const EntityMention& m) { return m.entity->id == id; });
    if (!found) continue;
    if (!out.empty()) out += ' ';
    out += a.name;
  }
  return out;
}

TEST(SeedArticles, AllFiveAreThere) {
  TALASH_REQUIRE_SHARED("seeds");
  ASSERT_EQ(seed_articles().size(), 5u);
  EXPECT_EQ(seed_articles().front().name, "000");
  EXPECT_EQ(seed_articles().back().name, "004");
}

struct SeedRow {
  const char* name;
  std::string_view id;
  std::string_view articles;  // articles_with(id)
};

class SeedEntityTest : public ::testing::TestWithParam<SeedRow> {};

TEST_P(SeedEntityTest, FoundInExactlyTheseArticles) {
  TALASH_REQUIRE_SHARED("seeds");
  ASSERT_NE(Gazetteer::builtin().find(GetParam().id), nullptr) << GetParam().id;
  EXPECT_EQ(articles_with(GetParam().id), GetParam().articles);
}

const SeedRow kSeedRows[] = {
    // The spelling-variant entities the seeds exist for.
    {"KimJongUn", "kim-jong-un", "000 001 002 003 004"},          // 001 writes "Kim Jong उन"
    {"Belousov", "andrei-belousov", "002 003"},                     // बेलूसोव / बेलोसोव
    {"Pyongyang", "pyongyang", "001 002 003 004"},                  // 003: पाइओंगयांग
    {"Kcna", "kcna", "001 002 004"},                                // केसीएनए, KCNA, कोरियन सेंट्रल न्यूज एजेंसी
    {"Moscow", "moscow", "001 002 004"},                            // मास्को / मॉस्को
    // People
    {"Putin", "vladimir-putin", "000 002 003 004"},
    {"Lavrov", "sergei-lavrov", "001"},
    {"Shoigu", "sergei-shoigu", "004"},
    {"Zelensky", "volodymyr-zelensky", "000"},
    {"Trump", "donald-trump", "004"},
    {"NoKwangChol", "no-kwang-chol", "003"},
    {"Lukashenko", "alexander-lukashenko", "000"},
    {"ShinWonSik", "shin-won-sik", "002"},
    {"YoonSukYeol", "yoon-suk-yeol", "003"},
    {"Umerov", "rustem-umerov", "003"},
    {"Yunus", "muhammad-yunus", "004"},
    // Places
    {"Russia", "russia", "000 001 002 003 004"},
    {"Ukraine", "ukraine", "000 001 002 003 004"},
    {"NorthKorea", "north-korea", "000 001 002 003 004"},
    {"SouthKorea", "south-korea", "001 002 003 004"},
    {"UnitedStates", "united-states", "001 002 004"},  // 000 has only अमेरिकी
    {"Washington", "washington", "002"},
    {"Seoul", "seoul", "003"},
    {"Japan", "japan", "001"},
    {"China", "china", "000"},
    {"Taiwan", "taiwan", "000"},
    {"Iran", "iran", "000"},
    {"Belarus", "belarus", "000"},
    {"KoreanPeninsula", "korean-peninsula", "001"},
    {"DhakaOnlyInsideTheUniversity", "dhaka", ""},
    // Organisations
    {"Nato", "nato", "002"},
    {"UnSecurityCouncil", "un-security-council", "001"},
    {"UnitedNationsOnlyInsideTheCouncil", "united-nations", ""},
    {"RussianDefenceMinistry", "russia-defence-ministry", "003"},
    {"RussianSecurityCouncil", "russia-security-council", "004"},
    {"Sbs", "sbs", "002"},
    {"DhakaUniversity", "dhaka-university", "004"},
};
INSTANTIATE_TEST_SUITE_P(Seeds, SeedEntityTest, ::testing::ValuesIn(kSeedRows), RowName{});

TEST(SeedArticles, MentionCounts) {
  TALASH_REQUIRE_SHARED("seeds");
  // 001: केसीएनए (KCNA) ... केसीएनए की रिपोर्ट; 002 and 004 the long form once.
  EXPECT_EQ(mention_counts("kcna"), "001:3 002:1 004:1");
  // Bare किम (many times) is not a mention.
  EXPECT_EQ(mention_counts("kim-jong-un"), "000:1 001:2 002:5 003:1 004:2");
  EXPECT_EQ(mention_counts("andrei-belousov"), "002:2 003:4");
  EXPECT_EQ(mention_counts("pyongyang"), "001:2 002:4 003:1 004:2");
  EXPECT_EQ(mention_counts("moscow"), "001:1 002:3 004:1");
}

TEST(SeedArticles, MentionsAreOrderedDisjointAndSliceTheText) {
  TALASH_REQUIRE_SHARED("seeds");
  for (const SeedArticle& a : seed_articles()) {
    ASSERT_FALSE(a.mentions.empty()) << a.name;
    std::size_t next_token = 0;
    for (const EntityMention& m : a.mentions) {
      ASSERT_NE(m.entity, nullptr);
      EXPECT_GE(m.first_token, next_token) << a.name << " overlaps at token " << m.first_token;
      EXPECT_LE(m.first_token, m.last_token);
      ASSERT_LT(m.last_token, a.tokens.size());
      EXPECT_EQ(m.begin, a.tokens[m.first_token].begin);
      EXPECT_EQ(m.end, a.tokens[m.last_token].end);
      EXPECT_LT(m.begin, m.end);
      EXPECT_LE(m.end, a.text.size());
      next_token = m.last_token + 1;
    }
  }
}

TEST(SeedArticles, VariantSpellingsAreTaggedWhereTheyAppear) {
  TALASH_REQUIRE_SHARED("seeds");
  // The exact text of every mention of these entities, across all articles.
  std::map<std::string, std::set<std::string>> spellings;
  for (const SeedArticle& a : seed_articles()) {
    for (const EntityMention& m : a.mentions) {
      spellings[m.entity->id].insert(a.text.substr(m.begin, m.end - m.begin));
    }
  }
  using S = std::set<std::string>;
  EXPECT_EQ(spellings["kim-jong-un"], (S{"Kim Jong उन", "किम जोंग उन"}));
  EXPECT_EQ(spellings["andrei-belousov"],
            (S{"आंद्रेई बेलूसोव", "आंद्रेई बेलोसोव", "बेलोसोव"}));
  EXPECT_EQ(spellings["pyongyang"], (S{"प्योंगयांग", "पाइओंगयांग"}));
  EXPECT_EQ(spellings["kcna"], (S{"केसीएनए", "KCNA", "कोरियन सेंट्रल न्यूज एजेंसी"}));
  EXPECT_EQ(spellings["moscow"], (S{"मास्को", "मॉस्को"}));
}

}  // namespace
}  // namespace talash::entities
