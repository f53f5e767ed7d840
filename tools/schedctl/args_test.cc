#include "tools/schedctl/args.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace secsched::schedctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

const KnownFlags kSwitches = {.switches = {"help", "watch", "departed"},
                              .values = {"output", "id", "name", "grade", "team", "email"}};

TEST(ParseArgsTest, SplitsWordsFromFlagsInEitherForm) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(
      {"--output", "json", "staff", "upsert", "--id=e1", "--name", "Ann Lee", "--departed"},
      kSwitches);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_THAT(args->positionals, ElementsAre("staff", "upsert"));
  EXPECT_THAT(args->flags, ElementsAre(Pair("departed", ""), Pair("id", "e1"),
                                       Pair("name", "Ann Lee"), Pair("output", "json")));
  EXPECT_TRUE(args->Has("departed"));
  EXPECT_EQ(args->Get("id"), "e1");
  EXPECT_EQ(args->Get("email", "none"), "none");
}

TEST(ParseArgsTest, AValueMayStartWithADashOrBeEmpty) {
  absl::StatusOr<ParsedArgs> args = ParseArgs({"--grade", "-1", "--team="}, kSwitches);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->Get("grade"), "-1");
  EXPECT_TRUE(args->Has("team"));
  EXPECT_EQ(args->Get("team", "x"), "");
}

TEST(ParseArgsTest, DoubleDashEndsFlagsAndDashHIsHelp) {
  absl::StatusOr<ParsedArgs> args = ParseArgs({"-h", "staff", "--", "--weird-id"}, kSwitches);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_TRUE(args->Has("help"));
  EXPECT_THAT(args->positionals, ElementsAre("staff", "--weird-id"));
}

TEST(ParseArgsTest, RejectsMalformedCommandLines) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  for (const Case& c : std::vector<Case>{
           {{"--name"}, "--name needs a value"},
           {{"--watch=yes"}, "--watch takes no value"},
           {{"--id", "a", "--id=b"}, "--id is given more than once"},
           {{"-x"}, "unknown flag -x"},
           {{"--=v"}, "malformed flag"},
       }) {
    absl::StatusOr<ParsedArgs> args = ParseArgs(c.args, kSwitches);
    ASSERT_FALSE(args.ok()) << c.error;
    EXPECT_THAT(std::string(args.status().message()), HasSubstr(c.error));
  }
}

TEST(ParseArgsTest, AnUnknownFlagTakesNoValueAndIsKeptForTheError) {
  // Neither "needs a value" at the end of the line nor swallowing the next word.
  absl::StatusOr<ParsedArgs> args =
      ParseArgs({"--foo", "calendars", "get", "X", "--verbose", "--x=1"}, kSwitches);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_THAT(args->positionals, ElementsAre("calendars", "get", "X"));
  EXPECT_THAT(args->unknown_flags, ElementsAre("foo", "verbose", "x"));
  EXPECT_TRUE(args->flags.empty());
}

}  // namespace
}  // namespace secsched::schedctl
