// jobs start | get | watch | cancel — SectioningService's job methods.
#include <chrono>

#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/job_type.h"
#include "tools/schedctl/job_watch.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;

std::unique_ptr<sectioning::SectioningService::Stub> SectioningStub(const CommandContext& context) {
  return sectioning::SectioningService::NewStub(ChannelTo(context, Service::kSectioning));
}

// Follows the job until it ends; the exit code says how it ended.
int Watch(const CommandContext& context, const std::string& job_name) {
  sectioning::WatchJobRequest request;
  request.set_name(job_name);
  grpc::ClientContext call;
  PrepareCall(context, call);
  // A job runs as long as it needs; the default 10s deadline would cut the watch off. Only an
  // explicit --timeout bounds it.
  if (!context.options.timeout_given) {
    call.set_deadline(std::chrono::system_clock::time_point::max());
  }
  auto stub = SectioningStub(context);
  std::unique_ptr<grpc::ClientReader<Job>> stream = stub->WatchJob(&call, request);

  JobWatchPrinter printer(context.out, context.options.output, context.out_is_terminal);
  Job update;
  bool finished = false;
  while (!finished && stream->Read(&update)) {
    printer.OnUpdate(update);
    finished = IsFinished(update.state());
  }
  // The server closes the stream after the final state; cancelling covers one that lingers, and
  // makes Finish() return at once (its CANCELLED status is then ours, not an error).
  if (finished) call.TryCancel();
  const grpc::Status status = stream->Finish();
  printer.Finish();

  if (finished) return ExitCodeForJob(*printer.last());
  if (!status.ok()) return ReportRpcError(context, Service::kSectioning, status);
  context.err << "error: the watch of " << job_name << " ended before the job finished\n";
  return kExitFailed;
}

int StartJob(const CommandContext& context) {
  std::optional<Job::Type> type = ParseJobType(context.args.Get("type"));
  if (!type.has_value()) {
    return UsageError(context, "--type must be one of: " + JobTypeList() + " (not \"" +
                                   context.args.Get("type") + "\")");
  }
  sectioning::StartJobRequest request;
  request.set_parent(context.args.Get("trial"));
  request.set_type(*type);
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  Job job;
  const grpc::Status status = SectioningStub(context)->StartJob(&call, request, &job);
  if (!context.args.Has("watch")) return Report(context, Service::kSectioning, status, job);

  if (!status.ok()) return ReportRpcError(context, Service::kSectioning, status);
  // Keep --output json a clean stream of one object per line; in a table, one line is enough
  // as the watch ends with the whole job.
  if (context.options.output == OutputFormat::kJson) {
    context.out << RenderJson(job, /*multiline=*/false);
  } else {
    context.out << "started " << job.name() << "\n";
  }
  context.out << std::flush;
  return Watch(context, job.name());
}

int GetJob(const CommandContext& context) {
  sectioning::GetJobRequest request;
  request.set_name(QualifiedName("jobs", context.Operand(0)));
  grpc::ClientContext call;
  PrepareCall(context, call);
  Job job;
  return Report(context, Service::kSectioning,
                SectioningStub(context)->GetJob(&call, request, &job), job);
}

int WatchJob(const CommandContext& context) {
  return Watch(context, QualifiedName("jobs", context.Operand(0)));
}

int CancelJob(const CommandContext& context) {
  sectioning::CancelJobRequest request;
  request.set_name(QualifiedName("jobs", context.Operand(0)));
  grpc::ClientContext call;
  PrepareCall(context, call);
  Job job;
  return Report(context, Service::kSectioning,
                SectioningStub(context)->CancelJob(&call, request, &job), job);
}

}  // namespace

std::vector<Command> JobCommands() {
  return {
      {.resource = "jobs",
       .verb = "start",
       .synopsis = "--trial calendars/CAL/trials/TRIAL --type TYPE [--watch]",
       .summary = "Start a job on a trial (TYPE: " + JobTypeList() + "); --watch follows it.",
       .value_flags = {"trial", "type"},
       .switches = {"watch"},
       .required = {"trial", "type"},
       .run = StartJob},
      {.resource = "jobs",
       .verb = "get",
       .synopsis = "jobs/JOB",
       .summary = "Show a job (jobs/JOB or JOB).",
       .operands = 1,
       .run = GetJob},
      {.resource = "jobs",
       .verb = "watch",
       .synopsis = "jobs/JOB",
       .summary = "Follow a job to its end; exit 0 if it SUCCEEDED, else 1.",
       .operands = 1,
       .run = WatchJob},
      {.resource = "jobs",
       .verb = "cancel",
       .synopsis = "jobs/JOB",
       .summary = "Ask a queued or running job to stop.",
       .operands = 1,
       .run = CancelJob},
  };
}

}  // namespace secsched::schedctl
