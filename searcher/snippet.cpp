#include "searcher/snippet.h"

#include <algorithm>
#include <set>

#include "analysis/split_words.h"

namespace talash::searcher {
namespace {

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

bool is_combining_mark(char32_t cp) {
  return (cp >= 0x0900 && cp <= 0x0903) || (cp >= 0x093A && cp <= 0x094F && cp != 0x093D) ||
         (cp >= 0x0951 && cp <= 0x0957) || cp == 0x0962 || cp == 0x0963 || (cp >= 0x0300 && cp <= 0x036F) ||
         cp == 0x200C || cp == 0x200D;
}

void append_text(std::string& out, std::string_view text, const SnippetFormat& f) {
  if (f.escape_html) append_escaped_html(out, text);
  else out += text;
}

// Writes text[begin,end) with matched tokens marked; white space runs are
// collapsed so a passage that spans lines reads as one.
void render(std::string& out, std::string_view text, std::size_t begin, std::size_t end,
            const std::vector<analysis::Token>& tokens, const std::vector<char>& matched, const SnippetFormat& f) {
  std::size_t at = begin;
  auto plain = [&](std::size_t from, std::size_t to) {
    std::string_view piece = text.substr(from, to - from);
    std::string collapsed;
    bool space = false;
    for (char c : piece) {
      if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
        space = true;
        continue;
      }
      if (space) collapsed += ' ';
      space = false;
      collapsed += c;
    }
    if (space) collapsed += ' ';
    append_text(out, collapsed, f);
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.end <= begin || t.begin >= end || !matched[i]) continue;
    plain(at, t.begin);
    out += f.mark_open;
    append_text(out, text.substr(t.begin, t.end - t.begin), f);
    out += f.mark_close;
    at = t.end;
  }
  plain(at, end);
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

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
  for (std::size_t i = 0; i < text.size();)
    if (!is_combining_mark(decode(text, i))) ++n;
  return n;
}

std::string highlight_all(std::string_view text, const MatchPredicate& is_match, const SnippetFormat& format) {
  auto tokens = analysis::split_words(text);
  std::vector<char> matched(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) matched[i] = is_match(tokens[i].norm);
  std::string out;
  render(out, text, 0, text.size(), tokens, matched, format);
  return std::string(trim_view(out));
}

std::string make_snippet(std::string_view text, const MatchPredicate& is_match, const SnippetOptions& options) {
  const auto& f = options.format;
  auto tokens = analysis::split_words(text);
  if (tokens.empty()) return {};
  auto sentences = analysis::split_sentences(text);
  if (sentences.empty()) sentences.push_back({0, text.size()});

  std::vector<char> matched(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) matched[i] = is_match(tokens[i].norm);

  // Per sentence: its tokens and its visible length.
  struct Sent {
    std::size_t begin, end, first_tok, end_tok, chars;
  };
  std::vector<Sent> sents;
  std::size_t ti = 0;
  for (const auto& s : sentences) {
    while (ti < tokens.size() && tokens[ti].end <= s.begin) ++ti;
    std::size_t first = ti;
    while (ti < tokens.size() && tokens[ti].begin < s.end) ++ti;
    sents.push_back({s.begin, s.end, first, ti, visible_length(text.substr(s.begin, s.end - s.begin))});
  }

  // Best window of whole sentences: most distinct matched words, then most matches, then earliest.
  std::size_t best_start = 0, best_end = 1;
  std::tuple<std::size_t, std::size_t> best_score{0, 0};
  for (std::size_t a = 0; a < sents.size(); ++a) {
    std::set<std::string_view> distinct;
    std::size_t hits = 0, chars = 0;
    for (std::size_t b = a; b < sents.size(); ++b) {
      chars += sents[b].chars + (b > a ? 1 : 0);
      if (b > a && chars > options.max_chars) break;
      for (std::size_t k = sents[b].first_tok; k < sents[b].end_tok; ++k)
        if (matched[k]) {
          distinct.insert(tokens[k].norm);
          ++hits;
        }
      std::tuple<std::size_t, std::size_t> score{distinct.size(), hits};
      if (score > best_score) {
        best_score = score;
        best_start = a;
        best_end = b + 1;
      }
    }
  }
  if (std::get<0>(best_score) == 0) best_end = best_start + 1;  // the lead
  // Fill up with following sentences while they fit.
  std::size_t chars = 0;
  for (std::size_t k = best_start; k < best_end; ++k) chars += sents[k].chars + 1;
  while (best_end < sents.size() && chars + sents[best_end].chars + 1 <= options.max_chars)
    chars += sents[best_end++].chars + 1;

  std::string out;
  if (chars <= options.max_chars + 1) {
    if (best_start > 0) out += f.ellipsis;
    render(out, text, sents[best_start].begin, sents[best_end - 1].end, tokens, matched, f);
    if (best_end < sents.size()) out += f.ellipsis;
    return std::string(trim_view(out));
  }

  // One sentence longer than the budget: a window of words around its first
  // match, cut at word boundaries.
  const Sent& s = sents[best_start];
  std::size_t centre = s.first_tok;
  for (std::size_t k = s.first_tok; k < s.end_tok; ++k)
    if (matched[k]) {
      centre = k;
      break;
    }
  std::size_t lo = centre, hi = centre + 1;
  std::size_t used = visible_length(text.substr(tokens[centre].begin, tokens[centre].end - tokens[centre].begin));
  // Some context before the match, the rest after it.
  std::size_t before_budget = options.max_chars / 4;
  while (lo > s.first_tok) {
    std::size_t add = visible_length(text.substr(tokens[lo - 1].begin, tokens[lo].begin - tokens[lo - 1].begin));
    if (used + add > before_budget) break;
    used += add;
    --lo;
  }
  while (hi < s.end_tok) {
    std::size_t add = visible_length(text.substr(tokens[hi - 1].end, tokens[hi].end - tokens[hi - 1].end));
    if (used + add > options.max_chars) break;
    used += add;
    ++hi;
  }
  std::size_t begin = lo == s.first_tok ? s.begin : tokens[lo].begin;
  std::size_t end = hi == s.end_tok ? s.end : tokens[hi - 1].end;
  if (lo > s.first_tok || best_start > 0) out += f.ellipsis;
  render(out, text, begin, end, tokens, matched, f);
  if (hi < s.end_tok || best_start + 1 < sents.size()) out += f.ellipsis;
  return std::string(trim_view(out));
}

}  // namespace talash::searcher
