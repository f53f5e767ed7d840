// The whole requests flow of one school through gRPC with real PostgreSQL, in order: import 1,200
// students and their requests from CSV, create an auto-load rule, run it (dry run, apply, again),
// verify, tally and conflict matrix. Every expected number is computed here from the generated
// CSV (MakeSchool, fixed seed), not from the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/csv/csv.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

constexpr int kStudents = 1200;
constexpr char kAutoLoadCourse[] = "art";  // grade 9 → ART (required)

// Students 100001, 100101, ... (grade 10) get no requests: the verification must find them.
bool LeftWithoutRequests(const std::string& number) {
  return (std::stoi(number) - 100000) % 100 == 1;
}

std::string CourseIdOf(std::string_view number) {
  std::string id(number);
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return id;
}

struct CourseCount {
  int primaries = 0;
  int alternates = 0;
  int required = 0;
};

// What the generated files imply, before and after the auto-load.
struct Expected {
  std::string requests_csv;  // MakeSchool's requests minus those of LeftWithoutRequests students
  int request_rows = 0;
  std::map<std::string, int> grade;                         // student → grade
  std::map<std::string, std::set<std::string>> primaries;   // student → course ids
  std::map<std::string, std::set<std::string>> alternates;  // student → course ids
  std::map<std::string, CourseCount> courses;               // course id → rows of the CSV
  int without_requests = 0;
};

Expected FromSchool(const School& school) {
  Expected out;
  for (int i = 0; i < kStudents; ++i) {
    const std::string number = std::to_string(100000 + i);
    out.grade[number] = 9 + i % 4;
    if (LeftWithoutRequests(number)) ++out.without_requests;
  }
  absl::StatusOr<csv::Table> table = csv::Parse(school.requests_csv);
  if (!table.ok()) throw std::runtime_error(table.status().ToString());
  csv::Writer writer;
  writer.AddRow(table->header);
  absl::StatusOr<csv::Columns> columns =
      csv::Columns::Bind(table->header, {"student_number", "course_number", "type"},
                         {"rank", "required", "priority", "alternate_for"});
  if (!columns.ok()) throw std::runtime_error(columns.status().ToString());
  for (const csv::Row& row : table->rows) {
    const std::string number(columns->Get(row, "student_number"));
    if (LeftWithoutRequests(number)) continue;
    writer.AddRow(row.fields);
    ++out.request_rows;
    const std::string course = CourseIdOf(columns->Get(row, "course_number"));
    CourseCount& count = out.courses[course];
    if (columns->Get(row, "type") == "ALTERNATE") {
      ++count.alternates;
      out.alternates[number].insert(course);
    } else {
      ++count.primaries;
      if (columns->Get(row, "required") == "yes") ++count.required;
      out.primaries[number].insert(course);
    }
  }
  out.requests_csv = writer.str();
  return out;
}

// Students requesting both courses of each pair (by primaries), the pair's ids ordered.
std::map<std::pair<std::string, std::string>, int> PairCounts(
    const std::map<std::string, std::set<std::string>>& primaries) {
  std::map<std::pair<std::string, std::string>, int> out;
  for (const auto& [student, courses] : primaries) {
    for (auto a = courses.begin(); a != courses.end(); ++a) {
      for (auto b = std::next(a); b != courses.end(); ++b) ++out[{*a, *b}];
    }
  }
  return out;
}

std::string IdOfName(const std::string& name) { return name.substr(name.rfind('/') + 1); }

std::map<v1::VerificationFinding::Check, v1::VerificationCheckCount> ChecksOf(
    const v1::VerificationReport& report) {
  std::map<v1::VerificationFinding::Check, v1::VerificationCheckCount> out;
  for (const v1::VerificationCheckCount& c : report.summary().checks()) out[c.check()] = c;
  return out;
}

grpc::Status Verify(RequestsEnv& env, v1::VerificationReport* out) {
  v1::VerifyRequestsRequest request;
  request.set_parent(CalendarName());
  request.set_summary_only(true);
  return env.planning().VerifyRequests(RequestsEnv::Scheduler().get(), request, out);
}

grpc::Status RunAutoLoad(RequestsEnv& env, bool dry_run, v1::RunAutoLoadResponse* out) {
  v1::RunAutoLoadRequest request;
  request.set_parent(CalendarName());
  request.set_dry_run(dry_run);
  return env.planning().RunAutoLoad(RequestsEnv::Scheduler().get(), request, out);
}

TEST(SchoolRequestsStory, ImportAutoLoadVerifyTallyAndConflictMatrix) {
  RequestsEnv env;
  env.catalog().SetCourses(RequestsEnv::kCalendar, SchoolCatalog());
  const School school = MakeSchool(kStudents);
  Expected expected = FromSchool(school);
  ASSERT_EQ(expected.without_requests, 12);
  ASSERT_EQ(expected.request_rows, school.requests - 12 * 8);

  // 1. Import the students, then their requests.
  v1::ImportStudentsRequest import_students;
  import_students.set_parent(CalendarName());
  import_students.set_csv(school.students_csv);
  v1::ImportStudentsResponse students;
  grpc::Status status =
      env.stub().ImportStudents(RequestsEnv::Scheduler().get(), import_students, &students);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(students.created(), kStudents);
  EXPECT_TRUE(students.applied());

  v1::ImportRequestsRequest import_requests;
  import_requests.set_parent(CalendarName());
  import_requests.set_csv(expected.requests_csv);
  v1::ImportRequestsResponse requests;
  status = env.stub().ImportRequests(RequestsEnv::Scheduler().get(), import_requests, &requests);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(requests.students(), kStudents - expected.without_requests);
  EXPECT_EQ(requests.primaries() + requests.alternates(), expected.request_rows);

  // Who the auto-load rule "grade 9 → ART (required)" concerns: grade-9 students without ART as
  // a primary; those who have it as an alternate are skipped, the others get it.
  std::vector<std::string> lacking, skipped;
  for (const auto& [number, grade] : expected.grade) {
    if (grade != 9 || expected.primaries[number].contains(kAutoLoadCourse)) continue;
    (expected.alternates[number].contains(kAutoLoadCourse) ? skipped : lacking).push_back(number);
  }
  ASSERT_GT(lacking.size(), 0u);
  ASSERT_GT(skipped.size(), 0u);

  // 2. Before the auto-load, verification misses ART for every grade-9 student without it.
  v1::CreateAutoLoadRuleRequest rule;
  rule.set_parent(CalendarName());
  rule.set_auto_load_rule_id("grade9-art");
  rule.mutable_auto_load_rule()->set_grade(9);
  rule.mutable_auto_load_rule()->set_course(CourseName(kAutoLoadCourse));
  rule.mutable_auto_load_rule()->set_required(true);
  rule.mutable_auto_load_rule()->set_priority(5);
  v1::AutoLoadRule created_rule;
  status = env.planning().CreateAutoLoadRule(RequestsEnv::Scheduler().get(), rule, &created_rule);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::VerificationReport before;
  ASSERT_TRUE(Verify(env, &before).ok());
  EXPECT_EQ(ChecksOf(before)[v1::VerificationFinding::MISSING_REQUIRED_COURSE].students(),
            static_cast<int>(lacking.size() + skipped.size()));

  // 3. Auto-load: the preview writes nothing, the run creates exactly the missing requests, a
  // second run creates none.
  v1::RunAutoLoadResponse preview;
  ASSERT_TRUE(RunAutoLoad(env, true, &preview).ok());
  EXPECT_TRUE(preview.dry_run());
  EXPECT_EQ(preview.requests_created(), static_cast<int>(lacking.size()));
  EXPECT_EQ(preview.skipped_size(), static_cast<int>(skipped.size()));
  EXPECT_EQ(RequestsOf(env, lacking.front()).size(), 8u);

  v1::RunAutoLoadResponse applied;
  ASSERT_TRUE(RunAutoLoad(env, false, &applied).ok());
  EXPECT_FALSE(applied.dry_run());
  EXPECT_EQ(applied.requests_created(), static_cast<int>(lacking.size()));
  ASSERT_EQ(applied.students_size(), static_cast<int>(lacking.size()));
  for (int i = 0; i < applied.students_size(); ++i) {
    EXPECT_EQ(applied.students(i).student(), StudentName(lacking[i]));
  }
  for (const v1::AutoLoadSkip& skip : applied.skipped()) {
    EXPECT_TRUE(std::binary_search(skipped.begin(), skipped.end(), IdOfName(skip.student())))
        << skip.student();
  }
  const std::vector<v1::CourseRequest> after = RequestsOf(env, lacking.front());
  ASSERT_EQ(after.size(), 9u);
  EXPECT_EQ(std::count_if(after.begin(), after.end(),
                          [](const v1::CourseRequest& r) {
                            return r.source() == v1::AUTO_LOAD && r.required() &&
                                   r.course() == CourseName(kAutoLoadCourse);
                          }),
            1);

  v1::RunAutoLoadResponse again;
  ASSERT_TRUE(RunAutoLoad(env, false, &again).ok());
  EXPECT_EQ(again.requests_created(), 0);
  EXPECT_EQ(again.skipped_size(), static_cast<int>(skipped.size()));

  for (const std::string& number : lacking) expected.primaries[number].insert(kAutoLoadCourse);
  CourseCount& art = expected.courses[kAutoLoadCourse];
  art.primaries += static_cast<int>(lacking.size());
  art.required += static_cast<int>(lacking.size());

  // 4. Verification: the students left without requests, and the grade-9 students who hold ART
  // only as an alternate (still missing the required course); nothing else.
  v1::VerificationReport report;
  ASSERT_TRUE(Verify(env, &report).ok());
  EXPECT_EQ(report.summary().students_checked(), kStudents);
  EXPECT_EQ(report.summary().students_with_findings(),
            expected.without_requests + static_cast<int>(skipped.size()));
  auto checks = ChecksOf(report);
  EXPECT_EQ(checks[v1::VerificationFinding::NO_REQUESTS].students(), expected.without_requests);
  EXPECT_EQ(checks[v1::VerificationFinding::NO_REQUESTS].findings(), expected.without_requests);
  EXPECT_EQ(checks[v1::VerificationFinding::MISSING_REQUIRED_COURSE].students(),
            static_cast<int>(skipped.size()));
  EXPECT_EQ(checks[v1::VerificationFinding::MISSING_REQUIRED_COURSE].findings(),
            static_cast<int>(skipped.size()));
  for (auto check : {v1::VerificationFinding::CREDITS_OUT_OF_RANGE,
                     v1::VerificationFinding::INACTIVE_OR_UNOFFERED_COURSE,
                     v1::VerificationFinding::DUPLICATE_REQUEST,
                     v1::VerificationFinding::ALTERNATE_DUPLICATES_PRIMARY}) {
    EXPECT_EQ(checks[check].findings(), 0) << v1::VerificationFinding::Check_Name(check);
  }

  // 5. Tally: per course, the CSV's rows for it plus the auto-loaded ones.
  v1::GetCourseTallyRequest tally_request;
  tally_request.set_parent(CalendarName());
  v1::CourseTally tally;
  ASSERT_TRUE(
      env.planning().GetCourseTally(RequestsEnv::Scheduler().get(), tally_request, &tally).ok());
  std::set<std::string> tallied;
  for (const v1::CourseTallyRow& row : tally.courses()) {
    const std::string id = IdOfName(row.course());
    tallied.insert(id);
    const CourseCount want = expected.courses[id];
    EXPECT_EQ(row.primaries(), want.primaries) << id;
    EXPECT_EQ(row.alternates(), want.alternates) << id;
    EXPECT_EQ(row.required(), want.required) << id;
    EXPECT_EQ(row.total(), want.primaries + want.alternates) << id;
  }
  for (const auto& [id, count] : expected.courses) EXPECT_TRUE(tallied.contains(id)) << id;
  // Totals: this catalog has no teachers yet, so none of the sections needed is covered.
  int sections_needed = 0;
  for (const v1::CourseTallyRow& row : tally.courses()) sections_needed += row.sections_needed();
  EXPECT_GT(sections_needed, 0);
  EXPECT_EQ(tally.sections_needed(), sections_needed);
  EXPECT_EQ(tally.teacher_sections_covered(), 0);
  EXPECT_EQ(tally.teacher_section_shortage(), sections_needed);
  // ENG-10: one required primary per grade-10 student who has requests.
  EXPECT_EQ(expected.courses.at("eng-10").required, 300 - expected.without_requests);

  // 6. Conflict matrix: every pair's count, and the top pair, against the data.
  const auto pairs = PairCounts(expected.primaries);
  int most = 0;
  for (const auto& [pair, n] : pairs) most = std::max(most, n);
  v1::GetConflictMatrixRequest matrix_request;
  matrix_request.set_parent(CalendarName());
  matrix_request.set_top_n(5);
  v1::ConflictMatrix matrix;
  ASSERT_TRUE(env.planning()
                  .GetConflictMatrix(RequestsEnv::Scheduler().get(), matrix_request, &matrix)
                  .ok());
  EXPECT_EQ(matrix.students_counted(), kStudents - expected.without_requests);
  EXPECT_EQ(matrix.pairs_size(), static_cast<int>(pairs.size()));
  for (const v1::CoursePair& pair : matrix.pairs()) {
    const std::string a = IdOfName(pair.course_a()), b = IdOfName(pair.course_b());
    auto it = pairs.find({std::min(a, b), std::max(a, b)});
    ASSERT_NE(it, pairs.end()) << a << " & " << b;
    EXPECT_EQ(pair.students(), it->second) << a << " & " << b;
  }
  ASSERT_EQ(matrix.top_pairs_size(), 5);
  const v1::CoursePair& top = matrix.top_pairs(0);
  const std::string a = IdOfName(top.course_a()), b = IdOfName(top.course_b());
  EXPECT_EQ(top.students(), pairs.at({std::min(a, b), std::max(a, b)}));
  EXPECT_EQ(top.students(), most);
  // The four grade courses of grade 9 (300 students, all with requests) are the largest pairs.
  EXPECT_EQ(most, 300);
}

}  // namespace
}  // namespace secsched::requests::testing
