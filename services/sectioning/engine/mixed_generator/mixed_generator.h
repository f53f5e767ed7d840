// A second school generator, written apart from the engine so that quality is measured on schools
// the engine was not tuned on (standard library only; deterministic for a seed on every platform:
// it draws from its own PCG32 stream, never std distributions).
//
// Where it differs from generator/ (the first generator):
// - three calendars: traditional (2 semesters x 7 periods), a 4x4 block (2 semesters x 4
//   periods; most courses one semester; a sequence course such as Algebra I becomes Algebra I A
//   and B, A PRECEDES B) and trimesters (3 terms x 5 periods; electives one trimester);
// - mixed room sizes: 24-seat labs for 30-seat science courses, 18-20 seat seminar rooms among
//   the regular ones, 35-seat big rooms; a section seats min(course maximum, room capacity);
// - per-term teacher limits (Teacher::max_sections_per_term: 5 of 7, 3 of 4, 4 of 5) and tight
//   staffing: teachers just cover the sections, some are qualified in two departments, and AP
//   courses have one qualified teacher;
// - requests by grade-band preference lists: each student has a profile (STEM, arts, music,
//   humanities, languages, career) and takes electives down its list, so a small school's
//   singletons (AP and niche electives with one section) are requested together;
// - NOT_SAME_PERIOD with RuleScope::kMaster between the singletons most often requested
//   together, DIFFERENT_TERM between Health and PE, PRECEDES between the halves of a block
//   sequence.
//
// Realistic mode: requests only; the builder creates every section.
// Planted mode: the generator first builds a complete valid solution (sections placed, staffed
// within every teacher's per-term limit and qualification, rooms of the right type with seats,
// every kept request met without clash and within seats, every rule kept), then emits the school
// with those sections present but unplaced, without teacher and room, and with no enrollments;
// `planted_solution` is the solution.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "services/sectioning/engine/model.h"

namespace secsched::engine::mixed_generator {

enum class CalendarKind { kTraditional, kBlock4x4, kTrimester };

// "traditional", "block4x4", "trimester"; ParseCalendarKind returns nullopt for anything else.
std::string CalendarKindName(CalendarKind kind);
std::optional<CalendarKind> ParseCalendarKind(const std::string& name);

struct MixedGeneratorOptions {
  int students = 400;
  std::uint64_t seed = 1;
  bool planted = false;
  // Absent: chosen by the seed (seed 1 traditional, 2 block, 3 trimester, 4 traditional, ...).
  std::optional<CalendarKind> calendar;
};

// The calendar a run of these options makes.
CalendarKind EffectiveCalendar(const MixedGeneratorOptions& options);

struct GeneratedSchool {
  School school;
  // Planted mode only: `school` with every section placed, staffed, roomed and every request met.
  std::optional<School> planted_solution;
};

GeneratedSchool GenerateMixedSchool(const MixedGeneratorOptions& options);

}  // namespace secsched::engine::mixed_generator
