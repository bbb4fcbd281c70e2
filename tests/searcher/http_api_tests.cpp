#include <gtest/gtest.h>

#include "tests/row_name.h"

#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "searcher/http_api.h"
#include "searcher/http_server.h"
#include "searcher/static_files.h"
#include "tests/searcher/index_fixture.h"

namespace talash::searcher {
namespace {

using nlohmann::json;

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto input = dir_.write("in.jsonl", std::string(test::kDatedJsonl) +
                                            "{\"id\":\"a/b c\",\"title\":\"<script>alert(1)</script> मानसून\","
                                            "\"body\":\"<img src=x onerror=alert(1)> मानसून।\"}\n");
    db_ = test::build_index(dir_, {input.string()});
    pool_ = std::make_unique<SearcherPool>(db_);
    api_ = std::make_unique<HttpApi>(*pool_);
  }
  ApiResponse get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
    return api_->handle({"GET", path, std::move(params)});
  }
  test::TempDir dir_;
  std::filesystem::path db_;
  std::unique_ptr<SearcherPool> pool_;
  std::unique_ptr<HttpApi> api_;
};

TEST_F(HttpApiTest, SearchAnswersTheDocumentedShape) {
  auto r = get("/api/search", {{"q", "मानसून"}, {"per_page", "2"}, {"sort", "newest"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["query"], "मानसून");
  EXPECT_EQ(j["total"], 5);
  EXPECT_EQ(j["total_is_exact"], true);
  EXPECT_EQ(j["page"], 1);
  EXPECT_EQ(j["per_page"], 2);
  ASSERT_EQ(j["hits"].size(), 2u);
  EXPECT_EQ(j["hits"][0]["id"], "new");
  for (const char* key : {"id", "title", "url", "date", "source", "score", "snippet"})
    EXPECT_TRUE(j["hits"][0].contains(key)) << key;
  for (const char* key : {"person", "place", "org", "source"}) EXPECT_TRUE(j["facets"].contains(key)) << key;
  EXPECT_GE(j["took_ms"].get<double>(), 0.0);
}

TEST_F(HttpApiTest, ExactParameterIsValidatedAndAlsoSearchedIsAList) {
  auto r = get("/api/search", {{"q", "मानसून"}, {"exact", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json::parse(r.body)["also_searched"].is_array());
  EXPECT_TRUE(json::parse(r.body)["also_searched"].empty());
  auto bad = get("/api/search", {{"q", "मानसून"}, {"exact", "maybe"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"]["code"], "bad_request");
}

TEST_F(HttpApiTest, SuggestAnswersAListAndValidatesItsParameters) {
  auto r = get("/api/suggest", {{"q", "मानस"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["query"], "मानस");
  ASSERT_FALSE(j["suggestions"].empty()) << r.body;
  EXPECT_EQ(j["suggestions"][0]["text"], "मानसून");
  EXPECT_EQ(j["suggestions"][0]["kind"], "title");
  EXPECT_EQ(get("/api/suggest", {{"q", "x"}, {"limit", "0"}}).status, 400);
  EXPECT_EQ(get("/api/suggest", {{"q", std::string(300, 'x')}}).status, 400);
  EXPECT_EQ(get("/api/suggest", {}).status, 200);
}

TEST_F(HttpApiTest, CollapseAndStoryParametersAreValidated) {
  EXPECT_EQ(get("/api/search", {{"q", "मानसून"}, {"collapse", "0"}}).status, 200);
  EXPECT_EQ(get("/api/search", {{"q", "मानसून"}, {"collapse", "maybe"}}).status, 400);
  EXPECT_EQ(get("/api/search", {{"q", "मानसून"}, {"story", "0123456789abcdef"}}).status, 200);
  EXPECT_EQ(get("/api/search", {{"q", "मानसून"}, {"story", "../etc"}}).status, 400);
  auto r = json::parse(get("/api/search", {{"q", "मानसून"}}).body);
  ASSERT_FALSE(r["hits"].empty());
  EXPECT_TRUE(r["hits"][0].contains("duplicates"));
  EXPECT_TRUE(r["hits"][0].contains("story"));
}

TEST_F(HttpApiTest, BoostIsRecentOrNone) {
  EXPECT_EQ(get("/api/search", {{"q", "मानसून"}, {"boost", "recent"}}).status, 200);
  EXPECT_EQ(get("/api/search", {{"q", "मानसून"}, {"boost", "none"}}).status, 200);
  auto bad = get("/api/search", {{"q", "मानसून"}, {"boost", "viral"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(json::parse(bad.body)["error"]["message"].get<std::string>().find("boost"), std::string::npos);
}

TEST_F(HttpApiTest, SimilarAnswersTheSearchShapeOr404) {
  auto r = get("/api/similar/mid", {{"per_page", "3"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["query"], "similar:mid");
  ASSERT_TRUE(j["hits"].is_array());  // what is similar: SimilarTest in search_tests.cpp
  for (const auto& h : j["hits"]) EXPECT_NE(h["id"], "mid");
  EXPECT_EQ(get("/api/similar/nope").status, 404);
  EXPECT_EQ(get("/api/similar/mid", {{"per_page", "0"}}).status, 400);
}

TEST_F(HttpApiTest, DocumentTextIsEscapedInSnippetsAndTitles) {
  auto r = get("/api/search", {{"q", "मानसून"}, {"per_page", "10"}});
  auto j = json::parse(r.body);
  bool seen = false;
  for (const auto& h : j["hits"]) {
    if (h["id"] != "a/b c") continue;
    seen = true;
    EXPECT_EQ(h["title_html"], "&lt;script&gt;alert(1)&lt;/script&gt; <mark>मानसून</mark>");
    EXPECT_EQ(h["snippet"], "&lt;img src=x onerror=alert(1)&gt; <mark>मानसून</mark>।");
    EXPECT_EQ(h["title"], "<script>alert(1)</script> मानसून");  // plain field: raw text, JSON-escaped
  }
  EXPECT_TRUE(seen);
}

TEST_F(HttpApiTest, RepeatedSourceParametersAreAlternatives) {
  auto r = get("/api/search", {{"q", "मानसून"}, {"source", "भारत वार्ता"}, {"source", "दिल्ली दर्पण"}});
  EXPECT_EQ(json::parse(r.body)["total"], 3);
}

TEST_F(HttpApiTest, DocumentByIdWithSlashAndSpace) {
  auto r = get("/api/doc/a/b c");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["id"], "a/b c");
}

struct ErrorCase {
  const char* name;
  std::string path;
  std::multimap<std::string, std::string> params;
  int status;
  const char* code;
};

class HttpErrorTest : public HttpApiTest, public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(HttpErrorTest, AnswersJsonErrorWithStatus) {
  const auto& c = GetParam();
  auto r = get(c.path, c.params);
  EXPECT_EQ(r.status, c.status) << r.body;
  auto j = json::parse(r.body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.body;
  EXPECT_EQ(j["error"]["code"], c.code);
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Errors, HttpErrorTest,
    ::testing::Values(
        ErrorCase{"unknown_doc", "/api/doc/nope", {}, 404, "not_found"},
        ErrorCase{"unknown_endpoint", "/api/nothing", {}, 404, "not_found"},
        ErrorCase{"invalid_utf8_query", "/api/search", {{"q", "\xff\xfe"}}, 400, "bad_request"},
        ErrorCase{"invalid_utf8_filter", "/api/search", {{"q", "x"}, {"person", "\xc3"}}, 400, "bad_request"},
        ErrorCase{"page_not_a_number", "/api/search", {{"q", "x"}, {"page", "two"}}, 400, "bad_request"},
        ErrorCase{"negative_page", "/api/search", {{"q", "x"}, {"page", "-1"}}, 400, "bad_request"},
        ErrorCase{"per_page_too_big", "/api/search", {{"q", "x"}, {"per_page", "500"}}, 400, "bad_request"},
        ErrorCase{"too_deep", "/api/search", {{"q", "x"}, {"page", "5000"}}, 400, "bad_request"},
        ErrorCase{"bad_sort", "/api/search", {{"q", "x"}, {"sort", "random"}}, 400, "bad_request"},
        ErrorCase{"bad_date", "/api/search", {{"q", "x"}, {"from", "June"}}, 400, "bad_request"},
        ErrorCase{"query_syntax", "/api/search", {{"q", "(x"}}, 400, "bad_query"},
        ErrorCase{"query_too_long", "/api/search", {{"q", std::string(3000, 'x')}}, 413, "too_large"}),
    test::RowName{});

TEST_F(HttpApiTest, EntityEndpointGivesAliasesAndDocumentCount) {
  auto more = dir_.write("kcna.jsonl",
                         "{\"id\":\"k1\",\"body\":\"केसीएनए ने बताया कि बैठक हुई।\"}\n"
                         "{\"id\":\"k2\",\"body\":\"KCNA के अनुसार किम ने दौरा किया।\"}\n");
  ASSERT_TRUE(indexer::run_index_job(db_, {more.string()}, {}, {}).has_value());
  auto r = get("/api/entity/kcna");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["type"], "org");
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["label_en"], "Korean Central News Agency");
  auto aliases = j["aliases"].get<std::vector<std::string>>();
  EXPECT_NE(std::ranges::find(aliases, "केसीएनए"), aliases.end());
  EXPECT_EQ(std::set<std::string>(aliases.begin(), aliases.end()).size(), aliases.size()) << "no duplicates";
  EXPECT_EQ(get("/api/entity/no-such-entity").status, 404);
}

TEST_F(HttpApiTest, WritesAreRefused) {
  auto r = api_->handle({"POST", "/api/search", {}});
  EXPECT_EQ(r.status, 405);
}

TEST(StaticFilesTest, NeverLeavesTheWebFolder) {
  test::TempDir dir;
  dir.write("web/index.html", "<p>hi</p>");
  dir.write("web/app.js", "1");
  dir.write("secret.txt", "no");
  dir.write("web/.hidden", "no");
  std::filesystem::create_directory_symlink(dir.path(), dir / "web/up");
  auto web = dir / "web";
  EXPECT_TRUE(resolve_static(web, "/").has_value());
  EXPECT_EQ(resolve_static(web, "/app.js")->content_type, "text/javascript; charset=utf-8");
  for (const char* bad : {"/../secret.txt", "/a/../../secret.txt", "/up/secret.txt", "/.hidden", "//etc/passwd",
                          "/..", "/nothing.html", "relative.html"})
    EXPECT_FALSE(resolve_static(web, bad).has_value()) << bad;
}

// Real HTTP on an ephemeral port.
class HttpServerTest : public HttpApiTest {
 protected:
  void SetUp() override {
    HttpApiTest::SetUp();
    web_ = dir_.write("web/index.html", "<!doctype html><title>तलाश</title>").parent_path();
    dir_.write("outside.txt", "secret");
    server_ = std::make_unique<HttpServer>(ServerOptions{db_, web_, "127.0.0.1", 0, 4});
    auto port = server_->bind();
    ASSERT_TRUE(port.has_value()) << port.error();
    port_ = *port;
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Result get(const std::string& target) {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(5);
    return client.Get(target.c_str());
  }
  std::filesystem::path web_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::thread thread_;
};

TEST_F(HttpServerTest, SearchOverHttpWithPercentEncodedDevanagari) {
  auto res = get("/api/search?q=%E0%A4%AE%E0%A4%BE%E0%A4%A8%E0%A4%B8%E0%A5%82%E0%A4%A8&sort=oldest");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  auto j = json::parse(res->body);
  EXPECT_EQ(j["hits"][0]["id"], "old");
}

TEST_F(HttpServerTest, OtherSitesMayReadTheApiButNotThePage) {
  // The embeddable search box calls /api/suggest from a news site's page.
  auto api = get("/api/suggest?q=%E0%A4%AE");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->get_header_value("Access-Control-Allow-Origin"), "*");
  auto page = get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->get_header_value("Access-Control-Allow-Origin"), "");
}

TEST_F(HttpServerTest, InvalidUtf8InTheQueryIsA400) {
  auto res = get("/api/search?q=%FF%FE");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "bad_request");
}

TEST_F(HttpServerTest, DocumentIdsArePercentDecoded) {
  auto res = get("/api/doc/a%2Fb%20c");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(HttpServerTest, ServesThePageAndRefusesPathTraversal) {
  auto page = get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("तलाश"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  for (const char* bad : {"/../outside.txt", "/%2e%2e/outside.txt", "/..%2Foutside.txt", "/%2E%2E%2Foutside.txt"}) {
    auto res = get(bad);
    ASSERT_TRUE(res) << bad;
    EXPECT_NE(res->status, 200) << bad;
    EXPECT_EQ(res->body.find("secret"), std::string::npos) << bad;
  }
}

TEST_F(HttpServerTest, HealthAndStats) {
  auto h = get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(json::parse(h->body)["status"], "ok");
  auto s = get("/api/stats");
  ASSERT_TRUE(s);
  auto j = json::parse(s->body);
  EXPECT_EQ(j["documents"], 5);
  EXPECT_GT(j["bytes_on_disk"].get<long>(), 0);
}

TEST_F(HttpServerTest, NewlyIndexedDocumentsAreVisibleWithoutRestart) {
  auto more = dir_.write("more.jsonl", "{\"id\":\"fresh\",\"title\":\"ताज़ा मानसून\",\"body\":\"x\"}\n");
  ASSERT_TRUE(get("/api/search?q=x"));  // a searcher exists and is pooled
  ASSERT_TRUE(indexer::run_index_job(db_, {more.string()}, {}, {}).has_value());
  auto res = get("/api/doc/fresh");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace talash::searcher
