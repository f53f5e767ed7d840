// BatchEditRoster through gRPC on real PostgreSQL: validate_only writes nothing, all-or-nothing
// by default, per_row applies the good rows, every action, retries, bad rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/sectioning/tests/roster_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

using ::testing::ElementsAre;

class RostersBatchTest : public ::testing::Test {
 protected:
  RostersBatchTest() : seed_(env_.pool(), SectioningEnv::kCalendar, "b1") {
    seed_.Trial();
    seed_.Section({.id = "alg1-1",
                   .course = "alg1",
                   .number = 1,
                   .capacity = 2,
                   .meetings = {{"s1", 1, ""}}});
    seed_.Section({.id = "alg1-2",
                   .course = "alg1",
                   .number = 2,
                   .capacity = 30,
                   .meetings = {{"s1", 2, ""}}});
    seed_.Section({.id = "eng9-1",
                   .course = "eng9",
                   .number = 1,
                   .capacity = 30,
                   .meetings = {{"s1", 1, ""}}});
    for (int i = 0; i < 5; ++i) {
      env_.students().Set(SectioningEnv::kCalendar, {.student_id = "s" + std::to_string(i)});
    }
  }

  static v1::RosterEdit Row(v1::RosterEdit::Action action, std::string student, std::string section,
                            std::string to = "") {
    v1::RosterEdit row;
    row.set_action(action);
    row.set_student(std::move(student));
    row.set_section(std::move(section));
    row.set_to_section(std::move(to));
    return row;
  }

  grpc::Status Batch(std::vector<v1::RosterEdit> rows, v1::BatchEditRosterResponse* out,
                     bool validate_only = false, bool per_row = false,
                     const std::string& request_id = "") {
    v1::BatchEditRosterRequest request;
    request.set_parent(seed_.TrialName());
    for (v1::RosterEdit& r : rows) *request.add_rows() = std::move(r);
    request.set_validate_only(validate_only);
    request.set_per_row(per_row);
    request.set_reason("term start");
    request.set_request_id(request_id);
    return env_.rosters().BatchEditRoster(SectioningEnv::Scheduler().get(), request, out);
  }

  SectioningEnv env_;
  RosterSeed seed_;
};

std::vector<int> Codes(const v1::BatchEditRosterResponse& response) {
  std::vector<int> codes;
  for (const v1::RosterEditResult& r : response.results()) codes.push_back(r.code());
  return codes;
}

constexpr int kOk = 0;
constexpr int kNotFound = 5;
constexpr int kFailedPrecondition = 9;

TEST_F(RostersBatchTest, ValidateOnlyReportsEveryRowAndWritesNothing) {
  v1::BatchEditRosterResponse response;
  grpc::Status status =
      Batch({Row(v1::RosterEdit::ADD, "s0", "alg1-1"), Row(v1::RosterEdit::ADD, "s1", "alg1-1"),
             Row(v1::RosterEdit::ADD, "s2", "alg1-1"),   // full by now
             Row(v1::RosterEdit::ADD, "s0", "eng9-1")},  // clash with row 0
            &response, /*validate_only=*/true);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Codes(response), ElementsAre(kOk, kOk, kFailedPrecondition, kFailedPrecondition));
  EXPECT_EQ(response.applied(), 0);
  EXPECT_EQ(response.failed(), 2);
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
}

TEST_F(RostersBatchTest, AllOrNothingWritesNothingWhenARowFails) {
  v1::BatchEditRosterResponse response;
  ASSERT_TRUE(Batch({Row(v1::RosterEdit::ADD, "s0", "alg1-1"),
                     Row(v1::RosterEdit::ADD, "nobody", "alg1-1")},
                    &response)
                  .ok());
  EXPECT_THAT(Codes(response), ElementsAre(kOk, kNotFound));
  EXPECT_EQ(response.applied(), 0);
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
}

TEST_F(RostersBatchTest, PerRowAppliesTheGoodRows) {
  v1::BatchEditRosterResponse response;
  ASSERT_TRUE(
      Batch({Row(v1::RosterEdit::ADD, "s0", "alg1-1"), Row(v1::RosterEdit::ADD, "s1", "alg1-1"),
             Row(v1::RosterEdit::ADD, "s2", "alg1-1"), Row(v1::RosterEdit::ADD, "s2", "alg1-2")},
            &response, false, /*per_row=*/true)
          .ok());
  EXPECT_THAT(Codes(response), ElementsAre(kOk, kOk, kFailedPrecondition, kOk));
  EXPECT_EQ(response.applied(), 3);
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 2);
  EXPECT_THAT(seed_.SectionsOf("s2"), ElementsAre("alg1-2"));
}

TEST_F(RostersBatchTest, MoveUpdateAndDropInOneBatchAndARetryWritesNothing) {
  v1::BatchEditRosterResponse response;
  ASSERT_TRUE(
      Batch({Row(v1::RosterEdit::ADD, "s0", "alg1-1"), Row(v1::RosterEdit::ADD, "s1", "alg1-1")},
            &response)
          .ok());
  ASSERT_EQ(response.applied(), 2);

  v1::RosterEdit update = Row(v1::RosterEdit::UPDATE, "s1", "alg1-1");
  update.mutable_enrollment()->set_end_date("2026-12-18");
  update.mutable_enrollment()->set_credit_override(0.25);
  update.mutable_update_mask()->add_paths("end_date");
  update.mutable_update_mask()->add_paths("credit_override");
  v1::BatchEditRosterResponse second;
  grpc::Status status = Batch({Row(v1::RosterEdit::MOVE, "s0", "alg1-1", "alg1-2"), update,
                               Row(v1::RosterEdit::DROP, "s1", "alg1-2")},
                              &second, false, /*per_row=*/true, "batch-9");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Codes(second), ElementsAre(kOk, kOk, kNotFound));
  EXPECT_THAT(seed_.SectionsOf("s0"), ElementsAre("alg1-2"));

  v1::ListRosterRequest list;
  list.set_parent(seed_.SectionName("alg1-1"));
  v1::ListRosterResponse roster;
  ASSERT_TRUE(env_.rosters().ListRoster(SectioningEnv::Scheduler().get(), list, &roster).ok());
  ASSERT_EQ(roster.enrollments_size(), 1);
  EXPECT_EQ(roster.enrollments(0).end_date(), "2026-12-18");
  EXPECT_DOUBLE_EQ(roster.enrollments(0).credit_override(), 0.25);

  v1::BatchEditRosterResponse again;
  ASSERT_TRUE(
      Batch({Row(v1::RosterEdit::MOVE, "s0", "alg1-2", "alg1-1")}, &again, false, true, "batch-9")
          .ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_THAT(seed_.SectionsOf("s0"), ElementsAre("alg1-2"));
}

TEST_F(RostersBatchTest, BadRowsAreInvalidArgumentAndNothingIsChecked) {
  v1::BatchEditRosterResponse response;
  v1::RosterEdit bad_update = Row(v1::RosterEdit::UPDATE, "s0", "alg1-1");
  bad_update.mutable_update_mask()->add_paths("course");
  grpc::Status status = Batch({Row(v1::RosterEdit::ADD, "s0", "alg1-1"),
                               Row(v1::RosterEdit::ACTION_UNSPECIFIED, "s1", "alg1-1"),
                               Row(v1::RosterEdit::MOVE, "s1", "alg1-1", "alg1-1"), bad_update},
                              &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
  EXPECT_EQ(Batch({}, &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RostersBatchTest, ALockedTrialRefusesTheBatch) {
  seed_.Lock();
  v1::BatchEditRosterResponse response;
  EXPECT_EQ(Batch({Row(v1::RosterEdit::ADD, "s0", "alg1-1")}, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace secsched::sectioning::testing
