// Builds StaffFacts for the pure rule tests: one fluent line per fact.
#pragma once

#include "services/access/domain/model.h"

namespace secsched::access::testing {

inline Date D(int y, unsigned m, unsigned d) {
  return std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
}
// Noon UTC of a day: a stand-in instant; the pure rules only compare instants.
inline Time At(Date day, int hour = 12) {
  return Time(std::chrono::sys_days(day)) + std::chrono::hours(hour);
}

class FactsBuilder {
 public:
  explicit FactsBuilder(std::string staff_id = "dana") {
    facts_.staff = {.staff_id = staff_id, .display_name = "Dana", .email = "dana@example.org"};
  }
  FactsBuilder& Departed() {
    facts_.staff.employment_state = EmploymentState::kDeparted;
    return *this;
  }
  FactsBuilder& Assigned(std::string location, Role role, Date start,
                         std::optional<Date> end = std::nullopt) {
    facts_.assignments.push_back({.id = next_id_++,
                                  .staff_id = facts_.staff.staff_id,
                                  .location_id = std::move(location),
                                  .role = role,
                                  .start_date = start,
                                  .end_date = end});
    return *this;
  }
  FactsBuilder& Completed(CertificationType type, Date day, int hour = 12) {
    facts_.completions.push_back({.id = next_id_++,
                                  .staff_id = facts_.staff.staff_id,
                                  .type = type,
                                  .completed_at = At(day, hour),
                                  .completed_on = day,
                                  .source = "test"});
    return *this;
  }
  FactsBuilder& WalkIn(Date day, int hour = 12) {
    return Completed(CertificationType::kWalkInScheduling, day, hour);
  }
  FactsBuilder& Secondary(Date day, int hour = 13) {
    return Completed(CertificationType::kSecondaryScheduling, day, hour);
  }
  FactsBuilder& Approved(std::string location, Date day, Role approver_role = Role::kPrincipal,
                         ApprovalState state = ApprovalState::kActive) {
    facts_.approvals.push_back({.id = "approval-" + std::to_string(next_id_++),
                                .staff_id = facts_.staff.staff_id,
                                .location_id = std::move(location),
                                .approver_id = "pat",
                                .approver_role = approver_role,
                                .approved_at = At(day),
                                .approved_on = day,
                                .state = state});
    return *this;
  }
  FactsBuilder& OpenGrant(std::string location, GrantState state, Date met_on,
                          std::optional<Date> expires_on = std::nullopt) {
    Grant g{.id = "grant-" + std::to_string(next_id_++),
            .staff_id = facts_.staff.staff_id,
            .location_id = std::move(location),
            .state = state,
            .requirements_met_at = At(met_on),
            .requirements_met_on = met_on,
            .expires_on = expires_on};
    if (state == GrantState::kGranted) g.granted_at = At(met_on);
    facts_.open_grants.push_back(g);
    return *this;
  }
  const StaffFacts& facts() const { return facts_; }

 private:
  StaffFacts facts_;
  int64_t next_id_ = 1;
};

}  // namespace secsched::access::testing
