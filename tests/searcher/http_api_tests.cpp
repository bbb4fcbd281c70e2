#include <gtest/gtest.h>

#include "tests/row_name.h"

#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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
  EXPECT_EQ(j["time_limited"], false);
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

// ---- writes, without sockets ----

constexpr const char* kToken = "s3cret-token-0123456789";

// Records what the API asks of it; each non-blank line that starts with '{'
// is "added" with the line number as id, anything else is rejected.
class FakeWriter : public DocumentWriter {
 public:
  std::expected<WriteResult, WriteError> add_jsonl(std::string_view body) override {
    ++calls;
    last_body = body;
    if (error) return std::unexpected(*error);
    WriteResult r;
    std::size_t line = 0;
    for (std::size_t at = 0; at <= body.size();) {
      std::size_t eol = std::min(body.find('\n', at), body.size());
      std::string_view text = body.substr(at, eol - at);
      ++line;
      at = eol + 1;
      if (text.empty()) continue;
      if (text.starts_with('{')) r.records.push_back({line, "id" + std::to_string(line), RecordResult::Outcome::Added, {}});
      else r.records.push_back({line, {}, RecordResult::Outcome::Rejected, "invalid JSON"});
    }
    r.documents = 42;
    return r;
  }
  std::expected<DeleteResult, WriteError> remove(std::string_view id) override {
    ++calls;
    if (error) return std::unexpected(*error);
    return DeleteResult{id == "known", 41};
  }
  int calls = 0;
  std::string last_body;
  std::optional<WriteError> error;
};

class HttpWriteTest : public HttpApiTest {
 protected:
  void SetUp() override {
    HttpApiTest::SetUp();
    writes_ = WriteOptions{.writer = &writer_, .token = kToken, .max_body_bytes = 1000, .max_records = 5};
    api_ = std::make_unique<HttpApi>(*pool_, writes_);
  }
  ApiResponse send(std::string method, std::string path, std::string body = "{}",
                   std::string authorization = std::string("Bearer ") + kToken, std::string content_type = "") {
    return api_->handle({std::move(method), std::move(path), {}, std::move(body), std::move(authorization),
                         std::move(content_type)});
  }
  static std::string header(const ApiResponse& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
      if (n == name) return v;
    return "";
  }
  FakeWriter writer_;
  WriteOptions writes_;
};

struct RefusalCase {
  const char* name;
  std::string method;
  std::string path;
  std::string authorization;
  std::string content_type;
  bool writes_on;
  int status;
  const char* code;
  const char* extra_header;  // name=value expected among the response headers, or ""
};

class HttpWriteRefusalTest : public HttpWriteTest, public ::testing::WithParamInterface<RefusalCase> {};

// Each refusal is a JSON error, reaches no writer, and never echoes the token.
TEST_P(HttpWriteRefusalTest, AnswersJsonErrorWithoutWriting) {
  const auto& c = GetParam();
  if (!c.writes_on) api_ = std::make_unique<HttpApi>(*pool_);
  for (const bool before_body : {false, true}) {
    ApiRequest req{c.method, c.path, {}, "{\"id\":\"x\",\"body\":\"y\"}", c.authorization, c.content_type};
    ApiResponse r;
    if (before_body) {
      auto early = api_->answer_before_body(req, 20);
      ASSERT_TRUE(early.has_value()) << "must be answered before its body is read";
      r = *early;
    } else {
      r = api_->handle(req);
    }
    EXPECT_EQ(r.status, c.status) << r.body;
    auto j = json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.body;
    EXPECT_EQ(j["error"]["code"], c.code) << r.body;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
    EXPECT_EQ(r.body.find(kToken), std::string::npos);
    for (const auto& [name, value] : r.headers) EXPECT_EQ(value.find(kToken), std::string::npos) << name;
    if (*c.extra_header) {
      std::string want = c.extra_header;
      EXPECT_EQ(header(r, want.substr(0, want.find('='))), want.substr(want.find('=') + 1));
    }
  }
  EXPECT_EQ(writer_.calls, 0);
}

const std::string kBearer = std::string("Bearer ") + kToken;

INSTANTIATE_TEST_SUITE_P(
    Refusals, HttpWriteRefusalTest,
    ::testing::Values(
        RefusalCase{"post_with_writes_off", "POST", "/api/documents", kBearer, "", false, 403, "writes_disabled", ""},
        RefusalCase{"delete_with_writes_off", "DELETE", "/api/documents/a", kBearer, "", false, 403, "writes_disabled", ""},
        RefusalCase{"no_token", "POST", "/api/documents", "", "", true, 401, "unauthorized",
                    "WWW-Authenticate=Bearer realm=\"talash\""},
        RefusalCase{"wrong_token", "POST", "/api/documents", "Bearer s3cret-token-0123456780", "", true, 401,
                    "unauthorized", "WWW-Authenticate=Bearer realm=\"talash\", error=\"invalid_token\""},
        RefusalCase{"token_prefix", "DELETE", "/api/documents/a", "Bearer s3cret-token-012345678", "", true, 401,
                    "unauthorized", ""},
        RefusalCase{"token_longer", "POST", "/api/documents", kBearer + "9", "", true, 401, "unauthorized", ""},
        RefusalCase{"empty_bearer", "POST", "/api/documents", "Bearer ", "", true, 401, "unauthorized", ""},
        RefusalCase{"basic_scheme", "POST", "/api/documents", std::string("Basic ") + kToken, "", true, 401,
                    "unauthorized", ""},
        RefusalCase{"token_without_scheme", "POST", "/api/documents", kToken, "", true, 401, "unauthorized", ""},
        RefusalCase{"get_the_collection", "GET", "/api/documents", kBearer, "", true, 405, "method_not_allowed",
                    "Allow=POST"},
        RefusalCase{"post_to_an_id", "POST", "/api/documents/a", kBearer, "", true, 405, "method_not_allowed",
                    "Allow=DELETE"},
        RefusalCase{"put_to_an_id", "PUT", "/api/documents/a", kBearer, "", true, 405, "method_not_allowed", ""},
        RefusalCase{"delete_without_id", "DELETE", "/api/documents/", kBearer, "", true, 404, "not_found", ""},
        RefusalCase{"form_encoded_body", "POST", "/api/documents", kBearer, "application/x-www-form-urlencoded", true,
                    415, "unsupported_media_type", ""},
        RefusalCase{"multipart_body", "POST", "/api/documents", kBearer, "multipart/form-data; boundary=x", true, 415,
                    "unsupported_media_type", ""},
        RefusalCase{"post_to_search", "POST", "/api/search", kBearer, "", true, 405, "method_not_allowed", ""},
        RefusalCase{"delete_a_doc_read_path", "DELETE", "/api/doc/a", kBearer, "", true, 405, "method_not_allowed", ""}),
    test::RowName{});

TEST_F(HttpWriteTest, AnAuthorizedWriteWithinTheLimitIsReadThenWritten) {
  ApiRequest req{"POST", "/api/documents", {}, {}, "bearer  " + std::string(kToken) + " ", "application/x-ndjson"};
  EXPECT_FALSE(api_->answer_before_body(req, 1000).has_value()) << "the scheme is case-insensitive";
  EXPECT_FALSE(api_->answer_before_body(req, std::nullopt).has_value()) << "chunked: the server caps it";
  auto over = api_->answer_before_body(req, 1001);
  ASSERT_TRUE(over.has_value());
  EXPECT_EQ(over->status, 413);
  EXPECT_EQ(json::parse(over->body)["error"]["code"], "too_large");
  EXPECT_EQ(writer_.calls, 0);
}

TEST_F(HttpWriteTest, PostAnswersCountsAndEachLineWithItsReason) {
  auto r = send("POST", "/api/documents", "{\"a\":1}\nnot json\n\n{\"b\":2}\n");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["added"], 2);
  EXPECT_EQ(j["replaced"], 0);
  EXPECT_EQ(j["unchanged"], 0);
  EXPECT_EQ(j["rejected"], 1);
  EXPECT_EQ(j["documents"], 42);
  ASSERT_EQ(j["results"].size(), 3u);
  EXPECT_EQ(j["results"][0], json({{"line", 1}, {"id", "id1"}, {"result", "added"}}));
  EXPECT_EQ(j["results"][1], json({{"line", 2}, {"result", "rejected"}, {"reason", "invalid JSON"}}));
  EXPECT_EQ(j["results"][2]["line"], 4);
  EXPECT_FALSE(j.contains("error"));
}

TEST_F(HttpWriteTest, AllLinesRejectedIsA400ThatStillListsThem) {
  auto r = send("POST", "/api/documents", "oops\nnope\n");
  EXPECT_EQ(r.status, 400);
  auto j = json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "no_valid_records");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("line 1: invalid JSON"), std::string::npos) << r.body;
  EXPECT_EQ(j["rejected"], 2);
  EXPECT_EQ(j["results"].size(), 2u);
}

struct LimitCase {
  const char* name;
  std::string body;
  int status;
  const char* code;
};

class HttpWriteLimitTest : public HttpWriteTest, public ::testing::WithParamInterface<LimitCase> {};

TEST_P(HttpWriteLimitTest, RefusedBeforeTheWriter) {
  auto r = send("POST", "/api/documents", GetParam().body);
  EXPECT_EQ(r.status, GetParam().status) << r.body;
  EXPECT_EQ(json::parse(r.body)["error"]["code"], GetParam().code);
  EXPECT_EQ(writer_.calls, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Limits, HttpWriteLimitTest,
    ::testing::Values(LimitCase{"empty_body", "", 400, "bad_request"},
                      LimitCase{"only_blank_lines", "\n  \r\n\t\n", 400, "bad_request"},
                      LimitCase{"body_over_the_byte_limit", std::string(1001, ' ') + "{}", 413, "too_large"},
                      LimitCase{"more_records_than_allowed", "{}\n{}\n{}\n{}\n{}\n{}\n", 413, "too_large"}),
    test::RowName{});

TEST_F(HttpWriteTest, AtTheRecordLimitIsAccepted) {
  EXPECT_EQ(send("POST", "/api/documents", "{}\n{}\n\n{}\n{}\n{}").status, 200);
  EXPECT_EQ(writer_.calls, 1);
}

TEST_F(HttpWriteTest, BusyIndexIs503WithRetryAfterAndFailureIs500) {
  writer_.error = WriteError{WriteError::Code::Busy, "the index is being written by another process"};
  for (auto r : {send("POST", "/api/documents"), send("DELETE", "/api/documents/known")}) {
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(header(r, "Retry-After"), "5");
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "index_busy");
    EXPECT_NE(r.body.find("another process"), std::string::npos);
  }
  writer_.error = WriteError{WriteError::Code::Failed, "disk full"};
  auto r = send("POST", "/api/documents");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "write_failed");
}

TEST_F(HttpWriteTest, DeleteSaysDeletedOrNotFound) {
  auto r = send("DELETE", "/api/documents/known", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body), json({{"id", "known"}, {"deleted", true}, {"documents", 41}}));
  auto missing = send("DELETE", "/api/documents/a/b c", "");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body)["error"]["code"], "not_found");
  EXPECT_NE(missing.body.find("a/b c"), std::string::npos);
}

TEST_F(HttpWriteTest, WriteEndpointsIgnoreParametersEvenInvalidUtf8) {
  ApiRequest req{"DELETE", "/api/documents/known", {{"x", "\xff"}}, {}, kBearer, ""};
  EXPECT_EQ(api_->handle(req).status, 200);
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

// Writes over real HTTP: what cpp-httplib does before the API sees a request.
class HttpWriteServerTest : public HttpApiTest {
 protected:
  void SetUp() override {
    HttpApiTest::SetUp();
    ServerOptions o{db_, {}, "127.0.0.1", 0, 4};
    o.writer = &writer_;
    o.write_token = kToken;
    o.max_write_body = 2000;
    server_ = std::make_unique<HttpServer>(o);
    auto port = server_->bind();
    ASSERT_TRUE(port.has_value()) << port.error();
    port_ = *port;
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  // Sends raw bytes and reads until the server closes the connection (or 10 s pass).
  std::string raw_exchange(const std::string& request) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string got;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) got.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return got;
  }
  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
  FakeWriter writer_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::thread thread_;
};

// A refused request's body is dropped, but read: left unread, its bytes
// would be parsed as the next request on the connection (request smuggling).
// cpp-httplib reads 4 KiB at a time, so the hidden request is tried at that
// boundary too.
TEST_F(HttpWriteServerTest, ARefusedBodyIsNotTakenForTheNextRequest) {
  const std::string hidden = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  struct Row {
    std::string start;
    std::size_t after;  // bytes after the hidden request: 3000 puts the body over the 2000-byte limit
    std::string status;
  };
  const std::string authorized = "POST /api/documents HTTP/1.1\r\nAuthorization: Bearer " + std::string(kToken) + "\r\n";
  for (const auto& [start, after, status] :
       {Row{"POST /api/documents HTTP/1.1\r\n", 0, "HTTP/1.1 401"}, Row{"POST /api/documents HTTP/1.1\r\n", 3000, "HTTP/1.1 401"},
        Row{"POST /api/search HTTP/1.1\r\n", 0, "HTTP/1.1 405"}, Row{"PUT /index.html HTTP/1.1\r\n", 0, "HTTP/1.1 405"},
        Row{"DELETE /api/documents/x HTTP/1.1\r\n", 0, "HTTP/1.1 401"}, Row{authorized, 3000, "HTTP/1.1 413"}}) {
    std::string head;
    std::size_t pad = 0;
    for (;; ++pad) {  // the head's length depends on the length it states
      head = start + "Host: x\r\nContent-Length: " + std::to_string(pad + hidden.size() + after) + "\r\n\r\n";
      if (head.size() + pad == 4096) break;
    }
    auto got = raw_exchange(head + std::string(pad, 'x') + hidden + std::string(after, 'y'));
    EXPECT_TRUE(got.starts_with(status)) << start << after << "\n" << got;
    EXPECT_EQ(count(got, "HTTP/1.1 "), 1u) << start << after << "\n" << got;
    EXPECT_EQ(got.find("\"status\":\"ok\""), std::string::npos) << start << after;
  }
  EXPECT_EQ(writer_.calls, 0);
}

TEST_F(HttpWriteServerTest, AnUnauthorizedPostGetsTheBearerChallenge) {
  auto got = raw_exchange("POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_TRUE(got.starts_with("HTTP/1.1 401")) << got;
  EXPECT_NE(got.find("WWW-Authenticate: Bearer realm=\"talash\""), std::string::npos) << got;
  EXPECT_NE(got.find("\"code\":\"unauthorized\""), std::string::npos) << got;
  EXPECT_EQ(writer_.calls, 0);
}

TEST_F(HttpWriteServerTest, AnAuthorizedPostReachesTheWriterWhole) {
  httplib::Client client("127.0.0.1", port_);
  client.set_bearer_token_auth(kToken);
  const std::string body = "{\"id\":\"a\",\"title\":\"मानसून\"}\r\n\n{\"id\":\"b\"}";
  auto res = client.Post("/api/documents", body, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(writer_.last_body, body);
  EXPECT_EQ(json::parse(res->body)["added"], 2);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  auto del = client.Delete("/api/documents/known");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200) << del->body;
}

TEST_F(HttpWriteServerTest, BodiesOverTheLimitAre413Json) {
  httplib::Client client("127.0.0.1", port_);
  client.set_bearer_token_auth(kToken);
  auto sized = client.Post("/api/documents", std::string(2001, ' '), "application/x-ndjson");
  ASSERT_TRUE(sized);
  EXPECT_EQ(sized->status, 413);
  EXPECT_EQ(json::parse(sized->body)["error"]["code"], "too_large");
  // Chunked, so no length is announced: cut off while it is read.
  auto chunked = client.Post(
      "/api/documents",
      [](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= (3u << 20)) {
          sink.done();
          return true;
        }
        const std::string chunk(64 << 10, ' ');
        return sink.write(chunk.data(), chunk.size());
      },
      "application/x-ndjson");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
  auto j = json::parse(chunked->body, nullptr, false);
  EXPECT_EQ(j["error"]["code"], "too_large") << chunked->body;
  // Said by the server while reading, not by the API after the whole body was held.
  EXPECT_TRUE(j["error"]["message"].get<std::string>().starts_with("the body is over the limit")) << chunked->body;
  EXPECT_EQ(writer_.calls, 0);
}

}  // namespace
}  // namespace talash::searcher
