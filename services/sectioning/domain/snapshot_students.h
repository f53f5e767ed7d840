// The requests service's snapshot of a calendar as the engine's students and course rules.
// Pure: what was read through the requests service's API in, engine values out.
//
// One meaning of request priority: the requests service's (0 = none, higher is loaded first, up
// to 100). The engine ranks 1 (first) .. 9 and loads a request without priority at 5, so a
// request with any priority goes before every request without one:
//   0 → 5;  1..25 → 4;  26..50 → 3;  51..75 → 2;  76..100 → 1.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/requests/requests_reader.h"
#include "services/sectioning/domain/engine_placement.h"
#include "services/sectioning/engine/model.h"

namespace secsched::sectioning {

int EnginePriority(int requests_priority);

struct EngineStudents {
  std::vector<engine::Student> students;
  std::vector<engine::CourseRule> rules;
  // Requests left out because their course is not an active course of the catalog, and LINKED
  // requests added (see StudentsFromSnapshot).
  int requests_skipped = 0;
  int linked_requests_added = 0;
};

// Active students only, by id. A primary request carries its own alternates in rank order; the
// general alternates (tied to no request) go to general_alternate_course_ids in rank order.
// Requests, alternates, rules and AVOID_TEACHER constraints naming a course or teacher the
// engine does not have (inactive or unknown) are left out. KEEP_PERIOD_FREE keeps its period in
// its term (every term when none). A LINKED rule A–B adds a primary request for B (same required
// flag and priority) to every student who requests A but not B, and the other way round:
// requesting a lecture brings its lab.
EngineStudents StudentsFromSnapshot(const requests::RequestsSnapshot& snapshot,
                                    const EngineCalendar& calendar,
                                    const std::set<std::string>& course_ids,
                                    const std::set<std::string>& teacher_ids);

}  // namespace secsched::sectioning
