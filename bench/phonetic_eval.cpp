// Recall and precision of analysis/phonetic_key on (Latin, Devanagari) word pairs, per tier,
// plus the seed names and the time per word. The table in docs/phonetic_key.md comes from here.
//
//   phonetic_eval [--data DIR] [--misses FILE:TIER] [--collisions FILE:TIER] [--passes N]
//
// DIR (default ../shared/data/translit) holds
//   cricket_players_dev.tsv        latin<TAB>devanagari full names; split into words, paired
//                                  word by word when both sides have as many words
//   indian_first_names.tsv         english<TAB>hindi
//   dakshina_hi_lexicon_train.tsv  devanagari<TAB>romanization<TAB>count (ordinary Hindi words)
// Both sides go through normalize_hindi first, as split_words would give them.
//
// recall     share of the distinct (latin, devanagari) pairs whose keys are equal and non-empty
// precision  among all (latin word, devanagari word) combinations of the file's distinct words
//            whose keys are equal and non-empty, the share that are pairs listed in the file
//            (a latin word listed with two devanagari spellings makes two true pairs)
// --misses FILE:TIER prints the pairs of that file that do not match at that tier (keys shown);
// --collisions FILE:TIER prints the biggest false key groups. FILE is cricket, names or dakshina.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analysis/normalize_hindi.h"
#include "analysis/phonetic_key.h"

namespace {

namespace an = talash::analysis;
using Pair = std::pair<std::string, std::string>;  // latin, devanagari (both normalized)

constexpr an::PhoneticTier kTiers[] = {an::PhoneticTier::strict, an::PhoneticTier::middle,
                                       an::PhoneticTier::loose};
constexpr const char* kTierNames[] = {"strict", "middle", "loose"};

std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
      const auto tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(f));
  }
  return rows;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : text) {
    if (c == ' ' || c == '-' || c == '\t') {
      if (!cur.empty()) out.push_back(an::normalize_hindi(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(an::normalize_hindi(cur));
  return out;
}

// Pairs word by word from lines whose two sides have the same number of words.
std::vector<Pair> pairs_from(const std::vector<std::vector<std::string>>& rows, int latin_col,
                             int dev_col, bool skip_header) {
  std::set<Pair> seen;
  for (std::size_t r = skip_header ? 1 : 0; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (static_cast<int>(row.size()) <= std::max(latin_col, dev_col)) continue;
    const auto lw = words(row[latin_col]);
    const auto dw = words(row[dev_col]);
    if (lw.size() != dw.size()) continue;
    for (std::size_t i = 0; i < lw.size(); ++i) seen.emplace(lw[i], dw[i]);
  }
  return {seen.begin(), seen.end()};
}

struct Score {
  double recall = 0, precision = 0;
  std::size_t pairs = 0, matched = 0, combos = 0, true_combos = 0;
};

Score score(const std::vector<Pair>& pairs, an::PhoneticTier tier) {
  std::unordered_map<std::string, std::string> latin_key, dev_key;
  for (const auto& [l, d] : pairs) {
    if (!latin_key.contains(l)) latin_key.emplace(l, an::phonetic_key(l, tier));
    if (!dev_key.contains(d)) dev_key.emplace(d, an::phonetic_key(d, tier));
  }
  Score s;
  s.pairs = pairs.size();
  for (const auto& [l, d] : pairs) {
    const auto& k = latin_key[l];
    if (!k.empty() && k == dev_key[d]) ++s.matched;
  }
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> groups;  // key -> #latin, #dev
  for (const auto& [w, k] : latin_key)
    if (!k.empty()) ++groups[k].first;
  for (const auto& [w, k] : dev_key)
    if (!k.empty()) ++groups[k].second;
  for (const auto& [k, g] : groups) s.combos += g.first * g.second;
  s.true_combos = s.matched;
  s.recall = s.pairs ? double(s.matched) / s.pairs : 0;
  s.precision = s.combos ? double(s.true_combos) / s.combos : 0;
  return s;
}

void print_misses(const std::vector<Pair>& pairs, an::PhoneticTier tier) {
  for (const auto& [l, d] : pairs) {
    const auto kl = an::phonetic_key(l, tier), kd = an::phonetic_key(d, tier);
    if (kl.empty() || kl != kd) std::cout << l << '\t' << d << '\t' << kl << '\t' << kd << '\n';
  }
}

void print_collisions(const std::vector<Pair>& pairs, an::PhoneticTier tier) {
  std::set<Pair> truth(pairs.begin(), pairs.end());
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> groups;
  for (const auto& [l, d] : pairs) {
    if (auto k = an::phonetic_key(l, tier); !k.empty()) groups[k].first.insert(l);
    if (auto k = an::phonetic_key(d, tier); !k.empty()) groups[k].second.insert(d);
  }
  std::vector<std::pair<std::size_t, std::string>> order;
  for (const auto& [k, g] : groups) {
    std::size_t wrong = 0;
    for (const auto& l : g.first)
      for (const auto& d : g.second) wrong += !truth.contains({l, d});
    if (wrong) order.emplace_back(wrong, k);
  }
  std::sort(order.rbegin(), order.rend());
  for (std::size_t i = 0; i < std::min<std::size_t>(order.size(), 40); ++i) {
    const auto& g = groups[order[i].second];
    std::cout << order[i].second << " wrong=" << order[i].first << "  ";
    std::size_t n = 0;
    for (const auto& l : g.first) if (n++ < 8) std::cout << l << ' ';
    std::cout << " | ";
    n = 0;
    for (const auto& d : g.second) if (n++ < 8) std::cout << d << ' ';
    std::cout << '\n';
  }
}

// The names of ../shared/seeds and the spellings readers use for them.
struct SeedName {
  const char* latin;
  std::vector<const char*> devanagari;
};
const SeedName kSeeds[] = {
    {"Belousov", {"बेलूसोव", "बेलोसोव"}},
    {"Kim", {"किम"}},
    {"Jong", {"जोंग"}},
    {"Un", {"उन"}},
    {"Pyongyang", {"प्योंगयांग", "पाइओंगयांग"}},
    {"Zelensky", {"ज़ेलेंस्की", "जेलेंस्की"}},
    {"Lavrov", {"लावरोव"}},
    {"Shoigu", {"शोइगु"}},
    {"Putin", {"पुतिन"}},
    {"Trump", {"ट्रंप", "ट्रम्प"}},
    {"Lukashenko", {"लुकाशेंको"}},
    {"Moscow", {"मास्को", "मॉस्को"}},
    {"Seoul", {"सियोल"}},
    {"NATO", {"नाटो"}},
};

void print_seeds() {
  std::cout << "\n| name | spelling | strict | middle | loose |\n|---|---|---|---|---|\n";
  for (const SeedName& s : kSeeds) {
    const auto base = an::phonetic_keys(an::normalize_hindi(s.latin));
    std::cout << "| " << s.latin << " | " << s.latin;
    for (const auto& k : base) std::cout << " | `" << k << '`';
    std::cout << " |\n";
    for (const char* d : s.devanagari) {
      const auto keys = an::phonetic_keys(an::normalize_hindi(d));
      std::cout << "| | " << d;
      for (int t = 0; t < 3; ++t) std::cout << " | `" << keys[t] << '`' << (keys[t] == base[t] ? " =" : " ≠");
      std::cout << " |\n";
    }
  }
  std::cout << "\n| acronym | acronym_key |\n|---|---|\n";
  for (const char* w : {"KCNA", "केसीएनए", "ATACMS", "एटीएसीएमएस", "NATO", "नाटो", "आईसीसी", "बीजेपी"})
    std::cout << "| " << w << " | `" << an::acronym_key(an::normalize_hindi(w)) << "` |\n";
}

void print_speed(const std::vector<std::string>& vocabulary, int passes) {
  using Clock = std::chrono::steady_clock;
  std::size_t sink = 0;
  auto best = [&](auto&& f) {
    double b = 1e300;
    for (int p = 0; p < passes; ++p) {
      const auto t0 = Clock::now();
      f();
      b = std::min(b, std::chrono::duration<double>(Clock::now() - t0).count());
    }
    return b * 1e9 / vocabulary.size();
  };
  const double one = best([&] {
    for (const auto& w : vocabulary) sink += an::phonetic_key(w, an::PhoneticTier::middle).size();
  });
  const double all = best([&] {
    for (const auto& w : vocabulary) sink += an::phonetic_keys(w)[0].size();
  });
  const double acr = best([&] {
    for (const auto& w : vocabulary) sink += an::acronym_key(w).size();
  });
  std::printf("\nspeed over %zu words (best of %d): phonetic_key %.0f ns/word, phonetic_keys (3 tiers) "
              "%.0f ns/word, acronym_key %.0f ns/word (sink %zu)\n",
              vocabulary.size(), passes, one, all, acr, sink);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = "../shared/data/translit";
  std::string misses, collisions;
  int passes = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) dir = argv[++i];
    else if (a == "--misses" && i + 1 < argc) misses = argv[++i];
    else if (a == "--collisions" && i + 1 < argc) collisions = argv[++i];
    else if (a == "--passes" && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else {
      std::cerr << "usage: phonetic_eval [--data DIR] [--misses FILE:TIER] [--collisions FILE:TIER] [--passes N]\n";
      return 2;
    }
  }
  if (!std::filesystem::exists(dir / "cricket_players_dev.tsv")) {
    std::cerr << "phonetic_eval: no " << (dir / "cricket_players_dev.tsv") << '\n';
    return 1;
  }
  const std::vector<std::pair<std::string, std::vector<Pair>>> files = {
      {"cricket", pairs_from(read_tsv(dir / "cricket_players_dev.tsv"), 0, 1, true)},
      {"names", pairs_from(read_tsv(dir / "indian_first_names.tsv"), 0, 1, true)},
      {"dakshina", pairs_from(read_tsv(dir / "dakshina_hi_lexicon_train.tsv"), 1, 0, false)},
  };
  auto tier_of = [](const std::string& s) {
    for (int t = 0; t < 3; ++t) if (s == kTierNames[t]) return kTiers[t];
    return an::PhoneticTier::middle;
  };
  for (const auto& [what, out] : {std::pair{misses, 0}, std::pair{collisions, 1}}) {
    if (what.empty()) continue;
    const auto colon = what.find(':');
    const std::string file = what.substr(0, colon);
    const auto tier = tier_of(colon == std::string::npos ? "middle" : what.substr(colon + 1));
    for (const auto& [name, pairs] : files)
      if (name == file) out == 0 ? print_misses(pairs, tier) : print_collisions(pairs, tier);
    return 0;
  }
  std::cout << "| file | pairs | tier | recall | precision | matched | equal-key combinations |\n"
               "|---|---|---|---|---|---|---|\n";
  for (const auto& [name, pairs] : files)
    for (int t = 0; t < 3; ++t) {
      const Score s = score(pairs, kTiers[t]);
      std::printf("| %s | %zu | %s | %.1f%% | %.1f%% | %zu | %zu |\n", name.c_str(), s.pairs, kTierNames[t],
                  100 * s.recall, 100 * s.precision, s.matched, s.combos);
    }
  print_seeds();
  std::vector<std::string> vocabulary;
  for (const auto& [name, pairs] : files)
    for (const auto& [l, d] : pairs) vocabulary.push_back(l), vocabulary.push_back(d);
  print_speed(vocabulary, passes);
  return 0;
}
