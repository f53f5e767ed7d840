// Every RequestPlanningService RPC refuses: no token (UNAUTHENTICATED), staff of another school,
// staff whose access was revoked by a transfer, and a reader on writes (PERMISSION_DENIED); a
// reader may read, and staff with access at the calendar's school get past authorization. The
// access service is the real one.
#include <gtest/gtest.h>

#include <functional>

#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

using Stub = v1::RequestPlanningService::Stub;
using Call = std::function<grpc::Status(Stub&, grpc::ClientContext*)>;

struct RpcCase {
  std::string name;
  bool write;
  Call call;
};

template <class Request, class Response>
Call Make(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
          Request request) {
  return [method, request](Stub& stub, grpc::ClientContext* context) {
    Response response;
    return (stub.*method)(context, request, &response);
  };
}

std::vector<RpcCase> Cases() {
  std::vector<RpcCase> cases;
  v1::CreateCourseRuleRequest create_rule;
  create_rule.set_parent(CalendarName());
  create_rule.mutable_course_rule()->set_type(v1::CourseRule::LINKED);
  create_rule.mutable_course_rule()->set_course_a(CourseName("bio"));
  create_rule.mutable_course_rule()->set_course_b(CourseName("art"));
  create_rule.set_request_id("auth-rule");  // repeats return the first rule
  cases.push_back({"CreateCourseRule", true, Make(&Stub::CreateCourseRule, create_rule)});
  v1::ListCourseRulesRequest list_rules;
  list_rules.set_parent(CalendarName());
  cases.push_back({"ListCourseRules", false, Make(&Stub::ListCourseRules, list_rules)});
  v1::DeleteCourseRuleRequest delete_rule;
  delete_rule.set_name(CalendarName() + "/courseRules/no-such-rule");
  cases.push_back({"DeleteCourseRule", true, Make(&Stub::DeleteCourseRule, delete_rule)});

  v1::CreateAutoLoadRuleRequest create_load;
  create_load.set_parent(CalendarName());
  create_load.mutable_auto_load_rule()->set_grade(9);
  create_load.mutable_auto_load_rule()->set_course(CourseName("eng-9"));
  create_load.set_request_id("auth-load");
  cases.push_back({"CreateAutoLoadRule", true, Make(&Stub::CreateAutoLoadRule, create_load)});
  v1::GetAutoLoadRuleRequest get_load;
  get_load.set_name(CalendarName() + "/autoLoadRules/eng9-rule");
  cases.push_back({"GetAutoLoadRule", false, Make(&Stub::GetAutoLoadRule, get_load)});
  v1::ListAutoLoadRulesRequest list_load;
  list_load.set_parent(CalendarName());
  cases.push_back({"ListAutoLoadRules", false, Make(&Stub::ListAutoLoadRules, list_load)});
  v1::UpdateAutoLoadRuleRequest update_load;
  update_load.mutable_auto_load_rule()->set_name(CalendarName() + "/autoLoadRules/eng9-rule");
  update_load.mutable_auto_load_rule()->set_priority(2);
  update_load.mutable_update_mask()->add_paths("priority");
  cases.push_back({"UpdateAutoLoadRule", true, Make(&Stub::UpdateAutoLoadRule, update_load)});
  v1::DeleteAutoLoadRuleRequest delete_load;
  delete_load.set_name(CalendarName() + "/autoLoadRules/no-such-rule");
  cases.push_back({"DeleteAutoLoadRule", true, Make(&Stub::DeleteAutoLoadRule, delete_load)});
  v1::RunAutoLoadRequest preview;
  preview.set_parent(CalendarName());
  preview.set_dry_run(true);
  cases.push_back({"RunAutoLoad(dry_run)", false, Make(&Stub::RunAutoLoad, preview)});
  v1::RunAutoLoadRequest run;
  run.set_parent(CalendarName());
  cases.push_back({"RunAutoLoad", true, Make(&Stub::RunAutoLoad, run)});

  v1::GetCreditRangesRequest get_ranges;
  get_ranges.set_name(CalendarName() + "/creditRanges");
  cases.push_back({"GetCreditRanges", false, Make(&Stub::GetCreditRanges, get_ranges)});
  v1::UpdateCreditRangesRequest update_ranges;
  update_ranges.mutable_credit_ranges()->set_name(CalendarName() + "/creditRanges");
  cases.push_back({"UpdateCreditRanges", true, Make(&Stub::UpdateCreditRanges, update_ranges)});

  v1::VerifyRequestsRequest verify;
  verify.set_parent(CalendarName());
  cases.push_back({"VerifyRequests", false, Make(&Stub::VerifyRequests, verify)});
  v1::GetCourseTallyRequest tally;
  tally.set_parent(CalendarName());
  cases.push_back({"GetCourseTally", false, Make(&Stub::GetCourseTally, tally)});
  v1::GetConflictMatrixRequest matrix;
  matrix.set_parent(CalendarName());
  cases.push_back({"GetConflictMatrix", false, Make(&Stub::GetConflictMatrix, matrix)});
  v1::ExportConflictMatrixRequest export_matrix;
  export_matrix.set_parent(CalendarName());
  cases.push_back(
      {"ExportConflictMatrix", false, Make(&Stub::ExportConflictMatrix, export_matrix)});
  cases.push_back({"StreamSchedulingSnapshot", false, [](Stub& stub, grpc::ClientContext* context) {
                     v1::StreamSchedulingSnapshotRequest request;
                     request.set_parent(CalendarName());
                     auto reader = stub.StreamSchedulingSnapshot(context, request);
                     v1::SchedulingSnapshotChunk chunk;
                     while (reader->Read(&chunk)) {
                     }
                     return reader->Finish();
                   }});
  return cases;
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

TEST_F(PlanningAuthorization, EveryRpcRefusesWhoMayNot) {
  // Tara was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_TRUE(Cases()[1].call(env_->planning(), RequestsEnv::As("tara").get()).ok());
  env_->access().TransferTo("tara", RequestsEnv::kOtherSchool);

  for (const RpcCase& c : Cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.call(env_->planning(), RequestsEnv::As("").get()).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(c.call(env_->planning(), RequestsEnv::As("wes").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(c.call(env_->planning(), RequestsEnv::As("tara").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    grpc::Status reader = c.call(env_->planning(), RequestsEnv::As("service:bi", {"reader"}).get());
    if (c.write) {
      EXPECT_EQ(reader.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    } else {
      EXPECT_TRUE(reader.ok()) << reader.error_message();
    }
  }
  // Dana has access at east-high: every call gets past authorization.
  for (const RpcCase& c : Cases()) {
    SCOPED_TRACE(c.name);
    grpc::Status allowed = c.call(env_->planning(), RequestsEnv::As("dana").get());
    EXPECT_NE(allowed.error_code(), grpc::StatusCode::PERMISSION_DENIED) << allowed.error_message();
    EXPECT_NE(allowed.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  // Nothing a refused caller sent was written: only dana's rule exists.
  v1::ListCourseRulesRequest list;
  list.set_parent(CalendarName());
  v1::ListCourseRulesResponse rules;
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
