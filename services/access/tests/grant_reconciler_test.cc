// Grants from evaluations: PENDING on a change, GRANTED by the evaluator, SLA breaches,
// revocation, end-of-cycle expiry, extension on recertification, voided approvals.
#include "services/access/domain/grant_reconciler.h"

#include <gtest/gtest.h>

#include "services/access/tests/facts_builder.h"

namespace secsched::access {
namespace {

using testing::At;
using testing::D;
using testing::FactsBuilder;

Moment On(Date day) { return {.now = At(day), .today = day}; }

std::function<std::string()> Ids() {
  auto n = std::make_shared<int>(0);
  return [n] { return "grant-new-" + std::to_string(++*n); };
}

FactsBuilder EligibleCounselor() {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, D(2025, 8, 1))
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2025, 9, 2))
      .Approved("east-high", D(2026, 3, 6));
  return b;
}

TEST(GrantReconciler, AChangeMakesAPendingGrantAndAsksForAnEvaluation) {
  const GrantPlan plan = ReconcileGrants(AccessPolicy{}, EligibleCounselor().facts(),
                                         On(D(2026, 3, 6)), GrantMode::kOnChange, "hr", Ids());
  ASSERT_EQ(plan.grants_to_save.size(), 1u);
  EXPECT_EQ(plan.grants_to_save[0].state, GrantState::kPending);
  EXPECT_EQ(plan.grants_to_save[0].requirements_met_on, D(2026, 3, 6));
  EXPECT_TRUE(plan.evaluation_needed);
  ASSERT_EQ(plan.audit.size(), 1u);
  EXPECT_EQ(plan.audit[0].action, "GRANT_PENDING");
  EXPECT_EQ(plan.audit[0].actor, "hr");
}

TEST(GrantReconciler, TheEvaluatorGrantsAndMeasuresTheSla) {
  FactsBuilder b = EligibleCounselor();
  b.OpenGrant("east-high", GrantState::kPending, D(2026, 3, 6));  // Friday
  const GrantPlan on_time = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 3, 10)),
                                            GrantMode::kGrantNow, "system:evaluator", Ids());
  ASSERT_EQ(on_time.grants_to_save.size(), 1u);
  EXPECT_EQ(on_time.grants_to_save[0].state, GrantState::kGranted);
  EXPECT_EQ(on_time.grants_to_save[0].expires_on, D(2026, 6, 30));
  EXPECT_FALSE(on_time.grants_to_save[0].sla_breached);
  EXPECT_TRUE(on_time.decisions_changed);

  const GrantPlan late = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 3, 11)),
                                         GrantMode::kGrantNow, "system:sweep", Ids());
  EXPECT_TRUE(late.grants_to_save[0].sla_breached);
  EXPECT_NE(late.audit[0].reason.find("after the two-business-day SLA"), std::string::npos);
}

TEST(GrantReconciler, LosingTheRoleRevokesAtOnceAndVoidsTheApproval) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, D(2025, 8, 1), D(2026, 3, 31))
      .Assigned("west-high", Role::kSchoolCounselor, D(2026, 4, 1))
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2025, 9, 2))
      .Approved("east-high", D(2025, 10, 1))
      .OpenGrant("east-high", GrantState::kGranted, D(2025, 10, 1), D(2026, 6, 30));
  const GrantPlan plan = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 4, 1)),
                                         GrantMode::kOnChange, "hr", Ids());
  ASSERT_EQ(plan.grants_to_save.size(), 1u);
  EXPECT_EQ(plan.grants_to_save[0].state, GrantState::kRevoked);
  EXPECT_EQ(plan.grants_to_save[0].end_reason, "needs a school-based role at east-high");
  ASSERT_EQ(plan.approvals_to_save.size(), 1u);
  EXPECT_EQ(plan.approvals_to_save[0].state, ApprovalState::kVoided);
  EXPECT_FALSE(plan.evaluation_needed);  // west-high still needs an approval
}

TEST(GrantReconciler, CycleEndExpiresAndRecertificationExtends) {
  FactsBuilder b = EligibleCounselor();
  b.OpenGrant("east-high", GrantState::kGranted, D(2026, 3, 6), D(2026, 6, 30));
  const GrantPlan expired = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 7, 1)),
                                            GrantMode::kGrantNow, "system:sweep", Ids());
  ASSERT_EQ(expired.grants_to_save.size(), 1u);
  EXPECT_EQ(expired.grants_to_save[0].state, GrantState::kExpired);
  EXPECT_EQ(expired.audit[0].action, "GRANT_EXPIRED");
  EXPECT_TRUE(ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 6, 30)), GrantMode::kGrantNow,
                              "system:sweep", Ids())
                  .grants_to_save.empty());

  b.Secondary(D(2026, 3, 12));
  const GrantPlan extended = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 3, 12)),
                                             GrantMode::kOnChange, "lms", Ids());
  ASSERT_EQ(extended.grants_to_save.size(), 1u);
  EXPECT_EQ(extended.grants_to_save[0].state, GrantState::kGranted);
  EXPECT_EQ(extended.grants_to_save[0].expires_on, D(2028, 6, 30));
  EXPECT_EQ(extended.audit[0].action, "GRANT_EXTENDED");
}

TEST(GrantReconciler, DepartureRevokesEverythingAndVoidsEveryApproval) {
  FactsBuilder b = EligibleCounselor();
  b.Approved("west-high", D(2026, 3, 1))
      .OpenGrant("east-high", GrantState::kGranted, D(2026, 3, 6), D(2026, 6, 30))
      .Departed();
  const GrantPlan plan = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 4, 1)),
                                         GrantMode::kOnChange, "hr", Ids());
  ASSERT_EQ(plan.grants_to_save.size(), 1u);
  EXPECT_EQ(plan.grants_to_save[0].state, GrantState::kRevoked);
  EXPECT_EQ(plan.approvals_to_save.size(), 2u);
}

TEST(GrantReconciler, NothingChangesTwice) {
  FactsBuilder b = EligibleCounselor();
  b.OpenGrant("east-high", GrantState::kGranted, D(2026, 3, 6), D(2026, 6, 30));
  const GrantPlan plan = ReconcileGrants(AccessPolicy{}, b.facts(), On(D(2026, 4, 1)),
                                         GrantMode::kGrantNow, "system:sweep", Ids());
  EXPECT_TRUE(plan.grants_to_save.empty());
  EXPECT_TRUE(plan.audit.empty());
}

}  // namespace
}  // namespace secsched::access
