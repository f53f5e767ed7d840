#include "services/requests/domain/planning_model.h"

namespace secsched::requests {

StudentRequestIndex::StudentRequestIndex(const RequestSnapshot& snapshot) {
  by_student_.reserve(snapshot.students.size());
  for (const PlanningRequest& r : snapshot.requests) by_student_[r.student_number].push_back(&r);
}

const std::vector<const PlanningRequest*>& StudentRequestIndex::Of(
    std::string_view student_number) const {
  static const std::vector<const PlanningRequest*> kNone;
  auto it = by_student_.find(student_number);
  return it == by_student_.end() ? kNone : it->second;
}

}  // namespace secsched::requests
