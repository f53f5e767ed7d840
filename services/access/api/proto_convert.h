// proto ⇄ domain for the access API (generated types stop here).
#pragma once

#include "absl/status/statusor.h"
#include "secsched/access/v1/access.pb.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {

void ToProto(const StaffMember& staff, v1::Staff* out);
void ToProto(const Assignment& assignment, v1::Assignment* out);
void ToProto(const Completion& completion, const AccessPolicy& policy, v1::Completion* out);
void ToProto(const Approval& approval, v1::Approval* out);
void ToProto(const Grant& grant, v1::Grant* out);
void ToProto(const Requirement& requirement, v1::Requirement* out);
void ToProto(const AuditEntry& entry, v1::AuditEntry* out);
void ToProto(const SweepReport& report, v1::SweepReport* out);

std::optional<Role> RoleFromProto(v1::Role role);
v1::Role RoleToProto(Role role);
std::optional<CertificationType> CertificationFromProto(v1::CertificationType type);

// INVALID_ARGUMENT with a field violation on `field` unless `text` is YYYY-MM-DD.
absl::StatusOr<Date> DateField(const std::string& text, std::string_view field);
// INVALID_ARGUMENT unless `id` is a valid id (api::IsValidId).
absl::Status IdField(const std::string& id, std::string_view field);

}  // namespace secsched::access
