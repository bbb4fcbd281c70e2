#include "searcher/recency_boost.h"

#include <algorithm>
#include <cmath>

#include "schema/schema.h"

namespace talash::searcher {

double days_since_epoch(const std::string& d) {
  if (d.size() < 8 || !std::all_of(d.begin(), d.begin() + 8, [](char c) { return c >= '0' && c <= '9'; })) return -1;
  int y = std::stoi(d.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(d.substr(4, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(d.substr(6, 2)));
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  double days = era * 146097.0 + static_cast<double>(doe) - 719468.0;
  if (d.size() >= 12) days += (std::stoi(d.substr(8, 2)) * 60 + std::stoi(d.substr(10, 2))) / 1440.0;
  return days;
}

RecencyBoost::RecencyBoost(double max_weight, double half_life_days)
    : Xapian::ValuePostingSource(schema::slot::kDate), max_weight_(max_weight), half_life_days_(half_life_days) {}

void RecencyBoost::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  newest_days_ = days_since_epoch(database.get_value_upper_bound(schema::slot::kDate));
  set_maxweight(max_weight_);
}

double RecencyBoost::get_weight() const {
  const double days = days_since_epoch(get_value());
  if (days < 0) return 0;
  return max_weight_ * std::exp2(-std::max(0.0, newest_days_ - days) / half_life_days_);
}

std::string RecencyBoost::get_description() const {
  return "RecencyBoost(max " + std::to_string(max_weight_) + ", half-life " + std::to_string(half_life_days_) + " days)";
}

}  // namespace talash::searcher
