#include "services/access/api/access_handler.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"

namespace secsched::access {
namespace {

constexpr char kStaffPattern[] = "staff/{staff}";

void ToProto(const StaffMember& staff, v1::Staff* out) {
  out->set_name(api::FormatName(kStaffPattern, {staff.staff_id}));
  out->set_staff_id(staff.staff_id);
  out->set_display_name(staff.display_name);
  out->set_email(staff.email);
  out->set_employment_state(staff.employment_state == EmploymentState::kDeparted
                                ? v1::Staff::DEPARTED
                                : v1::Staff::ACTIVE);
  *out->mutable_update_time() = api::ToProtoTime(staff.update_time);
}

}  // namespace

grpc::Status AccessHandler::UpsertStaff(grpc::ServerContext* context,
                                        const v1::UpsertStaffRequest* request,
                                        v1::Staff* response) {
  return HandleCall(context, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::Staff& in = request->staff();
    absl::StatusOr<StaffMember> saved = staff_.Upsert(
        caller, {.staff_id = in.staff_id(), .display_name = in.display_name(), .email = in.email(),
                 .employment_state = in.employment_state() == v1::Staff::DEPARTED
                                         ? EmploymentState::kDeparted
                                         : EmploymentState::kActive});
    if (!saved.ok()) return saved.status();
    ToProto(*saved, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::GetStaff(grpc::ServerContext* context,
                                     const v1::GetStaffRequest* request, v1::Staff* response) {
  return HandleCall(context, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kStaffPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<StaffMember> staff = staff_.Get(caller, (*ids)[0]);
    if (!staff.ok()) return staff.status();
    ToProto(*staff, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::access
