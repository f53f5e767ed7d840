// The reader other services use (common/requests: GrpcRequestsReader) against the real
// RequestPlanningService served in-process: every page of a course's rules or of the whole
// calendar's, with type and scope as stored (sectioning keeps the MASTER NOT_SAME_PERIOD ones for
// section conflicts, the student-scope ones for walk-ins).
#include "common/requests/grpc_requests_reader.h"

#include <gtest/gtest.h>

#include "common/access/access_client.h"
#include "services/requests/tests/requests_env.h"

namespace secsched::requests::testing {
namespace {

std::string CourseOf(const std::string& id) {
  return std::string("calendars/") + RequestsEnv::kCalendar + "/courses/" + id;
}

TEST(GrpcRequestsReaderTest, ReadsTheRulesOfACourseOrOfTheWholeCalendar) {
  RequestsEnv env;
  std::vector<catalog::CatalogCourse> courses;
  for (const char* id : {"apbio", "apchem", "health", "pe", "band"}) {
    courses.push_back({.id = id, .number = id});
  }
  env.catalog().SetCourses(RequestsEnv::kCalendar, courses);
  struct Rule {
    v1::CourseRule::Type type;
    std::string a, b;
    v1::CourseRule::Scope scope;
  };
  for (const Rule& r : std::vector<Rule>{
           {v1::CourseRule::NOT_SAME_PERIOD, "apbio", "apchem", v1::CourseRule::MASTER},
           {v1::CourseRule::SAME_PERIOD, "health", "pe", v1::CourseRule::STUDENT},
           {v1::CourseRule::NOT_SAME_PERIOD, "band", "apbio", v1::CourseRule::STUDENT}}) {
    v1::CreateCourseRuleRequest request;
    request.set_parent(std::string("calendars/") + RequestsEnv::kCalendar);
    request.mutable_course_rule()->set_type(r.type);
    request.mutable_course_rule()->set_scope(r.scope);
    request.mutable_course_rule()->set_course_a(CourseOf(r.a));
    request.mutable_course_rule()->set_course_b(CourseOf(r.b));
    v1::CourseRule created;
    grpc::Status status =
        env.planning().CreateCourseRule(RequestsEnv::Scheduler().get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  GrpcRequestsReader reader(env.channel(),
                            access::MintingTokenSource(TestJwtConfig(), "sectioning"),
                            {.ttl = std::chrono::milliseconds(0), .page_size = 1});
  absl::StatusOr<std::vector<RequestsCourseRule>> all =
      reader.CourseRules(RequestsEnv::kCalendar, "");
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3u);  // three pages of one
  int master = 0;
  for (const RequestsCourseRule& rule : *all) {
    if (rule.scope == RequestsRuleScope::kMaster) {
      ++master;
      EXPECT_EQ(rule.type, RequestsRuleType::kNotSamePeriod);
      EXPECT_EQ(rule.course_a, "apbio");
      EXPECT_EQ(rule.course_b, "apchem");
    }
  }
  EXPECT_EQ(master, 1);
  absl::StatusOr<std::vector<RequestsCourseRule>> of_pe =
      reader.CourseRules(RequestsEnv::kCalendar, "pe");
  ASSERT_TRUE(of_pe.ok()) << of_pe.status();
  ASSERT_EQ(of_pe->size(), 1u);
  EXPECT_EQ((*of_pe)[0].type, RequestsRuleType::kSamePeriod);
  EXPECT_EQ(reader.CourseRules("no-such-calendar", "").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(GrpcRequestsReaderTest, ReadsTheWholeCalendarAsOneSnapshotInChunks) {
  RequestsEnv env;
  std::vector<catalog::CatalogCourse> courses;
  for (const char* id : {"eng9", "alg1", "art", "band"}) {
    courses.push_back({.id = id, .number = id, .min_grade = 9, .max_grade = 12});
  }
  env.catalog().SetCourses(RequestsEnv::kCalendar, courses);
  env.catalog().SetTeachers(RequestsEnv::kCalendar, {{.id = "t-smith", .display_name = "Smith"}});
  // 1,203 students (three chunks of 500 and one of 203), each with two primaries, s-0007 also
  // with a ranked alternate and two constraints; one inactive student.
  std::string csv = "student_number,name,grade,team,gender\n";
  for (int i = 0; i < 1203; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "s-%04d", i);
    csv += std::string(id) + ",Student " + id + "," + std::to_string(9 + i % 4) + ",," +
           (i % 2 ? "F" : "M") + "\n";
  }
  v1::ImportStudentsRequest students;
  students.set_parent(std::string("calendars/") + RequestsEnv::kCalendar);
  students.set_csv(csv);
  v1::ImportStudentsResponse imported;
  grpc::Status status =
      env.stub().ImportStudents(RequestsEnv::Scheduler().get(), students, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::string requests_csv =
      "student_number,course_number,type,alternate_for,rank,required,priority\n";
  for (int i = 0; i < 1203; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "s-%04d", i);
    requests_csv += std::string(id) + ",eng9,PRIMARY,,,true,50\n";
    requests_csv += std::string(id) + ",alg1,PRIMARY,,,false,0\n";
  }
  requests_csv += "s-0007,art,ALTERNATE,alg1,1,false,0\n";
  // (course numbers are the ids here)
  v1::ImportRequestsRequest import_requests;
  import_requests.set_parent(std::string("calendars/") + RequestsEnv::kCalendar);
  import_requests.set_csv(requests_csv);
  v1::ImportRequestsResponse requests_imported;
  status = env.stub().ImportRequests(RequestsEnv::Scheduler().get(), import_requests,
                                     &requests_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::CreateStudentConstraintRequest avoid;
  avoid.set_parent(std::string("calendars/") + RequestsEnv::kCalendar + "/students/s-0007");
  avoid.mutable_student_constraint()->set_kind(v1::StudentConstraint::AVOID_TEACHER);
  avoid.mutable_student_constraint()->set_teacher(std::string("calendars/") +
                                                  RequestsEnv::kCalendar + "/teachers/t-smith");
  v1::StudentConstraint created;
  status = env.stub().CreateStudentConstraint(RequestsEnv::Scheduler().get(), avoid, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::CreateCourseRuleRequest rule;
  rule.set_parent(std::string("calendars/") + RequestsEnv::kCalendar);
  rule.mutable_course_rule()->set_type(v1::CourseRule::LINKED);
  rule.mutable_course_rule()->set_course_a(CourseOf("art"));
  rule.mutable_course_rule()->set_course_b(CourseOf("band"));
  v1::CourseRule made;
  status = env.planning().CreateCourseRule(RequestsEnv::Scheduler().get(), rule, &made);
  ASSERT_TRUE(status.ok()) << status.error_message();

  GrpcRequestsReader reader(env.channel(),
                            access::MintingTokenSource(TestJwtConfig(), "sectioning"));
  absl::StatusOr<RequestsSnapshot> snapshot = reader.Snapshot(RequestsEnv::kCalendar);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  ASSERT_EQ(snapshot->students.size(), 1203u);
  EXPECT_EQ(snapshot->students[7].id, "s-0007");
  EXPECT_EQ(snapshot->students[7].display_name, "Student s-0007");
  EXPECT_EQ(snapshot->students[7].gender, "F");
  EXPECT_EQ(snapshot->requests.size(), 2u * 1203 + 1);
  int alternates = 0;
  for (const RequestsCourseRequest& r : snapshot->requests) {
    if (r.course_id == "eng9") {
      EXPECT_TRUE(r.required);
      EXPECT_EQ(r.priority, 50);
    }
    if (!r.alternate) continue;
    ++alternates;
    EXPECT_EQ(r.student_id, "s-0007");
    EXPECT_EQ(r.course_id, "art");
    EXPECT_EQ(r.alternate_rank, 1);
    EXPECT_FALSE(r.alternate_for.empty()) << "tied to the alg1 request";
  }
  EXPECT_EQ(alternates, 1);
  ASSERT_EQ(snapshot->constraints.size(), 1u);
  EXPECT_EQ(snapshot->constraints[0].teacher_id, "t-smith");
  ASSERT_EQ(snapshot->rules.size(), 1u);
  EXPECT_EQ(snapshot->rules[0].type, RequestsRuleType::kLinked);
  EXPECT_EQ(reader.Snapshot("no-such-calendar").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace secsched::requests::testing
