// Every RequestPlanningService RPC × the standard callers of the authorization matrix
// (common/testing/authorization_matrix.h): no token, a bad signature or an expired token
// (UNAUTHENTICATED); staff of another school (with or without `scheduler`), staff whose access was
// revoked by a transfer, and a reader on writes (PERMISSION_DENIED); a reader may read, and staff
// with access at the calendar's school and an admin get past authorization. The access service is
// the real one.
#include <gtest/gtest.h>

#include "common/testing/authorization_matrix.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

namespace authz = secsched::testing;
using authz::Needs;
using authz::Row;
using Stub = v1::RequestPlanningService::Stub;

authz::AuthorizationMatrix Matrix(RequestsEnv& env) {
  authz::AuthorizationMatrix matrix(env.channel());
  v1::CreateCourseRuleRequest create_rule;
  create_rule.set_parent(CalendarName());
  create_rule.mutable_course_rule()->set_type(v1::CourseRule::LINKED);
  create_rule.mutable_course_rule()->set_course_a(CourseName("bio"));
  create_rule.mutable_course_rule()->set_course_b(CourseName("art"));
  create_rule.set_request_id("auth-rule");  // repeats return the first rule
  matrix.Add(Row("CreateCourseRule", Needs::kWrite, &Stub::CreateCourseRule, create_rule));
  v1::ListCourseRulesRequest list_rules;
  list_rules.set_parent(CalendarName());
  matrix.Add(Row("ListCourseRules", Needs::kRead, &Stub::ListCourseRules, list_rules));
  v1::DeleteCourseRuleRequest delete_rule;
  delete_rule.set_name(CalendarName() + "/courseRules/no-such-rule");
  matrix.Add(Row("DeleteCourseRule", Needs::kWrite, &Stub::DeleteCourseRule, delete_rule));

  v1::CreateAutoLoadRuleRequest create_load;
  create_load.set_parent(CalendarName());
  create_load.mutable_auto_load_rule()->set_grade(9);
  create_load.mutable_auto_load_rule()->set_course(CourseName("eng-9"));
  create_load.set_request_id("auth-load");
  matrix.Add(Row("CreateAutoLoadRule", Needs::kWrite, &Stub::CreateAutoLoadRule, create_load));
  v1::GetAutoLoadRuleRequest get_load;
  get_load.set_name(CalendarName() + "/autoLoadRules/eng9-rule");
  matrix.Add(Row("GetAutoLoadRule", Needs::kRead, &Stub::GetAutoLoadRule, get_load));
  v1::ListAutoLoadRulesRequest list_load;
  list_load.set_parent(CalendarName());
  matrix.Add(Row("ListAutoLoadRules", Needs::kRead, &Stub::ListAutoLoadRules, list_load));
  v1::UpdateAutoLoadRuleRequest update_load;
  update_load.mutable_auto_load_rule()->set_name(CalendarName() + "/autoLoadRules/eng9-rule");
  update_load.mutable_auto_load_rule()->set_priority(2);
  update_load.mutable_update_mask()->add_paths("priority");
  matrix.Add(Row("UpdateAutoLoadRule", Needs::kWrite, &Stub::UpdateAutoLoadRule, update_load));
  v1::DeleteAutoLoadRuleRequest delete_load;
  delete_load.set_name(CalendarName() + "/autoLoadRules/no-such-rule");
  matrix.Add(Row("DeleteAutoLoadRule", Needs::kWrite, &Stub::DeleteAutoLoadRule, delete_load));
  v1::RunAutoLoadRequest preview;
  preview.set_parent(CalendarName());
  preview.set_dry_run(true);
  matrix.Add(Row("RunAutoLoad (dry run)", Needs::kRead, &Stub::RunAutoLoad, preview));
  v1::RunAutoLoadRequest run;
  run.set_parent(CalendarName());
  matrix.Add(Row("RunAutoLoad", Needs::kWrite, &Stub::RunAutoLoad, run));

  v1::GetCreditRangesRequest get_ranges;
  get_ranges.set_name(CalendarName() + "/creditRanges");
  matrix.Add(Row("GetCreditRanges", Needs::kRead, &Stub::GetCreditRanges, get_ranges));
  v1::UpdateCreditRangesRequest update_ranges;
  update_ranges.mutable_credit_ranges()->set_name(CalendarName() + "/creditRanges");
  matrix.Add(Row("UpdateCreditRanges", Needs::kWrite, &Stub::UpdateCreditRanges, update_ranges));

  v1::VerifyRequestsRequest verify;
  verify.set_parent(CalendarName());
  matrix.Add(Row("VerifyRequests", Needs::kRead, &Stub::VerifyRequests, verify));
  v1::GetCourseTallyRequest tally;
  tally.set_parent(CalendarName());
  matrix.Add(Row("GetCourseTally", Needs::kRead, &Stub::GetCourseTally, tally));
  v1::GetConflictMatrixRequest conflicts;
  conflicts.set_parent(CalendarName());
  matrix.Add(Row("GetConflictMatrix", Needs::kRead, &Stub::GetConflictMatrix, conflicts));
  v1::ExportConflictMatrixRequest export_matrix;
  export_matrix.set_parent(CalendarName());
  matrix.Add(Row("ExportConflictMatrix", Needs::kRead, &Stub::ExportConflictMatrix, export_matrix));
  v1::StreamSchedulingSnapshotRequest snapshot;
  snapshot.set_parent(CalendarName());
  matrix.Add(
      Row("StreamSchedulingSnapshot", Needs::kRead, &Stub::StreamSchedulingSnapshot, snapshot));
  return matrix;
}

class PlanningAuthorization : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    UseSmallCatalog(*env_);
    env_->access().GrantSchedulingAccess("dana", RequestsEnv::kSchool);
    env_->access().GrantSchedulingAccess("wes", RequestsEnv::kOtherSchool);
    env_->access().GrantSchedulingAccess("tara", RequestsEnv::kSchool);
    v1::CreateAutoLoadRuleRequest rule;
    rule.set_parent(CalendarName());
    rule.set_auto_load_rule_id("eng9-rule");
    rule.mutable_auto_load_rule()->set_grade(9);
    rule.mutable_auto_load_rule()->set_course(CourseName("eng-9"));
    v1::AutoLoadRule out;
    if (!env_->planning().CreateAutoLoadRule(RequestsEnv::Scheduler().get(), rule, &out).ok() ||
        !AddStudent(*env_, "9001", 9).ok()) {
      throw std::runtime_error("setup failed");
    }
  }
  static void TearDownTestSuite() { delete env_; }
  static RequestsEnv* env_;
};
RequestsEnv* PlanningAuthorization::env_ = nullptr;

TEST_F(PlanningAuthorization, EveryRpcHasARow) {
  Matrix(*env_).ExpectEveryRpcHasARow({"secsched.requests.v1.RequestPlanningService"});
}

TEST_F(PlanningAuthorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const authz::AuthorizationMatrix matrix = Matrix(*env_);
  // Tara was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_TRUE(matrix.Call("ListCourseRules", MintTestToken("tara", {})).ok());
  env_->access().TransferTo("tara", RequestsEnv::kOtherSchool);

  authz::MatrixCaller reader = authz::Reader("service:bi");
  reader.reads = authz::Ok();
  // A person's `scheduler` scope does not stand in for access at the school.
  authz::MatrixCaller other_school_scheduler = authz::OtherSchoolStaff("wes", {"scheduler"});
  other_school_scheduler.name += " with scheduler";
  matrix.Check({authz::NoToken(), authz::BadSignature(), authz::ExpiredToken(),
                authz::OtherSchoolStaff("wes"), other_school_scheduler, authz::RevokedStaff("tara"),
                reader});
  v1::ListCourseRulesRequest list;
  list.set_parent(CalendarName());
  v1::ListCourseRulesResponse rules;
  ASSERT_TRUE(env_->planning().ListCourseRules(RequestsEnv::Scheduler().get(), list, &rules).ok());
  EXPECT_EQ(rules.course_rules_size(), 0) << "a refused caller's course rule was written";

  matrix.Check({authz::StaffWithAccess("dana"), authz::Admin()});
  // The admin's create repeats dana's request_id: still only dana's rule exists.
  ASSERT_TRUE(env_->planning().ListCourseRules(RequestsEnv::Scheduler().get(), list, &rules).ok());
  ASSERT_EQ(rules.course_rules_size(), 1);
  EXPECT_EQ(rules.course_rules(0).creator(), "dana");
}

TEST_F(PlanningAuthorization, AnUnknownCalendarIsNotFound) {
  v1::GetCourseTallyRequest tally;
  tally.set_parent("calendars/nowhere");
  v1::CourseTally out;
  EXPECT_EQ(
      env_->planning().GetCourseTally(RequestsEnv::As("dana").get(), tally, &out).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace secsched::requests::testing
