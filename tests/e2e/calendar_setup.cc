#include "tests/e2e/calendar_setup.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <utility>

namespace secsched::e2e {

namespace catalog = secsched::catalog::v1;

void ApproveCalendar(catalog::CatalogService::Stub& stub, const std::string& name,
                     const std::function<std::unique_ptr<grpc::ClientContext>()>& Context) {
  catalog::ReplaceTermsRequest terms;
  terms.set_parent(name);
  terms.set_structure(catalog::SEMESTERS);
  for (const auto& [start, end] :
       {std::pair{"2026-08-24", "2027-01-15"}, std::pair{"2027-01-19", "2027-06-04"}}) {
    catalog::Term* term = terms.add_terms();
    term->set_start_date(start);
    term->set_end_date(end);
  }
  catalog::ListTermsResponse replaced_terms;
  grpc::Status status = stub.ReplaceTerms(Context().get(), terms, &replaced_terms);
  ASSERT_TRUE(status.ok()) << status.error_message();

  catalog::ReplacePeriodScheduleRequest periods;
  periods.set_parent(name);
  for (int number = 1; number <= 7; ++number) {
    catalog::Period* period = periods.mutable_period_schedule()->add_periods();
    period->set_number(number);
    const int start = 8 * 60 + (number - 1) * 57;  // 52-minute periods, 5 minutes apart
    auto clock = [](int minutes) {
      char text[16];
      std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
      return std::string(text);
    };
    period->set_start_time(clock(start));
    period->set_end_time(clock(start + 52));
  }
  catalog::PeriodSchedule schedule;
  status = stub.ReplacePeriodSchedule(Context().get(), periods, &schedule);
  ASSERT_TRUE(status.ok()) << status.error_message();

  catalog::SetInstructionalDaysRequest days;
  days.set_parent(name);
  days.mutable_days()->set_first_day("2026-08-24");
  days.mutable_days()->set_last_day("2027-06-04");
  for (int weekday = 1; weekday <= 5; ++weekday) days.mutable_days()->add_weekdays(weekday);
  catalog::InstructionalDays set_days;
  status = stub.SetInstructionalDays(Context().get(), days, &set_days);
  ASSERT_TRUE(status.ok()) << status.error_message();

  catalog::SubmitCalendarRequest submit;
  submit.set_name(name);
  catalog::Calendar submitted;
  status = stub.SubmitCalendar(Context().get(), submit, &submitted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  catalog::ApproveCalendarRequest approve;
  approve.set_name(name);
  catalog::Calendar approved;
  status = stub.ApproveCalendar(Context().get(), approve, &approved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(approved.state(), catalog::Calendar::APPROVED);
}

}  // namespace secsched::e2e
