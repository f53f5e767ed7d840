// Tally and conflict matrix on a small school computed by hand:
//
//   courses  ENG9 (2 seats, English)  BIO (30, Science)  ART (2 sections fixed, Arts)
//            CHEM (inactive, Science)  PE (3 sections fixed, PE dept, nobody can teach it)
//   students s1 (9): ENG9 req, BIO, alt ART        s2 (9): ENG9 req, BIO, ART
//            s3 (10): BIO, ART, alt ENG9           s4 (10, inactive): ENG9, BIO — ignored
//   teachers t1 English, 5 sections; t2 Science + ART, 4; t3 Arts inactive; t4 Arts, 0.
//   Maximum staffing: ENG9 1 (t1), BIO 1 + ART 2 (t2) = 4 of the 7 sections needed; PE has nobody.
#include "services/requests/domain/request_analysis.h"

#include <gtest/gtest.h>

#include <random>

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

// The tally counts sections with the engine's own rule: seats are capped by the largest room of
// the course's type, as BUILD_SECTIONS caps them (a 30-seat course in 24-seat labs).
TEST_F(RequestAnalysisTest, SectionsCountTheSeatsTheCoursesRoomsHold) {
  catalog::CatalogCourse chem{
      .id = "chem", .number = "CHEM", .max_students = 30, .room_type = "lab"};
  const std::vector<catalog::CatalogRoom> labs = {
      {.id = "l1", .capacity = 24, .room_type = "lab"},
      {.id = "l2", .capacity = 20, .room_type = "lab"},
      {.id = "big", .capacity = 40, .room_type = "lab", .active = false},
      {.id = "r1", .capacity = 35, .room_type = "regular"}};
  EXPECT_EQ(SectionsFor(chem, 60), 2) << "no rooms given: the course's maximum";
  EXPECT_EQ(SectionsFor(chem, 60, labs), 3) << "ceil(60 / 24): the inactive lab does not count";
  EXPECT_EQ(SectionsFor(chem, 48, labs), 2);
  chem.sections_to_build = 5;
  EXPECT_EQ(SectionsFor(chem, 60, labs), 5) << "a fixed count wins";
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
  EXPECT_EQ(art.qualified_teachers, 2);              // t2 by listing, t4 by department
  EXPECT_EQ(art.qualified_teacher_sections, 4);      // 4 + 0
  EXPECT_DOUBLE_EQ(art.shared_teacher_sections, 2);  // t2's 4 cover bio 1 + art 2
  EXPECT_FALSE(art.teacher_shortfall);

  const TallyRow& bio = rows[1];
  EXPECT_EQ(bio.primaries, 3);
  EXPECT_EQ(bio.primaries_by_grade, (std::map<int, int>{{9, 2}, {10, 1}}));
  EXPECT_EQ(bio.required, 0);
  EXPECT_EQ(bio.sections_needed, 1);
  EXPECT_DOUBLE_EQ(bio.shared_teacher_sections, 1);

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
  EXPECT_DOUBLE_EQ(eng9.shared_teacher_sections, 1);  // what it needs, not all of t1's 5

  const TallyRow& pe = rows[4];
  EXPECT_EQ(pe.sections_needed, 3);
  EXPECT_EQ(pe.qualified_teachers, 0);
  EXPECT_DOUBLE_EQ(pe.shared_teacher_sections, 0);
  EXPECT_TRUE(pe.teacher_shortfall);

  const TeacherCoverage coverage = ComputeTeacherCoverage(rows, courses_, teachers_);
  EXPECT_EQ(coverage.sections_needed, 7);
  EXPECT_EQ(coverage.sections_covered, 4);
  EXPECT_EQ(coverage.shortage(), 3);  // PE's 3
}

// Courses with a fixed section count, so no requests are needed for sections_needed.
catalog::CatalogCourse FixedCourse(std::string id, std::string department, int sections) {
  catalog::CatalogCourse c = Course(std::move(id));
  c.department = std::move(department);
  c.sections_to_build = sections;
  return c;
}

const TallyRow& RowOf(const std::vector<TallyRow>& rows, const std::string& id) {
  for (const TallyRow& r : rows) {
    if (r.course_id == id) return r;
  }
  ADD_FAILURE() << "no row " << id;
  return rows.front();
}

TEST(TeacherShortfallTest, ATeacherSpreadOverManyCoursesStillCoversAScarceOne) {
  // The demo's false alarm: "lit" (12 sections) can teach AP-LIT and the eight English courses,
  // which need 20 sections with AP-LIT; the proportional share gave AP-LIT 12 * 1/20 = 0.6 < 1.
  // Two more English teachers take the other courses, so lit teaches AP-LIT.
  std::vector<catalog::CatalogCourse> list = {FixedCourse("aplit", "AP", 1)};
  for (int i = 0; i < 8; ++i) {
    list.push_back(FixedCourse("eng" + std::to_string(i), "English", i < 3 ? 3 : 2));  // 19
  }
  const CoursesById courses = IndexCourses(list);
  const std::vector<catalog::CatalogTeacher> teachers = {
      {.id = "lit", .departments = {"English"}, .can_teach_courses = {"aplit"}, .max_sections = 12},
      {.id = "e1", .departments = {"English"}, .max_sections = 5},
      {.id = "e2", .departments = {"English"}, .max_sections = 5}};
  const std::vector<TallyRow> rows = ComputeTally(RequestSnapshot{}, courses, teachers);
  const TallyRow& aplit = RowOf(rows, "aplit");
  EXPECT_EQ(aplit.sections_needed, 1);
  EXPECT_EQ(aplit.qualified_teachers, 1);
  EXPECT_DOUBLE_EQ(aplit.shared_teacher_sections, 1);
  EXPECT_FALSE(aplit.teacher_shortfall);
  for (const TallyRow& row : rows) {
    EXPECT_FALSE(row.teacher_shortfall) << row.course_id;
    EXPECT_DOUBLE_EQ(row.shared_teacher_sections, row.sections_needed) << row.course_id;
  }
  const TeacherCoverage coverage = ComputeTeacherCoverage(rows, courses, teachers);
  EXPECT_EQ(coverage.sections_needed, 20);
  EXPECT_EQ(coverage.shortage(), 0);
}

TEST(TeacherShortfallTest, ACourseItsOnlyTeacherCannotCoverIsShort) {
  const CoursesById courses = IndexCourses({FixedCourse("chem", "Science", 3)});
  const std::vector<catalog::CatalogTeacher> teachers = {
      {.id = "t", .departments = {"Science"}, .max_sections = 2}};
  const std::vector<TallyRow> rows = ComputeTally(RequestSnapshot{}, courses, teachers);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].qualified_teacher_sections, 2);
  EXPECT_DOUBLE_EQ(rows[0].shared_teacher_sections, 2);
  EXPECT_TRUE(rows[0].teacher_shortfall);
  EXPECT_EQ(ComputeTeacherCoverage(rows, courses, teachers).shortage(), 1);
}

TEST(TeacherShortfallTest, TwoCoursesCompetingForOneTeacherShareTheShortage) {
  // One teacher, 3 sections; A and B need 2 each. Either could be covered (so neither is flagged
  // on its own), but not both: one section is short overall, and each is sure of only 1.
  const CoursesById courses =
      IndexCourses({FixedCourse("a", "Math", 2), FixedCourse("b", "Math", 2)});
  const std::vector<catalog::CatalogTeacher> teachers = {
      {.id = "t", .departments = {"Math"}, .max_sections = 3}};
  const std::vector<TallyRow> rows = ComputeTally(RequestSnapshot{}, courses, teachers);
  ASSERT_EQ(rows.size(), 2u);
  for (const TallyRow& row : rows) {
    EXPECT_EQ(row.qualified_teacher_sections, 3) << row.course_id;
    EXPECT_DOUBLE_EQ(row.shared_teacher_sections, 1) << row.course_id;
    EXPECT_FALSE(row.teacher_shortfall) << row.course_id;
  }
  const TeacherCoverage coverage = ComputeTeacherCoverage(rows, courses, teachers);
  EXPECT_EQ(coverage.sections_needed, 4);
  EXPECT_EQ(coverage.sections_covered, 3);
  EXPECT_EQ(coverage.shortage(), 1);
}

TEST(TeacherShortfallTest, SureSectionsAreTheFlowLostWithoutTheCourse) {
  // Random small schools (fixed seed): shared_teacher_sections (computed by re-routing a copy of
  // the flow) equals F - the maximum flow of the same school with that course's need set to 0.
  std::mt19937 rng(11);
  for (int school = 0; school < 200; ++school) {
    std::vector<catalog::CatalogCourse> list;
    const int course_count = 2 + static_cast<int>(rng() % 8);
    for (int i = 0; i < course_count; ++i) {
      list.push_back(FixedCourse("c" + std::to_string(i), "", 1 + static_cast<int>(rng() % 4)));
    }
    std::vector<catalog::CatalogTeacher> teachers(1 + rng() % 5);
    for (catalog::CatalogTeacher& teacher : teachers) {
      teacher.max_sections = static_cast<int>(rng() % 6);
      for (int i = 0; i < course_count; ++i) {
        if (rng() % 3 == 0) teacher.can_teach_courses.push_back("c" + std::to_string(i));
      }
    }
    const CoursesById courses = IndexCourses(list);
    const std::vector<TallyRow> rows = ComputeTally(RequestSnapshot{}, courses, teachers);
    const int covered = ComputeTeacherCoverage(rows, courses, teachers).sections_covered;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<TallyRow> without = rows;
      without[r].sections_needed = 0;
      EXPECT_DOUBLE_EQ(
          rows[r].shared_teacher_sections,
          covered - ComputeTeacherCoverage(without, courses, teachers).sections_covered)
          << "school " << school << " course " << rows[r].course_id;
      EXPECT_EQ(rows[r].teacher_shortfall,
                rows[r].qualified_teacher_sections < rows[r].sections_needed);
    }
  }
}

TEST(TeacherShortfallTest, InactiveTeachersAndUnknownCoursesGiveNoSections) {
  const CoursesById courses = IndexCourses({FixedCourse("art", "Arts", 1)});
  const std::vector<catalog::CatalogTeacher> teachers = {
      {.id = "gone", .departments = {"Arts"}, .max_sections = 6, .active = false}};
  RequestSnapshot snapshot;
  snapshot.students = {{"s1", 9, "", true}};
  snapshot.requests = {Primary("s1", "latin")};  // not in the catalog: 1 section, no teacher
  const std::vector<TallyRow> rows = ComputeTally(snapshot, courses, teachers);
  ASSERT_EQ(rows.size(), 2u);
  for (const TallyRow& row : rows) {
    EXPECT_EQ(row.sections_needed, 1) << row.course_id;
    EXPECT_DOUBLE_EQ(row.shared_teacher_sections, 0) << row.course_id;
    EXPECT_TRUE(row.teacher_shortfall) << row.course_id;
  }
  EXPECT_EQ(ComputeTeacherCoverage(rows, courses, teachers).shortage(), 2);
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
