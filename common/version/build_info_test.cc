#include "common/version/build_info.h"

#include <gtest/gtest.h>

namespace secsched {
namespace {

TEST(BuildInfoTest, VersionLineNamesProgramVersionAndBuildType) {
  EXPECT_FALSE(BuildVersion().empty());
  EXPECT_EQ(BuildType(), SECSCHED_EXPECTED_BUILD_TYPE);
  EXPECT_EQ(VersionLine("schedctl"),
            "schedctl " + std::string(BuildVersion()) + " (" + SECSCHED_EXPECTED_BUILD_TYPE + ")");
}

TEST(BuildInfoTest, OnlyALeadingVersionFlagAsksForIt) {
  EXPECT_TRUE(AsksForVersion({"--version"}));
  EXPECT_TRUE(AsksForVersion({"--version", "serve"}));
  EXPECT_FALSE(AsksForVersion({}));
  EXPECT_FALSE(AsksForVersion({"serve", "--version"}));
  EXPECT_FALSE(AsksForVersion({"-v"}));
}

}  // namespace
}  // namespace secsched
