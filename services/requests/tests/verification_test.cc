// The verification report: each check on its own, then the whole report.
#include "services/requests/domain/verification.h"

#include <gtest/gtest.h>

#include "services/requests/tests/planning_fixtures.h"

namespace secsched::requests {
namespace {

using namespace planning_testing;

class VerificationTest : public ::testing::Test {
 protected:
  VerificationTest() {
    catalog::CatalogCourse eng9 = Course("eng9", 9, 9);
    eng9.credits = 1;
    catalog::CatalogCourse health = Course("health", 9, 12);
    health.credits = 0.5;
    health.required = true;  // required for every grade 9-12
    catalog::CatalogCourse art = Course("art");
    art.credits = 1.5;
    catalog::CatalogCourse latin = Course("latin");
    latin.active = false;
    catalog::CatalogCourse shop = Course("shop");
    shop.required = true;
    shop.active = false;  // an inactive required course is not expected
    context_.courses = IndexCourses({eng9, health, art, latin, shop, Course("calc", 11, 12)});
    context_.auto_load_rules = {GradeRule("r-eng9", 9, "eng9", true),
                                GradeRule("r-art", 9, "art", false)};
    context_.credit_ranges[9] = {9, 1.5, 2.5};
  }

  std::vector<Finding> Run(decltype(&CheckHasRequests) check, const PlanningStudent& student,
                           const std::vector<PlanningRequest>& requests) {
    held_ = requests;
    StudentRequestList view;
    for (const PlanningRequest& r : held_) view.push_back(&r);
    return check(student, view, context_);
  }

  static std::vector<std::string> Courses(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const Finding& f : findings) out.push_back(f.course_id);
    return out;
  }

  VerificationContext context_;
  std::vector<PlanningRequest> held_;
  const PlanningStudent grade9_{"s9", 9, "", true};
};

TEST_F(VerificationTest, MissingRequiredCoursesComeFromRequiredRulesAndRequiredCourses) {
  std::vector<Finding> found = Run(CheckMissingRequiredCourses, grade9_, {Alternate("s9", "eng9")});
  EXPECT_EQ(Courses(found), (std::vector<std::string>{"eng9", "health"}));  // not art: not required
  EXPECT_EQ(found[0].check, CheckKind::kMissingRequiredCourse);
  EXPECT_EQ(found[0].message, "Required course eng9 is not requested (auto-load rule r-eng9).");
  EXPECT_TRUE(
      Run(CheckMissingRequiredCourses, grade9_, {Primary("s9", "eng9"), Primary("s9", "health")})
          .empty());
  // Grade 11: the eng9 rule does not apply; health does.
  EXPECT_EQ(Courses(Run(CheckMissingRequiredCourses, {"s11", 11, "", true}, {})),
            (std::vector<std::string>{"health"}));
}

TEST_F(VerificationTest, CreditsOutsideTheGradeRangeAreReported) {
  // 1 + 0.5 = 1.5: inside [1.5, 2.5] (bounds included); the alternate does not count.
  EXPECT_TRUE(Run(CheckCreditRange, grade9_,
                  {Primary("s9", "eng9"), Primary("s9", "health"), Alternate("s9", "art")})
                  .empty());
  std::vector<Finding> low = Run(CheckCreditRange, grade9_, {Primary("s9", "eng9")});
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].check, CheckKind::kCreditsOutOfRange);
  EXPECT_EQ(low[0].message, "Requests total 1 credits; grade 9 allows 1.5 to 2.5.");
  std::vector<Finding> high =
      Run(CheckCreditRange, grade9_,
          {Primary("s9", "eng9"), Primary("s9", "health"), Primary("s9", "art")});
  ASSERT_EQ(high.size(), 1u);
  EXPECT_EQ(high[0].message, "Requests total 3 credits; grade 9 allows 1.5 to 2.5.");
}

TEST_F(VerificationTest, AGradeWithoutARangeIsNotChecked) {
  EXPECT_TRUE(Run(CheckCreditRange, {"s11", 11, "", true}, {}).empty());
}

TEST_F(VerificationTest, RequestsForInactiveUnknownOrUnofferedCoursesAreReported) {
  std::vector<Finding> found = Run(CheckInactiveOrUnofferedCourses, grade9_,
                                   {Primary("s9", "eng9"), Primary("s9", "latin"),
                                    Alternate("s9", "calc"), Primary("s9", "greek")});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].message, "Requested course latin is inactive.");
  EXPECT_EQ(found[1].message, "Alternate course calc is not offered to grade 9.");
  EXPECT_EQ(found[2].message, "Requested course greek is not in the catalog.");
  EXPECT_EQ(found[2].check, CheckKind::kInactiveOrUnofferedCourse);
}

TEST_F(VerificationTest, ACourseRequestedTwiceIsADuplicate) {
  EXPECT_TRUE(Run(CheckDuplicateRequests, grade9_, {Primary("s9", "eng9")}).empty());
  std::vector<Finding> found =
      Run(CheckDuplicateRequests, grade9_, {Primary("s9", "eng9"), Primary("s9", "eng9")});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].check, CheckKind::kDuplicateRequest);
  EXPECT_EQ(found[0].message, "Course eng9 is requested 2 times.");
}

TEST_F(VerificationTest, AnAlternateDuplicatingAPrimaryIsReported) {
  EXPECT_TRUE(Run(CheckAlternatesDuplicatingPrimaries, grade9_,
                  {Primary("s9", "eng9"), Alternate("s9", "art")})
                  .empty());
  std::vector<Finding> found = Run(CheckAlternatesDuplicatingPrimaries, grade9_,
                                   {Primary("s9", "eng9"), Alternate("s9", "eng9"),
                                    Alternate("s9", "art"), Alternate("s9", "art", 2)});
  EXPECT_EQ(Courses(found), (std::vector<std::string>{"eng9", "art"}));
  EXPECT_EQ(found[0].message, "Alternate eng9 is also requested as a primary.");
  EXPECT_EQ(found[1].message, "Alternate art is listed more than once.");
}

TEST_F(VerificationTest, AStudentWithOnlyAlternatesHasNoRequests) {
  EXPECT_EQ(Run(CheckHasRequests, grade9_, {}).size(), 1u);
  EXPECT_EQ(Run(CheckHasRequests, grade9_, {Alternate("s9", "art")}).size(), 1u);
  EXPECT_TRUE(Run(CheckHasRequests, grade9_, {Primary("s9", "art")}).empty());
}

TEST_F(VerificationTest, TheReportCountsFindingsPerCheckOverActiveStudents) {
  RequestSnapshot snapshot;
  snapshot.students = {{"a1", 9, "", true}, {"a2", 9, "", true}, {"a3", 9, "", false}};
  snapshot.requests = {Primary("a1", "eng9", true), Primary("a1", "health"),
                       Alternate("a2", "art")};
  const VerificationResult result = Verify(snapshot, context_);
  EXPECT_EQ(result.students_checked, 2);  // a3 is inactive
  ASSERT_EQ(result.students.size(), 1u);  // a1 is complete and within 1.5..2.5 credits
  EXPECT_EQ(result.students[0].student_number, "a2");
  EXPECT_EQ(result.counts.size(), 6u);
  EXPECT_EQ(result.counts.at(CheckKind::kMissingRequiredCourse).findings, 2);  // eng9, health
  EXPECT_EQ(result.counts.at(CheckKind::kMissingRequiredCourse).students, 1);
  EXPECT_EQ(result.counts.at(CheckKind::kCreditsOutOfRange).findings, 1);  // 0 credits
  EXPECT_EQ(result.counts.at(CheckKind::kNoRequests).findings, 1);
  EXPECT_EQ(result.counts.at(CheckKind::kDuplicateRequest).findings, 0);
}

}  // namespace
}  // namespace secsched::requests
