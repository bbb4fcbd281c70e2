#include "searcher/snippet.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "analysis/split_words.h"

namespace talash::searcher {
namespace {

using analysis::Token;

// Decodes one code point at s[i] (input is valid UTF-8; a stray byte counts as one).
char32_t decode(std::string_view s, std::size_t& i) {
  unsigned char c = s[i];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

// Continues the grapheme cluster before it (Grapheme_Cluster_Break Extend,
// SpacingMark or ZWJ): matras, virama, nukta, anusvara, ZWJ/ZWNJ.
bool extends_cluster(char32_t cp) {
  if (cp < 0x0300) return false;
  if (cp >= 0x0900 && cp <= 0x097F)  // Devanagari, the common case
    return cp <= 0x0903 || (cp >= 0x093A && cp <= 0x094F && cp != 0x093D) || (cp >= 0x0951 && cp <= 0x0957) ||
           cp == 0x0962 || cp == 0x0963;
  const auto gcb = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_GRAPHEME_CLUSTER_BREAK);
  return gcb == U_GCB_EXTEND || gcb == U_GCB_SPACING_MARK || gcb == U_GCB_ZWJ;
}

bool is_devanagari_consonant(char32_t cp) {
  return (cp >= 0x0915 && cp <= 0x0939) || (cp >= 0x0958 && cp <= 0x095F) || (cp >= 0x0978 && cp <= 0x097F);
}

// Counts grapheme clusters as ICU's character break iterator does, with its
// aksharas rule: a consonant joined by virama (क्ष, र्‍) belongs to the
// cluster before it, so क्षि is one character.
class ClusterCounter {
 public:
  // Whether `cp` starts a new cluster.
  bool starts(char32_t cp) {
    if (extends_cluster(cp)) {
      if (cp == 0x094D) state_ = state_ == kNone ? kNone : kLinked;
      else if (!(cp == 0x093C || cp == 0x200D || (cp >= 0x0951 && cp <= 0x0954) ||
                 (cp > 0x097F && u_getCombiningClass(static_cast<UChar32>(cp)) != 0)))
        state_ = kNone;  // a matra or anusvara ends the conjunct
      return false;
    }
    if (is_devanagari_consonant(cp)) {
      const bool joined = state_ == kLinked;
      state_ = kConsonant;
      return !joined;
    }
    state_ = kNone;
    return true;
  }
  void reset() { state_ = kNone; }

 private:
  enum State { kNone, kConsonant, kLinked } state_ = kNone;
};

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'; }

bool is_space_cp(char32_t c) {
  if (c < 0x80) return is_ascii_space(static_cast<char>(c));
  if (c >= 0x0900 && c <= 0x097F) return false;  // Devanagari, the common case
  return c == 0x85 || c == 0xA0 || u_isUWhiteSpace(static_cast<UChar32>(c));
}

// Characters after which analysis::split_words may start a new sentence.
bool is_terminator(char32_t c) { return c == '.' || analysis::is_hard_sentence_end(c); }

// Characters of text[from,to) with every run of white space counted once.
std::size_t collapsed_length(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  bool space = false;
  ClusterCounter clusters;
  for (std::size_t i = from; i < to;) {
    const char32_t c = decode(text.substr(0, to), i);
    if (is_space_cp(c)) {
      if (!space) ++n;
      space = true;
      clusters.reset();
      continue;
    }
    space = false;
    if (clusters.starts(c)) ++n;
  }
  return n;
}

void append_text(std::string& out, std::string_view text, const SnippetFormat& f) {
  if (f.escape_html) append_escaped_html(out, text);
  else out += text;
}

// Writes text[begin,end) with matched tokens marked; white space runs are
// collapsed so a passage that spans lines reads as one.
void render(std::string& out, std::string_view text, std::size_t begin, std::size_t end,
            const std::vector<Token>& tokens, const std::vector<int>& key, const SnippetFormat& f) {
  std::size_t at = begin;
  std::string collapsed;
  auto plain = [&](std::size_t from, std::size_t to) {
    collapsed.clear();
    bool space = false;
    for (std::size_t i = from; i < to;) {
      const std::size_t b = i;
      const char32_t c = decode(text.substr(0, to), i);
      if (is_space_cp(c)) {
        space = true;
        continue;
      }
      if (space) collapsed += ' ';
      space = false;
      collapsed.append(text.substr(b, i - b));
    }
    if (space) collapsed += ' ';
    append_text(out, collapsed, f);
  };
  auto it = std::lower_bound(tokens.begin(), tokens.end(), begin, [](const Token& t, std::size_t b) { return t.end <= b; });
  for (std::size_t i = static_cast<std::size_t>(it - tokens.begin()); i < tokens.size() && tokens[i].begin < end; ++i) {
    const auto& t = tokens[i];
    if (key[i] < 0 || t.begin < begin || t.end > end) continue;
    plain(at, t.begin);
    out += f.mark_open;
    append_text(out, text.substr(t.begin, t.end - t.begin), f);
    out += f.mark_close;
    at = t.end;
  }
  plain(at, end);
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// Matched tokens: key[i] is the index of the query word (by stem) token i
// stands for, -1 when it does not match. Each distinct form is looked up once.
int match_keys(const std::vector<Token>& tokens, const MatchPredicate& is_match, std::vector<int>& key) {
  key.assign(tokens.size(), -1);
  std::unordered_map<std::string_view, int> by_form;
  std::unordered_map<std::string, int> by_stem;
  by_form.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto [it, fresh] = by_form.try_emplace(tokens[i].norm, -1);
    if (fresh && is_match(tokens[i].norm))
      it->second = by_stem.try_emplace(is_match.key(tokens[i].norm), static_cast<int>(by_stem.size())).first->second;
    key[i] = it->second;
  }
  return static_cast<int>(by_stem.size());
}

// ---------------------------------------------------------------------------
// Passage choice

constexpr std::size_t kSeparatorChars = 3;  // " … "

struct Sent {
  std::size_t begin, end;          // bytes, terminator included, outer space excluded
  std::size_t first_tok, end_tok;  // its tokens [first_tok, end_tok)
  std::size_t lead, trail;         // characters before its first / after its last token
};

// A passage: tokens [lo, hi), from the start of lo's sentence (its opening
// quote...) when `whole_start`, to the end of hi-1's sentence (its danda...)
// when `whole_end`.
struct Frag {
  std::size_t lo, hi;
  bool whole_start, whole_end;
};

class Chooser {
 public:
  Chooser(std::string_view text, const std::vector<Token>& tokens, const std::vector<int>& key, int nkeys,
          const SnippetOptions& options)
      : text_(text), tokens_(tokens), key_(key), opt_(options), covered_(nkeys, 0),
        used_(tokens.size(), 0), seen_(nkeys, 0) {
    const auto spans = sentence_spans(text, tokens);
    sents_.reserve(spans.size());
    for (const auto& s : spans) sents_.push_back({s.begin, s.end, 0, 0, 0, 0});
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      Sent& s = sents_[tokens[i].sentence];
      if (s.end_tok == 0) s.first_tok = i;
      s.end_tok = i + 1;
    }
    // Characters up to each token's start and end (white space runs once).
    pre_.resize(tokens.size());
    post_.resize(tokens.size());
    std::size_t at = 0, count = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      count += collapsed_length(text, at, tokens[i].begin);
      pre_[i] = count;
      count += collapsed_length(text, tokens[i].begin, tokens[i].end);
      post_[i] = count;
      at = tokens[i].end;
    }
    for (auto& s : sents_) {
      if (s.first_tok >= s.end_tok) continue;
      s.lead = collapsed_length(text, s.begin, tokens[s.first_tok].begin);
      s.trail = collapsed_length(text, tokens[s.end_tok - 1].end, s.end);
    }
  }

  std::vector<Frag> choose() {
    std::vector<Frag> frags;
    for (std::size_t round = 0; round < opt_.max_fragments; ++round) {
      const std::size_t sep = frags.empty() ? 0 : kSeparatorChars;
      if (used_chars_ + sep + min_fragment() > opt_.max_chars) break;
      const std::size_t room = opt_.max_chars - used_chars_ - sep;
      auto frag = next_fragment(room, round + 1 < opt_.max_fragments);
      if (!frag) break;
      take(*frag, sep);
      frags.push_back(*frag);
    }
    if (frags.empty()) {  // nothing matched: the lead
      if (sents_.empty()) return frags;
      Frag lead{0, sents_[0].end_tok, true, true};
      if (chars(lead) > opt_.max_chars) lead = window(0, sents_[0].end_tok, opt_.max_chars);
      take(lead, 0);
      frags.push_back(lead);
    }
    // Extend each passage, most important first, with the words or sentences that follow it.
    for (auto& f : frags) grow(f);
    std::sort(frags.begin(), frags.end(), [](const Frag& a, const Frag& b) { return a.lo < b.lo; });
    // Passages that touch become one.
    std::vector<Frag> merged;
    for (const auto& f : frags) {
      if (!merged.empty() && merged.back().hi == f.lo &&
          (tokens_[f.lo].sentence == tokens_[f.lo - 1].sentence || (merged.back().whole_end && f.whole_start))) {
        merged.back().hi = f.hi;
        merged.back().whole_end = f.whole_end;
      } else {
        merged.push_back(f);
      }
    }
    return merged;
  }

  std::size_t begin_of(const Frag& f) const {
    return f.whole_start ? sents_[tokens_[f.lo].sentence].begin : tokens_[f.lo].begin;
  }
  std::size_t end_of(const Frag& f) const {
    return f.whole_end ? sents_[tokens_[f.hi - 1].sentence].end : tokens_[f.hi - 1].end;
  }
  bool at_text_start(const Frag& f) const { return f.lo == 0 && f.whole_start; }
  bool at_text_end(const Frag& f) const { return f.hi == tokens_.size() && f.whole_end; }

 private:
  // A passage shorter than this is not worth a separator.
  std::size_t min_fragment() const { return std::clamp<std::size_t>(opt_.max_chars / 6, 4, 40); }

  std::size_t chars(const Frag& f) const {
    std::size_t n = post_[f.hi - 1] - pre_[f.lo];
    if (f.whole_start) n += sents_[tokens_[f.lo].sentence].lead;
    if (f.whole_end) n += sents_[tokens_[f.hi - 1].sentence].trail;
    return n;
  }

  // (new query words, distinct query words, matches) of tokens [lo, hi).
  std::tuple<std::size_t, std::size_t, std::size_t> score(std::size_t lo, std::size_t hi) {
    ++stamp_;
    std::size_t fresh = 0, distinct = 0, hits = 0;
    for (std::size_t k = lo; k < hi; ++k) {
      const int w = key_[k];
      if (w < 0) continue;
      ++hits;
      if (seen_[w] == stamp_) continue;
      seen_[w] = stamp_;
      ++distinct;
      if (!covered_[w]) ++fresh;
    }
    return {fresh, distinct, hits};
  }

  // The sentence with the best score among those not shown yet, fitted into
  // `room` characters (cut around its matches when too long).
  std::optional<Frag> next_fragment(std::size_t room, bool more_rounds) {
    std::optional<std::size_t> best;
    std::tuple<std::size_t, std::size_t, std::size_t> best_score{0, 0, 0};
    for (std::size_t s = 0; s < sents_.size(); ++s) {
      const Sent& st = sents_[s];
      if (st.first_tok >= st.end_tok || used_[st.first_tok] || used_[st.end_tok - 1]) continue;
      auto sc = score(st.first_tok, st.end_tok);
      if (std::get<2>(sc) == 0) continue;
      // Repeating shown words is only worth a whole sentence.
      if (std::get<0>(sc) == 0 && chars(Frag{st.first_tok, st.end_tok, true, true}) > room) continue;
      if (!best || sc > best_score) {
        best = s;
        best_score = sc;
      }
    }
    if (!best) return std::nullopt;
    const Sent& st = sents_[*best];
    const bool adds_word = std::get<0>(best_score) > 0;
    // The shortest other sentence that would show a query word still missing.
    std::size_t need_elsewhere = 0;
    if (more_rounds) {
      ++stamp_;
      for (std::size_t k = st.first_tok; k < st.end_tok; ++k)
        if (key_[k] >= 0) seen_[key_[k]] = stamp_;
      for (const Sent& other : sents_) {
        if (&other == &st || other.first_tok >= other.end_tok || used_[other.first_tok]) continue;
        bool adds = false;
        for (std::size_t k = other.first_tok; k < other.end_tok && !adds; ++k)
          adds = key_[k] >= 0 && !covered_[key_[k]] && seen_[key_[k]] != stamp_;
        if (!adds) continue;
        const std::size_t c = std::max(min_fragment(), chars(Frag{other.first_tok, other.end_tok, true, true}));
        if (need_elsewhere == 0 || c < need_elsewhere) need_elsewhere = c;
      }
    }
    const bool missing_elsewhere = need_elsewhere > 0;
    const Frag whole{st.first_tok, st.end_tok, true, true};
    const std::size_t whole_chars = chars(whole);
    // Room kept for that sentence (at most half the room).
    const std::size_t keep = missing_elsewhere ? std::min(room / 2, need_elsewhere + kSeparatorChars) : 0;
    if (whole_chars + keep <= room) return whole;
    if (!adds_word) return std::nullopt;
    const std::size_t cap = room - keep;
    if (whole_chars <= cap) return whole;
    return window(st.first_tok, st.end_tok, cap);
  }

  // The best run of words of sentence `s` (tokens [first, end)) in `cap`
  // characters: the matches with the best score, then some words of context
  // before them, then the rest after them.
  Frag window(std::size_t first, std::size_t end, std::size_t cap) {
    std::size_t lo = first, hi = first + 1;
    std::tuple<std::size_t, std::size_t, std::size_t> best{0, 0, 0};
    bool found = false;
    for (std::size_t a = first; a < end; ++a) {
      if (key_[a] < 0) continue;
      std::size_t b = a + 1;
      while (b < end && post_[b] - pre_[a] <= cap) ++b;
      while (b > a + 1 && key_[b - 1] < 0) --b;  // end on a match
      auto sc = score(a, b);
      if (!found || sc > best) {
        found = true;
        best = sc;
        lo = a;
        hi = b;
      }
    }
    auto span = [&] { return post_[hi - 1] - pre_[lo]; };
    const std::size_t before = cap / 4;
    std::size_t context = 0;
    while (lo > first && span() + (pre_[lo] - pre_[lo - 1]) <= cap && context + (pre_[lo] - pre_[lo - 1]) <= before) {
      context += pre_[lo] - pre_[lo - 1];
      --lo;
    }
    while (hi < end && span() + (post_[hi] - post_[hi - 1]) <= cap) ++hi;
    while (lo > first && span() + (pre_[lo] - pre_[lo - 1]) <= cap) --lo;
    Frag f{lo, hi, lo == first, hi == end};
    if (f.whole_start && chars(f) > cap && lo + 1 < hi) f.whole_start = false;
    if (f.whole_end && chars(f) > cap && lo + 1 < hi) f.whole_end = false;
    return f;
  }

  void take(const Frag& f, std::size_t sep) {
    used_chars_ += sep + chars(f);
    for (std::size_t k = f.lo; k < f.hi; ++k) {
      used_[k] = 1;
      if (key_[k] >= 0) covered_[key_[k]] = 1;
    }
  }

  // Spends what is left of the budget after `f`: the words to the end of
  // its sentence, then whole following sentences.
  void grow(Frag& f) {
    auto try_set = [&](Frag g) {
      const std::size_t before = chars(f), after = chars(g);
      if (used_chars_ - before + after > opt_.max_chars) return false;
      for (std::size_t k = f.hi; k < g.hi; ++k) used_[k] = 1;
      used_chars_ = used_chars_ - before + after;
      f = g;
      return true;
    };
    const Sent& own = sents_[tokens_[f.hi - 1].sentence];
    while (!f.whole_end && f.hi < own.end_tok && !used_[f.hi]) {
      Frag g = f;
      ++g.hi;
      if (g.hi == own.end_tok) g.whole_end = true;
      if (!try_set(g)) {
        if (g.whole_end) {  // the words fit but not the danda: leave it open
          g.whole_end = false;
          if (try_set(g)) continue;
        }
        return;
      }
    }
    if (!f.whole_end) return;
    while (f.hi < tokens_.size() && !used_[f.hi]) {
      const Sent& next = sents_[tokens_[f.hi].sentence];
      if (next.end_tok > tokens_.size() || used_[next.end_tok - 1]) return;
      if (!try_set(Frag{f.lo, next.end_tok, f.whole_start, true})) return;
    }
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<int>& key_;
  const SnippetOptions& opt_;
  std::vector<Sent> sents_;
  std::vector<std::size_t> pre_, post_;
  std::vector<char> covered_, used_;
  std::vector<std::size_t> seen_;
  std::size_t stamp_ = 0;
  std::size_t used_chars_ = 0;
};

}  // namespace

bool MatchPredicate::operator()(const std::string& norm) const {
  if (terms_.words.contains(norm)) return true;
  return !terms_.stems.empty() && terms_.stems.contains(stem_(norm));
}

void append_escaped_html(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

std::size_t visible_length(std::string_view text) {
  std::size_t n = 0;
  ClusterCounter clusters;
  for (std::size_t i = 0; i < text.size();)
    if (clusters.starts(decode(text, i))) ++n;
  return n;
}

std::vector<analysis::ByteSpan> sentence_spans(std::string_view text, const std::vector<analysis::Token>& tokens) {
  std::vector<analysis::ByteSpan> out;
  if (tokens.empty()) return out;
  // The cut after the last terminator in text[from, to) and the closing
  // quotes or brackets glued to it; npos when there is none. `before` is the
  // token that ends at `from`: a '.' glued to an abbreviation (Dr. U.S. A.)
  // ends no sentence, as in split_words.
  auto cut_in = [&](std::size_t from, std::size_t to, const analysis::Token* before) {
    std::size_t cut = std::string_view::npos;
    const std::string_view upto = text.substr(0, to);
    for (std::size_t i = from; i < to;) {
      const std::size_t at = i;
      const char32_t c = decode(upto, i);
      if (!is_terminator(c)) continue;
      if (c == '.' && before && at == before->end &&
          analysis::dot_after_continues(text.substr(before->begin, before->end - before->begin), before->norm))
        continue;
      std::size_t j = i;
      while (j < to) {
        std::size_t k = j;
        const char32_t q = decode(upto, k);
        if (!analysis::is_closing_punctuation(q)) break;
        if ((q == '"' || q == '\'') && k == to && to < text.size()) break;  // opens the next word: है।"उसने
        j = k;
      }
      cut = j;
    }
    return cut;
  };
  auto skip_space = [&](std::size_t i, std::size_t limit) {
    while (i < limit) {
      std::size_t j = i;
      if (!is_space_cp(decode(text.substr(0, limit), j))) break;
      i = j;
    }
    return i;
  };
  auto trim_back = [&](std::size_t begin, std::size_t end) {
    while (end > begin) {
      std::size_t s = end - 1;
      while (s > begin && (static_cast<unsigned char>(text[s]) & 0xC0) == 0x80) --s;
      std::size_t i = s;
      if (!is_space_cp(decode(text, i)) || i != end) break;
      end = s;
    }
    return end;
  };
  const std::size_t lead_cut = cut_in(0, tokens[0].begin, nullptr);
  std::size_t begin = skip_space(lead_cut == std::string_view::npos ? 0 : lead_cut, tokens[0].begin);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].sentence == tokens[i - 1].sentence) continue;
    std::size_t cut = cut_in(tokens[i - 1].end, tokens[i].begin, &tokens[i - 1]);
    if (cut == std::string_view::npos) cut = tokens[i].begin;
    out.push_back({begin, trim_back(begin, cut)});
    begin = skip_space(cut, tokens[i].begin);
  }
  const std::size_t last_cut = cut_in(tokens.back().end, text.size(), &tokens.back());
  out.push_back({begin, trim_back(begin, last_cut == std::string_view::npos ? text.size() : last_cut)});
  return out;
}

std::string highlight_all(std::string_view text, const MatchPredicate& is_match, const SnippetFormat& format) {
  auto tokens = analysis::split_words(text);
  std::vector<int> key;
  match_keys(tokens, is_match, key);
  std::string out;
  render(out, text, 0, text.size(), tokens, key, format);
  return std::string(trim_view(out));
}

namespace {

// Long articles (Wikipedia pages run past 100 KB) are analyzed a window at a
// time, from the start, until one has a match: word breaking the whole text
// for each hit was most of the time of a search with snippets. Windows end at
// a line break (or a sentence end), where split_words starts a new sentence
// anyway, so the tokens are those of the whole text.
constexpr std::size_t kSnippetWindowBytes = 4 * 1024;

std::size_t window_end(std::string_view text, std::size_t start) {
  if (text.size() - start <= kSnippetWindowBytes + kSnippetWindowBytes / 2) return text.size();
  const std::string_view window = text.substr(start, kSnippetWindowBytes);
  if (auto nl = window.rfind('\n'); nl != std::string_view::npos && nl > kSnippetWindowBytes / 2) return start + nl + 1;
  static constexpr std::string_view kDanda = "\u0964";
  if (auto d = window.rfind(kDanda); d != std::string_view::npos && d > kSnippetWindowBytes / 2)
    return start + d + kDanda.size();
  return text.size();  // no safe place to cut: the whole text
}

std::string snippet_of_window(std::string_view text, std::size_t begin, std::size_t end,
                              const std::vector<Token>& tokens, const std::vector<int>& key, int nkeys,
                              const SnippetOptions& options) {
  const auto& f = options.format;
  const std::string_view window = text.substr(begin, end - begin);
  Chooser chooser(window, tokens, key, nkeys, options);
  const auto frags = chooser.choose();
  std::string out;
  for (std::size_t i = 0; i < frags.size(); ++i) {
    if (i == 0 && !(begin == 0 && chooser.at_text_start(frags[i]))) out += f.ellipsis;
    if (i > 0) {
      out += ' ';
      out += f.ellipsis;
      out += ' ';
    }
    render(out, window, chooser.begin_of(frags[i]), chooser.end_of(frags[i]), tokens, key, f);
  }
  if (!frags.empty() && !(end == text.size() && chooser.at_text_end(frags.back()))) out += f.ellipsis;
  return std::string(trim_view(out));
}

}  // namespace

std::string make_snippet(std::string_view text, const MatchPredicate& is_match, const SnippetOptions& options) {
  std::vector<Token> lead_tokens;
  std::vector<int> lead_key;
  std::size_t lead_end = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = window_end(text, begin);
    auto tokens = analysis::split_words(text.substr(begin, end - begin));
    std::vector<int> key;
    const int nkeys = match_keys(tokens, is_match, key);
    if (nkeys > 0) return snippet_of_window(text, begin, end, tokens, key, nkeys, options);
    if (begin == 0) {
      lead_tokens = std::move(tokens);
      lead_key = std::move(key);
      lead_end = end;
    }
    begin = end;
  }
  if (lead_tokens.empty()) return {};
  return snippet_of_window(text, 0, lead_end, lead_tokens, lead_key, 0, options);
}

}  // namespace talash::searcher
