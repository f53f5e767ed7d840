// Staffing on schools where a complete staffing is known to exist: the mixed generator's planted
// schools come with every section but no teacher, and teachers just cover them (per-term limits,
// singletons with one qualified teacher). AssignTeachers must staff every section. The trimester
// schools needed the ejection chains: greedy and single hand-overs left 2-3 sections open.
#include <gtest/gtest.h>

#include "services/sectioning/engine/mixed_generator/mixed_generator.h"
#include "services/sectioning/engine/staffing.h"

namespace secsched::engine {
namespace {

struct Case {
  int students;
  std::uint64_t seed;
  mixed_generator::CalendarKind calendar;
};

TEST(StaffingOnPlantedSchoolsTest, EverySectionGetsATeacher) {
  using mixed_generator::CalendarKind;
  for (const Case& c :
       {Case{400, 1, CalendarKind::kTrimester}, Case{1200, 3, CalendarKind::kTrimester},
        Case{400, 2, CalendarKind::kBlock4x4}, Case{1200, 1, CalendarKind::kTraditional}}) {
    const School school =
        mixed_generator::GenerateMixedSchool(
            {.students = c.students, .seed = c.seed, .planted = true, .calendar = c.calendar})
            .school;
    std::vector<Section> sections = school.sections;
    std::vector<std::string> warnings;
    AssignTeachers(school, sections, warnings);
    const std::string label = mixed_generator::CalendarKindName(c.calendar) + " " +
                              std::to_string(c.students) + " seed " + std::to_string(c.seed);
    EXPECT_TRUE(warnings.empty()) << label << ": " << warnings.size()
                                  << " warnings, first: " << (warnings.empty() ? "" : warnings[0]);
    for (const Section& s : sections) EXPECT_FALSE(s.teacher_id.empty()) << label << " " << s.id;
  }
}

}  // namespace
}  // namespace secsched::engine
