#include "services/sectioning/api/sectioning_handler.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"
#include "common/status/status.h"

namespace secsched::sectioning {
namespace {

constexpr char kCalendarPattern[] = "calendars/{calendar}";
constexpr char kTrialPattern[] = "calendars/{calendar}/trials/{trial}";
constexpr char kJobPattern[] = "jobs/{job}";

void ToProto(const Trial& trial, v1::Trial* out) {
  out->set_name(api::FormatName(kTrialPattern, {trial.key.calendar_id, trial.key.trial_id}));
  out->set_display_name(trial.display_name);
  out->set_section_count(trial.section_count);
  *out->mutable_create_time() = api::ToProtoTime(trial.create_time);
  out->set_creator(trial.creator);
}

v1::Job::State ToProto(jobs::JobState state) {
  switch (state) {
    case jobs::JobState::kQueued: return v1::Job::QUEUED;
    case jobs::JobState::kRunning: return v1::Job::RUNNING;
    case jobs::JobState::kSucceeded: return v1::Job::SUCCEEDED;
    case jobs::JobState::kFailed: return v1::Job::FAILED;
    case jobs::JobState::kCancelled: return v1::Job::CANCELLED;
  }
  return v1::Job::STATE_UNSPECIFIED;
}

v1::Job::Type JobTypeToProto(std::string_view type) {
  if (type == JobTypeName(TrialJobType::kCountSections)) return v1::Job::COUNT_SECTIONS;
  return v1::Job::TYPE_UNSPECIFIED;
}

void ToProto(const jobs::Job& job, v1::Job* out) {
  out->set_name(api::FormatName(kJobPattern, {job.id}));
  if (absl::StatusOr<TrialKey> trial = TrialFromScope(job.scope); trial.ok()) {
    out->set_parent(api::FormatName(kTrialPattern, {trial->calendar_id, trial->trial_id}));
  }
  out->set_type(JobTypeToProto(job.type));
  out->set_state(ToProto(job.state));
  out->set_progress_percent(job.progress_percent);
  out->set_phase(job.phase);
  out->set_attempt(job.attempt);
  out->set_result(job.result);
  out->set_error(job.error);
  *out->mutable_create_time() = api::ToProtoTime(job.created_at);
  *out->mutable_update_time() = api::ToProtoTime(job.updated_at);
}

absl::StatusOr<TrialKey> ParseTrial(const std::string& name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kTrialPattern, field);
  if (!ids.ok()) return ids.status();
  return TrialKey{(*ids)[0], (*ids)[1]};
}

absl::StatusOr<std::string> ParseJob(const std::string& name) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kJobPattern);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::StatusOr<TrialJobType> ParseJobType(v1::Job::Type type) {
  switch (type) {
    case v1::Job::COUNT_SECTIONS: return TrialJobType::kCountSections;
    default: return InvalidField("type", "must be a job type, e.g. COUNT_SECTIONS");
  }
}

}  // namespace

grpc::Status SectioningHandler::CreateTrial(grpc::ServerContext* context,
                                            const v1::CreateTrialRequest* request,
                                            v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<Trial> created =
        trials_.Create(caller, {.calendar_id = (*parent)[0], .trial_id = request->trial_id(),
                                .display_name = request->trial().display_name(),
                                .request_id = request->request_id()});
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::GetTrial(grpc::ServerContext* context,
                                         const v1::GetTrialRequest* request, v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> key = ParseTrial(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<Trial> trial = trials_.Get(caller, *key);
    if (!trial.ok()) return trial.status();
    ToProto(*trial, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::StartJob(grpc::ServerContext* context,
                                         const v1::StartJobRequest* request, v1::Job* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<TrialJobType> type = ParseJobType(request->type());
    if (!type.ok()) return type.status();
    absl::StatusOr<jobs::Job> job = jobs_.Start(caller, *trial, *type, request->request_id());
    if (!job.ok()) return job.status();
    ToProto(*job, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::GetJob(grpc::ServerContext* context,
                                       const v1::GetJobRequest* request, v1::Job* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = ParseJob(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<jobs::Job> job = jobs_.Get(caller, *id);
    if (!job.ok()) return job.status();
    ToProto(*job, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::WatchJob(grpc::ServerContext* context,
                                         const v1::WatchJobRequest* request,
                                         grpc::ServerWriter<v1::Job>* writer) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = ParseJob(request->name());
    if (!id.ok()) return id.status();
    return jobs_.Watch(
        caller, *id,
        [&](const jobs::Job& job) {
          v1::Job out;
          ToProto(job, &out);
          return writer->Write(out);  // false: the client went away
        },
        [&] { return !context->IsCancelled(); });
  });
}

grpc::Status SectioningHandler::CancelJob(grpc::ServerContext* context,
                                          const v1::CancelJobRequest* request, v1::Job* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = ParseJob(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<jobs::Job> job = jobs_.Cancel(caller, *id);
    if (!job.ok()) return job.status();
    ToProto(*job, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::sectioning
