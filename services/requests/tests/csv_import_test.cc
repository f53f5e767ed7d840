// The CSV imports: parsing edge cases, per-row errors, upsert counts, request rows planned through
// the single-request rules.
#include "services/requests/domain/csv_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "common/status/status.h"
#include "services/requests/tests/unit_helpers.h"

namespace secsched::requests {
namespace {

using testing::MakeStudent;
using testing::Primary;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  // Problems are found in two passes (cells, then against the calendar); compare as a set.
  std::sort(out.begin(), out.end());
  return out;
}

CalendarSnapshot Calendar() {
  CalendarSnapshot calendar;
  calendar.team_ids = {"academy"};
  calendar.students.push_back({.student = MakeStudent("1001", 9, "academy")});
  calendar.students.push_back({.student = MakeStudent("1002", 10)});
  calendar.students.push_back({.student = MakeStudent("1003", 11)});
  return calendar;
}

TEST(StudentsCsv, ParsesAHeaderInAnyCaseWithOptionalColumns) {
  absl::StatusOr<ParsedStudents> parsed =
      ParseStudentsCsv("cal",
                       "\xEF\xBB\xBFStudent Number,Name,Grade,Team,Gender\r\n"
                       "A-77,\"Lee, Ada\",9,ACADEMY,f\r\n\r\n2002,Bo,12,,\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->errors.empty()) << parsed->errors.ToStatus("x");
  ASSERT_EQ(parsed->rows.size(), 2u);
  EXPECT_EQ(parsed->rows[0].student.student_number, "a-77");  // ids are lower case
  EXPECT_EQ(parsed->rows[0].student.display_name, "Lee, Ada");
  EXPECT_EQ(parsed->rows[0].student.team, "academy");
  EXPECT_EQ(parsed->rows[0].student.gender, "F");
  EXPECT_EQ(parsed->rows[1].line, 4);  // the blank line still counts
}

TEST(StudentsCsv, CollectsEveryRowProblemWithItsLine) {
  absl::StatusOr<ParsedStudents> parsed =
      ParseStudentsCsv("cal",
                       "student_number,name,grade,gender,active\n"
                       "1001,Ann,13,,\n"         // grade out of range
                       ",Bob,9,,\n"              // number missing
                       "1003,Cy,nine,,\n"        // not a number
                       "1004,Di,9,Q,maybe\n"     // gender and active
                       "1001,Ann again,9,,\n");  // repeated number
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Fields(parsed->errors.ToStatus(kStudentsCsv)),
            (std::vector<std::string>{"rows[2].grade", "rows[3].student_number", "rows[4].grade",
                                      "rows[5].active", "rows[6].student_number"}));
}

TEST(StudentsCsv, AMissingRequiredColumnIsOneHeaderError) {
  absl::StatusOr<ParsedStudents> parsed = ParseStudentsCsv("cal", "student_number,grade\n1,9\n");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(parsed.status()), (std::vector<std::string>{"header"}));
  EXPECT_EQ(ParseStudentsCsv("cal", "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseStudentsCsv("cal", "student_number,name,grade\n\"1,Ann,9\n").status().code(),
            absl::StatusCode::kInvalidArgument);  // unterminated quote
}

TEST(StudentsCsv, UpsertsByNumberKeepingWhatAbsentColumnsDoNotSay) {
  absl::StatusOr<ParsedStudents> parsed = ParseStudentsCsv(
      "cal", "student_number,name,grade\n1001,Student 1001,9\n1002,Renamed,10\n2000,New,6\n");
  ASSERT_TRUE(parsed.ok());
  StudentImportSummary summary;
  absl::StatusOr<CalendarChanges> changes = PlanStudentImport(*parsed, Calendar(), summary);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(summary.created, 1);
  EXPECT_EQ(summary.updated, 1);
  EXPECT_EQ(summary.unchanged, 1);  // 1001 keeps team "academy": the column is absent
  ASSERT_EQ(changes->upsert_students.size(), 2u);
}

TEST(StudentsCsv, ATeamMustExist) {
  absl::StatusOr<ParsedStudents> parsed =
      ParseStudentsCsv("cal", "student_number,name,grade,team\n3000,Ann,9,chess\n");
  ASSERT_TRUE(parsed.ok());
  StudentImportSummary summary;
  absl::StatusOr<CalendarChanges> changes = PlanStudentImport(*parsed, Calendar(), summary);
  EXPECT_EQ(Fields(changes.status()), (std::vector<std::string>{"rows[2].team"}));
}

TEST(RequestsCsv, ParsesTypesRanksAndFlags) {
  absl::StatusOr<ParsedRequests> parsed = ParseRequestsCsv(
      "student_number,course_number,type,rank,required,priority,alternate_for\n"
      "1001,ENG9,PRIMARY,,yes,3,\n"
      "1001,ART,alternate,2,,,\n"
      "1001,BAND,A,1,,,ENG9\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->errors.empty()) << parsed->errors.ToStatus("x");
  ASSERT_EQ(parsed->rows.size(), 3u);
  EXPECT_TRUE(parsed->rows[0].required);
  EXPECT_EQ(parsed->rows[0].priority, 3);
  EXPECT_EQ(parsed->rows[1].kind, RequestKind::kAlternate);
  EXPECT_EQ(parsed->rows[1].rank, 2);
  EXPECT_EQ(parsed->rows[2].alternate_for, "ENG9");
}

TEST(RequestsCsv, RowProblemsAreCollected) {
  absl::StatusOr<ParsedRequests> parsed = ParseRequestsCsv(
      "student_number,course_number,type,rank,priority\n"
      "1001,ENG9,ELECTIVE,,\n"   // unknown type
      "1001,ART,PRIMARY,1,\n"    // a primary has no rank
      "1001,BIO,ALTERNATE,0,\n"  // ranks start at 1
      "1001,,PRIMARY,,x\n");     // missing course, bad priority
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Fields(parsed->errors.ToStatus(kRequestsCsv)),
            (std::vector<std::string>{"rows[2].type", "rows[3].rank", "rows[4].rank",
                                      "rows[5].course_number", "rows[5].priority"}));
}

TEST(RequestsCsv, PlansEveryRowThroughTheSingleRequestRules) {
  CalendarSnapshot calendar = Calendar();
  calendar.students[0].requests.push_back(Primary("1001", "r0", "bio"));
  CourseIndex index(testing::SmallCatalog());
  absl::StatusOr<ParsedRequests> parsed = ParseRequestsCsv(
      "student_number,course_number,type,rank,alternate_for\n"
      "1001,ENG9,PRIMARY,,\n"
      "1001,BAND,ALTERNATE,2,\n"
      "1001,ART,ALTERNATE,1,\n"
      "1001,ALG1,ALTERNATE,,ENG9\n"
      "1002,ALG1,PRIMARY,,\n");
  ASSERT_TRUE(parsed.ok());
  RequestImportSummary summary;
  absl::StatusOr<CalendarChanges> changes =
      PlanRequestImport(*parsed, calendar, index, false, "dana", summary);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(summary.students, 2);
  EXPECT_EQ(summary.primaries, 2);
  EXPECT_EQ(summary.alternates, 3);
  ASSERT_EQ(changes->requests.inserts.size(), 5u);
  std::map<std::string, CourseRequest> by_course;
  for (const CourseRequest& r : changes->requests.inserts) {
    if (r.student_number == "1001") by_course[r.course_id] = r;
  }
  EXPECT_EQ(by_course["art"].alternate_rank, 1);  // ranked by the rank column, not file order
  EXPECT_EQ(by_course["band"].alternate_rank, 2);
  EXPECT_EQ(by_course["alg-1"].alternate_for, by_course["eng-9"].request_id);
  EXPECT_EQ(by_course["alg-1"].alternate_rank, 1);
  EXPECT_EQ(by_course["eng-9"].source, RequestSource::kImport);
  EXPECT_EQ(by_course["eng-9"].entered_by, "dana");
}

TEST(RequestsCsv, EveryBadRowIsReportedAndNothingPlanned) {
  CalendarSnapshot calendar = Calendar();
  calendar.students[0].requests.push_back(Primary("1001", "r0", "bio"));
  CourseIndex index(testing::SmallCatalog());
  absl::StatusOr<ParsedRequests> parsed = ParseRequestsCsv(
      "student_number,course_number,type,alternate_for\n"
      "9999,ENG9,PRIMARY,\n"       // unknown student
      "1001,NOPE,PRIMARY,\n"       // unknown course
      "1001,BIO,PRIMARY,\n"        // already requested
      "1002,ENG9,PRIMARY,\n"       // grade 9 only; 1002 is in 10
      "1001,LATIN,PRIMARY,\n"      // inactive
      "1001,ART,ALTERNATE,CALC\n"  // no such primary
      "1003,CALC,PRIMARY,\n"       // fine
      "1003,CALC,ALTERNATE,\n");   // duplicates the row above
  ASSERT_TRUE(parsed.ok());
  RequestImportSummary summary;
  absl::StatusOr<CalendarChanges> changes =
      PlanRequestImport(*parsed, calendar, index, false, "dana", summary);
  EXPECT_EQ(Fields(changes.status()),
            (std::vector<std::string>{"rows[2].student_number", "rows[3].course_number",
                                      "rows[4].course_number", "rows[5].course_number",
                                      "rows[6].course_number", "rows[7].alternate_for",
                                      "rows[9].course_number"}));
}

TEST(RequestsCsv, ReplaceExistingDropsTheStudentsCurrentRequests) {
  CalendarSnapshot calendar = Calendar();
  calendar.students[0].requests.push_back(Primary("1001", "r0", "bio"));
  CourseIndex index(testing::SmallCatalog());
  absl::StatusOr<ParsedRequests> parsed =
      ParseRequestsCsv("student_number,course_number\n1001,BIO\n");
  ASSERT_TRUE(parsed.ok());
  RequestImportSummary summary;
  absl::StatusOr<CalendarChanges> changes =
      PlanRequestImport(*parsed, calendar, index, true, "dana", summary);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(summary.replaced, 1);
  EXPECT_EQ(changes->requests.deletes.size(), 1u);
  EXPECT_EQ(changes->requests.inserts.size(), 1u);
}

}  // namespace
}  // namespace secsched::requests
