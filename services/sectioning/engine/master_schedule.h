// The master schedule: places sections in period x term slots (see engine.h BuildMasterSchedule).
// Most-constrained-first construction driven by the course conflict weights, then simulated
// annealing with incremental cost (ScheduleState) over four moves: relocate a section, swap the
// slots of two sections of one teacher, exchange the teachers of two sections of one course, and
// relocate a SAME_PERIOD group together. Then a refinement on the exact per-student objective,
// seats counted (master_refine.h, seated_students.h), aimed at the students whose whole day does
// not fit in the periods and seats left to them.
// Deterministic for a seed unless the time limit cuts a phase short (both have fixed move
// budgets: see master_schedule.cc).
#pragma once

#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine {

// Students (of index.school()) who cannot take all their primary requests given the placements
// alone: no choice of one placed section per requested course is free of time clashes and rule
// violations. Capacity, teams and student constraints are ignored. A search that exceeds its node
// budget counts the student as not conflicted.
int CountConflictedStudents(const SchoolIndex& index);

}  // namespace secsched::engine
