// Policy table tests: every combination of role, certification, prerequisite order and approval,
// then location change, departure and return.
#include "services/access/domain/eligibility.h"

#include <gtest/gtest.h>

#include "services/access/tests/facts_builder.h"

namespace secsched::access {
namespace {

using testing::D;
using testing::FactsBuilder;

enum class Cert { kNone, kWalkInOnly, kSecondaryBeforeWalkIn, kSameInstant, kValid, kExpired };
enum class Approver { kNone, kPrincipal, kManager, kTeacher, kRevoked, kBeforeStint, kOtherSchool };

constexpr Role kAllRoles[] = {Role::kOfficeProfessional,
                              Role::kSchoolCounselor,
                              Role::kPrincipal,
                              Role::kManager,
                              Role::kTeacher,
                              Role::kAssistantPrincipal,
                              Role::kRegistrar,
                              Role::kOtherSchoolBased,
                              Role::kDistrict};
constexpr Cert kAllCerts[] = {Cert::kNone,        Cert::kWalkInOnly, Cert::kSecondaryBeforeWalkIn,
                              Cert::kSameInstant, Cert::kValid,      Cert::kExpired};
constexpr Approver kAllApprovers[] = {
    Approver::kNone,    Approver::kPrincipal,   Approver::kManager,    Approver::kTeacher,
    Approver::kRevoked, Approver::kBeforeStint, Approver::kOtherSchool};

const Date kToday = D(2026, 3, 20);
// After the first cycle ended, so a certification can be expired.
const Date kComboDay = D(2026, 9, 15);
const Date kStint = D(2025, 8, 1);

void AddCertification(FactsBuilder& b, Cert cert) {
  switch (cert) {
    case Cert::kNone:
      break;
    case Cert::kWalkInOnly:
      b.WalkIn(D(2025, 9, 1));
      break;
    case Cert::kSecondaryBeforeWalkIn:
      b.Secondary(D(2025, 9, 1)).WalkIn(D(2025, 9, 2));
      break;
    case Cert::kSameInstant:
      b.WalkIn(D(2025, 9, 1), 9).Secondary(D(2025, 9, 1), 9);
      break;
    case Cert::kValid:
      b.WalkIn(D(2026, 8, 1), 9).Secondary(D(2026, 8, 1), 10);
      break;
    case Cert::kExpired:
      b.WalkIn(D(2021, 9, 1)).Secondary(D(2025, 9, 2));
      break;
  }
}

void AddApproval(FactsBuilder& b, Approver approver) {
  switch (approver) {
    case Approver::kNone:
      break;
    case Approver::kPrincipal:
      b.Approved("east-high", D(2025, 10, 1), Role::kPrincipal);
      break;
    case Approver::kManager:
      b.Approved("east-high", D(2025, 10, 1), Role::kManager);
      break;
    case Approver::kTeacher:
      b.Approved("east-high", D(2025, 10, 1), Role::kTeacher);
      break;
    case Approver::kRevoked:
      b.Approved("east-high", D(2025, 10, 1), Role::kPrincipal, ApprovalState::kRevoked);
      break;
    case Approver::kBeforeStint:
      b.Approved("east-high", D(2025, 7, 1));
      break;
    case Approver::kOtherSchool:
      b.Approved("west-high", D(2025, 10, 1));
      break;
  }
}

TEST(Eligibility, EveryRoleCertificationAndApprovalCombination) {
  int combinations = 0;
  for (Role role : kAllRoles) {
    for (Cert cert : kAllCerts) {
      for (Approver approver : kAllApprovers) {
        FactsBuilder b;
        b.Assigned("east-high", role, kStint);
        AddCertification(b, cert);
        AddApproval(b, approver);
        const Evaluation e = Evaluate(AccessPolicy{}, b.facts(), "east-high", kComboDay);
        const bool role_ok = role != Role::kDistrict;
        const bool cert_ok = cert == Cert::kValid;
        const bool approval_ok =
            role_ok && (approver == Approver::kPrincipal || approver == Approver::kManager);
        SCOPED_TRACE(std::string(RoleName(role)) + " cert=" + std::to_string(int(cert)) +
                     " approver=" + std::to_string(int(approver)));
        EXPECT_EQ(e.eligible, role_ok && cert_ok && approval_ok) << e.Reason();
        EXPECT_EQ(e.requirements[1].met, role_ok);
        EXPECT_EQ(e.requirements[2].met, cert_ok);
        EXPECT_EQ(e.requirements[3].met, approval_ok);
        if (e.eligible) {
          EXPECT_EQ(e.access_until, D(2028, 6, 30));
        }
        ++combinations;
      }
    }
  }
  EXPECT_EQ(combinations, 9 * 6 * 7);
}

TEST(Eligibility, ExplainsWhatIsMissingWithDates) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, kStint).WalkIn(D(2025, 9, 1));
  const Evaluation e = Evaluate(AccessPolicy{}, b.facts(), "east-high", kToday);
  EXPECT_FALSE(e.eligible);
  EXPECT_EQ(e.requirements[2].detail,
            "needs the Secondary Scheduling certification (Walk-In completed 2025-09-01)");
  EXPECT_EQ(e.requirements[3].detail, "needs approval from a principal or manager of east-high");
  EXPECT_EQ(e.Reason(), e.requirements[2].detail);
  b.Secondary(D(2025, 9, 5)).Approved("east-high", D(2025, 10, 1));
  const Evaluation ok = Evaluate(AccessPolicy{}, b.facts(), "east-high", kToday);
  EXPECT_TRUE(ok.eligible);
  EXPECT_EQ(ok.requirements[2].detail, "Secondary Scheduling certification expires 2026-06-30");
  EXPECT_EQ(ok.requirements[1].since, kStint);
}

TEST(Eligibility, DistrictExampleCycleEndWithoutRecertification) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, D(2023, 7, 1))
      .WalkIn(D(2023, 8, 1))
      .Secondary(D(2023, 8, 15))
      .Approved("east-high", D(2023, 8, 20));
  EXPECT_TRUE(Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 6, 30)).eligible);
  const Evaluation after = Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 7, 1));
  EXPECT_FALSE(after.eligible);
  EXPECT_TRUE(after.only_certification_expired);
  EXPECT_EQ(after.Reason(),
            "Secondary Scheduling certification expired 2026-06-30; recertification is needed");
  b.Secondary(D(2026, 3, 10));  // recertified in the window
  const Evaluation renewed = Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 7, 1));
  EXPECT_TRUE(renewed.eligible);
  EXPECT_EQ(renewed.access_until, D(2028, 6, 30));
}

TEST(Eligibility, LocationChangeNeedsANewApproval) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, kStint, D(2026, 2, 28))
      .Assigned("west-high", Role::kSchoolCounselor, D(2026, 3, 1))
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2025, 9, 2))
      .Approved("east-high", D(2025, 10, 1));
  EXPECT_FALSE(Evaluate(AccessPolicy{}, b.facts(), "east-high", kToday).eligible);
  const Evaluation west = Evaluate(AccessPolicy{}, b.facts(), "west-high", kToday);
  EXPECT_FALSE(west.eligible);
  EXPECT_FALSE(west.requirements[3].met);
  b.Approved("west-high", D(2026, 3, 2), Role::kManager);
  EXPECT_TRUE(Evaluate(AccessPolicy{}, b.facts(), "west-high", kToday).eligible);
}

TEST(Eligibility, RoleChangeAtTheSameSchoolNeedsANewApproval) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kTeacher, kStint, D(2026, 2, 28))
      .Assigned("east-high", Role::kRegistrar, D(2026, 3, 1))
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2025, 9, 2))
      .Approved("east-high", D(2025, 10, 1));
  EXPECT_FALSE(Evaluate(AccessPolicy{}, b.facts(), "east-high", kToday).eligible);
  // Moving to a district role at the school never qualifies.
  FactsBuilder d;
  d.Assigned("east-high", Role::kDistrict, kStint).WalkIn(D(2025, 9, 1)).Secondary(D(2025, 9, 2));
  EXPECT_EQ(Evaluate(AccessPolicy{}, d.facts(), "east-high", kToday).requirements[1].detail,
            "a district role is not school-based and never qualifies");
}

TEST(Eligibility, DepartureAndReturn) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, kStint)
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2025, 9, 2))
      .Approved("east-high", D(2025, 10, 1))
      .Departed();
  EXPECT_FALSE(Evaluate(AccessPolicy{}, b.facts(), "east-high", kToday).eligible);

  // Returning: a new assignment, the old approval no longer counts, the certification does
  // (cycle rule).
  FactsBuilder r;
  r.Assigned("east-high", Role::kSchoolCounselor, kStint, D(2025, 12, 31))
      .Assigned("east-high", Role::kSchoolCounselor, D(2026, 3, 1))
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2025, 9, 2))
      .Approved("east-high", D(2025, 10, 1), Role::kPrincipal, ApprovalState::kVoided);
  const Evaluation returned = Evaluate(AccessPolicy{}, r.facts(), "east-high", kToday);
  EXPECT_FALSE(returned.eligible);
  EXPECT_TRUE(returned.requirements[2].met);
  r.Approved("east-high", D(2026, 3, 5));
  EXPECT_TRUE(Evaluate(AccessPolicy{}, r.facts(), "east-high", kToday).eligible);
}

TEST(Eligibility, AssignmentDatesAreInclusive) {
  FactsBuilder b;
  b.Assigned("east-high", Role::kSchoolCounselor, D(2026, 3, 1), D(2026, 6, 30))
      .WalkIn(D(2025, 9, 1))
      .Secondary(D(2026, 2, 1))
      .Approved("east-high", D(2026, 3, 1));
  EXPECT_FALSE(Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 2, 28)).eligible);
  EXPECT_TRUE(Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 3, 1)).eligible);
  EXPECT_TRUE(Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 6, 30)).eligible);
  EXPECT_FALSE(Evaluate(AccessPolicy{}, b.facts(), "east-high", D(2026, 7, 1)).eligible);
}

}  // namespace
}  // namespace secsched::access
