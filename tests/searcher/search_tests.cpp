#include <gtest/gtest.h>

#include "tests/row_name.h"

#include "tests/searcher/index_fixture.h"

namespace talash::searcher {
namespace {

using test::ids_of;

constexpr const char* kSeed000 = "000_87bc539730efcb5b";
constexpr const char* kSeed001 = "001_a085c0f097b1e019";
constexpr const char* kSeed002 = "002_b2c1d6b9b0ef2a59";
constexpr const char* kSeed003 = "003_006befeb6b513ffd";
constexpr const char* kSeed004 = "004_d6ec90d6c357df13";

class SeedsSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!test::has_shared("seeds")) return;
    dir_ = new test::TempDir;
    auto db = test::build_index(*dir_, {(test::shared_dir() / "seeds").string()});
    searcher_ = new Searcher(*Searcher::open(db));
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
    searcher_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override { TALASH_REQUIRE_SHARED("seeds"); }

  SearchResponse search(const std::string& q, SearchRequest req = {}) {
    req.query = q;
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r ? *r : SearchResponse{};
  }

  static test::TempDir* dir_;
  static Searcher* searcher_;
};
test::TempDir* SeedsSearchTest::dir_ = nullptr;
Searcher* SeedsSearchTest::searcher_ = nullptr;

TEST_F(SeedsSearchTest, KimJongUnFindsAllFiveArticles) {
  EXPECT_EQ(ids_of(search("किम जोंग उन")), (std::set<std::string>{kSeed000, kSeed001, kSeed002, kSeed003, kSeed004}));
  // Spelling exactly as typed: the four that write the whole name in
  // Devanagari rank above 001 ("Kim Jong उन").
  SearchRequest exact;
  exact.exact = true;
  auto r = search("किम जोंग उन", exact);
  EXPECT_EQ(ids_of(r), (std::set<std::string>{kSeed000, kSeed001, kSeed002, kSeed003, kSeed004}));
  ASSERT_EQ(r.hits.size(), 5u);
  EXPECT_EQ(r.hits.back().id, kSeed001);
}

TEST_F(SeedsSearchTest, BelousovSpelledWithUFindsTheArticleThatSpellsItSoFirst) {
  auto r = search("बेलूसोव");
  EXPECT_EQ(ids_of(r), (std::set<std::string>{kSeed002, kSeed003}));  // 003 writes बेलोसोव
  ASSERT_FALSE(r.hits.empty());
  SearchRequest exact;
  exact.exact = true;
  EXPECT_EQ(ids_of(search("बेलूसोव", exact)), std::set<std::string>{kSeed002});
  EXPECT_EQ(ids_of(search("exact:बेलूसोव")), std::set<std::string>{kSeed002});
}

// Issue "find Hindi news in any script and any spelling": a name typed in
// Latin letters or another spelling finds the articles that write it in
// Devanagari; with exact on it does not.
struct ScriptCase {
  const char* name;
  const char* query;
  std::set<std::string> expected;  // the articles that name it, by reading them
  bool typed_form_absent = true;   // no seed writes the query as typed
};
void PrintTo(const ScriptCase& c, std::ostream* os) { *os << c.name; }

class SeedsAnyScriptTest : public SeedsSearchTest, public ::testing::WithParamInterface<ScriptCase> {};

TEST_P(SeedsAnyScriptTest, FindsTheArticlesThatNameIt) {
  EXPECT_EQ(ids_of(search(GetParam().query)), GetParam().expected);
}

TEST_P(SeedsAnyScriptTest, ExactFindsOnlyTheSpellingTyped) {
  SearchRequest exact;
  exact.exact = true;
  auto r = search(GetParam().query, exact);
  EXPECT_TRUE(r.also_searched.empty());
  for (const auto& id : ids_of(r)) EXPECT_TRUE(GetParam().expected.contains(id)) << id;
  if (GetParam().typed_form_absent) {
    EXPECT_TRUE(r.hits.empty()) << "no seed writes " << GetParam().query;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Names, SeedsAnyScriptTest,
    ::testing::Values(
        ScriptCase{"BelousovLatin", "Belousov", {kSeed002, kSeed003}},
        ScriptCase{"BelousovOtherSpelling", "बेलोसोव", {kSeed002, kSeed003}, false},
        ScriptCase{"KimJongUnLatin", "Kim Jong Un", {kSeed000, kSeed001, kSeed002, kSeed003, kSeed004}, false},
        ScriptCase{"Pyongyang", "Pyongyang", {kSeed001, kSeed002, kSeed003, kSeed004}},  // 003: पाइओंगयांग
        ScriptCase{"Zelensky", "Zelensky", {kSeed000}},
        ScriptCase{"Lavrov", "Lavrov", {kSeed001}},
        ScriptCase{"Shoigu", "Shoigu", {kSeed004}},
        ScriptCase{"Putin", "Putin", {kSeed000, kSeed002, kSeed003, kSeed004}},
        ScriptCase{"Trump", "Trump", {kSeed004}},
        ScriptCase{"Lukashenko", "Lukashenko", {kSeed000}},
        ScriptCase{"Moscow", "Moscow", {kSeed001, kSeed002, kSeed004}},
        ScriptCase{"Nato", "NATO", {kSeed002}},
        ScriptCase{"Seoul", "Seoul", {kSeed003}},
        // केसीएनए and KCNA in 001, कोरियन सेंट्रल न्यूज एजेंसी in 002 and 004.
        ScriptCase{"KcnaWrittenInLatinToo", "KCNA", {kSeed001, kSeed002, kSeed004}, false},
        ScriptCase{"KcnaInLetterNames", "केसीएनए", {kSeed001, kSeed002, kSeed004}, false}),
    test::RowName{});

// ---- the search box: completions as the reader types
std::string render(const std::vector<Suggestion>& list) {
  std::string out;
  for (const auto& s : list) out += s.kind + ":" + s.text + (s.id.empty() ? "" : "(" + s.id + ")") + " ";
  return out;
}

TEST_F(SeedsSearchTest, SuggestCompletesEntityNamesFromAnyWordAndScript) {
  // Kim Jong Un: from the first word, a later word, and in Latin letters.
  for (const char* typed : {"किम", "किम जो", "जोंग", "Kim Jo", "kim"})
    EXPECT_NE(render(searcher_->suggest(typed, 8)).find("entity:किम जोंग उन(kim-jong-un)"), std::string::npos)
        << typed << ": " << render(searcher_->suggest(typed, 8));
  EXPECT_NE(render(searcher_->suggest("बेलू", 8)).find("(andrei-belousov)"), std::string::npos);
}

TEST_F(SeedsSearchTest, SuggestCompletesTheLastWordFromHeadlinesByFrequency) {
  auto list = searcher_->suggest("उत्तर को", 8);
  ASSERT_FALSE(list.empty());
  EXPECT_NE(render(list).find("title:उत्तर कोरियन"), std::string::npos) << render(list);
  bool found = false;
  for (const auto& s : list) found |= s.text == "उत्तर कोरिया";  // the place, or the headline words
  EXPECT_TRUE(found) << render(list);
  for (std::size_t i = 1; i < list.size(); ++i)
    if (list[i].kind == list[i - 1].kind) {
      EXPECT_LE(list[i].documents, list[i - 1].documents) << render(list);
    }
  EXPECT_LE(searcher_->suggest("क", 3).size(), 3u);
  EXPECT_TRUE(searcher_->suggest("", 8).empty());
  EXPECT_TRUE(searcher_->suggest("zzzzqqq", 8).empty());
}

TEST_F(SeedsSearchTest, SaysWhatItAlsoSearched) {
  auto r = search("Belousov");
  ASSERT_FALSE(r.also_searched.empty());
  EXPECT_EQ(r.also_searched[0].query, "belousov");
  std::set<std::string> also(r.also_searched[0].also.begin(), r.also_searched[0].also.end());
  EXPECT_TRUE(also.contains("बेलूसोव") && also.contains("बेलोसोव"));
  // The variant is highlighted in the snippet.
  ASSERT_FALSE(r.hits.empty());
  EXPECT_NE(r.hits[0].snippet_html.find("<mark>बेल"), std::string::npos) << r.hits[0].snippet_html;
}

TEST_F(SeedsSearchTest, LatinKimJongFindsTheMixedScriptArticleFirst) {
  auto r = search("Kim Jong");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, kSeed001);
  EXPECT_NE(r.hits[0].snippet_html.find("<mark>Kim</mark> <mark>Jong</mark>"), std::string::npos)
      << r.hits[0].snippet_html;
}

TEST_F(SeedsSearchTest, NuktaSpellingsFindTheSameArticles) {
  auto with = ids_of(search("पढ़ें"));
  auto without = ids_of(search("पढें"));
  EXPECT_EQ(with, without);
  EXPECT_EQ(with, (std::set<std::string>{kSeed000, kSeed004}));
}

TEST_F(SeedsSearchTest, DevanagariDigitsFindAsciiNumbers) {
  EXPECT_EQ(ids_of(search("१०,०००")), (std::set<std::string>{kSeed002, kSeed004}));
  EXPECT_EQ(ids_of(search("10,000")), (std::set<std::string>{kSeed002, kSeed004}));
}

TEST_F(SeedsSearchTest, PhraseNeedsTheWordsInOrder) {
  EXPECT_EQ(ids_of(search("\"कोरियन सेंट्रल न्यूज एजेंसी\"")), (std::set<std::string>{kSeed002, kSeed004}));
  EXPECT_TRUE(search("\"एजेंसी न्यूज सेंट्रल कोरियन\"").hits.empty());
}

TEST_F(SeedsSearchTest, RussiaHasEntityFacetsWithCountsOverAllMatches) {
  SearchRequest req;
  req.per_page = 1;  // facets must not depend on the page
  auto r = search("रूस", req);
  EXPECT_EQ(r.total, 5u);
  for (const char* type : {"person", "place", "org"}) {
    ASSERT_FALSE(r.facets[type].empty()) << type;
    for (const auto& v : r.facets[type]) {
      EXPECT_GE(v.count, 1u);
      EXPECT_LE(v.count, 5u);
      EXPECT_FALSE(v.label.empty()) << v.id;
    }
  }
  // Filtering by a facet value gives exactly its count.
  const auto& top = r.facets["person"][0];
  SearchRequest filtered;
  filtered.persons = {top.id};
  auto f = search("रूस", filtered);
  EXPECT_EQ(f.total, top.count) << top.id;
}

// Issue "entity facets": one facet value per real entity, whatever the spelling.
// Counts read off the five seed texts by hand: किम जोंग उन (or Kim Jong उन) in
// all five; बेलूसोव (002) and बेलोसोव (003); प्योंगयांग (001, 002, 004) and
// पाइओंगयांग (003); मास्को/मॉस्को in 001, 002, 004; केसीएनए/KCNA (001) and
// कोरियन सेंट्रल न्यूज एजेंसी (002, 004).
TEST_F(SeedsSearchTest, RussiaFacetsMergeSpellingsIntoOneEntity) {
  auto r = search("रूस");
  auto count = [&](const char* type, const char* id) -> long {
    for (const auto& v : r.facets[type])
      if (v.id == id) return static_cast<long>(v.count);
    return -1;
  };
  EXPECT_EQ(count("person", "kim-jong-un"), 5);
  EXPECT_EQ(count("person", "andrei-belousov"), 2);
  EXPECT_EQ(count("place", "pyongyang"), 4);
  EXPECT_EQ(count("place", "moscow"), 3);
  EXPECT_EQ(count("org", "kcna"), 3);
  // No stray values: every person is a listed person, and no place is one.
  for (const auto& v : r.facets["person"]) {
    EXPECT_FALSE(v.id.starts_with("x-")) << "unlisted person " << v.label;
    for (const auto& p : r.facets["place"]) EXPECT_NE(v.label, p.label);
  }
}

TEST_F(SeedsSearchTest, TwoEntityFiltersMustBothHold) {
  auto all = search("रूस");
  ASSERT_GE(all.facets["person"].size(), 2u);
  SearchRequest one, both;
  one.persons = {all.facets["person"][0].id};
  both.persons = {all.facets["person"][0].id, all.facets["person"][1].id};
  auto a = search("रूस", one), b = search("रूस", both);
  EXPECT_LE(b.total, a.total);
  for (const auto& id : ids_of(b)) EXPECT_TRUE(ids_of(a).contains(id));
}

TEST_F(SeedsSearchTest, TitleFieldOnlyMatchesHeadlines) {
  // 003's headline line talks of the visit; its body mentions पाइओंगयांग, the headline does not.
  EXPECT_TRUE(search("title:exact:पाइओंगयांग").hits.empty());
  EXPECT_FALSE(search("पाइओंगयांग").hits.empty());
}

// ---- more like this: three stories on each of three topics
TEST(SimilarTest, FindsTheStoriesOnTheSameTopicAndNeverTheArticleItself) {
  test::TempDir dir;
  const char* topics[3][3] = {
      {"भारतीय क्रिकेट टीम ने टेस्ट मैच में शानदार बल्लेबाजी की और विकेटकीपर ने शतक लगाया।",
       "टेस्ट मैच के तीसरे दिन बल्लेबाजी करते हुए भारतीय टीम ने विकेट गंवाए, शतक से चूके कप्तान।",
       "क्रिकेट टेस्ट में गेंदबाजों ने विकेट लिए, बल्लेबाजी में भारतीय टीम का शतक।"},
      {"मानसून की बारिश से नदियों में बाढ़, किसानों की फसलें डूबीं और बांध भरे।",
       "भारी बारिश के बाद बाढ़ का पानी गांवों में घुसा, नदियों का जलस्तर बढ़ा, फसलें बर्बाद।",
       "मौसम विभाग ने मानसून की बारिश से बाढ़ की चेतावनी दी, नदियों के किनारे के किसान सतर्क।"},
      {"चुनाव आयोग ने मतदान की तारीखें घोषित कीं, उम्मीदवारों ने नामांकन भरे।",
       "मतदान केंद्रों पर लंबी कतारें, चुनाव में उम्मीदवारों के समर्थक उत्साहित, आयोग ने निगरानी की।",
       "चुनाव के नतीजे: मतगणना में उम्मीदवारों की जीत, आयोग ने मतदान प्रतिशत बताया।"}};
  std::string jsonl;
  for (int t = 0; t < 3; ++t)
    for (int i = 0; i < 3; ++i)
      jsonl += "{\"id\":\"t" + std::to_string(t) + "-" + std::to_string(i) + "\",\"title\":\"समाचार\",\"body\":\"" +
               topics[t][i] + "\"}\n";
  auto db = test::build_index(dir, {dir.write("in.jsonl", jsonl).string()});
  auto searcher = Searcher::open(db);
  ASSERT_TRUE(searcher.has_value());
  for (int t = 0; t < 3; ++t) {
    const std::string id = "t" + std::to_string(t) + "-0";
    auto r = searcher->similar(id, 5);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_GE(r->hits.size(), 2u) << id;
    std::set<std::string> top{r->hits[0].id, r->hits[1].id};
    EXPECT_EQ(top, (std::set<std::string>{"t" + std::to_string(t) + "-1", "t" + std::to_string(t) + "-2"})) << id;
    for (const auto& h : r->hits) EXPECT_NE(h.id, id);
    EXPECT_NE(r->hits[0].snippet_html.find("<mark>"), std::string::npos) << "the shared words are marked";
  }
  auto missing = searcher->similar("no-such-id", 5);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, SearchError::Code::NotFound);
  EXPECT_FALSE(searcher->similar("t0-0", 0).has_value());
}

// ---- copies of one story collapse into one hit
TEST(CollapseTest, AgencyCopiesAreOneHitWithACountAndCanBeListed) {
  test::TempDir dir;
  const std::string lead =
      "नई दिल्ली में केंद्रीय स्वास्थ्य मंत्रालय ने सोमवार को बताया कि देश में कोरोना वायरस के दो नए मरीज मिले हैं। "
      "एक मरीज दिल्ली का है और दूसरा तेलंगाना का, दोनों हाल ही में इटली और दुबई से लौटे थे। मंत्रालय ने कहा कि "
      "दोनों की हालत स्थिर है और उनके संपर्क में आए लोगों की पहचान की जा रही है। राज्यों को हवाई अड्डों पर जांच "
      "बढ़ाने और अस्पतालों में अलग वार्ड तैयार रखने को कहा गया है।";
  std::string jsonl;
  for (const char* id : {"pti", "ians", "univarta"})
    jsonl += std::string("{\"id\":\"") + id + "\",\"title\":\"कोरोना के दो नए मरीज (" + id + ")\",\"body\":\"" + lead + "\"}\n";
  jsonl += "{\"id\":\"other\",\"title\":\"कोरोना: स्कूल बंद\",\"body\":\"कोरोना वायरस के कारण दिल्ली के स्कूल बंद।\"}\n";
  auto db = test::build_index(dir, {dir.write("in.jsonl", jsonl).string()});
  auto searcher = Searcher::open(db);
  ASSERT_TRUE(searcher.has_value());
  SearchRequest req;
  req.query = "कोरोना";
  auto collapsed = searcher->search(req);
  ASSERT_TRUE(collapsed.has_value());
  ASSERT_EQ(collapsed->hits.size(), 2u);
  const SearchHit* copy = nullptr;
  for (const auto& h : collapsed->hits)
    if (h.id != "other") copy = &h;
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->duplicates, 2u);
  EXPECT_EQ(copy->story.size(), 16u);

  req.collapse = false;
  auto all = searcher->search(req);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->hits.size(), 4u);
  for (const auto& h : all->hits) EXPECT_EQ(h.duplicates, 0u);

  SearchRequest story;
  story.story = copy->story;
  auto copies = searcher->search(story);
  ASSERT_TRUE(copies.has_value());
  EXPECT_EQ(ids_of(*copies), (std::set<std::string>{"pti", "ians", "univarta"}));
}

// ---- boost=recent: relevance first, fresher news preferred
TEST(RecencyBoostTest, PrefersTheNewerOfEqualMatchesButNotAMuchWorseOne) {
  test::TempDir dir;
  auto input = dir.write("in.jsonl",
                         "{\"id\":\"old\",\"title\":\"बाढ़ का कहर\",\"body\":\"नदी में बाढ़ आई।\",\"date\":\"2020-01-01\"}\n"
                         "{\"id\":\"new\",\"title\":\"बाढ़ का कहर\",\"body\":\"नदी में बाढ़ आई।\",\"date\":\"2024-06-01\"}\n"
                         "{\"id\":\"best\",\"title\":\"बाढ़ राहत शिविर बाढ़ पीड़ित\",\"body\":\"बाढ़ राहत शिविर में बाढ़ पीड़ित। राहत शिविर।\",\"date\":\"2019-01-01\"}\n"
                         "{\"id\":\"undated\",\"title\":\"बाढ़ का कहर\",\"body\":\"नदी में बाढ़ आई।\"}\n");
  auto db = test::build_index(dir, {input.string()});
  auto searcher = Searcher::open(db);
  ASSERT_TRUE(searcher.has_value());
  auto ranked = [&](const std::string& q, bool boost) {
    SearchRequest req;
    req.query = q;
    req.boost_recent = boost;
    auto r = searcher->search(req);
    std::vector<std::string> ids;
    if (r)
      for (const auto& h : r->hits) ids.push_back(h.id);
    return ids;
  };
  // Equal matches: the newer first with the boost; the undated last.
  auto plain = ranked("बाढ़ कहर", false), boosted = ranked("बाढ़ कहर", true);
  ASSERT_EQ(boosted.size(), 4u);
  EXPECT_EQ(boosted[0], "new");
  EXPECT_LT(std::ranges::find(boosted, "new") - boosted.begin(), std::ranges::find(boosted, "old") - boosted.begin());
  EXPECT_EQ(std::set<std::string>(plain.begin(), plain.end()), std::set<std::string>(boosted.begin(), boosted.end()));
  // A much better match stays first, however old.
  EXPECT_EQ(ranked("बाढ़ राहत शिविर पीड़ित", true).at(0), "best");
}

class DatedSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto input = dir_.write("dated.jsonl", test::kDatedJsonl);
    searcher_ = std::make_unique<Searcher>(*Searcher::open(test::build_index(dir_, {input.string()})));
  }
  std::vector<std::string> ranked(SearchRequest req) {
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    std::vector<std::string> ids;
    if (r)
      for (const auto& h : r->hits) ids.push_back(h.id);
    return ids;
  }
  test::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(DatedSearchTest, SortNewestAndOldest) {
  SearchRequest req;
  req.query = "मानसून";
  req.sort = SortOrder::Newest;
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"new", "mid", "old", "undated"}));
  req.sort = SortOrder::Oldest;
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"old", "mid", "new", "undated"}));
}

TEST_F(DatedSearchTest, DateRangeIsInclusiveAndUsesUtc) {
  SearchRequest req;
  req.query = "मानसून";
  req.sort = SortOrder::Newest;
  req.from = "2022-07-18";
  req.to = "2024-05-30";  // "new" is 2024-05-30 04:00 UTC
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"new", "mid"}));
  req.from = "2023-01-01";
  req.to = "";
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"new"}));
}

TEST_F(DatedSearchTest, SourceFilterAndFacet) {
  SearchRequest req;
  req.query = "मानसून";
  req.sources = {"भारत वार्ता"};
  req.sort = SortOrder::Newest;
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"new", "mid"}));
  req.sources = {};
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->facets["source"].size(), 2u);
  EXPECT_EQ(r->facets["source"][0].label, "भारत वार्ता");
  EXPECT_EQ(r->facets["source"][0].count, 2u);
}

TEST_F(DatedSearchTest, EmptyQueryBrowsesNewestFirst) {
  SearchRequest req;
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"new", "mid", "old", "undated"}));
}

TEST_F(DatedSearchTest, PagingIsConsistent) {
  SearchRequest req;
  req.query = "मानसून";
  req.sort = SortOrder::Newest;
  req.per_page = 2;
  req.page = 2;
  EXPECT_EQ(ranked(req), (std::vector<std::string>{"old", "undated"}));
}

struct BadRequestCase {
  const char* name;
  SearchRequest request;
  SearchError::Code code;
  const char* message_start;
};

class BadRequestTest : public DatedSearchTest, public ::testing::WithParamInterface<BadRequestCase> {};

TEST_P(BadRequestTest, IsAnErrorWithAMessage) {
  const auto& c = GetParam();
  auto r = searcher_->search(c.request);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, c.code);
  EXPECT_TRUE(r.error().message.starts_with(c.message_start)) << r.error().message;
}

SearchRequest with(void (*edit)(SearchRequest&)) {
  SearchRequest r;
  r.query = "मानसून";
  edit(r);
  return r;
}

INSTANTIATE_TEST_SUITE_P(
    Limits, BadRequestTest,
    ::testing::Values(
        BadRequestCase{"per_page_zero", with([](SearchRequest& r) { r.per_page = 0; }), SearchError::Code::BadRequest, "per_page"},
        BadRequestCase{"per_page_huge", with([](SearchRequest& r) { r.per_page = 1000; }), SearchError::Code::BadRequest, "per_page"},
        BadRequestCase{"page_zero", with([](SearchRequest& r) { r.page = 0; }), SearchError::Code::BadRequest, "page must"},
        BadRequestCase{"too_deep", with([](SearchRequest& r) { r.page = 2000; }), SearchError::Code::BadRequest, "page * per_page"},
        BadRequestCase{"bad_from", with([](SearchRequest& r) { r.from = "2024/01/01"; }), SearchError::Code::BadRequest, "from must be a date"},
        BadRequestCase{"from_after_to", with([](SearchRequest& r) { r.from = "2024-01-02"; r.to = "2024-01-01"; }), SearchError::Code::BadRequest, "from is after to"},
        BadRequestCase{"query_too_long", with([](SearchRequest& r) { r.query = std::string(5000, 'a'); }), SearchError::Code::TooLarge, "query is 5000 bytes"},
        BadRequestCase{"invalid_utf8", with([](SearchRequest& r) { r.query = "\xe0\xa4"; }), SearchError::Code::BadRequest, "query is not valid UTF-8"},
        BadRequestCase{"unbalanced", with([](SearchRequest& r) { r.query = "(मानसून"; }), SearchError::Code::BadQuery, "'(' is never closed (at character 1)"}),
    test::RowName{});

TEST(CompoundSearchTest, PiecesAndWholeAreFindable) {
  test::TempDir dir;
  auto input = dir.write("c.jsonl",
                         "{\"id\":\"yoon\",\"body\":\"दक्षिण कोरिया के राष्ट्रपति यून सुक-योल ने कहा।\"}\n"
                         "{\"id\":\"us\",\"body\":\"U.S. army ने अभ्यास किया।\"}\n"
                         "{\"id\":\"other\",\"body\":\"सुक नाम का गाँव और योल नदी।\"}\n");
  Searcher s = *Searcher::open(test::build_index(dir, {input.string()}));
  auto ids = [&](const char* q) {
    SearchRequest req;
    req.query = q;
    return ids_of(*s.search(req));
  };
  EXPECT_EQ(ids("सुकयोल"), std::set<std::string>{"yoon"});
  EXPECT_EQ(ids("\"सुक-योल\""), std::set<std::string>{"yoon"});
  EXPECT_EQ(ids("\"सुक योल\""), std::set<std::string>{"yoon"});
  EXPECT_EQ(ids("US"), std::set<std::string>{"us"});
  EXPECT_EQ(ids("U.S."), std::set<std::string>{"us"});
}

TEST_F(DatedSearchTest, FindDocumentByIdAndUnknownId) {
  auto a = searcher_->find_document("mid");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->title, "मानसून सत्र शुरू");
  EXPECT_FALSE(searcher_->find_document("nope").has_value());
}

TEST_F(DatedSearchTest, NewCommitsAreSeenAfterRefresh) {
  const auto before = searcher_->stats();
  auto more = dir_.write("more.jsonl", "{\"id\":\"later\",\"title\":\"मानसून विदा\",\"body\":\"x\"}\n");
  ASSERT_TRUE(indexer::run_index_job(dir_ / "db", {more.string()}, {}, {}).has_value());
  searcher_->refresh();
  EXPECT_TRUE(searcher_->find_document("later").has_value());
  // The cached term count belongs to the old revision: "विदा" and Qlater are new.
  EXPECT_GT(searcher_->stats().terms, before.terms);
  EXPECT_EQ(searcher_->stats().documents, before.documents + 1);
}

}  // namespace
}  // namespace talash::searcher

namespace talash::searcher {
namespace {

// The project's own sample corpus (corpus/articles.jsonl), as scripts/run serves it.
class CorpusSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    auto db = test::build_index(*dir_, {(test::source_dir() / "corpus" / "articles.jsonl").string()});
    searcher_ = new Searcher(*Searcher::open(db));
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }
  static std::set<std::string> ids(const std::string& q) {
    SearchRequest req;
    req.query = q;
    req.per_page = 100;
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    std::set<std::string> out;
    if (r)
      for (const auto& h : r->hits) out.insert(h.id.substr(h.id.size() - 4));
    return out;
  }
  static test::TempDir* dir_;
  static Searcher* searcher_;
};
test::TempDir* CorpusSearchTest::dir_ = nullptr;
Searcher* CorpusSearchTest::searcher_ = nullptr;

// Expected ids were found with an independent Python fold (NFD, drop nukta,
// chandrabindu -> anusvara, digits) over corpus/articles.jsonl. Stemming may
// add inflected forms, so results must contain them.
void expect_contains(const std::set<std::string>& got, const std::set<std::string>& expected) {
  for (const auto& id : expected) EXPECT_TRUE(got.contains(id)) << "missing talash-" << id;
}

TEST_F(CorpusSearchTest, PagesAcrossTheRerankedTopAreConsistent) {
  // Several content words: proximity reranks the first stage's top results.
  SearchRequest one;
  one.query = "भारत सरकार ने नई योजना शुरू की";
  one.per_page = 70;
  auto all = searcher_->search(one);
  ASSERT_TRUE(all.has_value());
  ASSERT_GT(all->hits.size(), 40u) << "the query must reach past the reranked depth";
  std::vector<std::string> whole, paged;
  for (const auto& h : all->hits) whole.push_back(h.id);
  for (std::size_t page = 1; page <= 10; ++page) {
    SearchRequest req = one;
    req.per_page = 7;
    req.page = page;
    auto r = searcher_->search(req);
    ASSERT_TRUE(r.has_value());
    for (const auto& h : r->hits) paged.push_back(h.id);
  }
  EXPECT_EQ(paged, whole);
  for (std::size_t i = 1; i < all->hits.size(); ++i) EXPECT_GE(all->hits[i - 1].score, all->hits[i].score) << i;
}

TEST_F(CorpusSearchTest, EveryArticleIsIndexed) { EXPECT_EQ(searcher_->document_count(), 107u); }

TEST_F(CorpusSearchTest, ChandrabinduAndAnusvaraSpellingsAgree) {
  EXPECT_EQ(ids("जाँच"), ids("जांच"));
  expect_contains(ids("जाँच"), {"0034", "0040", "0044", "0101"});
}

TEST_F(CorpusSearchTest, NuktaSpellingsAgree) {
  EXPECT_EQ(ids("ज़्यादा"), ids("ज्यादा"));
  expect_contains(ids("ज्यादा"), {"0006", "0019", "0063", "0067", "0074", "0091", "0101"});
}

TEST_F(CorpusSearchTest, DigitsInEitherScript) {
  EXPECT_EQ(ids("१०,०००"), ids("10,000"));
  expect_contains(ids("१०,०००"), {"0060"});
}

TEST_F(CorpusSearchTest, PersonFacetFiltersToArticlesAboutThem) {
  SearchRequest req;
  req.query = "पुतिन";
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.has_value());
  auto& people = r->facets["person"];
  auto putin = std::ranges::find(people, std::string("vladimir-putin"), &FacetValue::id);
  ASSERT_NE(putin, people.end());
  EXPECT_EQ(putin->label_en, "Vladimir Putin");
  req.persons = {"vladimir-putin"};
  req.query = "";
  auto filtered = searcher_->search(req);
  ASSERT_TRUE(filtered.has_value());
  EXPECT_GE(filtered->total, putin->count);
}

}  // namespace
}  // namespace talash::searcher
