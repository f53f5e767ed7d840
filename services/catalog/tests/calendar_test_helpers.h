// Small helpers for the calendar integration tests: requests for a complete school year and
// calls that ASSERT-fail through the returned status.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "services/catalog/tests/catalog_env.h"

namespace secsched::catalog::testing {

// The district's calendar service account (creates calendars, reviews submissions).
inline const std::string kDistrict = "service:district";
inline const std::vector<std::string> kScheduler = {"scheduler"};

inline v1::CreateCalendarRequest NewCalendar(const std::string& id, const std::string& school,
                                             const std::string& year = "2026-2027") {
  v1::CreateCalendarRequest request;
  request.set_calendar_id(id);
  request.mutable_calendar()->set_school_id(school);
  request.mutable_calendar()->set_school_year(year);
  request.mutable_calendar()->set_display_name(school + " " + year);
  return request;
}

inline v1::ReplaceTermsRequest Semesters(const std::string& calendar_id) {
  v1::ReplaceTermsRequest request;
  request.set_parent("calendars/" + calendar_id);
  request.set_structure(v1::SEMESTERS);
  v1::Term* fall = request.add_terms();
  fall->set_display_name("Fall");
  fall->set_start_date("2026-08-24");
  fall->set_end_date("2026-12-18");
  v1::Term* spring = request.add_terms();
  spring->set_start_date("2027-01-05");
  spring->set_end_date("2027-05-28");
  return request;
}

// An A/B rotation: A days have periods 1-4, B days periods 5-8, 4 × 90 minutes each.
inline v1::ReplacePeriodScheduleRequest AbSchedule(const std::string& calendar_id) {
  v1::ReplacePeriodScheduleRequest request;
  request.set_parent("calendars/" + calendar_id);
  v1::PeriodSchedule* schedule = request.mutable_period_schedule();
  for (const char* id : {"a", "b"}) {
    v1::DayType* type = schedule->add_day_types();
    type->set_id(id);
    type->set_display_name(std::string(id == std::string("a") ? "A" : "B") + " day");
  }
  const char* starts[] = {"08:00", "09:40", "11:50", "13:30"};
  const char* ends[] = {"09:30", "11:10", "13:20", "15:00"};
  for (int i = 0; i < 8; ++i) {
    v1::Period* period = schedule->add_periods();
    period->set_number(i + 1);
    period->set_day_type(i < 4 ? "a" : "b");
    period->set_start_time(starts[i % 4]);
    period->set_end_time(ends[i % 4]);
  }
  return request;
}

// Monday-Friday from 2026-08-24 to 2027-05-28 (200 weekdays) with 5 holidays: 195
// instructional days × 360 minutes = 70,200 minutes.
inline v1::SetInstructionalDaysRequest SchoolYearDays(const std::string& calendar_id) {
  v1::SetInstructionalDaysRequest request;
  request.set_parent("calendars/" + calendar_id);
  v1::DayPattern* days = request.mutable_days();
  days->set_first_day("2026-08-24");
  days->set_last_day("2027-05-28");
  for (int weekday = 1; weekday <= 5; ++weekday) days->add_weekdays(weekday);
  for (auto [date, name] :
       std::vector<std::pair<const char*, const char*>>{{"2026-09-07", "Labor Day"},
                                                        {"2026-11-26", "Thanksgiving"},
                                                        {"2026-11-27", "Thanksgiving"},
                                                        {"2027-01-18", "MLK Day"},
                                                        {"2027-02-15", "Presidents Day"}}) {
    v1::Holiday* holiday = days->add_holidays();
    holiday->set_date(date);
    holiday->set_display_name(name);
  }
  return request;
}

// Creates `id` at `school` as the district and gives it terms, the A/B schedule and days.
inline void CreateCompleteCalendar(CatalogEnv& env, const std::string& id,
                                   const std::string& school) {
  v1::Calendar calendar;
  grpc::Status s = env.catalog().CreateCalendar(As(kDistrict, kScheduler).get(),
                                                NewCalendar(id, school), &calendar);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::ListTermsResponse terms;
  s = env.catalog().ReplaceTerms(As(kDistrict, kScheduler).get(), Semesters(id), &terms);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::PeriodSchedule schedule;
  s = env.catalog().ReplacePeriodSchedule(As(kDistrict, kScheduler).get(), AbSchedule(id),
                                          &schedule);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::InstructionalDays days;
  s = env.catalog().SetInstructionalDays(As(kDistrict, kScheduler).get(), SchoolYearDays(id),
                                         &days);
  ASSERT_TRUE(s.ok()) << s.error_message();
}

inline std::string Name(const std::string& calendar_id) { return "calendars/" + calendar_id; }

}  // namespace secsched::catalog::testing
