// Every RPC refuses: no token, a bad signature, an expired token (UNAUTHENTICATED), the wrong
// scope, and a staff member of another school (PERMISSION_DENIED).
#include <gtest/gtest.h>

#include <functional>

#include "common/auth/jwt.h"
#include "services/access/tests/facts_builder.h"
#include "services/access/tests/story_helpers.h"

namespace secsched::access::testing {
namespace {

using Call = std::function<grpc::Status(v1::AccessService::Stub&, grpc::ClientContext*)>;

struct RpcCase {
  std::string name;
  Call call;
  std::string wrong_scope_subject;
  std::vector<std::string> wrong_scopes;
};

std::string BadlySignedToken() {
  auth::JwtConfig other{.algorithm = auth::JwtConfig::Algorithm::kHS256,
                        .key = "another-key-entirely-0123456789abcdef-xyz"};
  return *auth::MintToken(other, "service:hr", {"admin", "hr-feed"}, std::chrono::hours(1),
                          std::chrono::system_clock::now());
}

class Authorization : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new AccessEnv();
    env_->Hire("pat", "east-high", Role::kPrincipal, D(2020, 8, 1));
    env_->Hire("morgan", "west-high", Role::kPrincipal, D(2020, 8, 1));
    env_->Hire("dana", "east-high", Role::kSchoolCounselor, D(2024, 8, 1));
    env_->Complete("dana", CertificationType::kWalkInScheduling, At(D(2025, 9, 1)));
    env_->Complete("dana", CertificationType::kSecondaryScheduling, At(D(2025, 9, 2)));
    approval_ = new v1::Approval(Approve(*env_, "pat", "dana", "east-high"));
    if (!EventuallyAllowed(*env_, "dana", "east-high")) throw std::runtime_error("no grant");
    grant_name_ = GrantsOf(*env_, "dana").grants(0).name();
  }
  static void TearDownTestSuite() {
    delete env_;
    delete approval_;
  }

  static std::vector<RpcCase> Cases() {
    const std::string staff = "dana", school = "east-high";
    std::vector<RpcCase> cases;
    cases.push_back({"UpsertStaff",
                     [=](auto& stub, auto* ctx) {
                       v1::UpsertStaffRequest r;
                       r.mutable_staff()->set_staff_id(staff);
                       r.mutable_staff()->set_display_name("Dana");
                       r.mutable_staff()->set_email("dana@district.example");
                       v1::Staff out;
                       return stub.UpsertStaff(ctx, r, &out);
                     },
                     "service:lms",
                     {"lms-feed"}});
    cases.push_back({"GetStaff",
                     [=](auto& stub, auto* ctx) {
                       v1::GetStaffRequest r;
                       r.set_name("staff/" + staff);
                       v1::Staff out;
                       return stub.GetStaff(ctx, r, &out);
                     },
                     "service:lms",
                     {"lms-feed"}});
    cases.push_back({"SetAssignments",
                     [=](auto& stub, auto* ctx) {
                       v1::SetAssignmentsRequest r;
                       r.set_staff_id(staff);
                       r.set_effective_date("2026-02-02");
                       r.add_assignments()->set_location_id(school);
                       r.mutable_assignments(0)->set_role(v1::SCHOOL_COUNSELOR);
                       v1::SetAssignmentsResponse out;
                       return stub.SetAssignments(ctx, r, &out);
                     },
                     "service:sectioning",
                     {"scheduler"}});
    cases.push_back({"RecordDeparture",
                     [=](auto& stub, auto* ctx) {
                       v1::RecordDepartureRequest r;
                       r.set_staff_id(staff);
                       r.set_last_day("2026-02-02");
                       v1::Staff out;
                       return stub.RecordDeparture(ctx, r, &out);
                     },
                     "service:lms",
                     {"lms-feed"}});
    cases.push_back({"RecordCompletion",
                     [=](auto& stub, auto* ctx) {
                       v1::RecordCompletionRequest r;
                       r.mutable_completion()->set_staff_id(staff);
                       r.mutable_completion()->set_certification(v1::WALK_IN_SCHEDULING);
                       r.mutable_completion()->mutable_complete_time()->set_seconds(1700000000);
                       r.mutable_completion()->set_source("learning-space");
                       v1::Completion out;
                       return stub.RecordCompletion(ctx, r, &out);
                     },
                     "service:hr",
                     {"hr-feed"}});
    cases.push_back({"ApproveAccess",
                     [=](auto& stub, auto* ctx) {
                       v1::ApproveAccessRequest r;
                       r.set_staff_id(staff);
                       r.set_location_id(school);
                       v1::Approval out;
                       return stub.ApproveAccess(ctx, r, &out);
                     },
                     "service:hr",
                     {"hr-feed", "admin"}});
    const std::string approval_name = approval_->name();
    cases.push_back({"RevokeApproval",
                     [=](auto& stub, auto* ctx) {
                       v1::RevokeApprovalRequest r;
                       r.set_name(approval_name);
                       v1::Approval out;
                       return stub.RevokeApproval(ctx, r, &out);
                     },
                     "service:hr",
                     {"hr-feed", "admin"}});
    const std::string grant_name = grant_name_;
    cases.push_back({"GetGrant",
                     [=](auto& stub, auto* ctx) {
                       v1::GetGrantRequest r;
                       r.set_name(grant_name);
                       v1::Grant out;
                       return stub.GetGrant(ctx, r, &out);
                     },
                     "service:lms",
                     {"lms-feed"}});
    cases.push_back({"ListGrants",
                     [=](auto& stub, auto* ctx) {
                       v1::ListGrantsRequest r;
                       r.set_location_id(school);
                       v1::ListGrantsResponse out;
                       return stub.ListGrants(ctx, r, &out);
                     },
                     "service:lms",
                     {"lms-feed"}});
    cases.push_back({"Explain",
                     [=](auto& stub, auto* ctx) {
                       v1::ExplainRequest r;
                       r.set_staff_id(staff);
                       r.set_location_id(school);
                       v1::ExplainResponse out;
                       return stub.Explain(ctx, r, &out);
                     },
                     "service:lms",
                     {"lms-feed"}});
    cases.push_back({"ListExpiring",
                     [=](auto& stub, auto* ctx) {
                       v1::ListExpiringRequest r;
                       r.set_window_days(30);
                       v1::ListExpiringResponse out;
                       return stub.ListExpiring(ctx, r, &out);
                     },
                     "service:hr",
                     {"hr-feed"}});
    cases.push_back({"ListAuditEntries",
                     [=](auto& stub, auto* ctx) {
                       v1::ListAuditEntriesRequest r;
                       r.set_staff_id(staff);
                       v1::ListAuditEntriesResponse out;
                       return stub.ListAuditEntries(ctx, r, &out);
                     },
                     "service:sectioning",
                     {"reader", "scheduler"}});
    cases.push_back({"CheckAccess",
                     [=](auto& stub, auto* ctx) {
                       v1::CheckAccessRequest r;
                       r.set_staff_id(staff);
                       r.set_location_id(school);
                       v1::CheckAccessResponse out;
                       return stub.CheckAccess(ctx, r, &out);
                     },
                     "service:hr",
                     {"hr-feed"}});
    cases.push_back({"RunSweep",
                     [=](auto& stub, auto* ctx) {
                       v1::SweepReport out;
                       return stub.RunSweep(ctx, v1::RunSweepRequest(), &out);
                     },
                     "service:sectioning",
                     {"scheduler", "reader"}});
    return cases;
  }

  static AccessEnv* env_;
  static v1::Approval* approval_;
  static std::string grant_name_;
};

AccessEnv* Authorization::env_ = nullptr;
v1::Approval* Authorization::approval_ = nullptr;
std::string Authorization::grant_name_;

TEST_F(Authorization, EveryRpcRefusesMissingBadAndExpiredTokens) {
  const std::string bad_signature = BadlySignedToken();
  const std::string expired = *auth::MintToken(
      TestJwtConfig(), "service:hr", {"admin", "hr-feed", "lms-feed"}, std::chrono::hours(1),
      std::chrono::system_clock::now() - std::chrono::hours(3));
  for (const RpcCase& c : Cases()) {
    grpc::ClientContext none;
    EXPECT_EQ(c.call(env_->stub(), &none).error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << c.name << " without a token";
    EXPECT_EQ(c.call(env_->stub(), AccessEnv::WithToken(bad_signature).get()).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << c.name << " with a bad signature";
    EXPECT_EQ(c.call(env_->stub(), AccessEnv::WithToken(expired).get()).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << c.name << " with an expired token";
  }
}

TEST_F(Authorization, EveryRpcRefusesTheWrongScope) {
  for (const RpcCase& c : Cases()) {
    EXPECT_EQ(c.call(env_->stub(), AccessEnv::As(c.wrong_scope_subject, c.wrong_scopes).get())
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << c.name << " as " << c.wrong_scope_subject;
  }
}

TEST_F(Authorization, EveryRpcRefusesAStaffMemberOfAnotherSchool) {
  for (const RpcCase& c : Cases()) {
    EXPECT_EQ(c.call(env_->stub(), AccessEnv::As("morgan").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << c.name << " as the principal of west-high";
  }
  // Dana still has access: nothing above changed anything.
  EXPECT_TRUE(Allowed(*env_, "dana", "east-high"));
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
