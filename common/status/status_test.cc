#include "common/status/status.h"

#include <gtest/gtest.h>

namespace secsched {
namespace {

TEST(FieldValidator, CollectsEveryViolation) {
  FieldValidator v;
  EXPECT_TRUE(v.Require(true, "a", "fine"));
  EXPECT_FALSE(v.Require(false, "b", "must be set"));
  v.Add("c", "too long");
  absl::Status s = v.Finish();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(FieldViolationsOf(s).size(), 2u);
  EXPECT_EQ(FieldViolationsOf(s)[0].field, "b");
  EXPECT_TRUE(FieldValidator().Finish().ok());
}

TEST(FieldViolations, SurviveAnyCharacters) {
  const std::vector<FieldViolation> in = {{"rows[3].name", "has a ':' and a \"1:\" in it"},
                                          {"", ""},
                                          {std::string("a\0b", 3), "12:34"}};
  EXPECT_EQ(FieldViolationsOf(InvalidArgumentWithFields("bad", in)), in);
  EXPECT_TRUE(FieldViolationsOf(absl::InvalidArgumentError("no details")).empty());
}

}  // namespace
}  // namespace secsched
