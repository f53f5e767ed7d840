// The school calendar submission workflow through gRPC: requirements checked before
// submission, return with a comment, edit, resubmit, approve, the history, and the freeze.
#include "services/catalog/tests/calendar_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

class CalendarSubmission : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("sam", "submit-high");
    env().GrantSchedulingAccess("sue", "bare-high");
  }

  static grpc::Status Submit(const std::string& id, const std::string& who, v1::Calendar* out,
                             const std::string& comment = "") {
    v1::SubmitCalendarRequest request;
    request.set_name(Name(id));
    request.set_comment(comment);
    return env().catalog().SubmitCalendar(As(who).get(), request, out);
  }
  static grpc::Status Approve(const std::string& id, v1::Calendar* out,
                              const std::string& who = kDistrict) {
    v1::ApproveCalendarRequest request;
    request.set_name(Name(id));
    request.set_comment("Looks good.");
    return env().catalog().ApproveCalendar(As(who, kScheduler).get(), request, out);
  }
  static grpc::Status Return(const std::string& id, const std::string& comment, v1::Calendar* out) {
    v1::ReturnCalendarRequest request;
    request.set_name(Name(id));
    request.set_comment(comment);
    return env().catalog().ReturnCalendar(As(kDistrict, kScheduler).get(), request, out);
  }
  static grpc::Status ReplaceTerms(const std::string& id, const std::string& who) {
    v1::ListTermsResponse terms;
    return env().catalog().ReplaceTerms(As(who).get(), Semesters(id), &terms);
  }
};

TEST_F(CalendarSubmission, AnIncompleteCalendarListsEveryUnmetRequirement) {
  v1::Calendar calendar;
  ASSERT_TRUE(env()
                  .catalog()
                  .CreateCalendar(As("sue").get(), NewCalendar("bare-2026", "bare-high"), &calendar)
                  .ok());
  grpc::Status status = Submit("bare-2026", "sue", &calendar);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  for (const char* unmet : {"no terms", "no periods", "0 instructional days (at least 170",
                            "0 instructional minutes (at least 64800"}) {
    EXPECT_NE(status.error_message().find(unmet), std::string::npos) << status.error_message();
  }

  // Terms and periods, but only two weeks of school: the days and minutes are still short.
  ASSERT_TRUE(ReplaceTerms("bare-2026", "sue").ok());
  v1::PeriodSchedule schedule;
  ASSERT_TRUE(env()
                  .catalog()
                  .ReplacePeriodSchedule(As("sue").get(), AbSchedule("bare-2026"), &schedule)
                  .ok());
  v1::SetInstructionalDaysRequest days = SchoolYearDays("bare-2026");
  days.mutable_days()->set_last_day("2026-09-04");
  days.mutable_days()->clear_holidays();
  v1::InstructionalDays set;
  ASSERT_TRUE(env().catalog().SetInstructionalDays(As("sue").get(), days, &set).ok());
  status = Submit("bare-2026", "sue", &calendar);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message().find("no terms"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("10 instructional days"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("3600 instructional minutes"), std::string::npos)
      << status.error_message();

  v1::GetCalendarRequest get;
  get.set_name(Name("bare-2026"));
  ASSERT_TRUE(env().catalog().GetCalendar(As("sue").get(), get, &calendar).ok());
  EXPECT_EQ(calendar.state(), v1::Calendar::DRAFT);
}

TEST_F(CalendarSubmission, SubmitReturnResubmitApproveWithHistoryThenFrozen) {
  const std::string id = "flow-2026";
  ASSERT_NO_FATAL_FAILURE(CreateCompleteCalendar(env(), id, "submit-high"));
  v1::Calendar calendar;

  ASSERT_TRUE(Submit(id, "sam", &calendar, "Ready for review.").ok());
  EXPECT_EQ(calendar.state(), v1::Calendar::SUBMITTED);
  EXPECT_EQ(ReplaceTerms(id, "sam").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Submit(id, "sam", &calendar).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Returning needs a comment; then the school may edit again and resubmit.
  EXPECT_EQ(Return(id, "", &calendar).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Return(id, "Add the February break.", &calendar).ok());
  EXPECT_EQ(calendar.state(), v1::Calendar::RETURNED);
  v1::SetInstructionalDaysRequest days = SchoolYearDays(id);
  v1::Holiday* holiday = days.mutable_days()->add_holidays();
  holiday->set_date("2027-02-16");
  holiday->set_display_name("February break");
  v1::InstructionalDays set;
  ASSERT_TRUE(env().catalog().SetInstructionalDays(As("sam").get(), days, &set).ok());
  EXPECT_EQ(set.instructional_day_count(), 194);
  ASSERT_TRUE(Submit(id, "sam", &calendar).ok());

  // Only the district approves.
  EXPECT_EQ(Approve(id, &calendar, "sam").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Approve(id, &calendar).ok());
  EXPECT_EQ(calendar.state(), v1::Calendar::APPROVED);
  EXPECT_EQ(Approve(id, &calendar).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Frozen: no change to terms, periods or days, by anyone.
  EXPECT_EQ(ReplaceTerms(id, "sam").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::ListTermsResponse terms;
  grpc::Status frozen =
      env().catalog().ReplaceTerms(As(kDistrict, kScheduler).get(), Semesters(id), &terms);
  EXPECT_EQ(frozen.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(frozen.error_message().find("APPROVED"), std::string::npos) << frozen.error_message();
  v1::PeriodSchedule schedule;
  EXPECT_EQ(env()
                .catalog()
                .ReplacePeriodSchedule(As("sam").get(), AbSchedule(id), &schedule)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(env().catalog().SetInstructionalDays(As("sam").get(), days, &set).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::ListCalendarTransitionsRequest history_request;
  history_request.set_parent(Name(id));
  v1::ListCalendarTransitionsResponse history;
  ASSERT_TRUE(
      env().catalog().ListCalendarTransitions(As("sam").get(), history_request, &history).ok());
  ASSERT_EQ(history.transitions_size(), 4);
  const auto& t = history.transitions();
  EXPECT_EQ(t[0].from_state(), v1::Calendar::DRAFT);
  EXPECT_EQ(t[0].to_state(), v1::Calendar::SUBMITTED);
  EXPECT_EQ(t[0].actor(), "sam");
  EXPECT_EQ(t[0].comment(), "Ready for review.");
  EXPECT_EQ(t[1].to_state(), v1::Calendar::RETURNED);
  EXPECT_EQ(t[1].actor(), kDistrict);
  EXPECT_EQ(t[1].comment(), "Add the February break.");
  EXPECT_EQ(t[2].from_state(), v1::Calendar::RETURNED);
  EXPECT_EQ(t[2].to_state(), v1::Calendar::SUBMITTED);
  EXPECT_EQ(t[3].to_state(), v1::Calendar::APPROVED);
  EXPECT_GT(t[3].create_time().seconds(), 0);

  history_request.set_page_size(3);
  ASSERT_TRUE(
      env().catalog().ListCalendarTransitions(As("sam").get(), history_request, &history).ok());
  ASSERT_EQ(history.transitions_size(), 3);
  history_request.set_page_token(history.next_page_token());
  ASSERT_TRUE(
      env().catalog().ListCalendarTransitions(As("sam").get(), history_request, &history).ok());
  ASSERT_EQ(history.transitions_size(), 1);
  EXPECT_EQ(history.transitions(0).to_state(), v1::Calendar::APPROVED);
}

TEST_F(CalendarSubmission, TheDistrictReopensAnApprovedCalendarByReturningIt) {
  const std::string id = "reopen-2026";
  ASSERT_NO_FATAL_FAILURE(CreateCompleteCalendar(env(), id, "submit-high-b"));
  v1::Calendar calendar;
  v1::SubmitCalendarRequest submit;
  submit.set_name(Name(id));
  ASSERT_TRUE(
      env().catalog().SubmitCalendar(As(kDistrict, kScheduler).get(), submit, &calendar).ok());
  ASSERT_TRUE(Approve(id, &calendar).ok());
  ASSERT_TRUE(Return(id, "A snow day moved the calendar.", &calendar).ok());
  EXPECT_EQ(calendar.state(), v1::Calendar::RETURNED);
  v1::ListTermsResponse terms;
  EXPECT_TRUE(
      env().catalog().ReplaceTerms(As(kDistrict, kScheduler).get(), Semesters(id), &terms).ok());
}

}  // namespace
}  // namespace secsched::catalog::testing
