// Request planning through gRPC on real PostgreSQL: a seeded school of 1,200 students (+2 with no
// requests, +1 request for an inactive course), course rules, auto-load run twice, verification,
// tally and conflict matrix. Expected numbers come from SQL over the same rows, not from the code
// under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <pqxx/pqxx>
#include <set>

#include "common/status/status.h"
#include "services/requests/tests/planning_seed.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

catalog::CatalogCourse PlanCourse(std::string id, double credits, int min_grade = 9,
                                  int max_grade = 12) {
  catalog::CatalogCourse c;
  c.id = id;
  c.number = id;
  for (char& ch : c.number) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  c.credits = credits;
  c.min_grade = min_grade;
  c.max_grade = max_grade;
  c.department = "General";
  return c;
}

const std::vector<std::string> kElectives = {"alg", "geo",    "bio",     "chem", "art",
                                             "pe",  "health", "spanish", "music"};

class PlanningTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    std::vector<catalog::CatalogCourse> courses;
    catalog::CatalogCourse eng9 = PlanCourse("eng9", 1, 9, 9);
    eng9.required = true;
    courses.push_back(eng9);
    for (const std::string& id : kElectives) {
      catalog::CatalogCourse c = PlanCourse(id, id == "health" ? 0.5 : 1);
      if (id == "health") c.required = true;
      if (id == "art" || id == "music") c.sections_to_build = 1;
      if (id == "spanish") c.sections_to_build = 2;
      courses.push_back(c);
    }
    courses.push_back(PlanCourse("seminar", 1, 9, 10));
    catalog::CatalogCourse latin = PlanCourse("latin", 1);
    latin.active = false;
    courses.push_back(latin);
    env_->catalog().SetCourses(RequestsEnv::kCalendar, courses);
    catalog::CatalogTeacher t{.id = "t1", .departments = {"General"}, .max_sections = 5};
    env_->catalog().SetTeachers(RequestsEnv::kCalendar, {t});
    if (!SeedStudentsAndRequests(env_->pool(), {.calendar_id = RequestsEnv::kCalendar,
                                                .students = 1200,
                                                .requests_per_student = 6,
                                                .course_ids = kElectives})
             .ok()) {
      throw std::runtime_error("seeding failed");
    }
    Exec(
        "INSERT INTO students (calendar_id, student_number, display_name, grade) VALUES "
        "('east-2026', 'zz-empty-1', 'Empty 1', 12), ('east-2026', 'zz-empty-2', 'Empty 2', 12)");
    Exec(
        "INSERT INTO course_requests (calendar_id, student_number, request_id, course_id, kind, "
        "source, entered_by) VALUES ('east-2026', 'st00001', 'old-latin', 'latin', 'PRIMARY', "
        "'IMPORT', 'legacy')");
  }
  static void TearDownTestSuite() { delete env_; }

  static void Exec(const std::string& sql) {
    auto lease = env_->pool().Acquire();
    if (!lease.ok()) throw std::runtime_error(lease.status().ToString());
    pqxx::work tx(**lease);
    tx.exec(sql);
    tx.commit();
  }
  static long long Count(const std::string& sql) {
    auto lease = env_->pool().Acquire();
    if (!lease.ok()) throw std::runtime_error(lease.status().ToString());
    pqxx::work tx(**lease);
    return tx.exec1(sql)[0].as<long long>();
  }

  static grpc::Status RunAutoLoad(bool dry_run, v1::RunAutoLoadResponse* out) {
    v1::RunAutoLoadRequest request;
    request.set_parent(CalendarName());
    request.set_dry_run(dry_run);
    return env_->planning().RunAutoLoad(RequestsEnv::Scheduler().get(), request, out);
  }

  static grpc::Status AddAutoLoadRule(const std::string& id, int grade, const std::string& team,
                                      const std::string& course, bool required) {
    v1::CreateAutoLoadRuleRequest request;
    request.set_parent(CalendarName());
    request.set_auto_load_rule_id(id);
    request.mutable_auto_load_rule()->set_grade(grade);
    request.mutable_auto_load_rule()->set_team(team);
    request.mutable_auto_load_rule()->set_course(CourseName(course));
    request.mutable_auto_load_rule()->set_required(required);
    v1::AutoLoadRule out;
    grpc::Status status =
        env_->planning().CreateAutoLoadRule(RequestsEnv::Scheduler().get(), request, &out);
    return status.error_code() == grpc::StatusCode::ALREADY_EXISTS ? grpc::Status::OK : status;
  }

  // The school's two auto-load rules (created once; later calls find them).
  static void UseAutoLoadRules() {
    ASSERT_TRUE(AddAutoLoadRule("grade9-eng9", 9, "", "eng9", true).ok());
    ASSERT_TRUE(AddAutoLoadRule("academy-seminar", 0, "academy", "seminar", false).ok());
  }

  static grpc::Status CreateRule(v1::CourseRule::Type type, const std::string& a,
                                 const std::string& b, v1::CourseRule* out,
                                 const std::string& request_id = "",
                                 v1::CourseRule::Scope scope = v1::CourseRule::SCOPE_UNSPECIFIED) {
    v1::CreateCourseRuleRequest request;
    request.set_parent(CalendarName());
    request.mutable_course_rule()->set_type(type);
    request.mutable_course_rule()->set_scope(scope);
    request.mutable_course_rule()->set_course_a(CourseName(a));
    request.mutable_course_rule()->set_course_b(CourseName(b));
    request.set_request_id(request_id);
    return env_->planning().CreateCourseRule(RequestsEnv::Scheduler().get(), request, out);
  }

  static std::vector<v1::CourseRule> RulesOf(const std::string& course) {
    v1::ListCourseRulesRequest request;
    request.set_parent(CalendarName());
    request.set_course(course.empty() ? "" : CourseName(course));
    v1::ListCourseRulesResponse response;
    EXPECT_TRUE(
        env_->planning().ListCourseRules(RequestsEnv::Scheduler().get(), request, &response).ok());
    return {response.course_rules().begin(), response.course_rules().end()};
  }

  static RequestsEnv* env_;
};
RequestsEnv* PlanningTest::env_ = nullptr;

TEST_F(PlanningTest, ARuleShowsOnBothCoursesAndContradictionsAreRefused) {
  v1::CourseRule rule;
  ASSERT_TRUE(CreateRule(v1::CourseRule::SAME_PERIOD, "health", "pe", &rule, "rule-once").ok());
  v1::CourseRule again;
  ASSERT_TRUE(CreateRule(v1::CourseRule::SAME_PERIOD, "health", "pe", &again, "rule-once").ok());
  EXPECT_EQ(again.name(), rule.name());  // a retry returns the first rule

  std::vector<v1::CourseRule> of_pe = RulesOf("pe");
  ASSERT_EQ(of_pe.size(), 1u);
  EXPECT_EQ(of_pe[0].name(), rule.name());
  EXPECT_EQ(of_pe[0].course_a(), CourseName("pe"));  // the complement reads from PE
  EXPECT_EQ(of_pe[0].course_b(), CourseName("health"));
  EXPECT_EQ(RulesOf("health")[0].course_a(), CourseName("health"));

  v1::CourseRule refused;
  grpc::Status contradiction =
      CreateRule(v1::CourseRule::NOT_SAME_PERIOD, "pe", "health", &refused);
  EXPECT_EQ(contradiction.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(contradiction.error_message().find(rule.name().substr(rule.name().rfind('/') + 1)),
            std::string::npos)
      << contradiction.error_message();
  EXPECT_EQ(CreateRule(v1::CourseRule::SAME_PERIOD, "pe", "health", &refused).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  v1::CourseRule precedes;
  ASSERT_TRUE(CreateRule(v1::CourseRule::PRECEDES, "alg", "geo", &precedes).ok());
  EXPECT_EQ(CreateRule(v1::CourseRule::PRECEDES, "geo", "alg", &refused).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(CreateRule(v1::CourseRule::SAME_TERM, "geo", "alg", &refused).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(RulesOf("geo")[0].course_a(), CourseName("alg"));  // PRECEDES keeps its order

  grpc::Status self = CreateRule(v1::CourseRule::LINKED, "bio", "bio", &refused);
  EXPECT_EQ(self.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  grpc::Status inactive = CreateRule(v1::CourseRule::LINKED, "bio", "latin", &refused);
  EXPECT_EQ(inactive.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(inactive.error_message().find("latin"), std::string::npos);
  grpc::Status unknown = CreateRule(v1::CourseRule::LINKED, "greek", "bio", &refused);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unknown.error_message().find("greek"), std::string::npos);
  v1::CreateCourseRuleRequest untyped;
  untyped.set_parent(CalendarName());
  untyped.mutable_course_rule()->set_course_a(CourseName("bio"));
  untyped.mutable_course_rule()->set_course_b(CourseName("art"));
  EXPECT_EQ(env_->planning()
                .CreateCourseRule(RequestsEnv::Scheduler().get(), untyped, &refused)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // NOT_SAME_PERIOD may bind the master schedule; no other type may. Unset reads as STUDENT.
  EXPECT_EQ(precedes.scope(), v1::CourseRule::STUDENT);
  v1::CourseRule master;
  ASSERT_TRUE(
      CreateRule(v1::CourseRule::NOT_SAME_PERIOD, "bio", "art", &master, "", v1::CourseRule::MASTER)
          .ok());
  EXPECT_EQ(master.scope(), v1::CourseRule::MASTER);
  int listed_master = 0;  // stored, read back
  for (const v1::CourseRule& listed : RulesOf("art"))
    listed_master += listed.name() == master.name() && listed.scope() == v1::CourseRule::MASTER;
  EXPECT_EQ(listed_master, 1);
  grpc::Status master_link =
      CreateRule(v1::CourseRule::LINKED, "bio", "art", &refused, "", v1::CourseRule::MASTER);
  EXPECT_EQ(master_link.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(CreateRule(v1::CourseRule::NOT_SAME_PERIOD, "bio", "art", &refused, "",
                       static_cast<v1::CourseRule::Scope>(9))
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // Deleting the rule removes it from both courses.
  v1::DeleteCourseRuleRequest del;
  del.set_name(rule.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(env_->planning().DeleteCourseRule(RequestsEnv::Scheduler().get(), del, &empty).ok());
  EXPECT_TRUE(RulesOf("pe").empty());
  EXPECT_TRUE(RulesOf("health").empty());
  EXPECT_EQ(
      env_->planning().DeleteCourseRule(RequestsEnv::Scheduler().get(), del, &empty).error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::CourseRule now_fine;
  EXPECT_TRUE(CreateRule(v1::CourseRule::NOT_SAME_PERIOD, "pe", "health", &now_fine).ok());
}

TEST_F(PlanningTest, AutoLoadRulesAreValidatedAndEditable) {
  v1::CreateAutoLoadRuleRequest bad;
  bad.set_parent(CalendarName());
  bad.mutable_auto_load_rule()->set_grade(10);
  bad.mutable_auto_load_rule()->set_course(CourseName("eng9"));
  v1::AutoLoadRule out;
  grpc::Status unoffered =
      env_->planning().CreateAutoLoadRule(RequestsEnv::Scheduler().get(), bad, &out);
  EXPECT_EQ(unoffered.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unoffered.error_message().find("eng9"), std::string::npos);
  bad.mutable_auto_load_rule()->set_grade(0);  // neither grade nor team
  EXPECT_EQ(
      env_->planning().CreateAutoLoadRule(RequestsEnv::Scheduler().get(), bad, &out).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  ASSERT_TRUE(AddAutoLoadRule("pe-for-12", 12, "", "pe", false).ok());
  v1::UpdateAutoLoadRuleRequest update;
  update.mutable_auto_load_rule()->set_name(CalendarName() + "/autoLoadRules/pe-for-12");
  update.mutable_auto_load_rule()->set_priority(4);
  update.mutable_update_mask()->add_paths("priority");
  ASSERT_TRUE(
      env_->planning().UpdateAutoLoadRule(RequestsEnv::Scheduler().get(), update, &out).ok());
  EXPECT_EQ(out.priority(), 4);
  EXPECT_EQ(out.grade(), 12);  // untouched
  EXPECT_EQ(out.course(), CourseName("pe"));
  v1::DeleteAutoLoadRuleRequest del;
  del.set_name(out.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(
      env_->planning().DeleteAutoLoadRule(RequestsEnv::Scheduler().get(), del, &empty).ok());
  v1::GetAutoLoadRuleRequest get;
  get.set_name(out.name());
  EXPECT_EQ(
      env_->planning().GetAutoLoadRule(RequestsEnv::Scheduler().get(), get, &out).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(PlanningTest, AutoLoadPreviewsThenCreatesOnlyMissingRequestsOnce) {
  UseAutoLoadRules();
  const long long before = Count("SELECT count(*) FROM course_requests");
  const long long grade9 = Count("SELECT count(*) FROM students WHERE active AND grade = 9");
  const long long academy_young =
      Count("SELECT count(*) FROM students WHERE active AND team = 'academy' AND grade IN (9, 10)");
  const long long academy_old = Count(
      "SELECT count(*) FROM students WHERE active AND team = 'academy' AND grade IN (11, 12)");
  const long long already =
      Count("SELECT count(*) FROM course_requests WHERE source = 'AUTO_LOAD'");

  v1::RunAutoLoadResponse preview;
  ASSERT_TRUE(RunAutoLoad(true, &preview).ok());
  if (already == 0) {
    EXPECT_EQ(preview.requests_created(), grade9 + academy_young);
    EXPECT_EQ(preview.skipped_size(), academy_old);  // seminar is not offered to 11 and 12
    ASSERT_GT(preview.students_size(), 0);
    EXPECT_EQ(preview.students(0).student().rfind(CalendarName() + "/students/st", 0), 0u);
    EXPECT_GT(preview.students(0).requests_size(), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM course_requests"), before);  // a preview writes nothing
  }
  v1::RunAutoLoadResponse first;
  ASSERT_TRUE(RunAutoLoad(false, &first).ok());
  EXPECT_EQ(first.requests_created(), preview.requests_created());
  EXPECT_EQ(Count("SELECT count(*) FROM course_requests WHERE source = 'AUTO_LOAD'"),
            grade9 + academy_young);
  EXPECT_EQ(Count("SELECT count(*) FROM course_requests WHERE source = 'AUTO_LOAD' AND "
                  "course_id = 'eng9' AND required AND entered_by = 'service:sis'"),
            grade9);

  v1::RunAutoLoadResponse second;
  ASSERT_TRUE(RunAutoLoad(false, &second).ok());
  EXPECT_EQ(second.requests_created(), 0);
  EXPECT_EQ(second.students_size(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM course_requests WHERE source = 'AUTO_LOAD'"),
            grade9 + academy_young);
}

TEST_F(PlanningTest, VerificationReportsEachProblemOnce) {
  UseAutoLoadRules();
  v1::RunAutoLoadResponse run;
  ASSERT_TRUE(RunAutoLoad(false, &run).ok());
  v1::UpdateCreditRangesRequest ranges;
  ranges.mutable_credit_ranges()->set_name(CalendarName() + "/creditRanges");
  v1::GradeCreditRange* g10 = ranges.mutable_credit_ranges()->add_ranges();
  g10->set_grade(10);
  g10->set_min_credits(6);
  g10->set_max_credits(8);
  v1::CreditRanges stored;
  ASSERT_TRUE(
      env_->planning().UpdateCreditRanges(RequestsEnv::Scheduler().get(), ranges, &stored).ok());
  v1::GradeCreditRange* bad = ranges.mutable_credit_ranges()->add_ranges();
  bad->set_grade(11);
  bad->set_min_credits(5);
  bad->set_max_credits(4);
  EXPECT_EQ(env_->planning()
                .UpdateCreditRanges(RequestsEnv::Scheduler().get(), ranges, &stored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetCreditRangesRequest get_ranges;
  get_ranges.set_name(CalendarName() + "/creditRanges");
  ASSERT_TRUE(
      env_->planning().GetCreditRanges(RequestsEnv::Scheduler().get(), get_ranges, &stored).ok());
  ASSERT_EQ(stored.ranges_size(), 1);  // the refused update changed nothing

  v1::VerifyRequestsRequest request;
  request.set_parent(CalendarName());
  request.set_page_size(100);
  std::vector<v1::StudentVerification> students;
  v1::VerificationSummary summary;
  do {
    v1::VerificationReport page;
    ASSERT_TRUE(
        env_->planning().VerifyRequests(RequestsEnv::Scheduler().get(), request, &page).ok());
    summary = page.summary();
    students.insert(students.end(), page.students().begin(), page.students().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());

  EXPECT_EQ(summary.students_checked(), Count("SELECT count(*) FROM students WHERE active"));
  EXPECT_EQ(static_cast<int>(students.size()), summary.students_with_findings());
  std::set<std::string> names;
  for (const auto& s : students) names.insert(s.student());
  EXPECT_EQ(names.size(), students.size());  // pages do not overlap

  std::map<v1::VerificationFinding::Check, v1::VerificationCheckCount> counts;
  for (const auto& c : summary.checks()) counts[c.check()] = c;
  ASSERT_EQ(counts.size(), 6u);
  // eng9 is no longer missing (auto-load); health is missing wherever it was not picked.
  EXPECT_EQ(counts[v1::VerificationFinding::MISSING_REQUIRED_COURSE].findings(),
            Count("SELECT count(*) FROM students s WHERE active AND NOT EXISTS (SELECT 1 FROM "
                  "course_requests r WHERE r.student_number = s.student_number AND "
                  "r.course_id = 'health' AND r.kind = 'PRIMARY')"));
  EXPECT_EQ(counts[v1::VerificationFinding::NO_REQUESTS].students(), 2);
  EXPECT_EQ(counts[v1::VerificationFinding::INACTIVE_OR_UNOFFERED_COURSE].findings(), 1);
  EXPECT_EQ(counts[v1::VerificationFinding::DUPLICATE_REQUEST].findings(), 0);
  // Grade 10: six courses (health counts 0.5), plus seminar for the academy; 6 to 8 allowed.
  EXPECT_EQ(counts[v1::VerificationFinding::CREDITS_OUT_OF_RANGE].students(),
            Count("SELECT count(*) FROM (SELECT sum(CASE r.course_id WHEN 'health' THEN 0.5 "
                  "WHEN 'latin' THEN 1 ELSE 1 END) AS credits FROM students s JOIN course_requests "
                  "r USING (calendar_id, student_number) WHERE s.active AND s.grade = 10 AND "
                  "r.kind = 'PRIMARY' GROUP BY s.student_number) t WHERE credits < 6 OR "
                  "credits > 8"));
  EXPECT_GT(counts[v1::VerificationFinding::CREDITS_OUT_OF_RANGE].students(), 0);
}

TEST_F(PlanningTest, TallyAndConflictMatrixMatchTheRows) {
  v1::GetCourseTallyRequest tally_request;
  tally_request.set_parent(CalendarName());
  v1::CourseTally tally;
  ASSERT_TRUE(
      env_->planning().GetCourseTally(RequestsEnv::Scheduler().get(), tally_request, &tally).ok());
  ASSERT_EQ(tally.courses_size(), 12);
  for (const v1::CourseTallyRow& row : tally.courses()) {
    SCOPED_TRACE(row.course());
    const std::string id = row.course().substr(row.course().rfind('/') + 1);
    const long long primaries = Count(
        "SELECT count(*) FROM course_requests r JOIN students s USING (calendar_id, "
        "student_number) WHERE s.active AND r.kind = 'PRIMARY' AND r.course_id = '" +
        id + "'");
    EXPECT_EQ(row.primaries(), primaries);
    EXPECT_EQ(row.total(), row.primaries() + row.alternates());
    const int expected_sections = row.sections_to_build() > 0
                                      ? row.sections_to_build()
                                      : static_cast<int>((primaries + 29) / 30);
    EXPECT_EQ(row.sections_needed(), expected_sections);
    EXPECT_EQ(row.qualified_teachers(), 1);  // t1 teaches the whole General department
  }

  v1::GetConflictMatrixRequest matrix_request;
  matrix_request.set_parent(CalendarName());
  matrix_request.set_top_n(3);
  v1::ConflictMatrix matrix;
  ASSERT_TRUE(env_->planning()
                  .GetConflictMatrix(RequestsEnv::Scheduler().get(), matrix_request, &matrix)
                  .ok());
  const std::string pairs_sql =
      "FROM course_requests a JOIN course_requests b ON a.calendar_id = b.calendar_id AND "
      "a.student_number = b.student_number AND a.course_id < b.course_id JOIN students s ON "
      "s.calendar_id = a.calendar_id AND s.student_number = a.student_number WHERE s.active AND "
      "a.kind = 'PRIMARY' AND b.kind = 'PRIMARY'";
  EXPECT_EQ(matrix.pairs_size(),
            Count("SELECT count(DISTINCT (a.course_id, b.course_id)) " + pairs_sql));
  ASSERT_EQ(matrix.top_pairs_size(), 3);
  EXPECT_EQ(matrix.top_pairs(0).students(),
            Count("SELECT max(n) FROM (SELECT count(*) AS n " + pairs_sql +
                  " GROUP BY a.course_id, b.course_id) t"));
  EXPECT_EQ(matrix.students_counted(),
            Count("SELECT count(DISTINCT r.student_number) FROM course_requests r JOIN students s "
                  "USING (calendar_id, student_number) WHERE s.active AND r.kind = 'PRIMARY'"));
  bool art_music = false;
  for (const v1::CoursePair& p : matrix.pairs()) {
    if (p.course_a() == CourseName("art") && p.course_b() == CourseName("music")) {
      art_music = true;
      EXPECT_TRUE(p.singleton_pair());
      EXPECT_EQ(p.students(), Count("SELECT count(*) " + pairs_sql +
                                    " AND a.course_id = 'art' AND b.course_id = 'music'"));
    }
    if (p.course_a() == CourseName("music") && p.course_b() == CourseName("spanish")) {
      EXPECT_TRUE(p.doubleton_pair());
    }
  }
  EXPECT_TRUE(art_music);

  v1::ExportConflictMatrixRequest export_request;
  export_request.set_parent(CalendarName());
  v1::ExportConflictMatrixResponse csv;
  ASSERT_TRUE(env_->planning()
                  .ExportConflictMatrix(RequestsEnv::Scheduler().get(), export_request, &csv)
                  .ok());
  EXPECT_EQ(csv.csv().rfind("course_a_number,course_b_number,students,", 0), 0u);
  EXPECT_EQ(std::count(csv.csv().begin(), csv.csv().end(), '\n'), matrix.pairs_size() + 1);
}

}  // namespace
}  // namespace secsched::requests::testing
