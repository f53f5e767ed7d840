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
  kTeamMismatch,  // reserved: students' teams live in the requests service; not computed
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

 private:
  std::map<std::string, std::vector<const Section*>> by_teacher_, by_room_, by_course_;
  std::map<std::string, const catalog::CatalogCourse*> courses_;
  std::map<std::string, const catalog::CatalogTeacher*> teachers_;
  std::map<std::string, const catalog::CatalogRoom*> rooms_;
  std::vector<NotSamePeriodRule> rules_;
};

// Each returns the conflicts of one kind that `section` has. `section` may be one of the
// context's sections or a changed copy of one (same id: it is never compared with itself).
std::vector<Conflict> TeacherDoubleBooked(const Section& section, const ConflictContext& context);
std::vector<Conflict> RoomDoubleBooked(const Section& section, const ConflictContext& context);
std::vector<Conflict> TeacherUnavailable(const Section& section, const ConflictContext& context);
std::vector<Conflict> RoomUnavailable(const Section& section, const ConflictContext& context);
std::vector<Conflict> RoomTypeMismatch(const Section& section, const ConflictContext& context);
std::vector<Conflict> CapacityOverRoom(const Section& section, const ConflictContext& context);
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
