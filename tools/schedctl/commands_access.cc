// staff upsert | get — AccessService.
#include "secsched/access/v1/access.grpc.pb.h"
#include "tools/schedctl/command.h"

namespace secsched::schedctl {
namespace {

namespace access = secsched::access::v1;

std::unique_ptr<access::AccessService::Stub> AccessStub(const CommandContext& context) {
  return access::AccessService::NewStub(ChannelTo(context, Service::kAccess));
}

// An upsert states the whole record, as the HR feed does: without --departed the staff member
// is (again) ACTIVE.
int UpsertStaff(const CommandContext& context) {
  access::UpsertStaffRequest request;
  access::Staff& staff = *request.mutable_staff();
  staff.set_staff_id(context.args.Get("id"));
  staff.set_display_name(context.args.Get("name"));
  staff.set_email(context.args.Get("email"));
  staff.set_employment_state(context.args.Has("departed") ? access::Staff::DEPARTED
                                                          : access::Staff::ACTIVE);
  grpc::ClientContext call;
  PrepareCall(context, call);
  access::Staff response;
  return Report(context, Service::kAccess,
                AccessStub(context)->UpsertStaff(&call, request, &response), response);
}

int GetStaff(const CommandContext& context) {
  access::GetStaffRequest request;
  request.set_name(QualifiedName("staff", context.Operand(0)));
  grpc::ClientContext call;
  PrepareCall(context, call);
  access::Staff response;
  return Report(context, Service::kAccess, AccessStub(context)->GetStaff(&call, request, &response),
                response);
}

}  // namespace

std::vector<Command> StaffCommands() {
  return {
      {.resource = "staff",
       .verb = "upsert",
       .synopsis = "--id ID --name NAME --email EMAIL [--departed]",
       .summary = "Create or update a staff member (needs the hr-feed scope).",
       .value_flags = {"id", "name", "email"},
       .switches = {"departed"},
       .required = {"id", "name", "email"},
       .run = UpsertStaff},
      {.resource = "staff",
       .verb = "get",
       .synopsis = "ID",
       .summary = "Show a staff member (ID or staff/ID).",
       .operands = 1,
       .run = GetStaff},
  };
}

}  // namespace secsched::schedctl
