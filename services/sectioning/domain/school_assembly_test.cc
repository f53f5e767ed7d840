#include "services/sectioning/domain/school_assembly.h"

#include <gtest/gtest.h>

#include "services/sectioning/domain/engine_schedule.h"

namespace secsched::sectioning {
namespace {

catalog::CatalogCalendar TwoSemesters(std::vector<std::string> day_types = {}) {
  catalog::CatalogCalendar calendar{
      .id = "east-2026",
      .school_id = "east-high",
      .state = catalog::CatalogCalendarState::kApproved,
      .terms = {{"s1", "2026-08-24", "2027-01-15"}, {"s2", "2027-01-19", "2027-06-04"}},
      .day_types = day_types};
  for (int p = 1; p <= 7; ++p) calendar.periods.push_back({p, ""});
  return calendar;
}

TEST(EnginePlacementTest, AYearCourseMeetsInEveryTermAndComesBack) {
  EngineCalendar calendar = *EngineCalendarOf(TwoSemesters());
  std::vector<Meeting> meetings = MeetingsOf(calendar, {.period = 2, .terms = 0b11}, 1);
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_EQ(meetings[0], (Meeting{"s1", 3, ""}));
  EXPECT_EQ(meetings[1], (Meeting{"s2", 3, ""}));
  absl::StatusOr<engine::Placement> back = PlacementOf(calendar, meetings, 1);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, (engine::Placement{.period = 2, .terms = 0b11}));
}

TEST(EnginePlacementTest, ADoublePeriodOnADayRotationNamesItsDays) {
  EngineCalendar calendar = *EngineCalendarOf(TwoSemesters({"a", "b"}));
  // Term s2 (bits 2, 3), day b only (bit 3), periods 4 and 5.
  std::vector<Meeting> meetings = MeetingsOf(calendar, {.period = 3, .terms = 0b1000}, 2);
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_EQ(meetings[0], (Meeting{"s2", 4, "b"}));
  EXPECT_EQ(meetings[1], (Meeting{"s2", 5, "b"}));
  absl::StatusOr<engine::Placement> back = PlacementOf(calendar, meetings, 2);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, (engine::Placement{.period = 3, .terms = 0b1000}));
}

TEST(EnginePlacementTest, MeetingsThatAreNotOnePlacementAreRefused) {
  EngineCalendar calendar = *EngineCalendarOf(TwoSemesters());
  EXPECT_FALSE(PlacementOf(calendar, {{"s1", 3, ""}, {"s1", 5, ""}}, 2).ok());  // not adjacent
  EXPECT_FALSE(PlacementOf(calendar, {{"s1", 3, ""}, {"s2", 4, ""}}, 2).ok());  // terms differ
  EXPECT_FALSE(PlacementOf(calendar, {{"s9", 3, ""}}, 1).ok());                 // unknown term
  EXPECT_FALSE(PlacementOf(calendar, {{"s1", 3, ""}}, 2).ok());                 // one period
  EXPECT_FALSE(PlacementOf(calendar, {}, 1)->placed());
}

TEST(SchoolAssemblyTest, ACalendarWithoutTermsOrPeriodsCannotBeScheduled) {
  catalog::CatalogCalendar no_terms = TwoSemesters();
  no_terms.terms.clear();
  EXPECT_EQ(EngineCalendarOf(no_terms).status().code(), absl::StatusCode::kFailedPrecondition);
  catalog::CatalogCalendar no_periods = TwoSemesters();
  no_periods.periods.clear();
  EXPECT_EQ(EngineCalendarOf(no_periods).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SchoolAssemblyTest, CatalogBecomesTheEngineSchool) {
  SchoolInputs inputs{.calendar = TwoSemesters()};
  inputs.courses = {{.id = "alg1", .number = "ALG1", .department = "math", .max_students = 28},
                    {.id = "bio",
                     .number = "BIO",
                     .department = "science",
                     .term_length = catalog::TermLength::kSemester,
                     .periods_per_meeting = 2,
                     .room_type = "lab"},
                    {.id = "old", .number = "OLD", .active = false}};
  inputs.teachers = {{.id = "t1",
                      .departments = {"math"},
                      .max_sections = 5,
                      .unavailable = {{1, ""}, {7, "s2"}},
                      .max_sections_per_term = 3},
                     {.id = "t2", .can_teach_courses = {"bio"}, .active = false}};
  inputs.rooms = {{.id = "lab1", .capacity = 24, .room_type = "lab"}};
  inputs.sections = {{.section_id = "bio-1",
                      .course_id = "bio",
                      .primary_teacher_id = "t1",
                      .capacity = 24,
                      .meetings = {{"s1", 4, ""}, {"s1", 5, ""}},
                      .locked = true}};
  absl::StatusOr<AssembledSchool> assembled = AssembleSchool(inputs);
  ASSERT_TRUE(assembled.ok()) << assembled.status();
  const engine::School& school = assembled->school;
  ASSERT_EQ(school.courses.size(), 2u);  // the inactive course is left out
  EXPECT_EQ(school.courses[1].term_length, engine::TermLength::kSemester);
  EXPECT_EQ(school.courses[1].periods_per_meeting, 2);
  ASSERT_EQ(school.teachers.size(), 1u);  // the inactive teacher too
  EXPECT_EQ(school.teachers[0].can_teach, std::vector<std::string>{"alg1"});  // by department
  EXPECT_EQ(school.teachers[0].max_sections_per_term, 3);
  ASSERT_EQ(school.teachers[0].unavailable.size(), 2u);
  EXPECT_EQ(school.teachers[0].unavailable[0], (engine::PeriodSlot{0, 0}));
  EXPECT_EQ(school.teachers[0].unavailable[1], (engine::PeriodSlot{6, 0b10}));
  ASSERT_EQ(school.sections.size(), 1u);
  EXPECT_TRUE(school.sections[0].locked);
  EXPECT_EQ(school.sections[0].placement, (engine::Placement{.period = 3, .terms = 0b01}));
  EXPECT_EQ(school.sections[0].max_students, 24);
}

}  // namespace
}  // namespace secsched::sectioning

namespace secsched::sectioning {
namespace {

TEST(EngineScheduleTest, EngineSectionsAndEnrollmentsBecomeScheduleRows) {
  SchoolInputs inputs{.calendar = TwoSemesters()};
  inputs.courses = {{.id = "alg1", .number = "ALG1", .max_students = 30},
                    {.id = "geo", .number = "GEO", .max_students = 30}};
  inputs.rooms = {{.id = "r1", .capacity = 24}};
  inputs.students = {
      {.id = "s1", .requests = {{.course_id = "alg1", .alternate_course_ids = {"geo"}}}}};
  const std::vector<Section> trial_sections = {
      {.section_id = "alg1-1", .course_id = "alg1", .section_number = 4}};
  AssembledSchool assembled = *AssembleSchool(inputs);
  const std::vector<engine::Section> sections = {{.id = "alg1-1",
                                                  .course_id = "alg1",
                                                  .teacher_id = "t1",
                                                  .room_id = "r1",
                                                  .placement = {.period = 0, .terms = 0b11}},
                                                 {.id = "geo-1",
                                                  .course_id = "geo",
                                                  .teacher_id = "t2",
                                                  .placement = {.period = 1, .terms = 0b01}}};
  const std::vector<engine::Enrollment> enrollments = {{.student_id = "s1",
                                                        .section_id = "geo-1",
                                                        .requested_course_id = "alg1",
                                                        .is_alternate = true}};
  ScheduleRows rows =
      ScheduleFromEngine(assembled, {"east-2026", "t"}, trial_sections, sections, enrollments);
  ASSERT_EQ(rows.sections.size(), 2u);
  EXPECT_EQ(rows.sections[0].section_number, 4);  // kept
  EXPECT_EQ(rows.sections[0].capacity, 24);       // the room caps the course's 30
  EXPECT_EQ(rows.sections[0].meetings.size(), 2u);
  EXPECT_EQ(rows.sections[1].section_number, 1);  // numbered on for its course
  EXPECT_EQ(rows.sections[1].capacity, 30);
  EXPECT_EQ(rows.sections[1].meetings, (std::vector<Meeting>{{"s1", 2, ""}}));
  ASSERT_EQ(rows.enrollments.size(), 1u);
  EXPECT_EQ(rows.enrollments[0].course_id, "geo");
  EXPECT_EQ(rows.enrollments[0].request_rank, 1);  // the first alternate of ALG1
  EXPECT_EQ(rows.enrollments[0].source, EnrollmentSource::kEngine);
  EXPECT_EQ(rows.enrollments[0].trial_id, "t");
}

}  // namespace
}  // namespace secsched::sectioning
