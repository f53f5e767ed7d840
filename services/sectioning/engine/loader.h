// Loading students into sections (see engine.h LoadStudents).
//
// Order: locked enrollments (and, on reload, still-valid existing enrollments) are placed first;
// on reload a student who kept every enrollment is pinned where they are (they may only gain);
// then students, upper grades first, each filled by LoaderState::ScheduleStudent (primaries
// only); then one pass over incomplete students that re-sections them with ejections (a
// blocking student moves to a sibling section, or is re-sectioned entirely when it loses
// nothing); then rounds of regrouping around incomplete students (loader_regroup.h), which value
// a complete schedule a little beyond the requests it fills; both bounded by a deterministic
// amount of search work in proportion to the students left incomplete; then alternates for what
// is left; last, students move between sections of a course to even out their sizes.
// The first pass ignores the time limit (every student gets a schedule); cancel stops any phase.
#pragma once

#include "services/sectioning/engine/engine.h"
