// Live updates: indexer::LiveWriter directly, then the real `talash serve`
// over HTTP on an ephemeral port, with `talash index` writing the same index.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <regex>
#include <set>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "indexer/index_writer.h"
#include "indexer/live_writer.h"
#include "tests/row_name.h"
#include "tests/run_talash.h"
#include "tests/temp_dir.h"

extern char** environ;

namespace talash::test {
namespace {

using nlohmann::json;

constexpr const char* kToken = "live-test-token-7f3a9c1e55d2";

// ---- LiveWriter ----

std::filesystem::path seeded_db(const TempDir& dir) {
  auto input = dir.write("seed.jsonl", "{\"id\":\"seed\",\"title\":\"पहली ख़बर\",\"body\":\"मानसून आया।\"}\n");
  auto r = talash(dir, {"index", "--db", (dir / "db").string(), input.string()});
  if (r.status != 0) throw std::runtime_error(r.err);
  return dir / "db";
}

struct SplitCase {
  const char* name;
  std::string body;
  std::vector<std::pair<std::size_t, std::string>> lines;
};

class SplitJsonlTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitJsonlTest, LinesAreNumberedAsInAFile) {
  std::vector<std::pair<std::size_t, std::string>> got;
  for (const auto& l : indexer::split_jsonl(GetParam().body)) got.emplace_back(l.line, std::string(l.text));
  EXPECT_EQ(got, GetParam().lines);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, SplitJsonlTest,
    ::testing::Values(SplitCase{"empty", "", {}},
                      SplitCase{"one_without_newline", "{}", {{1, "{}"}}},
                      SplitCase{"crlf_and_blank_lines", "a\r\n\r\n \t\nb\n\n", {{1, "a"}, {4, "b"}}},
                      SplitCase{"lone_cr_is_kept_inside", "a\rb\n", {{1, "a\rb"}}}),
    RowName{});

TEST(LiveWriterTest, RejectsBadLinesWithTheirNumbersAndWritesTheRestInOneCommit) {
  TempDir dir;
  auto db = seeded_db(dir);
  indexer::LiveWriter writer(db, {.use_tagger = false});
  auto r = writer.add_jsonl(
      "{\"id\":\"n1\",\"title\":\"नई ख़बर\",\"body\":\"ज्वालामुखी फटा।\"}\r\n"
      "\n"
      "{\"id\":\"bad\",\"title\":\n"
      "{\"title\":\"बिना आईडी\"}\n"
      "{\"id\":\"d\",\"body\":\"x\",\"date\":\"2024-13-01\"}\n"
      "{\"id\":\"seed\",\"title\":\"पहली ख़बर (सुधार)\",\"body\":\"मानसून आया।\"}\n");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->records.size(), 5u);
  EXPECT_EQ(r->records[0].line, 1u);
  EXPECT_EQ(r->records[0].id, "n1");
  EXPECT_EQ(r->records[0].outcome, indexer::UpsertOutcome::Added);
  EXPECT_EQ(r->records[1].line, 3u);
  EXPECT_EQ(r->records[1].reason, "invalid JSON");
  EXPECT_FALSE(r->records[1].outcome.has_value());
  EXPECT_EQ(r->records[2].line, 4u);
  EXPECT_EQ(r->records[2].reason, "missing id");
  EXPECT_EQ(r->records[3].line, 5u);
  EXPECT_FALSE(r->records[3].reason.empty());
  EXPECT_EQ(r->records[4].outcome, indexer::UpsertOutcome::Replaced);
  EXPECT_EQ(r->documents, 2u);

  auto again = writer.add_jsonl("{\"id\":\"n1\",\"title\":\"नई ख़बर\",\"body\":\"ज्वालामुखी फटा।\"}");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->records.at(0).outcome, indexer::UpsertOutcome::Unchanged);

  auto gone = writer.remove("n1");
  ASSERT_TRUE(gone.has_value());
  EXPECT_TRUE(gone->deleted);
  EXPECT_EQ(gone->documents, 1u);
  auto missing = writer.remove("n1");
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->deleted);
}

TEST(LiveWriterTest, WhileAnotherWriterHoldsTheLockItWaitsThenSaysBusy) {
  TempDir dir;
  auto db = seeded_db(dir);
  indexer::LiveWriter writer(db, {.lock_wait = std::chrono::milliseconds(200), .use_tagger = false});
  {
    auto other = indexer::IndexWriter::open(db);  // as a `talash index` run would
    ASSERT_TRUE(other.has_value()) << other.error();
    auto add = writer.add_jsonl("{\"id\":\"n1\",\"body\":\"x\"}");
    ASSERT_FALSE(add.has_value());
    EXPECT_TRUE(add.error().busy);
    EXPECT_NE(add.error().message.find("being written by another process"), std::string::npos) << add.error().message;
    auto del = writer.remove("seed");
    ASSERT_FALSE(del.has_value());
    EXPECT_TRUE(del.error().busy);
  }
  // The lock is only held during a write: free again, both work.
  EXPECT_TRUE(writer.add_jsonl("{\"id\":\"n1\",\"body\":\"x\"}").has_value());
  auto other = indexer::IndexWriter::open(db);
  EXPECT_TRUE(other.has_value()) << "the live writer must not keep the index locked";
}

TEST(LiveWriterTest, ALockReleasedWithinTheWaitIsTaken) {
  TempDir dir;
  auto db = seeded_db(dir);
  indexer::LiveWriter writer(db, {.lock_wait = std::chrono::seconds(30), .use_tagger = false});
  auto opened = indexer::IndexWriter::open(db);
  ASSERT_TRUE(opened.has_value()) << opened.error();
  std::optional<indexer::IndexWriter> other(std::move(*opened));
  std::jthread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    other->commit();
    other.reset();  // the lock goes with the database handle
  });
  auto add = writer.add_jsonl("{\"id\":\"n1\",\"body\":\"x\"}");
  ASSERT_TRUE(add.has_value()) << add.error().message;
  EXPECT_EQ(add->documents, 2u);
}

TEST(LiveWriterTest, AnIndexThatCannotBeOpenedIsAFailureNotBusy) {
  TempDir dir;
  auto not_a_db = dir.write("not-a-db", "garbage\n");
  indexer::LiveWriter writer(not_a_db, {.lock_wait = std::chrono::seconds(30), .use_tagger = false});
  auto add = writer.add_jsonl("{\"id\":\"n1\",\"body\":\"x\"}");
  ASSERT_FALSE(add.has_value());
  EXPECT_FALSE(add.error().busy) << add.error().message;
}

// ---- talash serve over HTTP ----

// `talash serve --port 0 ARGS` in the background; stderr goes to a file,
// which gives the port it bound.
class ServeProcess {
 public:
  ServeProcess(const TempDir& dir, std::vector<std::string> args, std::vector<std::string> env_extra = {})
      : log_(dir / ("serve-" + std::to_string(counter_++) + ".log")) {
    args.insert(args.begin(), {TALASH_BIN, "serve", "--port", "0"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The environment is prepared here: after fork only exec is safe.
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
      if (!std::string_view(*e).starts_with("TALASH_WRITE_TOKEN=")) env.emplace_back(*e);
    env.insert(env.end(), env_extra.begin(), env_extra.end());
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int log_fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_fd = ::open("/dev/null", O_RDWR);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(null_fd, 0);
      ::dup2(null_fd, 1);
      ::dup2(log_fd, 2);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(log_fd);
    ::close(null_fd);
    // A guard against a hang, not a speed assertion.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    static const std::regex serving(R"(on http://127\.0\.0\.1:(\d+)/)");
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch m;
      const std::string text = log();
      if (std::regex_search(text, m, serving)) {
        port_ = std::stoi(m[1].str());
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~ServeProcess() { stop(); }

  int port() const { return port_; }
  std::string log() const { return read_file(log_); }
  // SIGTERM, as a service manager would; the exit status.
  int stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      pid_ = -1;
    }
    return exit_status_;
  }

  httplib::Client client(bool with_token = true) const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(60);
    if (with_token) c.set_bearer_token_auth(kToken);
    return c;
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_status_ = -1;
};

json search(const ServeProcess& server, const std::string& q) {
  auto res = server.client(false).Get("/api/search", httplib::Params{{"q", q}, {"per_page", "20"}}, httplib::Headers{});
  if (!res || res->status != 200) return json();
  return json::parse(res->body);
}

std::set<std::string> hit_ids(const json& response) {
  std::set<std::string> ids;
  for (const auto& h : response["hits"]) ids.insert(h["id"].get<std::string>());
  return ids;
}

TEST(LiveUpdateServeTest, PostSearchDeleteAndTalashIndexBetweenWrites) {
  TempDir dir;
  auto db = seeded_db(dir);
  ServeProcess server(dir, {"--db", db.string()}, {std::string("TALASH_WRITE_TOKEN=") + kToken});
  ASSERT_GT(server.port(), 0) << server.log();
  EXPECT_NE(server.log().find("writes on"), std::string::npos) << server.log();

  // Three articles and one bad line.
  auto post = server.client().Post("/api/documents",
                                   "{\"id\":\"live-1\",\"title\":\"ज्वालामुखी फटा\",\"body\":\"आइसलैंड में ज्वालामुखी।\"}\n"
                                   "{\"id\":\"live-2\",\"title\":\"ज्वालामुखी की राख\",\"body\":\"उड़ानें रद्द।\"}\n"
                                   "{\"id\":\"live-3\",\"body\":\"इटली के ज्वालामुखी एटना में हलचल।\"}\n"
                                   "{\"id\":\"broken\",\"title\":\n",
                                   "application/x-ndjson");
  ASSERT_TRUE(post);
  ASSERT_EQ(post->status, 200) << post->body;
  auto written = json::parse(post->body);
  EXPECT_EQ(written["added"], 3);
  EXPECT_EQ(written["rejected"], 1);
  EXPECT_EQ(written["documents"], 4);
  EXPECT_EQ(written["results"][3], json({{"line", 4}, {"result", "rejected"}, {"reason", "invalid JSON"}}));

  // The POST returned after its commit, and every search leases a searcher
  // reopened to the latest commit: the very next search sees the three.
  EXPECT_EQ(hit_ids(search(server, "ज्वालामुखी")), (std::set<std::string>{"live-1", "live-2", "live-3"}));

  auto del = server.client().Delete("/api/documents/live-2");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200) << del->body;
  EXPECT_EQ(json::parse(del->body)["deleted"], true);
  EXPECT_EQ(hit_ids(search(server, "ज्वालामुखी")), (std::set<std::string>{"live-1", "live-3"}));
  auto doc = server.client(false).Get("/api/doc/live-2");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, 404);
  auto again = server.client().Delete("/api/documents/live-2");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);

  // Edited and unchanged articles.
  auto edit = server.client().Post(
      "/api/documents",
      "{\"id\":\"live-1\",\"title\":\"ज्वालामुखी फटा, गाँव खाली\",\"body\":\"आइसलैंड में ज्वालामुखी।\"}\n"
      "{\"id\":\"live-3\",\"body\":\"इटली के ज्वालामुखी एटना में हलचल।\"}\n",
      "application/x-ndjson");
  ASSERT_TRUE(edit);
  auto edited = json::parse(edit->body);
  EXPECT_EQ(edited["replaced"], 1) << edit->body;
  EXPECT_EQ(edited["unchanged"], 1) << edit->body;

  // No token, a wrong one: 401 with the Bearer challenge, nothing written.
  for (const bool with_token : {false, true}) {
    auto c = server.client(false);
    if (with_token) c.set_bearer_token_auth("live-test-token-wrong-000000");
    auto refused = c.Post("/api/documents", "{\"id\":\"intruder\",\"body\":\"ज्वालामुखी\"}", "application/x-ndjson");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 401);
    EXPECT_TRUE(refused->get_header_value("WWW-Authenticate").starts_with("Bearer")) << with_token;
    auto refused_delete = c.Delete("/api/documents/live-1");
    ASSERT_TRUE(refused_delete);
    EXPECT_EQ(refused_delete->status, 401);
  }

  // The server holds no lock while idle: `talash index` writes the same
  // index, and the server sees its documents too.
  auto batch = dir.write("batch.jsonl",
                         "{\"id\":\"cli-1\",\"title\":\"ज्वालामुखी पर रिपोर्ट\",\"body\":\"वैज्ञानिकों की चेतावनी।\"}\n");
  auto indexed = talash(dir, {"index", "--db", db.string(), batch.string()});
  EXPECT_EQ(indexed.status, 0) << indexed.err;
  EXPECT_EQ(hit_ids(search(server, "ज्वालामुखी")), (std::set<std::string>{"live-1", "live-3", "cli-1"}));
  // ... and it can still write after that run.
  auto after = server.client().Delete("/api/documents/cli-1");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << after->body;

  EXPECT_EQ(server.stop(), 0) << server.log();
  EXPECT_EQ(server.log().find(kToken), std::string::npos) << "the token must not be logged";
}

TEST(LiveUpdateServeTest, WithoutATokenTheWriteEndpointsAreOff) {
  TempDir dir;
  auto db = seeded_db(dir);
  ServeProcess server(dir, {"--db", db.string()});
  ASSERT_GT(server.port(), 0) << server.log();
  EXPECT_NE(server.log().find("writes off"), std::string::npos) << server.log();
  auto post = server.client().Post("/api/documents", "{\"id\":\"x\",\"body\":\"y\"}", "application/x-ndjson");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 403);
  EXPECT_EQ(json::parse(post->body)["error"]["code"], "writes_disabled");
  auto del = server.client().Delete("/api/documents/seed");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 403);
  EXPECT_EQ(search(server, "मानसून")["total"], 1);
}

TEST(LiveUpdateServeTest, TheTokenMayComeFromTheCommandLine) {
  TempDir dir;
  auto db = seeded_db(dir);
  ServeProcess server(dir, {"--db", db.string(), "--write-token", kToken});
  ASSERT_GT(server.port(), 0) << server.log();
  auto post = server.client().Post("/api/documents", "{\"id\":\"x\",\"body\":\"ज्वालामुखी\"}", "application/x-ndjson");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 200) << post->body;
  EXPECT_EQ(server.stop(), 0);
  EXPECT_EQ(server.log().find(kToken), std::string::npos);
}

TEST(LiveUpdateServeTest, AShortTokenIsRefusedWithoutEchoingIt) {
  TempDir dir;
  auto db = seeded_db(dir);
  auto r = talash(dir, {"serve", "--db", db.string(), "--port", "0", "--write-token", "tiny-secret"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("at least 16"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("tiny-secret"), std::string::npos) << r.err;
}

TEST(LiveUpdateServeTest, HelpDocumentsTheWriteEndpoints) {
  TempDir dir;
  auto r = talash(dir, {"serve", "--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* s : {"POST /api/documents", "DELETE /api/documents/<id>", "TALASH_WRITE_TOKEN", "--write-token"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
}

}  // namespace
}  // namespace talash::test
