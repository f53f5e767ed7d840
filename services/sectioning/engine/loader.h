// Loading students into sections (see engine.h LoadStudents).
//
// Order: locked enrollments (and, on reload, still-valid existing enrollments) are placed first;
// then students, upper grades first, each filled by LoaderState::ScheduleStudent; then passes over
// incomplete students that re-section them with one-step ejection chains.
#pragma once

#include "services/sectioning/engine/engine.h"
