#include "schema/iso_date.h"

#include <chrono>
#include <cstdio>

namespace talash::schema {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::unexpected<std::string> bad(std::string_view text, std::string_view why) {
  return std::unexpected("date '" + std::string(text.substr(0, 40)) + "' " + std::string(why) +
                         " (expected ISO 8601: YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[Z|+hh:mm])");
}

}  // namespace

std::string IsoDate::sortable() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", year, month, day, hour, minute, second);
  return buf;
}

std::string IsoDate::day_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::expected<IsoDate, std::string> parse_iso_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  IsoDate d;
  if (!read_digits(text, 0, 4, d.year) || text.size() < 10 || text[4] != '-' ||
      !read_digits(text, 5, 2, d.month) || text[7] != '-' || !read_digits(text, 8, 2, d.day))
    return bad(text, "does not parse");
  using namespace std::chrono;
  year_month_day ymd{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok() || d.year < 1000) return bad(text, "is not a calendar date");
  if (text.size() == 10) return d;

  if (text[10] != 'T' && text[10] != ' ') return bad(text, "has trailing characters");
  std::size_t p = 11;
  if (text.size() < p + 5 || !read_digits(text, p, 2, d.hour) || text[p + 2] != ':' ||
      !read_digits(text, p + 3, 2, d.minute))
    return bad(text, "has an invalid time");
  p += 5;
  if (p < text.size() && text[p] == ':') {
    if (!read_digits(text, p + 1, 2, d.second)) return bad(text, "has invalid seconds");
    p += 3;
    if (p < text.size() && (text[p] == '.' || text[p] == ',')) {
      ++p;
      std::size_t start = p;
      while (p < text.size() && text[p] >= '0' && text[p] <= '9') ++p;
      if (p == start) return bad(text, "has invalid fractional seconds");
    }
  }
  if (d.hour > 23 || d.minute > 59 || d.second > 60) return bad(text, "has an invalid time");
  int offset_minutes = 0;
  if (p < text.size()) {
    if (text[p] == 'Z' && p + 1 == text.size()) {
      ++p;
    } else if ((text[p] == '+' || text[p] == '-') && text.size() - p == 6 && text[p + 3] == ':') {
      int oh = 0, om = 0;
      if (!read_digits(text, p + 1, 2, oh) || !read_digits(text, p + 4, 2, om) || oh > 14 || om > 59)
        return bad(text, "has an invalid time zone");
      offset_minutes = (text[p] == '+' ? 1 : -1) * (oh * 60 + om);
      p = text.size();
    } else {
      return bad(text, "has an invalid time zone");
    }
  }
  d.has_time = true;
  if (offset_minutes != 0) {
    auto tp = sys_days{ymd} + hours{d.hour} + minutes{d.minute} - minutes{offset_minutes};
    auto dp = floor<days>(tp);
    year_month_day utc{dp};
    hh_mm_ss hms{tp - dp};
    d.year = int(utc.year());
    d.month = unsigned(utc.month());
    d.day = unsigned(utc.day());
    d.hour = hms.hours().count();
    d.minute = hms.minutes().count();
  }
  return d;
}

}  // namespace talash::schema
