// Rows of a trial's schedule written straight into the env's schema (per migration 002), for
// tests that need sections, teachers, meetings, enrollments and unmet requests before the
// services that write them exist (or to set up exact report inputs quickly).
//
//   SeedTrial(env.pool(), {"east-2026", "t1"});
//   SeedSection(env.pool(), {.calendar_id = "east-2026", .trial_id = "t1", .section_id = "eng9-1",
//                            .course_id = "eng9", .primary_teacher_id = "t-ada", .capacity = 25,
//                            .meetings = {{"s1", 3, ""}}});
//   SeedEnrollment(env.pool(), {..., .student_id = "st-1", .request_rank = 0});
//
// Each call is one transaction; a failure throws (the test is wrong, not the code under test).
#pragma once

#include <string>

#include "common/pg/pool.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning::testing {

void SeedTrial(pg::PgPool& pool, const TrialKey& trial);
// The section, its teachers (PRIMARY + CO) and meetings.
void SeedSection(pg::PgPool& pool, const Section& section);
// source, dates and credit as given; course_id must be the section's.
void SeedEnrollment(pg::PgPool& pool, const Enrollment& enrollment);
void SeedUnmetRequest(pg::PgPool& pool, const TrialKey& trial, const std::string& student_id,
                      const std::string& course_id, bool required, const std::string& reason);

}  // namespace secsched::sectioning::testing
