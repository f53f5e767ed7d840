// Course rules: the complement seen from the paired course, duplicates and contradictions.
#include "services/requests/domain/course_rules.h"

#include <gtest/gtest.h>

namespace secsched::requests {
namespace {

using T = CourseRuleType;

CourseRule Rule(std::string id, T type, std::string a, std::string b) {
  return CourseRule{.calendar_id = "cal",
                    .id = std::move(id),
                    .type = type,
                    .course_a = std::move(a),
                    .course_b = std::move(b)};
}

TEST(CourseRulesTest, NamesAreTheEngineRuleNames) {
  EXPECT_EQ(CourseRuleTypeName(T::kSamePeriod), "SAME_PERIOD");
  EXPECT_EQ(CourseRuleTypeName(T::kNotSamePeriod), "NOT_SAME_PERIOD");
  EXPECT_EQ(CourseRuleTypeName(T::kSameTerm), "SAME_TERM");
  EXPECT_EQ(CourseRuleTypeName(T::kDifferentTerm), "DIFFERENT_TERM");
  EXPECT_EQ(CourseRuleTypeName(T::kPrecedes), "PRECEDES");
  EXPECT_EQ(CourseRuleTypeName(T::kLinked), "LINKED");
}

TEST(CourseRulesTest, TheComplementOfASymmetricRuleReadsFromThePairedCourse) {
  for (T type : {T::kSamePeriod, T::kNotSamePeriod, T::kSameTerm, T::kDifferentTerm, T::kLinked}) {
    const CourseRule rule = Rule("r1", type, "health", "pe");
    const CourseRule from_b = SeenFrom(rule, "pe");
    EXPECT_EQ(from_b.course_a, "pe") << CourseRuleTypeName(type);
    EXPECT_EQ(from_b.course_b, "health");
    EXPECT_EQ(from_b.type, type);
    EXPECT_EQ(from_b.id, "r1");  // one rule: deleting it deletes the complement
    EXPECT_EQ(SeenFrom(rule, "health").course_a, "health");
  }
}

TEST(CourseRulesTest, PrecedesKeepsItsOrderFromBothCourses) {
  const CourseRule rule = Rule("r1", T::kPrecedes, "alg1a", "alg1b");
  const CourseRule from_b = SeenFrom(rule, "alg1b");
  EXPECT_EQ(from_b.course_a, "alg1a");
  EXPECT_EQ(from_b.course_b, "alg1b");
}

TEST(CourseRulesTest, TheSameRuleInEitherOrderIsADuplicateExceptForPrecedes) {
  EXPECT_TRUE(SameRule(Rule("a", T::kSameTerm, "x", "y"), Rule("b", T::kSameTerm, "y", "x")));
  EXPECT_FALSE(SameRule(Rule("a", T::kSameTerm, "x", "y"), Rule("b", T::kLinked, "x", "y")));
  EXPECT_TRUE(SameRule(Rule("a", T::kPrecedes, "x", "y"), Rule("b", T::kPrecedes, "x", "y")));
  EXPECT_FALSE(SameRule(Rule("a", T::kPrecedes, "x", "y"), Rule("b", T::kPrecedes, "y", "x")));

  absl::Status again = CheckAgainstExisting(Rule("new", T::kSameTerm, "y", "x"),
                                            {Rule("old", T::kSameTerm, "x", "y")});
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(again.message().find("old"), std::string_view::npos) << again;
}

struct ContradictionCase {
  T existing;
  std::string existing_a, existing_b;
  T proposed;
  std::string proposed_a, proposed_b;
};

TEST(CourseRulesTest, ContradictoryRulesOnAPairAreRefusedNamingTheExistingRule) {
  const std::vector<ContradictionCase> cases = {
      {T::kSamePeriod, "x", "y", T::kNotSamePeriod, "y", "x"},
      {T::kNotSamePeriod, "x", "y", T::kSamePeriod, "x", "y"},
      {T::kSameTerm, "x", "y", T::kDifferentTerm, "x", "y"},
      {T::kDifferentTerm, "x", "y", T::kSameTerm, "y", "x"},
      {T::kSameTerm, "x", "y", T::kPrecedes, "x", "y"},
      {T::kPrecedes, "y", "x", T::kSameTerm, "x", "y"},
      {T::kPrecedes, "x", "y", T::kPrecedes, "y", "x"},
      {T::kSamePeriod, "x", "y", T::kSameTerm, "x", "y"},
  };
  for (const ContradictionCase& c : cases) {
    const CourseRule existing = Rule("rule-old", c.existing, c.existing_a, c.existing_b);
    const CourseRule proposed = Rule("rule-new", c.proposed, c.proposed_a, c.proposed_b);
    absl::Status status = CheckAgainstExisting(proposed, {existing});
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition)
        << CourseRuleTypeName(c.existing) << " vs " << CourseRuleTypeName(c.proposed);
    EXPECT_NE(status.message().find("rule-old"), std::string_view::npos) << status;
    EXPECT_TRUE(Contradiction(existing, proposed).has_value());
    EXPECT_TRUE(Contradiction(proposed, existing).has_value());  // either order
  }
}

TEST(CourseRulesTest, CompatibleRulesOnAPairAreAccepted) {
  const std::vector<std::pair<CourseRule, CourseRule>> compatible = {
      // Health S1 and PE S2 in the same period.
      {Rule("a", T::kSamePeriod, "health", "pe"), Rule("b", T::kDifferentTerm, "health", "pe")},
      {Rule("a", T::kPrecedes, "alg1a", "alg1b"), Rule("b", T::kDifferentTerm, "alg1b", "alg1a")},
      {Rule("a", T::kPrecedes, "alg1a", "alg1b"), Rule("b", T::kSamePeriod, "alg1a", "alg1b")},
      {Rule("a", T::kLinked, "bio", "biolab"), Rule("b", T::kSameTerm, "bio", "biolab")},
      {Rule("a", T::kNotSamePeriod, "x", "y"), Rule("b", T::kDifferentTerm, "x", "y")},
  };
  for (const auto& [existing, proposed] : compatible) {
    EXPECT_TRUE(CheckAgainstExisting(proposed, {existing}).ok())
        << CourseRuleTypeName(existing.type) << " + " << CourseRuleTypeName(proposed.type);
  }
}

TEST(CourseRulesTest, AMasterNotSamePeriodIsADifferentRuleFromAStudentOne) {
  CourseRule master = Rule("m", T::kNotSamePeriod, "apbio", "apchem");
  master.scope = CourseRuleScope::kMaster;
  EXPECT_FALSE(SameRule(master, Rule("s", T::kNotSamePeriod, "apbio", "apchem")));
  CourseRule again = Rule("m2", T::kNotSamePeriod, "apchem", "apbio");
  again.scope = CourseRuleScope::kMaster;
  EXPECT_TRUE(SameRule(master, again));
  EXPECT_EQ(CourseRuleScopeName(CourseRuleScope::kMaster), "MASTER");
}

// A master-level NOT_SAME_PERIOD forbids a shared period only within a term, which SAME_PERIOD's
// sections in different terms (Health S1, PE S2) keep; the student-level one contradicts it.
TEST(CourseRulesTest, SamePeriodAndAMasterNotSamePeriodAreCompatible) {
  CourseRule master = Rule("m", T::kNotSamePeriod, "health", "pe");
  master.scope = CourseRuleScope::kMaster;
  EXPECT_FALSE(Contradiction(master, Rule("s", T::kSamePeriod, "health", "pe")).has_value());
  EXPECT_TRUE(Contradiction(Rule("n", T::kNotSamePeriod, "health", "pe"),
                            Rule("s", T::kSamePeriod, "health", "pe"))
                  .has_value());
}

TEST(CourseRulesTest, RulesOnOtherPairsDoNotMatter) {
  EXPECT_TRUE(CheckAgainstExisting(Rule("n", T::kNotSamePeriod, "x", "y"),
                                   {Rule("o", T::kSamePeriod, "x", "z")})
                  .ok());
}

}  // namespace
}  // namespace secsched::requests
