// Teachers and rooms: validation, the unavailable-period and list cell forms, CSV import edge cases
// and the export → import round trip (pure domain, no database).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status/status.h"
#include "services/catalog/domain/resources.h"
#include "services/catalog/domain/resources_csv.h"

namespace secsched::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

CalendarFacts Facts() {
  CalendarFacts facts;
  facts.periods = std::set<int>{1, 2, 3, 4, 5, 6, 7};
  facts.term_ids = {"s1", "s2"};
  facts.course_ids_by_number = {{"ENG9", "eng9"}, {"ENG10", "eng10"}, {"MA-210", "ma-210"}};
  return facts;
}

Teacher GoodTeacher() {
  return Teacher{.calendar_id = "c1",
                 .id = "t1",
                 .staff_id = "dana",
                 .display_name = "Dana Reyes",
                 .departments = {"English"},
                 .can_teach_courses = {"eng9"},
                 .max_sections = 5,
                 .unavailable = {{.period = 1}, {.period = 5, .term = "s1"}},
                 .max_sections_per_term = 3};
}

std::vector<std::string> ViolationFields(const Violations &violations) {
  std::vector<std::string> fields;
  for (const auto &[field, description] : violations) fields.push_back(field);
  return fields;
}

std::vector<std::string> FieldsOf(const absl::Status &status) {
  std::vector<std::string> fields;
  for (const FieldViolation &v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST(UnavailableCells, ParseAndFormatRoundTrip) {
  absl::StatusOr<std::vector<UnavailablePeriod>> parsed = ParseUnavailable(" 1; 5@s1 ;;7 ");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(*parsed, ElementsAre(UnavailablePeriod{1, ""}, UnavailablePeriod{5, "s1"},
                                   UnavailablePeriod{7, ""}));
  EXPECT_EQ(FormatUnavailable(*parsed), "1;5@s1;7");
  EXPECT_THAT(*ParseUnavailable(""), IsEmpty());
}

TEST(UnavailableCells, RefusesWhatIsNotAPeriod) {
  for (std::string_view bad : {"x", "5@", "5@S 1", "1.5", "@s1", "3;four"}) {
    EXPECT_EQ(ParseUnavailable(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ListCells, SplitTrimsAndDropsEmptyItems) {
  EXPECT_THAT(SplitList(" ENG9 ;ENG10;; "), ElementsAre("ENG9", "ENG10"));
  EXPECT_EQ(JoinList({"a", "b"}), "a;b");
}

TEST(TeacherValidation, AGoodTeacherPasses) {
  EXPECT_THAT(ValidateTeacher(GoodTeacher(), Facts()), IsEmpty());
}

TEST(TeacherValidation, NamesEveryBadField) {
  Teacher t = GoodTeacher();
  t.staff_id = "Not An Id";
  t.display_name = "";
  t.departments = {"English", "English", "Sci;ence"};
  t.can_teach_courses = {"eng9", "bio-99"};
  t.max_sections = 21;
  t.unavailable = {{.period = 9}, {.period = 0}, {.period = 2, .term = "q3"}};
  EXPECT_THAT(
      ViolationFields(ValidateTeacher(t, Facts())),
      ElementsAre("staff_id", "display_name", "departments", "departments", "can_teach_courses",
                  "max_sections", "unavailable", "unavailable", "unavailable"));
}

TEST(TeacherValidation, TheTermLoadIsBoundedAndNotAboveTheYearLoad) {
  Teacher t = GoodTeacher();
  t.max_sections_per_term = 21;
  EXPECT_THAT(ViolationFields(ValidateTeacher(t, Facts())), ElementsAre("max_sections_per_term"));
  t.max_sections_per_term = -1;
  EXPECT_THAT(ViolationFields(ValidateTeacher(t, Facts())), ElementsAre("max_sections_per_term"));
  t.max_sections_per_term = 6;  // max_sections is 5
  EXPECT_THAT(ViolationFields(ValidateTeacher(t, Facts())), ElementsAre("max_sections_per_term"));
  t.max_sections = 0;  // no yearly limit: any term load up to 20
  EXPECT_THAT(ValidateTeacher(t, Facts()), IsEmpty());
  t.max_sections_per_term = 0;
  EXPECT_THAT(ValidateTeacher(t, Facts()), IsEmpty());
}

TEST(TeachersCsv, TheTermLoadColumnIsOptional) {
  absl::StatusOr<std::vector<Teacher>> teachers = ParseTeachersCsv(
      "staff_id,name,max_sections,max_sections_per_term\ndana,Dana,5,3\nlee,Lee,5,\n", Facts());
  ASSERT_TRUE(teachers.ok()) << teachers.status();
  EXPECT_EQ((*teachers)[0].max_sections_per_term, 3);
  EXPECT_EQ((*teachers)[1].max_sections_per_term, 0);
  absl::Status bad =
      ParseTeachersCsv("staff_id,name,max_sections,max_sections_per_term\ndana,Dana,5,7\n", Facts())
          .status();
  EXPECT_THAT(FieldsOf(bad), ElementsAre("rows[2].max_sections_per_term"));
}

TEST(TeacherValidation, AnyPeriodIsAcceptedWithoutAPeriodSchedule) {
  CalendarFacts facts = Facts();
  facts.periods.reset();
  Teacher t = GoodTeacher();
  t.unavailable = {{.period = 12}};
  EXPECT_THAT(ValidateTeacher(t, facts), IsEmpty());
  t.unavailable = {{.period = 3}, {.period = 3}};
  EXPECT_THAT(ViolationFields(ValidateTeacher(t, facts)), ElementsAre("unavailable"));
}

TEST(RoomValidation, NamesEveryBadField) {
  Room room{.number = " B-104", .capacity = 0, .room_type = "", .unavailable = {{.period = 8}}};
  EXPECT_THAT(ViolationFields(ValidateRoom(room, Facts())),
              ElementsAre("number", "capacity", "room_type", "unavailable"));
  room = Room{.number = "B-104", .capacity = 30, .room_type = "lab"};
  EXPECT_THAT(ValidateRoom(room, Facts()), IsEmpty());
}

TEST(TeachersCsv, ParsesQuotedCellsBomCrlfAndBlankLines) {
  std::string text =
      "\xEF\xBB\xBF"
      "Staff ID,Name,Departments,Can Teach,Max Sections,Unavailable,Active\r\n"
      "dana,\"Reyes, Dana\",English,ENG9;ENG10,5,\"1;5@s1\",yes\r\n"
      "\r\n"
      "lee,Lee Park,,MA-210,6,,\r\n";
  absl::StatusOr<std::vector<Teacher>> teachers = ParseTeachersCsv(text, Facts());
  ASSERT_TRUE(teachers.ok()) << teachers.status();
  ASSERT_EQ(teachers->size(), 2u);
  EXPECT_EQ((*teachers)[0].display_name, "Reyes, Dana");
  EXPECT_THAT((*teachers)[0].can_teach_courses, ElementsAre("eng9", "eng10"));
  EXPECT_THAT((*teachers)[0].unavailable,
              ElementsAre(UnavailablePeriod{1, ""}, UnavailablePeriod{5, "s1"}));
  EXPECT_TRUE((*teachers)[1].active);  // empty = active
  EXPECT_THAT((*teachers)[1].departments, IsEmpty());
  EXPECT_EQ((*teachers)[1].max_sections, 6);
}

TEST(TeachersCsv, ReportsEveryBadRowByLineAndColumn) {
  std::string text =
      "staff_id,name,can_teach,max_sections,unavailable\n"
      "dana,Dana,ENG9,five,\n"  // line 2: bad number
      "lee,Lee,ENG99,5,\n"      // line 3: unknown course
      ",Nobody,,5,\n"           // line 4: no staff id
      "dana,Dana again,,5,\n"   // line 5: repeated staff id
      "kim,Kim,,5,1@s9;3\n"     // line 6: unknown term
      "ray,Ray,,30,\n";         // line 7: too many sections
  absl::Status status = ParseTeachersCsv(text, Facts()).status();
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(status),
              ElementsAre("rows[2].max_sections", "rows[3].can_teach", "rows[4].staff_id",
                          "rows[5].staff_id", "rows[6].unavailable", "rows[7].max_sections"));
}

TEST(TeachersCsv, RefusesWrongHeaders) {
  absl::Status missing = ParseTeachersCsv("staff_id,name\ndana,Dana\n", Facts()).status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(missing), ElementsAre("header"));
  absl::Status unknown =
      ParseTeachersCsv("staff_id,name,max_sections,shoe_size\ndana,Dana,5,9\n", Facts()).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseTeachersCsv("", Facts()).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      ParseTeachersCsv("staff_id,name,max_sections\n\"dana,Dana,5\n", Facts()).status().code(),
      absl::StatusCode::kInvalidArgument);  // unterminated quote
}

TEST(TeachersCsv, ExportThenImportGivesTheSameTeachers) {
  Teacher a = GoodTeacher();
  a.display_name = "Reyes, \"DJ\" Dana";
  a.can_teach_courses = {"eng9", "ma-210"};
  Teacher b = GoodTeacher();
  b.staff_id = "lee";
  b.departments = {};
  b.can_teach_courses = {};
  b.unavailable = {};
  b.active = false;
  std::string csv = WriteTeachersCsv({a, b}, Facts());
  EXPECT_THAT(csv, HasSubstr("ENG9;MA-210"));
  absl::StatusOr<std::vector<Teacher>> back = ParseTeachersCsv(csv, Facts());
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    Teacher expected = i == 0 ? a : b;
    expected.calendar_id = "";
    expected.id = "";
    EXPECT_EQ((*back)[i], expected) << i;
  }
}

TEST(RoomsCsv, ParsesAndRoundTrips) {
  std::string text =
      "number,capacity,type,unavailable,active\nB-104,30,lab,7,"
      "true\nGYM,60,gym,,\n";
  absl::StatusOr<std::vector<Room>> rooms = ParseRoomsCsv(text, Facts());
  ASSERT_TRUE(rooms.ok()) << rooms.status();
  ASSERT_EQ(rooms->size(), 2u);
  EXPECT_EQ((*rooms)[0].capacity, 30);
  EXPECT_THAT((*rooms)[0].unavailable, ElementsAre(UnavailablePeriod{7, ""}));
  absl::StatusOr<std::vector<Room>> again = ParseRoomsCsv(WriteRoomsCsv(*rooms), Facts());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *rooms);
}

TEST(RoomsCsv, ReportsBadRows) {
  std::string text =
      "number,capacity,type\nB-104,3x,lab\nB-104,20,lab\nC-1,,"
      "regular\nC-2,20,\n";
  absl::Status status = ParseRoomsCsv(text, Facts()).status();
  EXPECT_THAT(FieldsOf(status), ElementsAre("rows[2].capacity", "rows[3].number",
                                            "rows[4].capacity", "rows[5].type"));
}

}  // namespace
}  // namespace secsched::catalog
