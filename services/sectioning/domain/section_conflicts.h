// Live conflicts of a trial's sections: computed from the sections as they stand and the catalog,
// never stored. One named pure function per kind (each unit-tested by breaking it); Conflicts()
// runs them all. A trial's sections are read once and indexed (ConflictContext), so a List of
// every section costs one read and work in memory.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/catalog/catalog_reader.h"
#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning {

enum class ConflictKind {
  kTeacherDoubleBooked,
  kRoomDoubleBooked,
  kTeacherUnavailable,
  kRoomUnavailable,
  kRoomTypeMismatch,
  kCapacityOverRoom,
  kTeamMismatch,
  kRuleNotSamePeriod,
  kTeacherOverMaxSections,
};

struct Conflict {
  ConflictKind kind = ConflictKind::kTeacherDoubleBooked;
  std::string message;
  std::string other_section_id;  // "" when no other section is involved

  friend bool operator==(const Conflict&, const Conflict&) = default;
};

// A MASTER-scope NOT_SAME_PERIOD course rule: no section of course_a may meet at a time a section
// of course_b meets.
struct NotSamePeriodRule {
  std::string course_a;
  std::string course_b;
};

// Everything the conflict functions read, indexed once per trial. The vectors and catalog values
// must outlive the context.
class ConflictContext {
 public:
  ConflictContext(const std::vector<Section>& sections,
                  const std::vector<catalog::CatalogCourse>& courses,
                  const std::vector<catalog::CatalogTeacher>& teachers,
                  const std::vector<catalog::CatalogRoom>& rooms,
                  std::vector<NotSamePeriodRule> rules = {});

  // The trial's sections a teacher teaches (primary or co), in a room, of a course.
  const std::vector<const Section*>& OfTeacher(const std::string& teacher_id) const;
  const std::vector<const Section*>& InRoom(const std::string& room_id) const;
  const std::vector<const Section*>& OfCourse(const std::string& course_id) const;
  const catalog::CatalogCourse* Course(const std::string& id) const;
  const catalog::CatalogTeacher* Teacher(const std::string& id) const;
  const catalog::CatalogRoom* Room(const std::string& id) const;
  const std::vector<NotSamePeriodRule>& rules() const { return rules_; }

  // For team sections: the students enrolled in each, and the team of every student (students'
  // teams belong to the requests service, so the caller reads them only when a section has a
  // team). Without them no team mismatch is found.
  void SetTeamRosters(std::map<std::string, std::vector<std::string>> students_by_section,
                      std::map<std::string, std::string> team_of_student);
  const std::vector<std::string>& StudentsIn(const std::string& section_id) const;
  // "" = the student has no team (or is unknown).
  std::string TeamOf(const std::string& student_id) const;

 private:
  std::map<std::string, std::vector<const Section*>> by_teacher_, by_room_, by_course_;
  std::map<std::string, const catalog::CatalogCourse*> courses_;
  std::map<std::string, const catalog::CatalogTeacher*> teachers_;
  std::map<std::string, const catalog::CatalogRoom*> rooms_;
  std::vector<NotSamePeriodRule> rules_;
  std::map<std::string, std::vector<std::string>> students_by_section_;
  std::map<std::string, std::string> team_of_student_;
};

// Each returns the conflicts of one kind that `section` has. `section` may be one of the
// context's sections or a changed copy of one (same id: it is never compared with itself).
std::vector<Conflict> TeacherDoubleBooked(const Section& section, const ConflictContext& context);
std::vector<Conflict> RoomDoubleBooked(const Section& section, const ConflictContext& context);
std::vector<Conflict> TeacherUnavailable(const Section& section, const ConflictContext& context);
std::vector<Conflict> RoomUnavailable(const Section& section, const ConflictContext& context);
std::vector<Conflict> RoomTypeMismatch(const Section& section, const ConflictContext& context);
std::vector<Conflict> CapacityOverRoom(const Section& section, const ConflictContext& context);
// A team section holds students who are not on its team (a team's students may sit only in
// their team's sections or in sections with no team).
std::vector<Conflict> TeamMismatch(const Section& section, const ConflictContext& context);
std::vector<Conflict> RuleNotSamePeriod(const Section& section, const ConflictContext& context);
std::vector<Conflict> TeacherOverMaxSections(const Section& section,
                                             const ConflictContext& context);

// All of the above, in that order.
std::vector<Conflict> Conflicts(const Section& section, const ConflictContext& context);

// The conflicts in `after` that are not in `before` (what a change creates); a clash with the
// same section in another period counts as new.
std::vector<Conflict> NewConflicts(const std::vector<Conflict>& before,
                                   const std::vector<Conflict>& after);

}  // namespace secsched::sectioning
