// Loading students into sections (see engine.h LoadStudents).
//
// Order: locked enrollments (and, on reload, still-valid existing enrollments) are placed first;
// then students, upper grades first, each filled by LoaderState::ScheduleStudent (primaries
// only); then up to three passes over incomplete students that re-section them with ejections (a
// blocking student moves to a sibling section, or is re-sectioned entirely when it loses
// nothing), bounded by a deterministic amount of search work; then alternates for what is left.
// The first pass ignores the time limit (every student gets a schedule); cancel stops any phase.
#pragma once

#include "services/sectioning/engine/engine.h"
