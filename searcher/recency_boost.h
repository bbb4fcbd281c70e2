#pragma once
// The search box's "prefer fresh news" (boost=recent): every dated match gets
// extra weight that halves with each `half_life_days` of age, counted from
// the newest article in the index (not from today, so an archive behaves the
// same as a live index). Added to BM25, so a much better match still wins.
#include <string>

#include <xapian.h>

namespace talash::searcher {

class RecencyBoost : public Xapian::ValuePostingSource {
 public:
  RecencyBoost(double max_weight, double half_life_days);

  void init(const Xapian::Database& database) override;
  double get_weight() const override;
  RecencyBoost* clone() const override { return new RecencyBoost(max_weight_, half_life_days_); }
  std::string name() const override { return "Talash::RecencyBoost"; }
  std::string get_description() const override;

 private:
  double max_weight_;
  double half_life_days_;
  double newest_days_ = 0;
};

// Days since 1970-01-01 of a slot::kDate value ("YYYYMMDDhhmmss"); -1 when malformed.
double days_since_epoch(const std::string& sortable_date);

}  // namespace talash::searcher
