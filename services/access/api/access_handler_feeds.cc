// AccessHandler: staff, the HR and learning-system feeds, and approvals.
#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/access/api/access_handler.h"
#include "services/access/api/proto_convert.h"

namespace secsched::access {

grpc::Status AccessHandler::UpsertStaff(grpc::ServerContext* context,
                                        const v1::UpsertStaffRequest* request,
                                        v1::Staff* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::Staff& in = request->staff();
    std::optional<EmploymentState> employment_state;  // unset: keep what is stored
    if (in.employment_state() == v1::Staff::ACTIVE) employment_state = EmploymentState::kActive;
    if (in.employment_state() == v1::Staff::DEPARTED) employment_state = EmploymentState::kDeparted;
    absl::StatusOr<StaffMember> saved = control_.UpsertStaff(
        caller, {.staff_id = in.staff_id(), .display_name = in.display_name(), .email = in.email()},
        employment_state);
    if (!saved.ok()) return saved.status();
    ToProto(*saved, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::GetStaff(grpc::ServerContext* context,
                                     const v1::GetStaffRequest* request, v1::Staff* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), "staff/{staff}");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<StaffMember> staff = control_.GetStaff(caller, (*ids)[0]);
    if (!staff.ok()) return staff.status();
    ToProto(*staff, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::SetAssignments(grpc::ServerContext* context,
                                           const v1::SetAssignmentsRequest* request,
                                           v1::SetAssignmentsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    v.Require(api::IsValidId(request->staff_id()), "staff_id", "is required");
    absl::StatusOr<Date> effective = ParseDate(request->effective_date());
    v.Require(effective.ok(), "effective_date", "must be a date written YYYY-MM-DD");
    std::vector<AssignmentSpec> specs;
    for (int i = 0; i < request->assignments_size(); ++i) {
      const v1::Assignment& a = request->assignments(i);
      std::optional<Role> role = RoleFromProto(a.role());
      const std::string field = "assignments[" + std::to_string(i) + "]";
      v.Require(role.has_value(), field + ".role", "is required");
      v.Require(api::IsValidId(a.location_id()), field + ".location_id", "is required");
      if (role) specs.push_back({.location_id = a.location_id(), .role = *role});
    }
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<std::vector<Assignment>> current =
        control_.SetAssignments(caller, request->staff_id(), specs, *effective);
    if (!current.ok()) return current.status();
    for (const Assignment& a : *current) ToProto(a, response->add_assignments());
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::RecordDeparture(grpc::ServerContext* context,
                                            const v1::RecordDepartureRequest* request,
                                            v1::Staff* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    v.Require(api::IsValidId(request->staff_id()), "staff_id", "is required");
    absl::StatusOr<Date> last_day = ParseDate(request->last_day());
    v.Require(last_day.ok(), "last_day", "must be a date written YYYY-MM-DD");
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<StaffMember> departed =
        control_.RecordDeparture(caller, request->staff_id(), *last_day, request->reason());
    if (!departed.ok()) return departed.status();
    ToProto(*departed, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::RecordCompletion(grpc::ServerContext* context,
                                             const v1::RecordCompletionRequest* request,
                                             v1::Completion* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::Completion& in = request->completion();
    FieldValidator v;
    v.Require(api::IsValidId(in.staff_id()), "completion.staff_id", "is required");
    std::optional<CertificationType> type = CertificationFromProto(in.certification());
    v.Require(type.has_value(), "completion.certification", "is required");
    v.Require(in.has_complete_time(), "completion.complete_time", "is required");
    v.Require(!in.source().empty() && in.source().size() <= 100, "completion.source",
              "is required (at most 100 characters)");
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<Completion> recorded = control_.RecordCompletion(
        caller, in.staff_id(), *type, api::FromProtoTime(in.complete_time()), in.source());
    if (!recorded.ok()) return recorded.status();
    ToProto(*recorded, control_.policy(), response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::ApproveAccess(grpc::ServerContext* context,
                                          const v1::ApproveAccessRequest* request,
                                          v1::Approval* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    v.Require(api::IsValidId(request->staff_id()), "staff_id", "is required");
    v.Require(api::IsValidId(request->location_id()), "location_id", "is required");
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<Approval> approval =
        control_.Approve(caller, request->staff_id(), request->location_id());
    if (!approval.ok()) return approval.status();
    ToProto(*approval, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::RevokeApproval(grpc::ServerContext* context,
                                           const v1::RevokeApprovalRequest* request,
                                           v1::Approval* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), "approvals/{approval}");
    if (!ids.ok()) return ids.status();
    if (request->reason().size() > 500) return InvalidField("reason", "is at most 500 characters");
    absl::StatusOr<Approval> revoked =
        control_.RevokeApproval(caller, (*ids)[0], request->reason());
    if (!revoked.ok()) return revoked.status();
    ToProto(*revoked, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::access
