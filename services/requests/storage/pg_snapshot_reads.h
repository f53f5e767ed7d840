// Whole-calendar reads inside a caller's transaction, so that one REPEATABLE READ transaction
// can combine them into a snapshot of one moment (PgPlanningRepository::ReadSchedulingSnapshot).
#pragma once

#include <pqxx/transaction>
#include <string_view>
#include <vector>

#include "services/requests/domain/course_rules.h"
#include "services/requests/domain/planning_model.h"
#include "services/requests/domain/student_constraint.h"

namespace secsched::requests {

// Students by number, requests by student then request id.
RequestSnapshot ReadRequestSnapshot(pqxx::work& tx, std::string_view calendar_id);
// By student, then constraint id.
std::vector<StudentConstraint> ReadCalendarConstraints(pqxx::work& tx,
                                                       std::string_view calendar_id);
// By rule id.
std::vector<CourseRule> ReadCalendarRules(pqxx::work& tx, std::string_view calendar_id);

}  // namespace secsched::requests
