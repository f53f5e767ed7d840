// Course rules without storage: validation, field lists, lock refusals, the mass-set plan
// (matching, diff, whole-batch refusal) and the courses CSV parser's edge cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status/status.h"
#include "services/catalog/domain/course.h"
#include "services/catalog/domain/course_csv.h"
#include "services/catalog/domain/course_masters.h"
#include "services/catalog/domain/courses.h"

namespace secsched::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

CourseValues Values(std::string number, std::string department = "Math") {
  return CourseValues{
      .number = std::move(number), .display_name = "Course", .department = std::move(department)};
}

Course MakeCourse(std::string id, CourseValues values, std::vector<CourseField> locked = {}) {
  return Course{.calendar_id = "cal-1",
                .id = std::move(id),
                .values = std::move(values),
                .master_id = locked.empty() ? "" : "m1",
                .locked_fields = std::move(locked)};
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST(CourseValidation, DefaultsWithNumberNameAndDepartmentAreValid) {
  FieldValidator v;
  ValidateCourseValues(Values("MA-101"), "course.", v);
  EXPECT_TRUE(v.Finish().ok());
}

TEST(CourseValidation, ReportsEveryBadFieldByName) {
  CourseValues bad{.number = "MA 101",
                   .display_name = "",
                   .department = "",
                   .credits = 0.3,
                   .min_grade = 5,
                   .max_grade = 13,
                   .periods_per_meeting = 3,
                   .sections_to_build = -1,
                   .max_students = 0,
                   .load_priority = 11,
                   .room_type = "Big Lab",
                   .tags = {"AP"}};
  FieldValidator v;
  ValidateCourseValues(bad, "course.", v);
  EXPECT_THAT(ViolatedFields(v.Finish()),
              UnorderedElementsAre("course.number", "course.display_name", "course.department",
                                   "course.credits", "course.min_grade", "course.max_grade",
                                   "course.periods_per_meeting", "course.sections_to_build",
                                   "course.max_students", "course.load_priority",
                                   "course.room_type", "course.tags"));
}

TEST(CourseValidation, GradeRangeMustNotBeInverted) {
  CourseValues values = Values("ENG9");
  values.min_grade = 11;
  values.max_grade = 9;
  FieldValidator v;
  ValidateCourseValues(values, "", v);
  EXPECT_THAT(ViolatedFields(v.Finish()), ElementsAre("max_grade"));
}

TEST(CourseValidation, CreditsGoInQuarterSteps) {
  for (double credits : {0.0, 0.25, 0.5, 1.0, 2.75, 10.0}) {
    CourseValues values = Values("X1");
    values.credits = credits;
    FieldValidator v;
    ValidateCourseValues(values, "", v);
    EXPECT_TRUE(v.Finish().ok()) << credits;
  }
  for (double credits : {-0.25, 0.1, 10.25}) {
    CourseValues values = Values("X1");
    values.credits = credits;
    FieldValidator v;
    ValidateCourseValues(values, "", v);
    EXPECT_FALSE(v.Finish().ok()) << credits;
  }
}

TEST(CourseValidation, AMaskChecksOnlyItsFields) {
  CourseValues values;  // number, name, department all empty
  values.max_students = 28;
  std::vector<CourseField> mask = {CourseField::kMaxStudents};
  FieldValidator v;
  ValidateCourseValues(values, "", v, &mask);
  EXPECT_TRUE(v.Finish().ok());
}

TEST(FieldLists, ParseNamesInCanonicalOrderAndRejectUnknownOnes) {
  absl::StatusOr<std::vector<CourseField>> fields =
      ParseFieldList({"tags", "credits", "credits"}, "update_mask");
  ASSERT_TRUE(fields.ok());
  EXPECT_THAT(*fields, ElementsAre(CourseField::kCredits, CourseField::kTags));
  absl::Status bad = ParseFieldList({"credits", "colour"}, "update_mask").status();
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldViolationsOf(bad),
              ElementsAre(Field(&FieldViolation::description, HasSubstr("colour"))));
  EXPECT_FALSE(ParseFieldList({}, "update_mask").ok());
  EXPECT_TRUE(ParseFieldList({}, "locked_fields", /*allow_empty=*/true).ok());
}

TEST(FieldText, IsStableForDiffsAndCsv) {
  CourseValues values = Values("ENG9");
  values.credits = 0.5;
  values.term_length = TermLength::kSemester;
  values.tags = {"ap", "honors"};
  EXPECT_EQ(FieldText(values, CourseField::kCredits), "0.5");
  EXPECT_EQ(FieldText(values, CourseField::kTermLength), "SEMESTER");
  EXPECT_EQ(FieldText(values, CourseField::kTags), "ap;honors");
  EXPECT_EQ(FieldText(values, CourseField::kActive), "true");
}

TEST(Locks, TheFirstLockedFieldOfAMaskIsNamed) {
  Course course = MakeCourse("ma-101", Values("MA-101"), {CourseField::kCredits});
  EXPECT_EQ(FirstLockedField(course, {CourseField::kMaxStudents, CourseField::kCredits}),
            CourseField::kCredits);
  EXPECT_EQ(FirstLockedField(course, {CourseField::kMaxStudents}), std::nullopt);
  absl::Status error = LockedFieldError(course, CourseField::kCredits);
  EXPECT_EQ(error.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(error.message()), HasSubstr("credits"));
  EXPECT_THAT(std::string(error.message()), HasSubstr("MA-101"));
}

TEST(Push, CopiesOnlyLockedFieldsAndReportsTheChanges) {
  CourseMaster master{.id = "m1",
                      .values = Values("MA-101"),
                      .locked_fields = {CourseField::kCredits, CourseField::kMaxStudents}};
  master.values.credits = 0.5;
  master.values.max_students = 24;
  master.values.display_name = "District name";
  Course course = MakeCourse("ma-101", Values("MA-101"), {CourseField::kCredits});
  course.values.display_name = "School name";
  absl::StatusOr<PushResult> result = PlanPushToCourse(master, course);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->action, PushAction::kUpdated);
  EXPECT_TRUE(result->locks_changed);
  EXPECT_THAT(result->changes, ElementsAre(FieldChange{"ma-101", "credits", "1", "0.5"},
                                           FieldChange{"ma-101", "max_students", "30", "24"}));
  EXPECT_EQ(course.values.display_name, "School name");  // not locked: the school's own value
  EXPECT_THAT(course.locked_fields, ElementsAre(CourseField::kCredits, CourseField::kMaxStudents));
  // A second push changes nothing.
  absl::StatusOr<PushResult> again = PlanPushToCourse(master, course);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->action, PushAction::kUnchanged);
  EXPECT_THAT(again->changes, IsEmpty());
}

TEST(Push, RefusesALockedValueThatBreaksTheSchoolsCourse) {
  CourseMaster master{
      .id = "m1", .values = Values("ENG9"), .locked_fields = {CourseField::kMinGrade}};
  master.values.min_grade = 11;
  Course course = MakeCourse("eng9", Values("ENG9"));
  course.values.max_grade = 10;
  absl::StatusOr<PushResult> result = PlanPushToCourse(master, course);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("max_grade"));
}

TEST(CourseFilter, EveryMemberMustMatch) {
  CourseValues values = Values("MA-101", "Math");
  values.min_grade = 9;
  values.max_grade = 10;
  values.tags = {"core"};
  Course course = MakeCourse("ma-101", values);
  EXPECT_TRUE(CourseFilter{}.Matches(course));
  const CourseFilter all_match{
      .department = "math", .grade = 10, .number_prefix = "MA-", .tag = "core", .active = true};
  EXPECT_TRUE(all_match.Matches(course));
  EXPECT_FALSE(CourseFilter{.grade = 11}.Matches(course));
  EXPECT_FALSE(CourseFilter{.number_prefix = "ma"}.Matches(course));  // prefix is case-sensitive
  EXPECT_FALSE(CourseFilter{.tag = "ap"}.Matches(course));
  EXPECT_FALSE(CourseFilter{.active = false}.Matches(course));
  EXPECT_FALSE(CourseFilter{.department = "English"}.Matches(course));
}

std::vector<Course> MathAndEnglish() {
  std::vector<Course> courses;
  for (int i = 1; i <= 3; ++i) {
    courses.push_back(MakeCourse("ma-" + std::to_string(i), Values("MA-" + std::to_string(i))));
  }
  courses.push_back(MakeCourse("eng9", Values("ENG9", "English")));
  return courses;
}

TEST(MassSetPlan, DiffsOnlyMatchingCoursesAndOnlyRealChanges) {
  std::vector<Course> courses = MathAndEnglish();
  courses[1].values.max_students = 25;  // ma-2 already has the new value
  MassSetRequest request{.calendar_id = "cal-1",
                         .filter = {.department = "Math"},
                         .fields = {CourseField::kMaxStudents}};
  request.values.max_students = 25;
  absl::StatusOr<MassSetPlan> plan = PlanMassSet(courses, request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->matched_count, 3);
  ASSERT_EQ(plan->changed.size(), 2u);
  EXPECT_EQ(plan->changed[0].values.max_students, 25);
  EXPECT_THAT(plan->changes, ElementsAre(FieldChange{"ma-1", "max_students", "30", "25"},
                                         FieldChange{"ma-3", "max_students", "30", "25"}));
}

TEST(MassSetPlan, ALockedFieldOnAnyMatchingCourseRefusesTheWholeBatch) {
  std::vector<Course> courses = MathAndEnglish();
  courses[2].locked_fields = {CourseField::kMaxStudents};
  courses[2].master_id = "district-ma-3";
  MassSetRequest request{.filter = {.department = "Math"},
                         .fields = {CourseField::kLoadPriority, CourseField::kMaxStudents}};
  absl::StatusOr<MassSetPlan> plan = PlanMassSet(courses, request);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(plan.status().message()), HasSubstr("MA-3"));
  EXPECT_THAT(std::string(plan.status().message()), HasSubstr("max_students"));
  // The lock does not matter when the course is outside the filter.
  request.filter = {.department = "English"};
  EXPECT_TRUE(PlanMassSet(courses, request).ok());
}

TEST(MassSetPlan, RefusesWhenAResultWouldBeInvalid) {
  std::vector<Course> courses = MathAndEnglish();
  courses[0].values.max_grade = 10;
  MassSetRequest request{.filter = {.department = "Math"}, .fields = {CourseField::kMinGrade}};
  request.values.min_grade = 11;
  absl::StatusOr<MassSetPlan> plan = PlanMassSet(courses, request);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(plan.status().message()), HasSubstr("MA-1"));
}

TEST(CoursesCsv, ParsesQuotesBomCrlfAndBlankLines) {
  csv::RowErrors errors;
  absl::StatusOr<std::vector<CourseCsvRow>> rows = ParseCoursesCsv(
      "\xEF\xBB\xBF"
      "Number,Display Name,department,credits,term_length,tags\r\n"
      "\r\n"
      "ART1,\"Art, \"\"Studio\"\"\",Arts,0.5,semester,\"studio; ap\"\r\n"
      "  MUS1 , Band ,Music,1,YEAR,\r\n",
      errors);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_TRUE(errors.empty()) << errors.ToStatus("courses.csv");
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 3);
  EXPECT_EQ((*rows)[0].values.display_name, "Art, \"Studio\"");
  EXPECT_EQ((*rows)[0].values.credits, 0.5);
  EXPECT_EQ((*rows)[0].values.term_length, TermLength::kSemester);
  EXPECT_THAT((*rows)[0].values.tags, ElementsAre("ap", "studio"));
  EXPECT_EQ((*rows)[1].values.number, "MUS1");
  EXPECT_EQ((*rows)[1].values.display_name, "Band");
  EXPECT_THAT((*rows)[1].present,
              ElementsAre(CourseField::kNumber, CourseField::kDisplayName, CourseField::kDepartment,
                          CourseField::kCredits, CourseField::kTermLength, CourseField::kTags));
}

TEST(CoursesCsv, AWrongHeaderIsOneErrorNamingTheColumns) {
  csv::RowErrors errors;
  absl::StatusOr<std::vector<CourseCsvRow>> missing =
      ParseCoursesCsv("name,department\nEnglish 9,English\n", errors);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::vector<CourseCsvRow>> unknown =
      ParseCoursesCsv("number,colour\nENG9,blue\n", errors);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unknown.status().message()) +
                  FieldViolationsOf(unknown.status()).front().description,
              HasSubstr("colour"));
  EXPECT_FALSE(ParseCoursesCsv("", errors).ok());
}

TEST(CoursesCsv, BadCellsAreReportedByLineAndColumn) {
  csv::RowErrors errors;
  absl::StatusOr<std::vector<CourseCsvRow>> rows = ParseCoursesCsv(
      "number,credits,max_students,required,term_length\n"
      "A1,one,30,yes,YEAR\n"
      "A2,1,3.5,maybe,DECADE\n"
      ",1,30,no,YEAR\n",
      errors);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 3u);
  EXPECT_THAT(ViolatedFields(errors.ToStatus("courses.csv")),
              UnorderedElementsAre("rows[2].credits", "rows[3].max_students", "rows[3].required",
                                   "rows[3].term_length", "rows[4].number"));
}

TEST(CoursesCsv, ExportThenParseGivesTheSameValues) {
  CourseValues a = Values("ART1", "Arts, Music & Drama");
  a.display_name = "Art \"Studio\"";
  a.credits = 0.25;
  a.tags = {"ap", "studio"};
  a.term_length = TermLength::kQuarter;
  a.required = true;
  CourseValues b = Values("MA-101");
  b.active = false;
  std::string text = WriteCoursesCsv({a, b});
  csv::RowErrors errors;
  absl::StatusOr<std::vector<CourseCsvRow>> rows = ParseCoursesCsv(text, errors);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].values, a);
  EXPECT_EQ((*rows)[1].values, b);
  EXPECT_EQ((*rows)[0].present, AllCourseFields());
}

}  // namespace
}  // namespace secsched::catalog
