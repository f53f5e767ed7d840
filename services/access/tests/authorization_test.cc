// Every AccessService RPC × {no token, a bad signature, an expired token (UNAUTHENTICATED); the
// principal of another school, staff whose approval was revoked by a transfer, a reader writing,
// and per RPC a scope that does not fit it (PERMISSION_DENIED); a reader reading and an admin
// (allowed)}, through the common authorization matrix (common/testing/authorization_matrix.h).
// Approvals are the principal's decision, admins included (docs/access.md), so those two rows
// expect the principal, not the admin, to get through.
#include <gtest/gtest.h>

#include "common/testing/authorization_matrix.h"
#include "services/access/tests/facts_builder.h"
#include "services/access/tests/story_helpers.h"

namespace secsched::access::testing {
namespace {

using secsched::testing::AuthorizationMatrix;
using secsched::testing::MatrixCaller;
using secsched::testing::Needs;
using secsched::testing::Row;
using Stub = v1::AccessService::Stub;

MatrixCaller WrongScope(const std::string& subject, const std::vector<std::string>& scopes) {
  std::string name = "wrong scope (" + subject;
  for (const std::string& scope : scopes) name += " " + scope;
  return secsched::testing::Refused(name + ")", subject, scopes);
}

const std::string kAdmin = "admin";
const std::string kReader = "reader (service:sis)";

class Authorization : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new AccessEnv();
    env_->Hire("pat", "east-high", Role::kPrincipal, D(2020, 8, 1));
    env_->Hire("morgan", "west-high", Role::kPrincipal, D(2020, 8, 1));
    env_->Hire("lee", "east-high", Role::kTeacher, D(2024, 8, 1));
    for (const std::string staff : {"dana", "kai"}) {
      env_->Hire(staff, "east-high", Role::kSchoolCounselor, D(2024, 8, 1));
      env_->Complete(staff, CertificationType::kWalkInScheduling, At(D(2025, 9, 1)));
      env_->Complete(staff, CertificationType::kSecondaryScheduling, At(D(2025, 9, 2)));
    }
    Approve(*env_, "pat", "dana", "east-high");
    kai_approval_ = new v1::Approval(Approve(*env_, "pat", "kai", "east-high"));
    if (!EventuallyAllowed(*env_, "dana", "east-high") ||
        !EventuallyAllowed(*env_, "kai", "east-high")) {
      throw std::runtime_error("no grant");
    }
    grant_name_ = GrantsOf(*env_, "dana").grants(0).name();
  }
  static void TearDownTestSuite() {
    delete env_;
    delete kai_approval_;
  }

  // Reads name dana (who keeps her access throughout); writes name lee, so that allowed callers
  // change nothing the reads or the other tests rely on.
  static AuthorizationMatrix Matrix() {
    const std::string staff = "dana", school = "east-high", written = "lee";
    AuthorizationMatrix matrix(env_->channel());
    v1::UpsertStaffRequest upsert;
    upsert.mutable_staff()->set_staff_id(written);
    upsert.mutable_staff()->set_display_name("Lee");
    upsert.mutable_staff()->set_email("lee@district.example");
    upsert.mutable_staff()->set_employment_state(v1::Staff::ACTIVE);
    matrix.Add(Row("UpsertStaff", Needs::kWrite, &Stub::UpsertStaff, upsert)
                   .AlsoAs(WrongScope("service:lms", {"lms-feed"})));
    v1::GetStaffRequest get_staff;
    get_staff.set_name("staff/" + staff);
    matrix.Add(Row("GetStaff", Needs::kRead, &Stub::GetStaff, get_staff)
                   .AlsoAs(WrongScope("service:lms", {"lms-feed"})));
    v1::SetAssignmentsRequest assign;
    assign.set_staff_id(written);
    assign.set_effective_date("2026-02-02");
    assign.add_assignments()->set_location_id(school);
    assign.mutable_assignments(0)->set_role(v1::TEACHER);
    matrix.Add(Row("SetAssignments", Needs::kWrite, &Stub::SetAssignments, assign)
                   .AlsoAs(WrongScope("service:sectioning", {"scheduler"})));
    v1::RecordDepartureRequest depart;
    depart.set_staff_id(written);
    depart.set_last_day("2026-02-02");
    matrix.Add(Row("RecordDeparture", Needs::kWrite, &Stub::RecordDeparture, depart)
                   .AlsoAs(WrongScope("service:lms", {"lms-feed"})));
    v1::RecordCompletionRequest complete;
    complete.mutable_completion()->set_staff_id(written);
    complete.mutable_completion()->set_certification(v1::WALK_IN_SCHEDULING);
    complete.mutable_completion()->mutable_complete_time()->set_seconds(1700000000);
    complete.mutable_completion()->set_source("learning-space");
    matrix.Add(Row("RecordCompletion", Needs::kWrite, &Stub::RecordCompletion, complete)
                   .AlsoAs(WrongScope("service:hr", {"hr-feed"})));
    v1::ApproveAccessRequest approve;  // dana is approved already: approving again changes nothing
    approve.set_staff_id(staff);
    approve.set_location_id(school);
    matrix.Add(Row("ApproveAccess", Needs::kWrite, &Stub::ApproveAccess, approve)
                   .Except(kAdmin, secsched::testing::PermissionDenied())
                   .AlsoAs(WrongScope("service:hr", {"hr-feed", "admin"}))
                   .AlsoAs(secsched::testing::StaffWithAccess("pat")));
    v1::RevokeApprovalRequest revoke;  // kai's, whom the test moves to west-high anyway
    revoke.set_name(kai_approval_->name());
    matrix.Add(Row("RevokeApproval", Needs::kWrite, &Stub::RevokeApproval, revoke)
                   .Except(kAdmin, secsched::testing::PermissionDenied())
                   .AlsoAs(WrongScope("service:hr", {"hr-feed", "admin"}))
                   .AlsoAs(secsched::testing::StaffWithAccess("pat")));
    v1::GetGrantRequest get_grant;
    get_grant.set_name(grant_name_);
    matrix.Add(Row("GetGrant", Needs::kRead, &Stub::GetGrant, get_grant)
                   .AlsoAs(WrongScope("service:lms", {"lms-feed"})));
    v1::ListGrantsRequest list_grants;
    list_grants.set_location_id(school);
    matrix.Add(Row("ListGrants", Needs::kRead, &Stub::ListGrants, list_grants)
                   .AlsoAs(WrongScope("service:lms", {"lms-feed"})));
    v1::ExplainRequest explain;
    explain.set_staff_id(staff);
    explain.set_location_id(school);
    matrix.Add(Row("Explain", Needs::kRead, &Stub::Explain, explain)
                   .AlsoAs(WrongScope("service:lms", {"lms-feed"})));
    v1::ListExpiringRequest expiring;
    expiring.set_window_days(30);
    matrix.Add(Row("ListExpiring", Needs::kRead, &Stub::ListExpiring, expiring)
                   .AlsoAs(WrongScope("service:hr", {"hr-feed"})));
    v1::ListAuditEntriesRequest audit;  // another person's trail: the admin's only
    audit.set_staff_id(staff);
    matrix.Add(Row("ListAuditEntries", Needs::kRead, &Stub::ListAuditEntries, audit)
                   .Except(kReader, secsched::testing::PermissionDenied())
                   .AlsoAs(WrongScope("service:sectioning", {"reader", "scheduler"})));
    v1::CheckAccessRequest check;
    check.set_staff_id(staff);
    check.set_location_id(school);
    matrix.Add(Row("CheckAccess", Needs::kRead, &Stub::CheckAccess, check)
                   .AlsoAs(WrongScope("service:hr", {"hr-feed"})));
    matrix.Add(Row("RunSweep", Needs::kWrite, &Stub::RunSweep, v1::RunSweepRequest())
                   .AlsoAs(WrongScope("service:sectioning", {"scheduler", "reader"})));
    return matrix;
  }

  static AccessEnv* env_;
  static v1::Approval* kai_approval_;
  static std::string grant_name_;
};

AccessEnv* Authorization::env_ = nullptr;
v1::Approval* Authorization::kai_approval_ = nullptr;
std::string Authorization::grant_name_;

TEST_F(Authorization, EveryRpcHasARow) {
  Matrix().ExpectEveryRpcHasARow({"secsched.access.v1.AccessService"});
}

TEST_F(Authorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const AuthorizationMatrix matrix = Matrix();
  // Kai was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_TRUE(Allowed(*env_, "kai", "east-high"));
  env_->TransferTo("kai", "west-high");
  ASSERT_TRUE(secsched::testing::WaitFor([&] { return !Allowed(*env_, "kai", "east-high"); },
                                         std::chrono::seconds(10)));

  matrix.Check({secsched::testing::NoToken(), secsched::testing::BadSignature(),
                secsched::testing::ExpiredToken(), secsched::testing::OtherSchoolStaff("morgan"),
                secsched::testing::RevokedStaff("kai")});
  // Nothing a refused caller sent changed anything: dana still has access.
  EXPECT_TRUE(Allowed(*env_, "dana", "east-high"));
  matrix.Check({secsched::testing::Reader(), secsched::testing::Admin()});
}

TEST_F(Authorization, TheRightCallersAreAllowed) {
  // The principal of the school may see and explain; the person may see their own.
  v1::ExplainRequest explain;
  explain.set_staff_id("dana");
  explain.set_location_id("east-high");
  v1::ExplainResponse why;
  EXPECT_TRUE(env_->stub().Explain(AccessEnv::As("pat").get(), explain, &why).ok());
  EXPECT_TRUE(why.eligible());
  v1::GetGrantRequest get;
  get.set_name(grant_name_);
  v1::Grant grant;
  EXPECT_TRUE(env_->stub().GetGrant(AccessEnv::As("dana").get(), get, &grant).ok());
  // Secondary Scheduling without an earlier Walk-In is refused with the reason.
  env_->Hire("kim", "east-high", Role::kTeacher, D(2024, 8, 1));
  v1::RecordCompletionRequest completion;
  completion.mutable_completion()->set_staff_id("kim");
  completion.mutable_completion()->set_certification(v1::SECONDARY_SCHEDULING);
  completion.mutable_completion()->mutable_complete_time()->set_seconds(1700000000);
  completion.mutable_completion()->set_source("learning-space");
  v1::Completion recorded;
  const grpc::Status refused = env_->stub().RecordCompletion(
      AccessEnv::As("service:lms", {"lms-feed"}).get(), completion, &recorded);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("Walk-In"), std::string::npos);
  // Approving someone with no role at the school is FAILED_PRECONDITION, not a silent no-op.
  env_->Hire("ray", "west-high", Role::kTeacher, D(2024, 8, 1));
  v1::ApproveAccessRequest approve;
  approve.set_staff_id("ray");
  approve.set_location_id("east-high");
  v1::Approval approval;
  EXPECT_EQ(env_->stub().ApproveAccess(AccessEnv::As("pat").get(), approve, &approval).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace secsched::access::testing
