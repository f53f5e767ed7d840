#include "services/access/api/proto_convert.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/status/status.h"

namespace secsched::access {
namespace {

struct RolePair {
  Role role;
  v1::Role proto;
};
constexpr RolePair kRoles[] = {
    {Role::kOfficeProfessional, v1::OFFICE_PROFESSIONAL},
    {Role::kSchoolCounselor, v1::SCHOOL_COUNSELOR},
    {Role::kPrincipal, v1::PRINCIPAL},
    {Role::kManager, v1::MANAGER},
    {Role::kTeacher, v1::TEACHER},
    {Role::kAssistantPrincipal, v1::ASSISTANT_PRINCIPAL},
    {Role::kRegistrar, v1::REGISTRAR},
    {Role::kOtherSchoolBased, v1::OTHER_SCHOOL_BASED},
    {Role::kDistrict, v1::DISTRICT},
};

}  // namespace

std::optional<Role> RoleFromProto(v1::Role role) {
  for (const RolePair& p : kRoles) {
    if (p.proto == role) return p.role;
  }
  return std::nullopt;
}

v1::Role RoleToProto(Role role) {
  for (const RolePair& p : kRoles) {
    if (p.role == role) return p.proto;
  }
  return v1::ROLE_UNSPECIFIED;
}

std::optional<CertificationType> CertificationFromProto(v1::CertificationType type) {
  if (type == v1::WALK_IN_SCHEDULING) return CertificationType::kWalkInScheduling;
  if (type == v1::SECONDARY_SCHEDULING) return CertificationType::kSecondaryScheduling;
  return std::nullopt;
}

void ToProto(const StaffMember& staff, v1::Staff* out) {
  out->set_name(api::FormatName("staff/{staff}", {staff.staff_id}));
  out->set_staff_id(staff.staff_id);
  out->set_display_name(staff.display_name);
  out->set_email(staff.email);
  out->set_employment_state(staff.employment_state == EmploymentState::kDeparted
                                ? v1::Staff::DEPARTED
                                : v1::Staff::ACTIVE);
  *out->mutable_update_time() = api::ToProtoTime(staff.update_time);
}

void ToProto(const Assignment& a, v1::Assignment* out) {
  out->set_location_id(a.location_id);
  out->set_role(RoleToProto(a.role));
  out->set_start_date(FormatDate(a.start_date));
  if (a.end_date) out->set_end_date(FormatDate(*a.end_date));
}

void ToProto(const Completion& c, const AccessPolicy& policy, v1::Completion* out) {
  out->set_name("staff/" + c.staff_id + "/certifications/" + std::to_string(c.id));
  out->set_staff_id(c.staff_id);
  out->set_certification(c.type == CertificationType::kSecondaryScheduling
                             ? v1::SECONDARY_SCHEDULING
                             : v1::WALK_IN_SCHEDULING);
  *out->mutable_complete_time() = api::ToProtoTime(c.completed_at);
  out->set_source(c.source);
  if (c.type == CertificationType::kSecondaryScheduling) {
    out->set_valid_until(FormatDate(CertificationValidUntil(policy, c.completed_on)));
  }
}

void ToProto(const Approval& a, v1::Approval* out) {
  out->set_name("approvals/" + a.id);
  out->set_staff_id(a.staff_id);
  out->set_location_id(a.location_id);
  out->set_approver_id(a.approver_id);
  out->set_approver_role(RoleToProto(a.approver_role));
  *out->mutable_approve_time() = api::ToProtoTime(a.approved_at);
  out->set_state(a.state == ApprovalState::kActive    ? v1::Approval::ACTIVE
                 : a.state == ApprovalState::kRevoked ? v1::Approval::REVOKED
                                                      : v1::Approval::VOIDED);
  if (a.ended_at) *out->mutable_end_time() = api::ToProtoTime(*a.ended_at);
  out->set_end_reason(a.end_reason);
}

void ToProto(const Grant& g, v1::Grant* out) {
  out->set_name("grants/" + g.id);
  out->set_staff_id(g.staff_id);
  out->set_location_id(g.location_id);
  switch (g.state) {
    case GrantState::kPending:
      out->set_state(v1::Grant::PENDING);
      break;
    case GrantState::kGranted:
      out->set_state(v1::Grant::GRANTED);
      break;
    case GrantState::kRevoked:
      out->set_state(v1::Grant::REVOKED);
      break;
    case GrantState::kExpired:
      out->set_state(v1::Grant::EXPIRED);
      break;
  }
  *out->mutable_requirements_met_time() = api::ToProtoTime(g.requirements_met_at);
  if (g.granted_at) *out->mutable_grant_time() = api::ToProtoTime(*g.granted_at);
  if (g.expires_on) out->set_expires_on(FormatDate(*g.expires_on));
  if (g.ended_at) *out->mutable_end_time() = api::ToProtoTime(*g.ended_at);
  out->set_end_reason(g.end_reason);
  out->set_sla_breached(g.sla_breached);
}

void ToProto(const Requirement& r, v1::Requirement* out) {
  switch (r.kind) {
    case RequirementKind::kEmployment:
      out->set_kind(v1::Requirement::EMPLOYMENT);
      break;
    case RequirementKind::kRole:
      out->set_kind(v1::Requirement::ROLE);
      break;
    case RequirementKind::kCertification:
      out->set_kind(v1::Requirement::CERTIFICATION);
      break;
    case RequirementKind::kApproval:
      out->set_kind(v1::Requirement::APPROVAL);
      break;
  }
  out->set_met(r.met);
  out->set_detail(r.detail);
  if (r.since) out->set_since(FormatDate(*r.since));
  if (r.until) out->set_until(FormatDate(*r.until));
}

void ToProto(const AuditEntry& e, v1::AuditEntry* out) {
  out->set_id(e.id);
  *out->mutable_occur_time() = api::ToProtoTime(e.occurred_at);
  out->set_actor(e.actor);
  out->set_staff_id(e.staff_id);
  out->set_location_id(e.location_id);
  out->set_entity(std::string(AuditEntityName(e.entity)));
  out->set_entity_id(e.entity_id);
  out->set_action(e.action);
  out->set_reason(e.reason);
  out->set_before_json(e.before_json);
  out->set_after_json(e.after_json);
}

void ToProto(const SweepReport& r, v1::SweepReport* out) {
  out->set_staff_examined(r.staff_examined);
  out->set_staff_reevaluated(r.staff_reevaluated);
  out->set_granted(r.granted);
  out->set_revoked(r.revoked);
  out->set_expired(r.expired);
  out->set_sla_breaches(r.sla_breaches);
  out->set_duration_ms(r.duration.count());
}

absl::StatusOr<Date> DateField(const std::string& text, std::string_view field) {
  absl::StatusOr<Date> date = ParseDate(text);
  if (!date.ok()) return InvalidField(field, "must be a date written YYYY-MM-DD");
  return date;
}

absl::Status IdField(const std::string& id, std::string_view field) {
  if (api::IsValidId(id)) return absl::OkStatus();
  return InvalidField(field, "is required: 1-63 characters of a-z, 0-9 and -");
}

}  // namespace secsched::access
