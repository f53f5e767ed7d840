// A section against its catalog: each refusal names its field; a valid section passes.
#include "services/sectioning/domain/section_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

using ::testing::Contains;
using ::testing::Field;

CatalogSnapshot Catalog() {
  CatalogSnapshot c;
  c.calendar = {.id = "cal",
                .state = catalog::CatalogCalendarState::kApproved,
                .terms = {{"s1", "", ""}, {"s2", "", ""}}};
  for (int p = 1; p <= 7; ++p) c.calendar.periods.push_back({p, ""});
  c.courses = {{.id = "eng", .department = "English", .term_length = catalog::TermLength::kYear},
               {.id = "hlth", .department = "PE", .term_length = catalog::TermLength::kSemester},
               {.id = "chem", .department = "Science", .periods_per_meeting = 2},
               {.id = "q", .term_length = catalog::TermLength::kQuarter},
               {.id = "old", .department = "English", .active = false}};
  c.teachers = {{.id = "t-eng", .departments = {"English"}},
                {.id = "t-sci", .departments = {"Science"}},
                {.id = "t-any", .can_teach_courses = {"eng", "hlth", "chem"}}};
  c.rooms = {{.id = "r1", .capacity = 24}};
  return c;
}

Section Valid() {
  return Section{.calendar_id = "cal",
                 .course_id = "eng",
                 .primary_teacher_id = "t-eng",
                 .co_teacher_ids = {"t-any"},
                 .room_id = "r1",
                 .meetings = {{"s1", 3, ""}, {"s2", 3, ""}}};
}

std::vector<FieldViolation> Check(const Section& s, const CatalogSnapshot& c = Catalog()) {
  FieldValidator v;
  ValidateSection(s, c, v);
  return FieldViolationsOf(v.Finish());
}

MATCHER_P(OnField, field, "") { return arg.field == field; }

TEST(SectionValidationTest, AValidSectionPasses) { EXPECT_TRUE(Check(Valid()).empty()); }

TEST(SectionValidationTest, CourseMustExistAndBeActive) {
  Section s = Valid();
  s.course_id = "nope";
  s.co_teacher_ids.clear();
  EXPECT_THAT(Check(s), Contains(OnField("section.course")));
  s.course_id = "old";
  EXPECT_THAT(Check(s), Contains(OnField("section.course")));
  s.course_id = "";
  EXPECT_THAT(Check(s), Contains(OnField("section.course")));
}

TEST(SectionValidationTest, TeachersMustExistAndBeAbleToTeachTheCourse) {
  Section s = Valid();
  s.primary_teacher_id = "t-sci";
  EXPECT_THAT(Check(s), Contains(OnField("section.primary_teacher")));
  s = Valid();
  s.co_teacher_ids = {"t-any", "ghost"};
  EXPECT_THAT(Check(s), Contains(OnField("section.co_teachers[1]")));
  s.co_teacher_ids = {"t-eng"};  // the primary again
  EXPECT_THAT(Check(s), Contains(OnField("section.co_teachers[0]")));
  s = Valid();
  s.primary_teacher_id = "";  // co-teacher without a primary
  EXPECT_THAT(Check(s), Contains(OnField("section.co_teachers[0]")));
}

TEST(SectionValidationTest, RoomMustExist) {
  Section s = Valid();
  s.room_id = "r9";
  EXPECT_THAT(Check(s), Contains(OnField("section.room")));
}

TEST(SectionValidationTest, MeetingsMustBeInTheCalendar) {
  Section s = Valid();
  s.meetings = {{"s1", 3, ""}, {"s9", 3, ""}, {"s2", 8, ""}};
  std::vector<FieldViolation> found = Check(s);
  EXPECT_THAT(found, Contains(OnField("section.placement[1].term")));
  EXPECT_THAT(found, Contains(OnField("section.placement[2].period")));
  s.meetings = {{"s1", 3, "A"}, {"s2", 3, ""}};
  EXPECT_THAT(Check(s), Contains(OnField("section.placement[0].day_type")));
  s.meetings = {{"s1", 3, ""}, {"s1", 3, ""}};
  EXPECT_THAT(Check(s), Contains(OnField("section.placement[1]")));
}

TEST(SectionValidationTest, RotationDaysAreCheckedAgainstTheBellSchedule) {
  CatalogSnapshot c = Catalog();
  c.calendar.day_types = {"A", "B"};
  c.calendar.periods = {{1, "A"}, {2, "A"}, {1, "B"}};
  Section s = Valid();
  s.meetings = {{"s1", 2, "A"}, {"s2", 2, "A"}};
  EXPECT_TRUE(Check(s, c).empty());
  s.meetings = {{"s1", 2, "B"}, {"s2", 2, "B"}};
  EXPECT_THAT(Check(s, c), Contains(OnField("section.placement[0].period")));
  s.meetings = {{"s1", 2, ""}, {"s2", 2, ""}};  // every day: B has no period 2
  EXPECT_THAT(Check(s, c), Contains(OnField("section.placement[0].period")));
  s.meetings = {{"s1", 1, ""}, {"s2", 1, ""}};
  EXPECT_TRUE(Check(s, c).empty());
}

TEST(SectionValidationTest, TermLengthFitsTheMeetings) {
  Section s = Valid();
  s.meetings = {{"s1", 3, ""}};  // a year course in one semester
  EXPECT_THAT(Check(s), Contains(OnField("section.placement")));
  s.course_id = "hlth";
  s.primary_teacher_id = "t-any";
  s.co_teacher_ids.clear();
  EXPECT_TRUE(Check(s).empty());
  s.meetings = {{"s1", 3, ""}, {"s2", 3, ""}};  // a semester course all year
  EXPECT_THAT(Check(s), Contains(OnField("section.placement")));
  s.course_id = "q";  // a quarter course cannot fit a two-term calendar
  s.primary_teacher_id = "";
  s.meetings = {{"s1", 3, ""}};
  EXPECT_THAT(Check(s), Contains(OnField("section.placement")));
}

TEST(SectionValidationTest, ADoublePeriodCourseMeetsInConsecutivePeriods) {
  Section s = Valid();
  s.course_id = "chem";
  s.primary_teacher_id = "t-sci";
  s.co_teacher_ids.clear();
  s.meetings = {{"s1", 3, ""}, {"s1", 4, ""}, {"s2", 3, ""}, {"s2", 4, ""}};
  EXPECT_TRUE(Check(s).empty());
  s.meetings = {{"s1", 3, ""}, {"s1", 5, ""}, {"s2", 3, ""}, {"s2", 4, ""}};
  EXPECT_THAT(Check(s), Contains(OnField("section.placement[1].period")));
  s.meetings = {{"s1", 3, ""}, {"s2", 3, ""}};
  EXPECT_THAT(Check(s), Contains(OnField("section.placement[0].period")));
}

TEST(SectionValidationTest, CapacityAndNumberRanges) {
  Section s = Valid();
  s.capacity = -1;
  s.section_number = 1000;
  std::vector<FieldViolation> found = Check(s);
  EXPECT_THAT(found, Contains(OnField("section.capacity")));
  EXPECT_THAT(found, Contains(OnField("section.section_number")));
}

TEST(SectionValidationTest, DefaultCapacityIsTheSmallerOfCourseAndRoom) {
  catalog::CatalogCourse course{.max_students = 30};
  catalog::CatalogRoom room{.capacity = 24};
  EXPECT_EQ(DefaultCapacity(course, &room), 24);
  EXPECT_EQ(DefaultCapacity(course, nullptr), 30);
  room.capacity = 40;
  EXPECT_EQ(DefaultCapacity(course, &room), 30);
}

}  // namespace
}  // namespace secsched::sectioning
