// The placement grid and the students a move breaks.
#include "services/sectioning/domain/section_grid.h"

#include <gtest/gtest.h>

#include "services/sectioning/domain/section_move.h"

namespace secsched::sectioning {
namespace {

TEST(PlacementGridTest, EveryCellOfTheCalendarWithItsSectionsGrouped) {
  catalog::CatalogCalendar calendar{.terms = {{"s1", "", ""}, {"s2", "", ""}},
                                    .day_types = {"A", "B"},
                                    .periods = {{1, "A"}, {2, "A"}, {1, "B"}, {2, "B"}}};
  std::vector<Section> sections = {Section{.section_id = "x",
                                           .course_id = "eng",
                                           .primary_teacher_id = "t1",
                                           .co_teacher_ids = {"t2"},
                                           .room_id = "r1",
                                           .meetings = {{"s1", 1, ""}}},
                                   Section{.section_id = "y",
                                           .course_id = "eng",
                                           .primary_teacher_id = "t1",
                                           .meetings = {{"s1", 1, "B"}}}};
  PlacementGrid grid = BuildPlacementGrid(calendar, sections, GridView::kTeacher);
  ASSERT_EQ(grid.cells.size(), 8u);  // 2 terms × 2 days × 2 periods
  const GridCell& a1 = grid.cells[0];
  EXPECT_EQ(a1.term_id, "s1");
  EXPECT_EQ(a1.day_type, "A");
  EXPECT_EQ(a1.period, 1);
  ASSERT_EQ(a1.groups.size(), 2u);  // t1 and t2
  EXPECT_EQ(a1.groups[0].key, "t1");
  EXPECT_EQ(a1.groups[0].section_ids, (std::vector<std::string>{"x"}));
  const GridCell& b1 = grid.cells[2];
  EXPECT_EQ(b1.day_type, "B");
  EXPECT_EQ(b1.groups[0].section_ids, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(grid.cells[4].groups.empty());  // s2

  grid = BuildPlacementGrid(calendar, sections, GridView::kRoom);
  ASSERT_EQ(grid.cells[2].groups.size(), 2u);
  EXPECT_EQ(grid.cells[2].groups[0].key, "");  // y has no room
  grid = BuildPlacementGrid(calendar, sections, GridView::kCourse);
  ASSERT_EQ(grid.cells[2].groups.size(), 1u);
  EXPECT_EQ(grid.cells[2].groups[0].key, "eng");
}

TEST(BrokenStudentsTest, StudentsWhoseOtherSectionsClashWithTheNewPlacement) {
  std::vector<StudentMeeting> others = {{"ann", "math-1", {"s1", 2, ""}},
                                        {"ann", "art-1", {"s2", 5, ""}},
                                        {"bob", "math-2", {"s1", 3, ""}},
                                        {"cy", "pe-1", {"s1", 2, "A"}}};
  std::vector<BrokenStudent> broken = BrokenStudents({{"s1", 2, "B"}, {"s2", 2, "B"}}, others);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].student_id, "ann");
  EXPECT_EQ(broken[0].clashing_section_ids, (std::vector<std::string>{"math-1"}));
  EXPECT_TRUE(BrokenStudents({{"s1", 4, ""}}, others).empty());
}

}  // namespace
}  // namespace secsched::sectioning
