#include "common/api/resource_name.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace secsched::api {
namespace {

TEST(ResourceName, ParsesMatchingNames) {
  auto ids = ParseName("calendars/c1/students/s-9", "calendars/{calendar}/students/{student}");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_EQ(*ids, (std::vector<std::string>{"c1", "s-9"}));
}

TEST(ResourceName, RejectsOtherShapesWithAFieldViolation) {
  for (std::string_view bad : {"calendars/c1", "calendar/c1/students/s1", "calendars//students/s",
                               "calendars/C1/students/s1", "calendars/c1/students/s1/x"}) {
    auto ids = ParseName(bad, "calendars/{calendar}/students/{student}", "parent");
    ASSERT_EQ(ids.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    ASSERT_EQ(FieldViolationsOf(ids.status()).size(), 1u);
    EXPECT_EQ(FieldViolationsOf(ids.status())[0].field, "parent");
  }
}

TEST(ResourceName, FormatsAndIdsAreValid) {
  EXPECT_EQ(FormatName("calendars/{calendar}/trials/{trial}", {"c1", "t2"}),
            "calendars/c1/trials/t2");
  const std::string id = NewId("trial-");
  EXPECT_TRUE(IsValidId(id)) << id;
  EXPECT_NE(id, NewId("trial-"));
  EXPECT_FALSE(IsValidId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidId("-a"));
}

}  // namespace
}  // namespace secsched::api
