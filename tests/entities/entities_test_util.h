#pragma once
// Helpers shared by the entities tests: row names for TEST_P tables and one
// canonical rendering of tagger output.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "analysis/split_words.h"
#include "entities/entity_tagger.h"
#include "entities/gazetteer.h"

namespace talash::entities::test {

// Names TEST_P instances after the row's ASCII `name` field.
struct RowName {
  template <class Row>
  std::string operator()(const ::testing::TestParamInfo<Row>& info) const {
    return info.param.name;
  }
};

// The tagger over the shipped gazetteer, built once.
inline const EntityTagger& builtin_tagger() {
  static const EntityTagger tagger(Gazetteer::builtin());
  return tagger;
}

// "type:id[first,last+1) ..." in text order; "" when nothing is tagged.
inline std::string render(const std::vector<EntityMention>& mentions) {
  std::string out;
  for (const EntityMention& m : mentions) {
    if (!out.empty()) out += ' ';
    out += to_string(m.entity->type);
    out += ':';
    out += m.entity->id;
    out += '[' + std::to_string(m.first_token) + ',' + std::to_string(m.last_token + 1) + ')';
  }
  return out;
}

inline std::string tag_rendered(std::string_view text, const EntityTagger& tagger = builtin_tagger()) {
  return render(tagger.tag(analysis::split_words(text)));
}

}  // namespace talash::entities::test
