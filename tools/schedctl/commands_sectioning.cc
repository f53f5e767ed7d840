// trials create | get — SectioningService (jobs are in commands_jobs.cc).
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tools/schedctl/command.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;

std::unique_ptr<sectioning::SectioningService::Stub> SectioningStub(const CommandContext& context) {
  return sectioning::SectioningService::NewStub(ChannelTo(context, Service::kSectioning));
}

int CreateTrial(const CommandContext& context) {
  sectioning::CreateTrialRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.mutable_trial()->set_display_name(context.args.Get("name"));
  request.set_trial_id(context.args.Get("id"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Trial response;
  return Report(context, Service::kSectioning,
                SectioningStub(context)->CreateTrial(&call, request, &response), response);
}

int GetTrial(const CommandContext& context) {
  sectioning::GetTrialRequest request;
  request.set_name(context.Operand(0));
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Trial response;
  return Report(context, Service::kSectioning,
                SectioningStub(context)->GetTrial(&call, request, &response), response);
}

}  // namespace

std::vector<Command> TrialCommands() {
  return {
      {.resource = "trials",
       .verb = "create",
       .synopsis = "--calendar CAL --name NAME [--id ID]",
       .summary = "Create a trial of a calendar's schedule (CAL: calendars/ID or ID).",
       .value_flags = {"calendar", "name", "id"},
       .required = {"calendar", "name"},
       .run = CreateTrial},
      {.resource = "trials",
       .verb = "get",
       .synopsis = "calendars/CAL/trials/TRIAL",
       .summary = "Show a trial.",
       .operands = 1,
       .run = GetTrial},
  };
}

}  // namespace secsched::schedctl
