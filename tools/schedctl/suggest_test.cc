#include "tools/schedctl/suggest.h"

#include <gtest/gtest.h>

namespace secsched::schedctl {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("get", "get"), 0);
  EXPECT_EQ(EditDistance("", "get"), 3);
  EXPECT_EQ(EditDistance("verbos", "verbose"), 1);  // insertion
  EXPECT_EQ(EditDistance("calendar", "calendars"), 1);
  EXPECT_EQ(EditDistance("calender", "calendars"), 2);  // substitution + insertion
  EXPECT_EQ(EditDistance("gte", "get"), 1);             // one swap
  EXPECT_EQ(EditDistance("trail", "trial"), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
}

TEST(NearestMatchTest, SuggestsOnlyPlausibleSlips) {
  const std::vector<std::string> verbs = {"get", "list", "create", "approve"};
  EXPECT_EQ(NearestMatch("gte", verbs), "get");
  EXPECT_EQ(NearestMatch("lst", verbs), "list");
  EXPECT_EQ(NearestMatch("approv", verbs), "approve");
  EXPECT_EQ(NearestMatch("delete", verbs), std::nullopt);  // a different word, not a slip
  EXPECT_EQ(NearestMatch("x", {"id"}), std::nullopt);
  EXPECT_EQ(NearestMatch("foo", {"to", "id"}), std::nullopt);
  EXPECT_EQ(DidYouMean("calender", {"calendars", "courses"}), " (did you mean calendars?)");
  EXPECT_EQ(DidYouMean("calender", {"calendar"}, "--"), " (did you mean --calendar?)");
  EXPECT_EQ(DidYouMean("zzz", {"calendars"}), "");
}

}  // namespace
}  // namespace secsched::schedctl
