// Shards on Xapian's remote backend: corpus/articles.jsonl split into two
// indexes, each served by its own xapian-tcpsrv on loopback, searched through
// a stub file, answer as the one combined index does: the same hits in the
// same order with the same scores and snippets, the same totals and facets.
// Also local+remote and local+local stubs, bad stubs, a shard that goes away.
//
// xapian-tcpsrv, stopped with SIGTERM, signals its whole process group: each
// is started in a session of its own (setsid), or it would kill the test.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "indexer/index_job.h"
#include "schema/schema.h"
#include "searcher/searcher.h"
#include "tests/row_name.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace talash::searcher {
namespace {

namespace fs = std::filesystem;

std::string find_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((fs::path(dir) / name).c_str(), X_OK) == 0) return (fs::path(dir) / name).string();
  return {};
}

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool accepts_connections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// One read-only xapian-tcpsrv on 127.0.0.1, in a session of its own (so its
// SIGTERM to its process group reaches only itself and its connection
// children), killed when the test process dies (PR_SET_PDEATHSIG) and when
// this object goes: no server outlives a failed or crashed test.
class TcpServer {
 public:
  TcpServer(std::string exe, fs::path db, fs::path log, std::vector<std::string> options = {})
      : exe_(std::move(exe)), db_(std::move(db)), log_(std::move(log)), options_(std::move(options)) {}
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  // On a free port, or on `port` (a restart). False when it did not come up.
  bool start(int port = 0) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = port ? port : free_loopback_port();
      const pid_t parent = ::getpid();
      pid_ = ::fork();
      if (pid_ == 0) {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);  // the test died before prctl
        int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
          ::dup2(fd, 1);
          ::dup2(fd, 2);
        }
        std::vector<std::string> args{"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port_), "--quiet"};
        args.insert(args.end(), options_.begin(), options_.end());
        args.push_back(db_.string());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(exe_.c_str(), argv.data());
        ::_exit(127);
      }
      // Ready when it accepts a connection; gone when it exited (port taken).
      for (int wait = 0; wait < 500; ++wait) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        if (accepts_connections(port_)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      stop();
      if (port) return false;
    }
    return false;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);  // the server and its connection children
    int status = 0;
    for (int wait = 0; wait < 250 && ::waitpid(pid_, &status, WNOHANG) == 0; ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // Stops (SIGSTOP) or resumes the server and its connection children.
  void pause(bool paused) {
    if (pid_ > 0) ::kill(-pid_, paused ? SIGSTOP : SIGCONT);
  }
  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::string exe_;
  fs::path db_, log_;
  std::vector<std::string> options_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// The corpus in two halves (alternate lines, so both halves span the years),
// plus two undated articles and one copy of a story in the other half: the
// oldest-first order and collapsing then cross shards.
struct Corpus {
  test::TempDir dir;
  fs::path combined, half_a, half_b;
};

// Two servers and their stubs.
struct Servers {
  std::unique_ptr<TcpServer> a, b;
  fs::path remote_remote, local_remote, local_local;
};

// Built on first use, once per test process; gone (servers stopped first)
// when gtest tears its environment down.
std::unique_ptr<Corpus> the_corpus;
std::unique_ptr<Servers> the_servers;

class Cleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    the_servers.reset();
    the_corpus.reset();
  }
};
[[maybe_unused]] const auto* const cleanup = ::testing::AddGlobalTestEnvironment(new Cleanup);

Corpus& corpus() {
  if (the_corpus) return *the_corpus;
  auto c = std::make_unique<Corpus>();
  std::ifstream in(test::source_dir() / "corpus/articles.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  std::string a, b;
  for (std::size_t i = 0; i < lines.size(); ++i) (i % 2 ? b : a) += lines[i] + "\n";
  a += "{\"id\":\"undated-1\",\"title\":\"सरकार की नई योजना\",\"body\":\"सरकार ने किसानों के लिए योजना शुरू की।\",\"source\":\"तलाश समाचार\"}\n";
  b += "{\"id\":\"undated-2\",\"title\":\"भारत सरकार का फैसला\",\"body\":\"भारत सरकार ने आज फैसला किया।\",\"source\":\"भारत वार्ता\"}\n";
  // A copy of the first article (same lead, so the same story key) in the other half.
  std::string copy = lines.at(0);
  copy.replace(copy.find("talash-0001"), 11, "copy-0001");
  b += copy + "\n";
  auto index = [&](const std::string& jsonl, const std::string& name) {
    const auto input = c->dir.write(name + ".jsonl", jsonl);
    auto report = indexer::run_index_job(c->dir / name, {input.string()}, {}, {});
    if (!report || report->rejected) throw std::runtime_error("cannot index " + name);
    return c->dir / name;
  };
  c->half_a = index(a, "half_a");
  c->half_b = index(b, "half_b");
  c->combined = index(a + b, "combined");
  the_corpus = std::move(c);
  return *the_corpus;
}

std::string tcpsrv() {
  static const std::string exe = find_in_path("xapian-tcpsrv");
  return exe;
}

Servers& servers() {
  if (the_servers) return *the_servers;
  auto& c = corpus();
  auto s = std::make_unique<Servers>();
  s->a = std::make_unique<TcpServer>(tcpsrv(), c.half_a, c.dir / "tcpsrv_a.log");
  s->b = std::make_unique<TcpServer>(tcpsrv(), c.half_b, c.dir / "tcpsrv_b.log");
  if (!s->a->start() || !s->b->start()) throw std::runtime_error("xapian-tcpsrv did not start (logs in " + c.dir.path().string() + ")");
  s->remote_remote = c.dir.write("remote_remote.stub", "# two remote shards\nremote " + s->a->address() + "\nremote " +
                                                           s->b->address() + "\n");
  // Relative paths are relative to the stub's folder.
  s->local_remote = c.dir.write("local_remote.stub", "auto half_a\nremote " + s->b->address() + "\n");
  s->local_local = c.dir.write("local_local.stub", "auto half_a\n\nauto " + c.half_b.string() + "\n");
  the_servers = std::move(s);
  return *the_servers;
}

#define REQUIRE_TCPSRV()                                                                          \
  do {                                                                                            \
    if (tcpsrv().empty()) GTEST_SKIP() << "xapian-tcpsrv is not installed (Debian: xapian-tools)"; \
  } while (0)

Searcher open_searcher(const fs::path& path, SearchLimits limits = {}) {
  auto s = Searcher::open(path, limits);
  if (!s) throw std::runtime_error(s.error());
  return std::move(*s);
}

struct Compare {
  // Xapian 1.4 expands a wildcard on each shard and weighs the expansion with
  // that shard's statistics, so wildcard scores differ (the order may too).
  bool scores = true;
};

// Position by position the same scores (and dates, in date order). Hits that
// tie may come in either order, since Xapian breaks ties by docid, docids
// differ between one index and shards, and over remote shards ties go in id
// order: within a run of ties the same ids, except in a run the page
// boundary cuts. Totals are compared when the
// combined index's is exact: with copies collapsed Xapian estimates it, and
// estimates from shards differ (often closer: the combined index says 70
// where 32 match). Everything else must be equal.
void expect_same(const SearchRequest& request, const SearchResponse& want, const SearchResponse& got,
                 const std::string& what, Compare compare = {}) {
  SCOPED_TRACE(what);
  if (want.total_is_exact) {
    EXPECT_EQ(got.total, want.total);
    EXPECT_TRUE(got.total_is_exact);
  }
  EXPECT_GE(got.total, got.hits.size());
  ASSERT_EQ(got.hits.size(), want.hits.size());
  if (!compare.scores) {
    std::multiset<std::string> want_ids, got_ids;
    for (const auto& h : want.hits) want_ids.insert(h.id);
    for (const auto& h : got.hits) got_ids.insert(h.id);
    EXPECT_EQ(got_ids, want_ids);
    return;
  }
  const bool by_date = request.sort != SortOrder::Relevance || request.query.empty();
  auto tie_key = [&](const SearchHit& h) {
    return (by_date ? h.date.substr(0, 10) + "|" : "") + std::to_string(std::llround(h.score * 1e9));
  };
  // Copies of one story that tie are interchangeable: which one shows (and
  // counts the others as duplicates) follows the tie order.
  auto shown = [](const SearchHit& h) { return h.story.empty() ? h.id : "story " + h.story; };
  std::map<std::string, std::multiset<std::string>> want_runs, got_runs;
  for (std::size_t i = 0; i < want.hits.size(); ++i) {
    EXPECT_EQ(tie_key(got.hits[i]), tie_key(want.hits[i])) << "rank " << want.hits[i].rank;
    want_runs[tie_key(want.hits[i])].insert(shown(want.hits[i]));
    got_runs[tie_key(got.hits[i])].insert(shown(got.hits[i]));
  }
  if (!want.hits.empty() && request.page > 1) {
    want_runs.erase(tie_key(want.hits.front()));
    got_runs.erase(tie_key(want.hits.front()));
  }
  if (want.hits.size() == request.per_page) {
    want_runs.erase(tie_key(want.hits.back()));
    got_runs.erase(tie_key(want.hits.back()));
  }
  EXPECT_EQ(got_runs, want_runs);
  std::map<std::string, const SearchHit*> by_id;
  for (const auto& h : want.hits) by_id[shown(h)] = &h;
  for (const auto& h : got.hits) {
    auto it = by_id.find(shown(h));
    if (it == by_id.end()) continue;
    EXPECT_EQ(h.title_html, it->second->title_html) << h.id;
    EXPECT_EQ(h.snippet_html, it->second->snippet_html) << h.id;
    EXPECT_EQ(h.source, it->second->source) << h.id;
    EXPECT_EQ(h.duplicates, it->second->duplicates) << h.id;
  }
  EXPECT_EQ(got.facets_exact, want.facets_exact);
  if (want.facets_exact) {
    ASSERT_EQ(got.facets.size(), want.facets.size());
    for (const auto& [kind, values] : want.facets) {
      const auto& other = got.facets.at(kind);
      ASSERT_EQ(other.size(), values.size()) << kind;
      for (std::size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(other[i].id, values[i].id) << kind << " " << i;
        EXPECT_EQ(other[i].label, values[i].label) << kind << " " << values[i].id;
        EXPECT_EQ(other[i].label_en, values[i].label_en) << kind << " " << values[i].id;
        EXPECT_EQ(other[i].count, values[i].count) << kind << " " << values[i].id;
      }
    }
  }
}

struct Row {
  std::string name;
  SearchRequest request;
  Compare compare = {};
  friend void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }
};

SearchRequest req(std::string query, std::function<void(SearchRequest&)> more = {}) {
  SearchRequest r;
  r.query = std::move(query);
  r.per_page = 10;
  if (more) more(r);
  return r;
}

class ShardEquivalenceTest : public ::testing::TestWithParam<Row> {};

TEST_P(ShardEquivalenceTest, StubAnswersAsTheCombinedIndex) {
  REQUIRE_TCPSRV();
  auto& s = servers();
  auto combined = open_searcher(corpus().combined);
  auto want = combined.search(GetParam().request);
  ASSERT_TRUE(want) << want.error().message;
  ASSERT_FALSE(want->hits.empty()) << "a row should find something";
  for (const auto& stub : {s.remote_remote, s.local_remote, s.local_local}) {
    auto sharded = open_searcher(stub);
    EXPECT_EQ(sharded.shard_count(), 2u);
    auto got = sharded.search(GetParam().request);
    ASSERT_TRUE(got) << stub.filename() << ": " << got.error().message;
    expect_same(GetParam().request, *want, *got, stub.filename().string(), GetParam().compare);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Queries, ShardEquivalenceTest,
    ::testing::Values(
        Row{"one_word", req("सरकार")},
        Row{"two_words_with_proximity", req("बिजली व्यवस्था")},
        Row{"entity_alias", req("ओडिशा")},  // the gazetteer's aliases are compiled in: no shard needed
        Row{"phrase", req("\"बिजली व्यवस्था\"")},
        Row{"exact_spelling", req("चक्रवात तूफ़ान", [](auto& r) { r.exact = true; })},
        Row{"second_page", req("सरकार", [](auto& r) { r.page = 2; })},
        Row{"source_filter", req("सरकार", [](auto& r) { r.sources = {"भारत वार्ता"}; })},
        Row{"newest_first", req("सरकार", [](auto& r) { r.sort = SortOrder::Newest; })},
        Row{"oldest_first", req("सरकार", [](auto& r) { r.sort = SortOrder::Oldest; })},
        Row{"oldest_first_undated_last", req("सरकार", [](auto& r) {
              r.sort = SortOrder::Oldest;
              r.page = 4;  // 32 dated matches and 2 undated: where one ends and the other begins
            })},
        Row{"browse_by_filter", req("", [](auto& r) { r.sources = {"तलाश समाचार"}; })},
        Row{"date_range", req("भारत", [](auto& r) {
              r.from = "2020-01-01";
              r.to = "2023-12-31";
            })},
        Row{"copies_collapsed_across_shards", req("\"पुरी तट\"")},
        Row{"copies_not_collapsed", req("\"पुरी तट\"", [](auto& r) { r.collapse = false; })},
        Row{"wildcard", req("पुरी*"), Compare{.scores = false}},
        Row{"boolean", req("भारत AND NOT क्रिकेट")}),
    test::RowName());

// What two of the rows above are about does happen (on remote shards, Xapian
// supports no sort key maker and collapses each shard's own matches first).
TEST(ShardTest, UndatedGoLastAndCopiesCollapseAcrossRemoteShards) {
  REQUIRE_TCPSRV();
  auto sharded = open_searcher(servers().remote_remote);
  auto oldest = sharded.search(req("सरकार", [](auto& r) {
    r.sort = SortOrder::Oldest;
    r.page = 4;
  }));
  ASSERT_TRUE(oldest);
  ASSERT_EQ(oldest->hits.size(), 4u);
  EXPECT_FALSE(oldest->hits[1].date.empty());
  EXPECT_EQ(std::set<std::string>({oldest->hits[2].id, oldest->hits[3].id}), std::set<std::string>({"undated-1", "undated-2"}));
  auto newest = sharded.search(req("सरकार", [](auto& r) {
    r.sort = SortOrder::Newest;
    r.page = 4;
  }));
  ASSERT_TRUE(newest);
  ASSERT_EQ(newest->hits.size(), 4u);
  EXPECT_TRUE(newest->hits[3].date.empty());
  auto copies = sharded.search(req("\"पुरी तट\""));
  ASSERT_TRUE(copies);
  ASSERT_EQ(copies->hits.size(), 1u);
  EXPECT_EQ(copies->hits[0].duplicates, 1u);
}

TEST(ShardTest, EstimatedFacetsAreFlaggedEverywhere) {
  REQUIRE_TCPSRV();
  SearchLimits limits;
  limits.facet_exact_bound = 20;  // "भारत" matches about 100
  auto want = open_searcher(corpus().combined, limits).search(req("भारत"));
  auto got = open_searcher(servers().remote_remote, limits).search(req("भारत"));
  ASSERT_TRUE(want && got);
  EXPECT_FALSE(want->facets_exact);
  EXPECT_FALSE(got->facets_exact);
  EXPECT_EQ(got->total, want->total);
  ASSERT_FALSE(got->facets.at("source").empty());
}

// Xapian's remote protocol (1.4) has no synonym table: the other spellings
// that only the index knows (Odisha -> ओडिशा through the phonetic keys) are
// not found on remote shards; a local shard contributes its own. The
// gazetteer's names are compiled in and work everywhere.
TEST(ShardTest, SpellingVariantsComeOnlyFromLocalShards) {
  REQUIRE_TCPSRV();
  auto spellings = [](const SearchResponse& r) {
    std::size_t n = 0;
    for (const auto& a : r.also_searched) n += a.entity ? 0 : 1;
    return n;
  };
  auto entities = [&](const SearchResponse& r) { return r.also_searched.size() - spellings(r); };
  auto want = open_searcher(corpus().combined).search(req("Odisha"));
  auto remote = open_searcher(servers().remote_remote).search(req("Odisha"));
  auto local = open_searcher(servers().local_local).search(req("Odisha"));
  ASSERT_TRUE(want && remote && local);
  ASSERT_EQ(spellings(*want), 1u);
  EXPECT_EQ(spellings(*remote), 0u);
  EXPECT_EQ(spellings(*local), 1u);
  EXPECT_EQ(entities(*remote), entities(*want));
  expect_same(req("Odisha"), *want, *local, "local shards");
}

TEST(ShardTest, EntitiesSuggestionsAndStatsReadEveryShard) {
  REQUIRE_TCPSRV();
  auto combined = open_searcher(corpus().combined);
  auto sharded = open_searcher(servers().remote_remote);
  // Every entity of the facets of a broad query, whichever shard holds it.
  auto broad = combined.search(req("भारत"));
  ASSERT_TRUE(broad);
  std::size_t checked = 0;
  for (const auto& kind : {"person", "place", "org"})
    for (const auto& f : broad->facets.at(kind)) {
      auto want = combined.find_entity(f.id);
      auto got = sharded.find_entity(f.id);
      ASSERT_TRUE(want.has_value()) << f.id;
      ASSERT_TRUE(got.has_value()) << f.id;
      EXPECT_EQ(got->label, want->label) << f.id;
      EXPECT_EQ(got->documents, want->documents) << f.id;
      EXPECT_EQ(std::set(got->aliases.begin(), got->aliases.end()), std::set(want->aliases.begin(), want->aliases.end()))
          << f.id;
      ++checked;
    }
  EXPECT_GT(checked, 10u);
  for (const auto& typed : {"मो", "भार", "ओडि", "modi"}) {
    auto want = combined.suggest(typed, 8);
    auto got = sharded.suggest(typed, 8);
    ASSERT_EQ(got.size(), want.size()) << typed;
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].text, want[i].text) << typed;
      EXPECT_EQ(got[i].documents, want[i].documents) << typed;
    }
  }
  auto want = combined.stats();
  auto got = sharded.stats();
  EXPECT_EQ(got.documents, want.documents);
  EXPECT_EQ(got.terms, want.terms);
  EXPECT_EQ(got.postings, want.postings);
  EXPECT_EQ(got.schema_version, want.schema_version);
  EXPECT_FALSE(got.last_update.empty());
  EXPECT_EQ(got.bytes_on_disk, 0u);  // nothing local
  auto doc = sharded.find_document("talash-0002");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->id, "talash-0002");
}

TEST(ShardTest, SimilarArticlesAreTheSame) {
  REQUIRE_TCPSRV();
  auto want = open_searcher(corpus().combined).similar("talash-0002", 5);
  ASSERT_TRUE(want);
  ASSERT_FALSE(want->hits.empty());
  for (const auto& stub : {servers().remote_remote, servers().local_local}) {
    auto got = open_searcher(stub).similar("talash-0002", 5);
    ASSERT_TRUE(got) << got.error().message;
    expect_same(req("similar"), *want, *got, stub.filename().string());
  }
}

// Over shards boost=recent is added to the reranked window (the first
// kRerankDepth matches by relevance) rather than in the match: the same
// page whenever the boost does not lift an article from beyond the window,
// as here.
TEST(ShardTest, RecencyBoostOverShards) {
  REQUIRE_TCPSRV();
  auto request = req("सरकार", [](auto& r) { r.boost_recent = true; });
  auto want = open_searcher(corpus().combined).search(request);
  ASSERT_TRUE(want);
  for (const auto& stub : {servers().remote_remote, servers().local_local}) {
    auto got = open_searcher(stub).search(request);
    ASSERT_TRUE(got) << got.error().message;
    expect_same(request, *want, *got, stub.filename().string());
  }
  auto plain = open_searcher(servers().remote_remote).search(req("सरकार"));
  auto boosted = open_searcher(servers().remote_remote).search(request);
  ASSERT_TRUE(plain && boosted);
  ASSERT_EQ(boosted->hits.size(), plain->hits.size());
  // Some newer article moved up, and every score gained at most the boost.
  EXPECT_NE(boosted->hits[0].id + boosted->hits[1].id, plain->hits[0].id + plain->hits[1].id);
  std::map<std::string, double> plain_score;
  for (const auto& h : plain->hits) plain_score[h.id] = h.score;
  for (const auto& h : boosted->hits)
    if (plain_score.contains(h.id)) {
      EXPECT_GE(h.score, plain_score[h.id] - 1e-9) << h.id;
      EXPECT_LE(h.score, plain_score[h.id] + kRecencyMaxWeight + 1e-9) << h.id;
    }
}

struct BadStub {
  std::string name;
  std::string text;  // {a}: the address of a running shard, {closed}: of a port nobody listens on
  std::string message;
  friend void PrintTo(const BadStub& row, std::ostream* os) { *os << row.name; }
};

class BadStubTest : public ::testing::TestWithParam<BadStub> {};

TEST_P(BadStubTest, FailsToOpenWithAClearMessage) {
  REQUIRE_TCPSRV();
  auto& s = servers();
  std::string text = GetParam().text;
  auto replace = [&](const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) text.replace(at, from.size(), to);
  };
  replace("{a}", s.a->address());
  replace("{closed}", "127.0.0.1:" + std::to_string(free_loopback_port()));
  test::TempDir dir;
  const auto stub = dir.write("shards.stub", text);
  auto opened = Searcher::open(stub);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().find(GetParam().message), std::string::npos) << opened.error();
}

INSTANTIATE_TEST_SUITE_P(
    Stubs, BadStubTest,
    ::testing::Values(BadStub{"empty", "# nothing yet\n", "lists no shards"},
                      BadStub{"unknown_type", "remote {a}\nshard somewhere\n", "shards.stub:2): expected 'auto PATH'"},
                      BadStub{"port_missing", "remote 127.0.0.1\n", "shards.stub:1"},
                      BadStub{"port_not_a_number", "remote 127.0.0.1:http\n", "expected 'remote HOST:PORT'"},
                      BadStub{"nobody_listening", "remote {a}\nremote {closed}\n", "cannot open shard remote 127.0.0.1:"},
                      BadStub{"missing_folder", "auto no_such_index\n", "cannot open shard no_such_index"}),
    test::RowName());

TEST(ShardTest, ShardsOfDifferentSchemaVersionsAreRefused) {
  REQUIRE_TCPSRV();
  test::TempDir dir;
  const auto input = dir.write("one.jsonl", "{\"id\":\"x\",\"title\":\"सरकार\",\"body\":\"सरकार की योजना\"}\n");
  ASSERT_TRUE(indexer::run_index_job(dir / "old", {input.string()}, {}, {}));
  {
    Xapian::WritableDatabase old((dir / "old").string());
    old.set_metadata(std::string(schema::meta::kSchemaVersion), "1");
    old.commit();
  }
  const auto stub = dir.write("mixed.stub", "remote " + servers().a->address() + "\nauto old\n");
  auto opened = Searcher::open(stub);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().find("different schema versions"), std::string::npos) << opened.error();
}

// xapian-tcpsrv closes a connection idle for --idle-timeout (60 s by
// default): a server that had no searches for a while reconnects, unnoticed.
TEST(ShardTest, AConnectionClosedWhileIdleIsOpenedAgain) {
  REQUIRE_TCPSRV();
  auto& c = corpus();
  TcpServer impatient(tcpsrv(), c.half_b, c.dir / "tcpsrv_idle.log", {"--idle-timeout", "200"});
  ASSERT_TRUE(impatient.start());
  test::TempDir dir;
  const auto stub = dir.write("idle.stub", "remote " + servers().a->address() + "\nremote " + impatient.address() + "\n");
  auto sharded = open_searcher(stub);
  auto before = sharded.search(req("सरकार"));
  ASSERT_TRUE(before) << before.error().message;
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the idle timeout, not a timed assertion
  sharded.refresh();  // as SearcherPool does on each lease
  auto after = sharded.search(req("सरकार"));
  ASSERT_TRUE(after) << after.error().message;
  expect_same(req("सरकार"), *before, *after, "after the idle timeout");
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  auto without_refresh = sharded.search(req("सरकार"));  // the CLI's one Searcher: no refresh
  ASSERT_TRUE(without_refresh) << without_refresh.error().message;
}

// A shard that stops answering fails the search after the remote timeout
// (nothing can cut a remote match short: this is what bounds it), and the
// next search, once it answers again, reconnects.
TEST(ShardTest, AShardThatDoesNotAnswerFailsAfterTheRemoteTimeout) {
  REQUIRE_TCPSRV();
  auto& c = corpus();
  TcpServer stuck(tcpsrv(), c.half_b, c.dir / "tcpsrv_stuck.log");
  ASSERT_TRUE(stuck.start());
  test::TempDir dir;
  const auto stub = dir.write("stuck.stub", "remote " + servers().a->address() + "\nremote " + stuck.address() + "\n");
  SearchLimits limits;
  limits.remote_timeout = 0.3;
  auto sharded = open_searcher(stub, limits);
  auto before = sharded.search(req("सरकार"));
  ASSERT_TRUE(before) << before.error().message;
  stuck.pause(true);
  auto during = sharded.search(req("भारत"));
  stuck.pause(false);
  ASSERT_FALSE(during.has_value());
  EXPECT_EQ(during.error().code, SearchError::Code::Unavailable);
  EXPECT_NE(during.error().message.find("did not answer"), std::string::npos) << during.error().message;
  auto after = sharded.search(req("सरकार"));
  ASSERT_TRUE(after) << after.error().message;
  expect_same(req("सरकार"), *before, *after, "after it answers again");
}

// Runs last in this binary's order of definition; it stops and restarts shard B.
TEST(ShardTest, AShardThatGoesAwayIsAnErrorAndComesBackWithoutARestart) {
  REQUIRE_TCPSRV();
  auto& s = servers();
  auto sharded = open_searcher(s.remote_remote);
  auto before = sharded.search(req("सरकार"));
  ASSERT_TRUE(before);
  const int port = s.b->port();
  s.b->stop();
  auto during = sharded.search(req("सरकार"));
  ASSERT_FALSE(during.has_value());
  EXPECT_EQ(during.error().code, SearchError::Code::Unavailable);
  EXPECT_NE(during.error().message.find("remote shard"), std::string::npos) << during.error().message;
  if (!s.b->start(port)) GTEST_SKIP() << "port " << port << " could not be reused to restart the shard";
  sharded.refresh();
  auto after = sharded.search(req("सरकार"));
  ASSERT_TRUE(after) << after.error().message;
  expect_same(req("सरकार"), *before, *after, "after the restart");
}

}  // namespace
}  // namespace talash::searcher
