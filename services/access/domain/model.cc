#include "services/access/domain/model.h"

#include <array>
#include <ctime>
#include <nlohmann/json.hpp>
#include <utility>

namespace secsched::access {
namespace {

template <class Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "UNSPECIFIED";
}

template <class Enum, size_t N>
std::optional<Enum> ValueOf(const std::array<std::pair<Enum, std::string_view>, N>& table,
                            std::string_view name) {
  for (const auto& [value, spelled] : table) {
    if (spelled == name) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Role, std::string_view>, 9> kRoles{{
    {Role::kOfficeProfessional, "OFFICE_PROFESSIONAL"},
    {Role::kSchoolCounselor, "SCHOOL_COUNSELOR"},
    {Role::kPrincipal, "PRINCIPAL"},
    {Role::kManager, "MANAGER"},
    {Role::kTeacher, "TEACHER"},
    {Role::kAssistantPrincipal, "ASSISTANT_PRINCIPAL"},
    {Role::kRegistrar, "REGISTRAR"},
    {Role::kOtherSchoolBased, "OTHER_SCHOOL_BASED"},
    {Role::kDistrict, "DISTRICT"},
}};
constexpr std::array<std::pair<CertificationType, std::string_view>, 2> kCertifications{{
    {CertificationType::kWalkInScheduling, "WALK_IN_SCHEDULING"},
    {CertificationType::kSecondaryScheduling, "SECONDARY_SCHEDULING"},
}};
constexpr std::array<std::pair<ApprovalState, std::string_view>, 3> kApprovalStates{{
    {ApprovalState::kActive, "ACTIVE"},
    {ApprovalState::kRevoked, "REVOKED"},
    {ApprovalState::kVoided, "VOIDED"},
}};
constexpr std::array<std::pair<GrantState, std::string_view>, 4> kGrantStates{{
    {GrantState::kPending, "PENDING"},
    {GrantState::kGranted, "GRANTED"},
    {GrantState::kRevoked, "REVOKED"},
    {GrantState::kExpired, "EXPIRED"},
}};

std::string IsoTime(Time t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

nlohmann::json OptionalDate(const std::optional<Date>& day) {
  return day ? nlohmann::json(FormatDate(*day)) : nlohmann::json(nullptr);
}

nlohmann::json OptionalTime(const std::optional<Time>& t) {
  return t ? nlohmann::json(IsoTime(*t)) : nlohmann::json(nullptr);
}

}  // namespace

std::string_view RoleName(Role role) { return NameOf(kRoles, role); }
std::optional<Role> ParseRole(std::string_view name) { return ValueOf(kRoles, name); }
bool IsSchoolBasedRole(Role role) { return role != Role::kDistrict; }
bool IsApproverRole(Role role) { return role == Role::kPrincipal || role == Role::kManager; }

std::string_view CertificationName(CertificationType type) { return NameOf(kCertifications, type); }
std::optional<CertificationType> ParseCertification(std::string_view name) {
  return ValueOf(kCertifications, name);
}
std::string_view ApprovalStateName(ApprovalState state) { return NameOf(kApprovalStates, state); }
std::optional<ApprovalState> ParseApprovalState(std::string_view name) {
  return ValueOf(kApprovalStates, name);
}
std::string_view GrantStateName(GrantState state) { return NameOf(kGrantStates, state); }
std::optional<GrantState> ParseGrantState(std::string_view name) {
  return ValueOf(kGrantStates, name);
}

std::string_view AuditEntityName(AuditEntity entity) {
  switch (entity) {
    case AuditEntity::kStaff:
      return "STAFF";
    case AuditEntity::kAssignment:
      return "ASSIGNMENT";
    case AuditEntity::kCertification:
      return "CERTIFICATION";
    case AuditEntity::kApproval:
      return "APPROVAL";
    case AuditEntity::kGrant:
      return "GRANT";
  }
  return "UNSPECIFIED";
}

bool Assignment::ActiveOn(Date day) const {
  using std::chrono::sys_days;
  return sys_days(start_date) <= sys_days(day) &&
         (!end_date || sys_days(day) <= sys_days(*end_date));
}

std::string AuditJson(const StaffMember& staff) {
  return nlohmann::json{
      {"staff_id", staff.staff_id},
      {"display_name", staff.display_name},
      {"email", staff.email},
      {"employment_state",
       staff.employment_state == EmploymentState::kDeparted ? "DEPARTED" : "ACTIVE"}}
      .dump();
}

std::string AuditJson(const Assignment& a) {
  return nlohmann::json{{"location_id", a.location_id},
                        {"role", RoleName(a.role)},
                        {"start_date", FormatDate(a.start_date)},
                        {"end_date", OptionalDate(a.end_date)}}
      .dump();
}

std::string AuditJson(const Completion& c) {
  return nlohmann::json{{"certification", CertificationName(c.type)},
                        {"completed_at", IsoTime(c.completed_at)},
                        {"source", c.source}}
      .dump();
}

std::string AuditJson(const Approval& a) {
  return nlohmann::json{{"approval_id", a.id},
                        {"location_id", a.location_id},
                        {"approver_id", a.approver_id},
                        {"approver_role", RoleName(a.approver_role)},
                        {"approved_at", IsoTime(a.approved_at)},
                        {"state", ApprovalStateName(a.state)},
                        {"end_reason", a.end_reason}}
      .dump();
}

std::string AuditJson(const Grant& g) {
  return nlohmann::json{{"grant_id", g.id},
                        {"location_id", g.location_id},
                        {"state", GrantStateName(g.state)},
                        {"requirements_met_at", IsoTime(g.requirements_met_at)},
                        {"granted_at", OptionalTime(g.granted_at)},
                        {"expires_on", OptionalDate(g.expires_on)},
                        {"ended_at", OptionalTime(g.ended_at)},
                        {"end_reason", g.end_reason},
                        {"sla_breached", g.sla_breached}}
      .dump();
}

}  // namespace secsched::access
