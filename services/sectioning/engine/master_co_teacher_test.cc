// The master-schedule builder never double-books a co-teacher: a teacher who co-teaches one
// section and is the primary teacher of others is busy in all of them.
#include <gtest/gtest.h>

#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// Three periods, year courses. A teaches X-1, Z-1 and Z-2; B co-teaches X-1 and is the primary
// teacher of Y-1 and Y-2. So X-1 takes the period the Z sections leave free, and the Y sections
// must take the Z periods. Students of Y and Z pull a Y section into the period without Z, i.e.
// onto X-1: only a builder that counts the co-teacher as busy keeps B out of it (and accepts the
// Y/Z clashes). Students of X and Z make X-1 a section to place early.
School CoTeacherSchool() {
  School school = EmptySchool(3);
  school.courses = {MakeCourse("X"), MakeCourse("Y"), MakeCourse("Z")};
  school.teachers = {MakeTeacher("A", {"X", "Z"}), MakeTeacher("B", {"Y"})};
  for (int r = 0; r < 4; ++r) school.rooms.push_back(MakeRoom("R" + std::to_string(r)));
  school.sections = {MakeSection("X-1", "X", "A", ""), MakeSection("Y-1", "Y", "B", ""),
                     MakeSection("Y-2", "Y", "B", ""), MakeSection("Z-1", "Z", "A", ""),
                     MakeSection("Z-2", "Z", "A", "")};
  school.sections[0].co_teacher_ids = {"B"};
  for (int s = 0; s < 12; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"Y", "Z"}));
  for (int s = 12; s < 18; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"X", "Z"}));
  return school;
}

void ExpectCoTeacherNeverDoubleBooked(const School& school) {
  const SchoolIndex index = *SchoolIndex::Build(school);
  const int n = static_cast<int>(school.sections.size());
  for (int a = 0; a < n; ++a) {
    EXPECT_TRUE(school.sections[a].placement.placed()) << school.sections[a].id;
    for (int b = a + 1; b < n; ++b) {
      if (!TimeClash(index, a, b)) continue;
      auto teaches = [&](int s, const std::string& t) {
        const Section& sec = school.sections[s];
        if (sec.teacher_id == t) return true;
        for (const std::string& co : sec.co_teacher_ids)
          if (co == t) return true;
        return false;
      };
      for (const char* t : {"A", "B"})
        EXPECT_FALSE(teaches(a, t) && teaches(b, t))
            << t << " in " << school.sections[a].id << " and " << school.sections[b].id;
    }
  }
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->violation_counts.count(std::string(constraint::kTeacherDoubleBooked)), 0u);
}

TEST(MasterCoTeacherTest, CoTeacherIsNeverDoubleBooked) {
  for (std::uint64_t seed : {1, 2, 3}) {
    School school = CoTeacherSchool();
    RunOptions options;
    options.seed = seed;
    options.time_limit = std::chrono::milliseconds(60000);
    absl::StatusOr<MasterScheduleResult> result = BuildMasterSchedule(school, options);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_TRUE(result->unplaced_section_ids.empty()) << "seed " << seed;
    school.sections = result->sections;
    ExpectCoTeacherNeverDoubleBooked(school);
  }
}

TEST(MasterCoTeacherTest, LockedSectionBlocksItsCoTeacher) {
  // X-1 is locked in period 2, co-taught by B: the Y sections must stay out of period 2 although
  // their students (who also take Z, in the other periods) would rather have one there.
  School school = CoTeacherSchool();
  school.sections[0].placement = Placement{2, kYear};
  school.sections[0].room_id = "R0";
  school.sections[0].locked = true;
  RunOptions options;
  options.seed = 4;
  options.time_limit = std::chrono::milliseconds(60000);
  absl::StatusOr<MasterScheduleResult> result = BuildMasterSchedule(school, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->unplaced_section_ids.empty());
  school.sections = result->sections;
  for (const Section& s : school.sections) {
    if (s.course_id == "Y") {
      EXPECT_NE(s.placement.period, 2) << s.id;
    }
  }
  ExpectCoTeacherNeverDoubleBooked(school);
}

}  // namespace
}  // namespace secsched::engine
