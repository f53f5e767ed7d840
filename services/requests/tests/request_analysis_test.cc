// Tally and conflict matrix on a small school computed by hand:
//
//   courses  ENG9 (2 seats, English)  BIO (30, Science)  ART (2 sections fixed, Arts)
//            CHEM (inactive, Science)  PE (3 sections fixed, PE dept, nobody can teach it)
//   students s1 (9): ENG9 req, BIO, alt ART        s2 (9): ENG9 req, BIO, ART
//            s3 (10): BIO, ART, alt ENG9           s4 (10, inactive): ENG9, BIO — ignored
//   teachers t1 English, 5 sections; t2 Science + ART, 4; t3 Arts inactive; t4 Arts, 0.
#include "services/requests/domain/request_analysis.h"

#include <gtest/gtest.h>

#include "services/requests/tests/planning_fixtures.h"

namespace secsched::requests {
namespace {

using namespace planning_testing;

class RequestAnalysisTest : public ::testing::Test {
 protected:
  RequestAnalysisTest() {
    catalog::CatalogCourse eng9 = Course("eng9");
    eng9.max_students = 2;
    eng9.department = "English";
    catalog::CatalogCourse bio = Course("bio");
    bio.department = "Science";
    catalog::CatalogCourse art = Course("art");
    art.sections_to_build = 2;
    art.department = "Arts";
    catalog::CatalogCourse chem = Course("chem");
    chem.active = false;
    chem.department = "Science";
    catalog::CatalogCourse pe = Course("pe");
    pe.sections_to_build = 3;
    pe.department = "PE";
    courses_ = IndexCourses({eng9, bio, art, chem, pe});
    snapshot_.students = {
        {"s1", 9, "", true}, {"s2", 9, "", true}, {"s3", 10, "", true}, {"s4", 10, "", false}};
    snapshot_.requests = {
        Primary("s1", "eng9", true), Primary("s1", "bio"), Alternate("s1", "art"),
        Primary("s2", "eng9", true), Primary("s2", "bio"), Primary("s2", "art"),
        Primary("s3", "bio"),        Primary("s3", "art"), Alternate("s3", "eng9"),
        Primary("s4", "eng9"),       Primary("s4", "bio")};
    teachers_ = {
        {.id = "t1", .departments = {"English"}, .max_sections = 5},
        {.id = "t2", .departments = {"Science"}, .can_teach_courses = {"art"}, .max_sections = 4},
        {.id = "t3", .departments = {"Arts"}, .max_sections = 6, .active = false},
        {.id = "t4", .departments = {"Arts"}, .max_sections = 0}};
  }

  CoursesById courses_;
  RequestSnapshot snapshot_;
  std::vector<catalog::CatalogTeacher> teachers_;
};

TEST_F(RequestAnalysisTest, SectionsAreFixedOrCeilOfPrimariesOverSeats) {
  EXPECT_EQ(SectionsFor(courses_.at("art"), 100), 2);
  EXPECT_EQ(SectionsFor(courses_.at("eng9"), 3), 2);
  EXPECT_EQ(SectionsFor(courses_.at("eng9"), 4), 2);
  EXPECT_EQ(SectionsFor(courses_.at("eng9"), 5), 3);
  EXPECT_EQ(SectionsFor(courses_.at("bio"), 0), 0);
}

TEST_F(RequestAnalysisTest, TallyCountsActiveStudentsRequestsPerCourse) {
  const std::vector<TallyRow> rows = ComputeTally(snapshot_, courses_, teachers_);
  ASSERT_EQ(rows.size(), 5u);
  std::vector<std::string> order;
  for (const TallyRow& r : rows) order.push_back(r.course_number);
  EXPECT_EQ(order, (std::vector<std::string>{"ART", "BIO", "CHEM", "ENG9", "PE"}));

  const TallyRow& art = rows[0];
  EXPECT_EQ(art.primaries, 2);
  EXPECT_EQ(art.primaries_by_grade, (std::map<int, int>{{9, 1}, {10, 1}}));
  EXPECT_EQ(art.alternates, 1);
  EXPECT_EQ(art.total, 3);
  EXPECT_EQ(art.sections_needed, 2);
  EXPECT_EQ(art.qualified_teachers, 2);                         // t2 by listing, t4 by department
  EXPECT_EQ(art.qualified_teacher_sections, 4);                 // 4 + 0
  EXPECT_NEAR(art.shared_teacher_sections, 4.0 * 2 / 3, 1e-9);  // t2 needs: bio 1, chem 0, art 2
  EXPECT_FALSE(art.teacher_shortfall);

  const TallyRow& bio = rows[1];
  EXPECT_EQ(bio.primaries, 3);
  EXPECT_EQ(bio.primaries_by_grade, (std::map<int, int>{{9, 2}, {10, 1}}));
  EXPECT_EQ(bio.required, 0);
  EXPECT_EQ(bio.sections_needed, 1);
  EXPECT_NEAR(bio.shared_teacher_sections, 4.0 / 3, 1e-9);

  const TallyRow& chem = rows[2];
  EXPECT_FALSE(chem.active);
  EXPECT_EQ(chem.total, 0);
  EXPECT_EQ(chem.sections_needed, 0);
  EXPECT_EQ(chem.qualified_teachers, 1);
  EXPECT_FALSE(chem.teacher_shortfall);

  const TallyRow& eng9 = rows[3];
  EXPECT_EQ(eng9.primaries, 2);  // s4 is inactive
  EXPECT_EQ(eng9.required, 2);
  EXPECT_EQ(eng9.alternates, 1);
  EXPECT_EQ(eng9.sections_needed, 1);
  EXPECT_DOUBLE_EQ(eng9.shared_teacher_sections, 5);

  const TallyRow& pe = rows[4];
  EXPECT_EQ(pe.sections_needed, 3);
  EXPECT_EQ(pe.qualified_teachers, 0);
  EXPECT_TRUE(pe.teacher_shortfall);
}

TEST_F(RequestAnalysisTest, ARequestedCourseTheCatalogLacksIsTalliedLast) {
  snapshot_.requests.push_back(Primary("s1", "latin"));
  const std::vector<TallyRow> rows = ComputeTally(snapshot_, courses_, teachers_);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows.back().course_id, "latin");
  EXPECT_EQ(rows.back().course_number, "");
  EXPECT_EQ(rows.back().primaries, 1);
  EXPECT_FALSE(rows.back().active);
}

TEST_F(RequestAnalysisTest, ConflictMatrixCountsStudentsRequestingBothPrimaries) {
  const ConflictMatrix matrix = ComputeConflictMatrix(snapshot_, courses_);
  EXPECT_EQ(matrix.students_counted, 3);
  ASSERT_EQ(matrix.courses.size(), 3u);  // only requested courses
  EXPECT_EQ(matrix.courses[0].course_number, "ART");
  EXPECT_EQ(matrix.courses[0].sections, 2);
  EXPECT_EQ(matrix.courses[1].course_number, "BIO");
  EXPECT_EQ(matrix.courses[1].primaries, 3);
  EXPECT_EQ(matrix.courses[2].course_number, "ENG9");
  EXPECT_EQ(matrix.courses[2].sections, 1);

  ASSERT_EQ(matrix.pairs.size(), 3u);
  auto pair = [&](size_t i) {
    const CoursePairCount& p = matrix.pairs[i];
    return matrix.courses[p.a].course_number + "-" + matrix.courses[p.b].course_number + ":" +
           std::to_string(p.students);
  };
  // s2's alternate-free ART+ENG9 counts once; s1's alternate ART and s3's alternate ENG9 do not.
  EXPECT_EQ(pair(0), "ART-BIO:2");
  EXPECT_EQ(pair(1), "BIO-ENG9:2");
  EXPECT_EQ(pair(2), "ART-ENG9:1");
  EXPECT_FALSE(matrix.SingletonPair(matrix.pairs[0]));
  EXPECT_TRUE(matrix.DoubletonPair(matrix.pairs[0]));
  EXPECT_TRUE(matrix.SingletonPair(matrix.pairs[1]));
  EXPECT_FALSE(matrix.DoubletonPair(matrix.pairs[1]));

  ASSERT_EQ(matrix.Top(1).size(), 1u);
  EXPECT_EQ(matrix.Top(1)[0].students, 2);
  EXPECT_EQ(matrix.Top(10).size(), 3u);
}

TEST_F(RequestAnalysisTest, TheCsvExportHasOneRowPerPair) {
  EXPECT_EQ(ConflictMatrixCsv(ComputeConflictMatrix(snapshot_, courses_)),
            "course_a_number,course_b_number,students,course_a_sections,course_b_sections,"
            "pair_kind\r\n"
            "ART,BIO,2,2,1,DOUBLETON\r\n"
            "BIO,ENG9,2,1,1,SINGLETON\r\n"
            "ART,ENG9,1,2,1,DOUBLETON\r\n");
}

}  // namespace
}  // namespace secsched::requests
