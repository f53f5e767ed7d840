// One school's full set-up, in the order a school does it, through gRPC with real PostgreSQL and
// the real access service: the district creates the school; a counselor builds the calendar
// (2 semesters, 7 periods, instructional days) and submits it; the district approves it; the
// district's 150 course masters (some with locked fields) are pushed to the school; a mass set
// (dry run, then apply) changes one department; teachers and rooms come from CSV; an ad hoc
// course report is exported as CSV. Each step asserts what it changed, read back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "services/catalog/tests/resource_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kSchool = "story-high";
const std::string kCounselor = "casey";
const std::string kCalendar = "story-high-2026";
// Five departments of 30 courses each: 150 course masters.
const std::vector<std::pair<std::string, std::string>> kDepartments = {
    {"AR", "Arts"}, {"EN", "English"}, {"MA", "Math"}, {"SC", "Science"}, {"SS", "Social Studies"}};
constexpr int kCoursesPerDepartment = 30;

std::unique_ptr<grpc::ClientContext> Counselor() { return As(kCounselor); }

// Seven 50-minute periods on every school day (no rotation): 350 minutes a day.
v1::ReplacePeriodScheduleRequest SevenPeriods(const std::string& calendar_id) {
  v1::ReplacePeriodScheduleRequest request;
  request.set_parent(Name(calendar_id));
  for (int i = 0; i < 7; ++i) {
    const int start = 8 * 60 + i * 55;  // 5 minutes passing time
    auto hhmm = [](int minutes) {
      char text[6];
      std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
      return std::string(text);
    };
    v1::Period* period = request.mutable_period_schedule()->add_periods();
    period->set_number(i + 1);
    period->set_start_time(hhmm(start));
    period->set_end_time(hhmm(start + 50));
  }
  return request;
}

std::string MasterNumber(const std::string& prefix, int i) {
  return prefix + "-" + std::to_string(101 + i);
}
// Every third master locks credits (and carries half a credit, so the lock is visible).
bool Locked(int i) { return i % 3 == 0; }

class SchoolSetupStory : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess(kCounselor, kSchool);
  }
};

TEST_F(SchoolSetupStory, DistrictAndCounselorSetUpASchoolFromScratch) {
  grpc::Status s;

  // 1. The district creates the school.
  v1::CreateSchoolRequest create_school;
  create_school.set_school_id(kSchool);
  create_school.mutable_school()->set_display_name("Story High School");
  create_school.mutable_school()->set_low_grade(9);
  create_school.mutable_school()->set_high_grade(12);
  v1::School school;
  s = env().catalog().CreateSchool(District().get(), create_school, &school);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetSchoolRequest get_school;
  get_school.set_name("schools/" + kSchool);
  s = env().catalog().GetSchool(District().get(), get_school, &school);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(school.display_name(), "Story High School");
  EXPECT_EQ(school.low_grade(), 9);
  EXPECT_EQ(school.high_grade(), 12);

  // 2. The counselor creates the calendar and sets it up.
  v1::Calendar calendar;
  s = env().catalog().CreateCalendar(Counselor().get(), NewCalendar(kCalendar, kSchool), &calendar);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(calendar.name(), Name(kCalendar));
  EXPECT_EQ(calendar.state(), v1::Calendar::DRAFT);
  EXPECT_EQ(calendar.creator(), kCounselor);

  v1::ListTermsResponse terms;
  s = env().catalog().ReplaceTerms(Counselor().get(), Semesters(kCalendar), &terms);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::ListTermsRequest list_terms;
  list_terms.set_parent(Name(kCalendar));
  ASSERT_TRUE(env().catalog().ListTerms(Counselor().get(), list_terms, &terms).ok());
  ASSERT_EQ(terms.terms_size(), 2);
  EXPECT_EQ(terms.terms(0).start_date(), "2026-08-24");
  EXPECT_EQ(terms.terms(1).end_date(), "2027-05-28");

  v1::PeriodSchedule schedule;
  s = env().catalog().ReplacePeriodSchedule(Counselor().get(), SevenPeriods(kCalendar), &schedule);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetPeriodScheduleRequest get_schedule;
  get_schedule.set_name(Name(kCalendar) + "/periodSchedule");
  ASSERT_TRUE(env().catalog().GetPeriodSchedule(Counselor().get(), get_schedule, &schedule).ok());
  ASSERT_EQ(schedule.periods_size(), 7);
  EXPECT_EQ(schedule.day_types_size(), 0);
  EXPECT_EQ(schedule.periods(6).number(), 7);
  EXPECT_EQ(schedule.periods(6).start_time(), "13:30");
  EXPECT_EQ(schedule.periods(6).end_time(), "14:20");

  // 195 instructional days (200 weekdays, 5 holidays) × 350 minutes: above the default
  // minimums of 170 days and 64,800 minutes.
  v1::InstructionalDays days;
  s = env().catalog().SetInstructionalDays(Counselor().get(), SchoolYearDays(kCalendar), &days);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(days.instructional_day_count(), 195);
  EXPECT_EQ(days.instructional_minutes(), 195 * 350);

  // 3. The counselor submits; the district approves.
  v1::SubmitCalendarRequest submit;
  submit.set_name(Name(kCalendar));
  submit.set_comment("Ready for review.");
  s = env().catalog().SubmitCalendar(Counselor().get(), submit, &calendar);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(calendar.state(), v1::Calendar::SUBMITTED);
  v1::ApproveCalendarRequest approve;
  approve.set_name(Name(kCalendar));
  s = env().catalog().ApproveCalendar(As(kDistrict, kScheduler).get(), approve, &calendar);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetCalendarRequest get_calendar;
  get_calendar.set_name(Name(kCalendar));
  ASSERT_TRUE(env().catalog().GetCalendar(Counselor().get(), get_calendar, &calendar).ok());
  EXPECT_EQ(calendar.state(), v1::Calendar::APPROVED);
  v1::ListCalendarTransitionsRequest list_transitions;
  list_transitions.set_parent(Name(kCalendar));
  v1::ListCalendarTransitionsResponse transitions;
  ASSERT_TRUE(env()
                  .catalog()
                  .ListCalendarTransitions(Counselor().get(), list_transitions, &transitions)
                  .ok());
  ASSERT_EQ(transitions.transitions_size(), 2);
  EXPECT_EQ(transitions.transitions(0).to_state(), v1::Calendar::SUBMITTED);
  EXPECT_EQ(transitions.transitions(0).actor(), kCounselor);
  EXPECT_EQ(transitions.transitions(1).to_state(), v1::Calendar::APPROVED);
  EXPECT_EQ(transitions.transitions(1).actor(), kDistrict);
  // Approved means frozen: the terms can no longer change.
  EXPECT_EQ(
      env().catalog().ReplaceTerms(Counselor().get(), Semesters(kCalendar), &terms).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);

  // 4. The district creates 150 course masters and pushes each to the school's calendar.
  int locked_count = 0;
  for (const auto& [prefix, department] : kDepartments) {
    for (int i = 0; i < kCoursesPerDepartment; ++i) {
      v1::CreateCourseMasterRequest request;
      v1::CourseMaster* values = request.mutable_course_master();
      FillCourse(values, MasterNumber(prefix, i), department);
      if (Locked(i)) {
        values->set_credits(0.5);
        values->add_locked_fields("credits");
        ++locked_count;
      }
      v1::CourseMaster master;
      s = env().courses().CreateCourseMaster(District().get(), request, &master);
      ASSERT_TRUE(s.ok()) << values->number() << ": " << s.error_message();

      v1::PushCourseMasterRequest push;
      push.set_name(master.name());
      push.add_calendars(Name(kCalendar));
      v1::PushCourseMasterResponse pushed;
      s = env().courses().PushCourseMaster(District().get(), push, &pushed);
      ASSERT_TRUE(s.ok()) << values->number() << ": " << s.error_message();
      ASSERT_EQ(pushed.results_size(), 1) << values->number();
      EXPECT_EQ(pushed.results(0).action(), v1::CalendarPushResult::CREATED) << values->number();
    }
  }
  ASSERT_EQ(locked_count, 50);
  v1::ListCourseMastersRequest list_masters;
  list_masters.set_page_size(1000);
  v1::ListCourseMastersResponse masters;
  ASSERT_TRUE(env().courses().ListCourseMasters(District().get(), list_masters, &masters).ok());
  EXPECT_EQ(masters.course_masters_size(), 150);

  std::vector<v1::Course> courses = AllCourses(env(), kCalendar);
  ASSERT_EQ(courses.size(), 150u);
  int from_master = 0, with_lock = 0;
  for (const v1::Course& course : courses) {
    if (!course.course_master().empty()) ++from_master;
    if (!course.locked_fields().empty()) {
      ++with_lock;
      EXPECT_THAT(course.locked_fields(), ElementsAre("credits")) << course.number();
      EXPECT_EQ(course.credits(), 0.5) << course.number();
    }
  }
  EXPECT_EQ(from_master, 150);
  EXPECT_EQ(with_lock, 50);
  // The school cannot change a locked field (MA-101 is master 0: locked).
  v1::UpdateCourseRequest change_credits;
  change_credits.mutable_course()->set_name(CourseName(kCalendar, "ma-101"));
  change_credits.mutable_course()->set_credits(2);
  change_credits.mutable_update_mask()->add_paths("credits");
  v1::Course updated;
  s = env().courses().UpdateCourse(Counselor().get(), change_credits, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("credits"));

  // 5. The counselor lowers Science's class size: dry run, then apply.
  v1::MassSetCoursesRequest mass_set;
  mass_set.set_parent(Name(kCalendar));
  mass_set.mutable_filter()->set_department("Science");
  mass_set.mutable_update_mask()->add_paths("max_students");
  mass_set.mutable_values()->set_max_students(24);
  mass_set.set_dry_run(true);
  v1::MassSetCoursesResponse preview;
  s = env().courses().MassSetCourses(Counselor().get(), mass_set, &preview);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(preview.matched_count(), 30);
  EXPECT_EQ(preview.changed_count(), 30);
  ASSERT_EQ(preview.changes_size(), 30);
  EXPECT_EQ(preview.changes(0).course(), CourseName(kCalendar, "sc-101"));
  EXPECT_EQ(preview.changes(0).old_value(), "30");
  EXPECT_EQ(preview.changes(0).new_value(), "24");
  EXPECT_EQ(preview.audit_id(), 0);
  for (const v1::Course& course : AllCourses(env(), kCalendar)) {
    EXPECT_EQ(course.max_students(), 30) << course.number() << " changed by a dry run";
  }
  mass_set.set_dry_run(false);
  v1::MassSetCoursesResponse applied;
  s = env().courses().MassSetCourses(Counselor().get(), mass_set, &applied);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(applied.changed_count(), 30);
  EXPECT_GT(applied.audit_id(), 0);
  std::map<std::string, std::vector<int>> max_by_department;
  for (const v1::Course& course : AllCourses(env(), kCalendar)) {
    max_by_department[course.department()].push_back(course.max_students());
  }
  ASSERT_EQ(max_by_department.size(), 5u);
  for (const auto& [department, values] : max_by_department) {
    EXPECT_EQ(values.size(), 30u) << department;
    EXPECT_THAT(values, ::testing::Each(department == "Science" ? 24 : 30)) << department;
  }

  // 6. Teachers and rooms from the HR and facilities exports (CSV).
  std::string teachers_csv = "staff_id,name,departments,can_teach,max_sections,unavailable\n";
  int teacher_count = 0;
  for (const auto& [prefix, department] : kDepartments) {
    for (int i = 0; i < 8; ++i, ++teacher_count) {
      teachers_csv += "t-" + std::to_string(teacher_count) + ",Teacher " +
                      std::to_string(teacher_count) + "," + department + "," +
                      MasterNumber(prefix, i) + ",5," + (i == 0 ? "7@s2" : "") + "\n";
    }
  }
  v1::ImportTeachersRequest import_teachers;
  import_teachers.set_parent(Name(kCalendar));
  import_teachers.set_csv_data(teachers_csv);
  v1::ImportResourcesResponse counts;
  s = env().resources().ImportTeachers(Counselor().get(), import_teachers, &counts);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(counts.created(), 40);
  v1::ListTeachersRequest list_teachers;
  list_teachers.set_parent(Name(kCalendar));
  list_teachers.set_page_size(1000);
  v1::ListTeachersResponse teachers;
  ASSERT_TRUE(env().resources().ListTeachers(Counselor().get(), list_teachers, &teachers).ok());
  ASSERT_EQ(teachers.teachers_size(), 40);
  auto first_science =
      std::find_if(teachers.teachers().begin(), teachers.teachers().end(),
                   [](const v1::Teacher& t) { return t.staff_id() == "t-24"; });  // SC, i = 0
  ASSERT_NE(first_science, teachers.teachers().end());
  EXPECT_THAT(first_science->departments(), ElementsAre("Science"));
  EXPECT_THAT(first_science->can_teach_courses(), ElementsAre("sc-101"));
  ASSERT_EQ(first_science->unavailable_size(), 1);
  EXPECT_EQ(first_science->unavailable(0).period(), 7);
  EXPECT_EQ(first_science->unavailable(0).term(), "s2");

  std::string rooms_csv = "number,capacity,type,unavailable\n";
  for (int i = 0; i < 25; ++i) rooms_csv += "R-" + std::to_string(100 + i) + ",30,regular,\n";
  rooms_csv += "LAB-1,24,lab,1\nLAB-2,24,lab,\nGYM,60,gym,\n";
  v1::ImportRoomsRequest import_rooms;
  import_rooms.set_parent(Name(kCalendar));
  import_rooms.set_csv_data(rooms_csv);
  s = env().resources().ImportRooms(Counselor().get(), import_rooms, &counts);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(counts.created(), 28);
  v1::ListRoomsRequest list_rooms;
  list_rooms.set_parent(Name(kCalendar));
  list_rooms.set_page_size(1000);
  v1::ListRoomsResponse rooms;
  ASSERT_TRUE(env().resources().ListRooms(Counselor().get(), list_rooms, &rooms).ok());
  ASSERT_EQ(rooms.rooms_size(), 28);
  EXPECT_EQ(std::count_if(rooms.rooms().begin(), rooms.rooms().end(),
                          [](const v1::Room& r) { return r.room_type() == "lab"; }),
            2);

  // 7. An ad hoc report: Science courses offered to grade 9 up, chosen columns, as CSV.
  v1::RunReportRequest report;
  report.set_parent(Name(kCalendar));
  report.set_format(v1::CSV);
  report.mutable_definition()->set_entity(v1::COURSES);
  report.mutable_definition()->set_filter(R"(department = "Science" AND credits < 1)");
  for (const char* field : {"number", "display_name", "max_students", "credits"}) {
    report.mutable_definition()->add_fields(field);
  }
  v1::RunReportResponse exported;
  s = env().reports().RunReport(Counselor().get(), report, &exported);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // Science masters 0, 3, ..., 27 lock half a credit: 10 rows.
  EXPECT_EQ(exported.row_count(), 10);
  const std::string& csv = exported.csv_data();
  EXPECT_THAT(csv, StartsWith("number,display_name,max_students,credits\r\n"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 11);  // header + 10 rows
  EXPECT_THAT(csv, HasSubstr("SC-104,Course SC-104,24,0.5\r\n"));
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("SC-102,")));  // a full-credit course
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("MA-101,")));  // another department
}

}  // namespace
}  // namespace secsched::catalog::testing
