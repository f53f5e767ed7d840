// The requests-service adapter of the walk-in ports: inactive students are not found, and only
// student-scope rules of the five kinds a schedule keeps reach the checks.
#include "services/sectioning/domain/roster_ports.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

class FakeRequestsReader final : public requests::RequestsReader {
 public:
  absl::StatusOr<requests::RequestsStudent> Student(std::string_view,
                                                    std::string_view student_id) override {
    if (student_id == "gone") return requests::RequestsStudent{.id = "gone", .active = false};
    if (student_id == "down") return absl::UnavailableError("requests is down");
    return requests::RequestsStudent{.id = std::string(student_id), .grade = 10, .team_id = "blue"};
  }
  absl::StatusOr<std::vector<requests::RequestsCourseRule>> CourseRules(std::string_view,
                                                                        std::string_view) override {
    using requests::RequestsRuleScope;
    using requests::RequestsRuleType;
    return std::vector<requests::RequestsCourseRule>{
        {RequestsRuleType::kPrecedes, RequestsRuleScope::kStudent, "alg1a", "alg1b"},
        {RequestsRuleType::kNotSamePeriod, RequestsRuleScope::kMaster, "alg1b", "chem"},
        {RequestsRuleType::kLinked, RequestsRuleScope::kStudent, "alg1b", "lab"},
        {RequestsRuleType::kDifferentTerm, RequestsRuleScope::kStudent, "alg1b", "gov"}};
  }
  absl::StatusOr<requests::RequestsSnapshot> Snapshot(std::string_view) override {
    return absl::UnimplementedError("the walk-in ports never read a whole calendar");
  }
};

TEST(RequestsMasterRulesTest, KeepsOnlyMasterNotSamePeriodRules) {
  FakeRequestsReader reader;
  RequestsMasterRules rules(reader);
  absl::StatusOr<std::vector<NotSamePeriodRule>> master = rules.MasterNotSamePeriodRules("c");
  ASSERT_TRUE(master.ok());
  ASSERT_EQ(master->size(), 1u);
  EXPECT_EQ((*master)[0].course_a, "alg1b");
  EXPECT_EQ((*master)[0].course_b, "chem");
}

TEST(RequestsStudentDirectoryTest, ReadsStudentsAndRefusesInactiveOnes) {
  FakeRequestsReader reader;
  RequestsStudentDirectory directory(reader);
  absl::StatusOr<StudentInfo> student = directory.Student("c", "s1");
  ASSERT_TRUE(student.ok());
  EXPECT_EQ(student->team_id, "blue");
  EXPECT_EQ(student->grade, 10);
  EXPECT_EQ(directory.Student("c", "gone").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(directory.Student("c", "down").status().code(), absl::StatusCode::kUnavailable);
}

TEST(RequestsStudentDirectoryTest, KeepsOnlyStudentScopeRulesOfTheFiveKinds) {
  FakeRequestsReader reader;
  RequestsStudentDirectory directory(reader);
  absl::StatusOr<std::vector<StudentCourseRule>> rules = directory.RulesFor("c", "alg1b");
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].kind, CourseRuleKind::kPrecedes);
  EXPECT_EQ((*rules)[0].course_a, "alg1a");
  EXPECT_EQ((*rules)[1].kind, CourseRuleKind::kDifferentTerm);
}

}  // namespace
}  // namespace secsched::sectioning
