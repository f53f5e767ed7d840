// The engine's answer (sections with teachers, rooms and placements; enrollments) as the
// schedule's rows, ready for a saver to write in one transaction: the inverse of AssembleSchool.
#pragma once

#include <vector>

#include "services/sectioning/domain/school_assembly.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

struct ScheduleRows {
  std::vector<Section> sections;
  std::vector<Enrollment> enrollments;
};

// `sections` and `enrollments` are the engine's, for the school `assembled` was made of; the
// trial's key goes on every row. Section numbers are kept for sections the trial had and
// numbered on per course (in id order) for new ones. Capacity is the engine's seat rule: the
// section's own maximum, else the course's, capped by the room. An enrollment's request_rank is
// 0 for a primary request, 1.. for that request's alternates in rank order, and after them the
// student's general alternates. Engine enrollments are ENGINE-sourced and not locked, unless the
// student had locked the section.
ScheduleRows ScheduleFromEngine(const AssembledSchool& assembled, const TrialKey& trial,
                                const std::vector<Section>& trial_sections,
                                const std::vector<engine::Section>& sections,
                                const std::vector<engine::Enrollment>& enrollments);

}  // namespace secsched::sectioning
