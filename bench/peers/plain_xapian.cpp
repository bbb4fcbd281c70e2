// Plain Xapian 1.4 peer for bench/compare_relevance: what Xapian does out of the box,
// without Talash's analysis. TermGenerator without a stemmer and without normalization;
// the title is indexed twice (index_text(title) twice, then index_text(body)); the id is
// the document data. Queries: QueryParser, default OR, no stemmer, text NFC'd with ICU.
//
//   plain_xapian index INPUT.tsv DBDIR            (INPUT.tsv: id<TAB>title<TAB>body)
//   plain_xapian search DBDIR TOPICS.tsv K > run.tsv
//
// index prints Talash's summary line on stderr:
//   added=N replaced=0 unchanged=0 rejected=R documents=N seconds=S docs_per_s=X mb_per_s=Y
// search prints qid<TAB>rank<TAB>docid<TAB>score per hit and, last on stderr,
//   queries=N p50_ms=X p99_ms=Y total_s=Z
// (in-process time per query: NFC + parse + get_mset + reading the ids).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <xapian.h>

namespace {

using Clock = std::chrono::steady_clock;

int usage() {
  std::cerr << "usage: plain_xapian index INPUT.tsv DBDIR\n"
               "       plain_xapian search DBDIR TOPICS.tsv K\n";
  return 2;
}

int run_index(const std::string& input, const std::string& dbdir) {
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    std::cerr << "plain_xapian: cannot read " << input << '\n';
    return 1;
  }
  const auto t0 = Clock::now();
  Xapian::WritableDatabase db(dbdir, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;  // no stemmer: unstemmed terms with positions only
  std::size_t added = 0, rejected = 0, bytes = 0;
  std::string line;
  while (std::getline(in, line)) {
    bytes += line.size() + 1;
    const auto t1 = line.find('\t');
    const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t1 == 0 || t2 == std::string::npos || line.find('\t', t2 + 1) != std::string::npos) {
      ++rejected;
      continue;
    }
    const std::string title = line.substr(t1 + 1, t2 - t1 - 1);
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(title);
    tg.index_text(title);
    tg.index_text(line.substr(t2 + 1));
    doc.set_data(line.substr(0, t1));
    db.add_document(doc);
    ++added;
  }
  db.commit();
  db.close();
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::fprintf(stderr,
               "xapian=%s\nadded=%zu replaced=0 unchanged=0 rejected=%zu documents=%zu seconds=%.2f docs_per_s=%.0f "
               "mb_per_s=%.2f\n",
               Xapian::version_string(), added, rejected, added, s, added / s, bytes / 1e6 / s);
  return rejected ? 3 : 0;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
  return sorted[std::min(sorted.size() - 1, i == 0 ? 0 : i - 1)];
}

std::string nfc(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return s;
  icu::UnicodeString u = n->normalize(icu::UnicodeString::fromUTF8(s), err);
  if (U_FAILURE(err)) return s;
  std::string out;
  u.toUTF8String(out);
  return out;
}

int run_search(const std::string& dbdir, const std::string& topics, Xapian::doccount k) {
  std::ifstream in(topics, std::ios::binary);
  if (!in) {
    std::cerr << "plain_xapian: cannot read " << topics << '\n';
    return 1;
  }
  Xapian::Database db(dbdir);
  Xapian::Enquire enquire(db);  // BM25Weight with Xapian's defaults
  Xapian::QueryParser qp;       // default operator OR, no stemmer
  qp.set_database(db);
  std::vector<double> times;
  std::size_t line_no = 0, failed = 0;
  std::string line, out;
  const auto start = Clock::now();
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::string qid = std::to_string(line_no), text = line;
    if (auto tab = line.find('\t'); tab != std::string::npos) {
      qid = line.substr(0, tab);
      text = line.substr(tab + 1);
    }
    const auto t0 = Clock::now();
    Xapian::Query query;
    try {
      query = qp.parse_query(nfc(text));
    } catch (const Xapian::QueryParserError&) {
      try {  // as Xapian applications usually do: retry without the query syntax
        query = qp.parse_query(nfc(text), 0);
      } catch (const Xapian::QueryParserError& e) {
        ++failed;
        std::cerr << topics << ':' << line_no << ": " << e.get_msg() << '\n';
        continue;
      }
    }
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, k);
    std::vector<std::pair<std::string, double>> hits;
    for (auto it = mset.begin(); it != mset.end(); ++it) hits.emplace_back(it.get_document().get_data(), it.get_weight());
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    std::size_t rank = 0;
    char buf[64];
    for (const auto& [id, w] : hits) {
      std::snprintf(buf, sizeof buf, "\t%zu\t", ++rank);
      out += qid + buf + id;
      std::snprintf(buf, sizeof buf, "\t%.4f\n", w);
      out += buf;
    }
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::sort(times.begin(), times.end());
  std::fprintf(stderr, "xapian=%s\nqueries=%zu p50_ms=%.3f p99_ms=%.3f total_s=%.3f\n", Xapian::version_string(),
               times.size(), percentile(times, 50), percentile(times, 99), total);
  return failed ? 3 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 3 && a[0] == "index") return run_index(a[1], a[2]);
    if (a.size() == 4 && a[0] == "search") return run_search(a[1], a[2], static_cast<Xapian::doccount>(std::stoul(a[3])));
  } catch (const Xapian::Error& e) {
    std::cerr << "plain_xapian: " << e.get_description() << '\n';
    return 1;
  }
  return usage();
}
