// A realistic school generator for tests and benchmarks (standard library only, deterministic
// for a seed on every platform: it draws from its own splitmix64, never std distributions).
//
// What it makes (high school, grades 9-12; or middle school, grades 6-8):
// - a two-semester, 7-period calendar (optionally with a day rotation: see GeneratorOptions);
// - departments with grade cores (English, Math, Science, Social Studies per grade, required;
//   grade 9 adds Health S1 + PE S2; grade 12 takes Government + Economics);
// - electives with skewed (Zipf-like) popularity and ranked alternates;
// - AP singletons and doubletons (fixed sections_to_build) for grades 11-12, some replacing a core;
//   in realistic mode a fixed count grows to what the demand needs (a school opens AP sections for
//   its demand), so they stay singletons and doubletons where one or two classes hold it;
// - labs needing lab rooms, two of them double-period (AP Biology all year, Culinary a semester);
// - course rules: Health SAME_PERIOD PE 9, Government DIFFERENT_TERM Economics, Algebra 1A
//   PRECEDES Algebra 1B (the split-year track), AP Physics LINKED AP Physics Lab;
// - a 9th-grade (or 6th-grade) team, ~30 % of the grade, with team sections of its cores;
// - a few student constraints (avoid a teacher; keep the last period free);
// - teachers per department just covering the sections needed (AP courses taught by one or two
//   of them), rooms by type (regular, lab, gym, art, music, computer, kitchen).
//
// Realistic mode: the school has requests but no placements or enrollments; the only sections
// present are the team's (unplaced, no teacher), the builder creates the rest.
//
// Planted mode: the generator first builds a conflict-free master schedule (placing sections and
// hiring teachers and building rooms as needed), then assigns every student a conflict-free,
// capacity-respecting set of sections, keeping as requests only what it could assign. It emits the
// school WITH every section present (teacher and room assigned) but UNPLACED and with no
// enrollments, so a 100 % solution is known to exist; `planted_solution` holds that solution.
#pragma once

#include <cstdint>
#include <optional>

#include "services/sectioning/engine/model.h"

namespace secsched::engine::generator {

enum class SchoolLevel { kHigh, kMiddle };

struct GeneratorOptions {
  int students = 400;
  std::uint64_t seed = 1;
  SchoolLevel level = SchoolLevel::kHigh;
  bool planted = false;
  // Realistic mode: grow a course's fixed section count (the AP courses) to ceil(requests / max)
  // when its demand needs more. false keeps the catalog counts at every size (the generator
  // before 2026-11-29, whose large schools could not seat 8-11 % of their requests at all).
  bool scale_fixed_sections = true;
  // Day rotation (Calendar::rotation_days, 1..8): with an even count, PE and the electives meet
  // every other day (days_per_rotation = rotation_days / 2; with A/B days: on A or on B), the
  // other courses every day; teachers and rooms are sized for the (period, term, day) cells.
  // 1 (the default) makes exactly the school it always made.
  int rotation_days = 1;
};

struct GeneratedSchool {
  School school;
  // Planted mode only: `school` with every section placed and every request met.
  std::optional<School> planted_solution;
};

GeneratedSchool GenerateSchool(const GeneratorOptions& options);

}  // namespace secsched::engine::generator
