// OneRoster 1.1 users.csv (+ demographics.csv) read as students: the mapping of each column, the
// rows left out, every bad row reported with its line, and the plan shared with students.csv.
#include "services/requests/domain/oneroster_students.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/status/status.h"
#include "services/requests/tests/unit_helpers.h"

namespace secsched::requests {
namespace {

using testing::MakeStudent;

constexpr char kHeader[] =
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
    "password\n";

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(OneRosterStudents, StudentRowsBecomeStudentsAndOtherRolesAreSkipped) {
  const std::string users =
      std::string(kHeader) +
      "u-1,active,2026-08-01T00:00:00.000Z,true,org-1,student,ada,,Ada,Lovelace,King,S1001,,,,,"
      "\"09,10\",\n"
      "u-2,,,false,org-1,Student,bo,,Bo,Diddley,,,,,,,12,\n"  // no identifier: the sourcedId
      "t-1,active,,true,org-1,teacher,cy,,Cy,Twombly,,T77,,,,,,\n"
      "u-3,tobedeleted,,true,org-1,student,di,,Di,Ng,,S1003,,,,,09,\n";
  const std::string demographics =
      "sourcedId,status,dateLastModified,birthDate,sex\n"
      "u-1,,,2012-03-04,female\nu-2,,,2011-01-01,unspecified\n";
  absl::StatusOr<ParsedStudents> parsed = ParseOneRosterStudents("cal", users, demographics);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->errors.empty()) << parsed->errors.ToStatus("x");
  EXPECT_EQ(parsed->skipped, 2) << "the teacher and the row to be deleted";
  EXPECT_EQ(parsed->file, kOneRosterUsersCsv);
  ASSERT_EQ(parsed->rows.size(), 2u);
  const Student& ada = parsed->rows[0].student;
  EXPECT_EQ(ada.student_number, "s1001");
  EXPECT_EQ(ada.display_name, "Ada King Lovelace");
  EXPECT_EQ(ada.grade, 9) << "the first of the grades";
  EXPECT_EQ(ada.gender, "F");
  EXPECT_TRUE(parsed->rows[0].has_gender);
  EXPECT_TRUE(ada.active);
  const Student& bo = parsed->rows[1].student;
  EXPECT_EQ(bo.student_number, "u-2");
  EXPECT_EQ(bo.grade, 12);
  EXPECT_EQ(bo.gender, "");
  EXPECT_FALSE(bo.active) << "enabledUser false";
  EXPECT_TRUE(parsed->rows[1].has_active);
  EXPECT_EQ(parsed->rows[1].line, 3);
}

TEST(OneRosterStudents, EveryBadRowIsReportedWithItsLineAndColumn) {
  const std::string users = std::string(kHeader) +
                            "u-1,,,,,student,,,Ann,A,,S_1,,,,,09,\n"     // not an id
                            "u-2,,,,,student,,,Bob,B,,S2,,,,,KG,\n"      // not a number
                            "u-3,,,,,student,,,Cy,C,,S3,,,,,,\n"         // no grade
                            "u-4,,,,,student,,,Di,D,,S4,,,,,05,\n"       // out of range
                            "u-5,,,,,student,,,,,,S5,,,,,09,\n"          // no name
                            "u-6,,,maybe,,student,,,Ed,E,,S6,,,,,09,\n"  // enabledUser
                            "u-7,,,,,student,,,Fy,F,,S7,,,,,09,\n"
                            "u-8,,,,,student,,,Gu,G,,s7,,,,,09,\n";  // repeats S7
  absl::StatusOr<ParsedStudents> parsed = ParseOneRosterStudents("cal", users, "");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const absl::Status status = parsed->errors.ToStatus(kOneRosterUsersCsv);
  EXPECT_NE(status.message().find("users.csv"), std::string::npos) << status;
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"rows[2].identifier", "rows[3].grades", "rows[4].grades",
                                      "rows[5].grades", "rows[6].givenName", "rows[7].enabledUser",
                                      "rows[9].identifier"}))
      << status;
}

TEST(OneRosterStudents, AFileThatIsNotUsersCsvIsRefusedAsAWhole) {
  absl::StatusOr<ParsedStudents> courses =
      ParseOneRosterStudents("cal", "sourcedId,title,courseCode\nc-1,Art,ART1\n", "");
  EXPECT_EQ(courses.status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<ParsedStudents> bad_sex =
      ParseOneRosterStudents("cal", std::string(kHeader) + "u-1,,,,,student,,,A,B,,S1,,,,,09,\n",
                             "sourcedId,sex\nu-1,yes\n");
  EXPECT_EQ(bad_sex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_sex.status().message().find("demographics.csv"), std::string::npos)
      << bad_sex.status();
}

TEST(OneRosterStudents, ExistingStudentsKeepTheirTeamAndGenderWithoutDemographics) {
  CalendarSnapshot calendar;
  calendar.team_ids = {"academy"};
  Student known = MakeStudent("s1001", 9, "academy");
  known.gender = "M";
  known.display_name = "Ada King Lovelace";
  calendar.students.push_back({.student = known});
  absl::StatusOr<ParsedStudents> parsed =
      ParseOneRosterStudents("cal",
                             std::string(kHeader) +
                                 "u-1,,,,,student,,,Ada,Lovelace,King,S1001,,,,,09,\n"
                                 "u-2,,,,,student,,,New,One,,S2000,,,,,10,\n",
                             "");
  ASSERT_TRUE(parsed.ok());
  StudentImportSummary summary;
  absl::StatusOr<CalendarChanges> changes = PlanStudentImport(*parsed, calendar, summary);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(summary.unchanged, 1) << "team academy and gender M kept";
  EXPECT_EQ(summary.created, 1);
  ASSERT_EQ(changes->upsert_students.size(), 1u);
  EXPECT_EQ(changes->upsert_students[0].student_number, "s2000");
}

}  // namespace
}  // namespace secsched::requests
