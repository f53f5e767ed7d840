#include "common/api/update_mask.h"

#include <gtest/gtest.h>

namespace secsched::api {
namespace {

const std::vector<std::string> kUpdatable = {"display_name", "capacity"};

TEST(UpdateMaskTest, NamedPathsAreTheOnlyOnes) {
  absl::StatusOr<UpdateMask> mask = UpdateMask::Parse({"capacity"}, kUpdatable, {"display_name"});
  ASSERT_TRUE(mask.ok());
  EXPECT_TRUE(mask->Has("capacity"));
  EXPECT_FALSE(mask->Has("display_name"));
}

TEST(UpdateMaskTest, EmptyMaskMeansThePopulatedFields) {
  absl::StatusOr<UpdateMask> mask = UpdateMask::Parse({}, kUpdatable, {"display_name"});
  ASSERT_TRUE(mask.ok());
  EXPECT_TRUE(mask->Has("display_name"));
  EXPECT_FALSE(mask->Has("capacity"));
}

TEST(UpdateMaskTest, StarMeansEveryUpdatableField) {
  absl::StatusOr<UpdateMask> mask = UpdateMask::Parse({"*"}, kUpdatable, {});
  ASSERT_TRUE(mask.ok());
  EXPECT_TRUE(mask->Has("display_name"));
  EXPECT_TRUE(mask->Has("capacity"));
}

TEST(UpdateMaskTest, AFieldThatCannotBeUpdatedIsRefusedByName) {
  absl::StatusOr<UpdateMask> mask = UpdateMask::Parse({"name"}, kUpdatable, {});
  ASSERT_EQ(mask.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(mask.status().message().find("\"name\""), std::string::npos);
}

}  // namespace
}  // namespace secsched::api
