// The two CSV imports (columns in docs/formats/requests-csv.md): parsing into rows that remember
// their line, and planning against the calendar's snapshot. Every problem of every row is
// collected (csv::RowErrors) and reported at once as INVALID_ARGUMENT; nothing is written then.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/csv/csv.h"
#include "services/requests/domain/course_request.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests {

inline constexpr std::string_view kStudentsCsv = "students.csv";
inline constexpr std::string_view kRequestsCsv = "requests.csv";

// ---- students -----------------------------------------------------------------------------

struct StudentRow {
  int line = 0;
  Student student;
  bool has_team = false, has_gender = false, has_active = false;  // column present and non-empty
};

struct ParsedStudents {
  std::vector<StudentRow> rows;
  csv::RowErrors errors;
  std::string_view file = kStudentsCsv;  // names the file in the error message
  // Rows left out on purpose (OneRoster: other roles, "tobedeleted").
  int skipped = 0;
};

// Checks a parsed row (id syntax, the student's field rules, a number repeated from an earlier
// line) and adds it to `parsed`; problems go to parsed.errors under the file's column names.
// `first_line`: student number → the line that first had it.
struct StudentColumns {
  std::string_view number = "student_number";
  std::string_view name = "name";
  std::string_view grade = "grade";
};
void AddStudentRow(StudentRow row, const StudentColumns& columns,
                   std::map<std::string, int>& first_line, ParsedStudents& parsed);

// INVALID_ARGUMENT for an unreadable file or header; row problems go to `errors`.
absl::StatusOr<ParsedStudents> ParseStudentsCsv(std::string_view calendar_id,
                                                std::string_view text);

struct StudentImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int skipped = 0;  // OneRoster rows left out (other roles, "tobedeleted")
  bool applied = false;
};

// What an ImportStudents file is: the suite's students.csv, or OneRoster 1.1 users.csv with an
// optional demographics.csv (oneroster_students.h).
enum class StudentFileFormat { kStudentsCsv, kOneRosterUsers };
struct StudentFile {
  StudentFileFormat format = StudentFileFormat::kStudentsCsv;
  std::string_view text;
  std::string_view demographics;  // OneRoster only; may be empty
};

// Upserts by student number; a team must exist. Absent optional cells keep an existing student's
// value (a new student gets no team, no gender, active). Row errors → INVALID_ARGUMENT.
absl::StatusOr<CalendarChanges> PlanStudentImport(const ParsedStudents& parsed,
                                                  const CalendarSnapshot& calendar,
                                                  StudentImportSummary& summary);

// ---- requests -----------------------------------------------------------------------------

struct RequestRow {
  int line = 0;
  std::string student_number;
  std::string course_number;
  RequestKind kind = RequestKind::kPrimary;
  int rank = 0;  // alternates: order within the group (0 = after the ranked ones, file order)
  bool required = false;
  int priority = 0;
  std::string alternate_for;  // course number of the student's primary; "" = general alternate
};

struct ParsedRequests {
  std::vector<RequestRow> rows;
  csv::RowErrors errors;
};

absl::StatusOr<ParsedRequests> ParseRequestsCsv(std::string_view text);

struct RequestImportSummary {
  int students = 0;
  int primaries = 0;
  int alternates = 0;
  int replaced = 0;
  bool applied = false;
};

// Resolves students and course numbers, then adds each student's primaries and then alternates
// (by group, rank, line) through PlanAdd: every rule of a single request applies to every row.
// With `replace_existing` the students' current requests are deleted first.
absl::StatusOr<CalendarChanges> PlanRequestImport(const ParsedRequests& parsed,
                                                  const CalendarSnapshot& calendar,
                                                  const CourseIndex& courses, bool replace_existing,
                                                  const std::string& entered_by,
                                                  RequestImportSummary& summary);

}  // namespace secsched::requests
