#pragma once
// ISO 8601 dates and date-times, as accepted by the indexer and the date
// filters: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm].
#include <expected>
#include <string>
#include <string_view>

namespace talash::schema {

struct IsoDate {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  bool has_time = false;

  // "YYYYMMDDhhmmss" in UTC: the sortable value stored in slot::kDate.
  std::string sortable() const;
  // "YYYY-MM-DD" (UTC date when a time with offset was given).
  std::string day_string() const;
};

// Time zones are applied, so the result is UTC.
std::expected<IsoDate, std::string> parse_iso_date(std::string_view text);

}  // namespace talash::schema
