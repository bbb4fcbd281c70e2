#pragma once
// Names table-driven test rows by their `name` field, for INSTANTIATE_TEST_SUITE_P.
#include <string>

#include <gtest/gtest.h>

namespace talash::test {

struct RowName {
  template <typename Row>
  std::string operator()(const ::testing::TestParamInfo<Row>& row) const {
    return std::string(row.param.name);
  }
};

}  // namespace talash::test
