#include "schema/entity_values.h"

namespace talash::schema {

std::string encode_entity_keys(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) {
    if (!out.empty()) out += '\x1f';
    out += k;
  }
  return out;
}

}  // namespace talash::schema
