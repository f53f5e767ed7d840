#include "services/sectioning/domain/section_move.h"

#include <map>
#include <set>

namespace secsched::sectioning {

std::vector<BrokenStudent> BrokenStudents(const std::vector<Meeting>& placement,
                                          const std::vector<StudentMeeting>& others) {
  std::map<std::string, std::set<std::string>> clashes;
  for (const StudentMeeting& other : others) {
    for (const Meeting& m : placement) {
      if (MeetingsClash(m, other.meeting)) {
        clashes[other.student_id].insert(other.section_id);
        break;
      }
    }
  }
  std::vector<BrokenStudent> out;
  for (const auto& [student, sections] : clashes) {
    out.push_back({student, std::vector<std::string>(sections.begin(), sections.end())});
  }
  return out;
}

}  // namespace secsched::sectioning
