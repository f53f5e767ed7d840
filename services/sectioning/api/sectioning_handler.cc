#include "services/sectioning/api/sectioning_handler.h"

#include "absl/strings/ascii.h"
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/api/update_mask.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/sectioning/api/names.h"

namespace secsched::sectioning {
namespace {

constexpr char kJobPattern[] = "jobs/{job}";

void ToProto(const Trial& trial, v1::Trial* out) {
  out->set_name(api::FormatName(kTrialPattern, {trial.key.calendar_id, trial.key.trial_id}));
  out->set_display_name(trial.display_name);
  out->set_section_count(trial.section_count);
  *out->mutable_create_time() = api::ToProtoTime(trial.create_time);
  out->set_creator(trial.creator);
  out->set_state(trial.state == TrialState::kActive ? v1::Trial::ACTIVE : v1::Trial::DRAFT);
  out->set_locked(trial.locked);
  if (!trial.copied_from.empty()) {
    out->set_copied_from(
        api::FormatName(kTrialPattern, {trial.key.calendar_id, trial.copied_from}));
  }
  *out->mutable_update_time() = api::ToProtoTime(trial.update_time);
}

void ToProto(const TrialTotals& totals, v1::TrialTotals* out) {
  out->set_sections(totals.sections);
  out->set_seats(totals.seats);
  out->set_students(totals.students);
  out->set_students_complete(totals.students_complete);
  out->set_primary_requests_met(totals.primary_requests_met);
  out->set_requests_met(totals.requests_met);
  out->set_unmet_requests(totals.unmet_requests);
}

void ToProto(const TrialComparison& comparison, v1::CompareTrialsResponse* out) {
  ToProto(comparison.a, out->mutable_summary_a());
  ToProto(comparison.b, out->mutable_summary_b());
  for (const CourseComparison& c : comparison.courses) {
    v1::CourseComparison* course = out->add_courses();
    course->set_course_id(c.course_id);
    course->set_sections_a(c.sections_a);
    course->set_sections_b(c.sections_b);
    course->set_seats_a(c.seats_a);
    course->set_seats_b(c.seats_b);
    course->set_placements_differ(c.placements_differ);
    course->set_unmatched_sections(c.unmatched_sections);
  }
  for (const StudentComparison& s : comparison.students) {
    v1::StudentComparison* student = out->add_students();
    student->set_student_id(s.student_id);
    student->set_primary_requests_met_a(s.primary_requests_met_a);
    student->set_primary_requests_met_b(s.primary_requests_met_b);
    student->set_complete_a(s.complete_a);
    student->set_complete_b(s.complete_b);
  }
  out->set_next_page_token(api::EncodePageToken(comparison.next_after));
  out->set_changed_courses(comparison.changed_courses);
  out->set_changed_students(comparison.changed_students);
}

absl::StatusOr<TrialFilter> ParseTrialFilter(v1::Trial::State state) {
  switch (state) {
    case v1::Trial::STATE_UNSPECIFIED:
      return TrialFilter{};
    case v1::Trial::DRAFT:
      return TrialFilter{.state = TrialState::kDraft};
    case v1::Trial::ACTIVE:
      return TrialFilter{.state = TrialState::kActive};
    default:
      return InvalidField("state", "must be DRAFT, ACTIVE or unset (every trial)");
  }
}

// The Trial fields an update request sets, for an empty update_mask (AIP-134). Output-only
// fields that are set are named too, so the mask refuses them by name.
std::vector<std::string> PopulatedTrialFields(const v1::Trial& trial) {
  std::vector<std::string> populated;
  if (!trial.display_name().empty()) populated.push_back("display_name");
  if (trial.state() != v1::Trial::STATE_UNSPECIFIED) populated.push_back("state");
  if (trial.locked()) populated.push_back("locked");
  if (!trial.copied_from().empty()) populated.push_back("copied_from");
  return populated;
}

v1::Job::State ToProto(jobs::JobState state) {
  switch (state) {
    case jobs::JobState::kQueued:
      return v1::Job::QUEUED;
    case jobs::JobState::kRunning:
      return v1::Job::RUNNING;
    case jobs::JobState::kSucceeded:
      return v1::Job::SUCCEEDED;
    case jobs::JobState::kFailed:
      return v1::Job::FAILED;
    case jobs::JobState::kCancelled:
      return v1::Job::CANCELLED;
  }
  return v1::Job::STATE_UNSPECIFIED;
}

// The proto enum's value names are the job kinds' names in capitals (BUILD_MASTER ↔
// "build_master"), so the two cannot drift apart.
v1::Job::Type JobTypeToProto(std::string_view kind) {
  v1::Job::Type out = v1::Job::TYPE_UNSPECIFIED;
  if (!v1::Job::Type_Parse(absl::AsciiStrToUpper(std::string(kind)), &out))
    return v1::Job::TYPE_UNSPECIFIED;
  return out;
}

void ToProto(const jobs::Job& job, v1::Job* out) {
  out->set_name(api::FormatName(kJobPattern, {job.id}));
  if (absl::StatusOr<TrialKey> trial = TrialFromScope(job.scope); trial.ok()) {
    out->set_parent(api::FormatName(kTrialPattern, {trial->calendar_id, trial->trial_id}));
  }
  out->set_type(JobTypeToProto(job.payload));
  out->set_state(ToProto(job.state));
  out->set_progress_percent(job.progress_percent);
  out->set_phase(job.phase);
  out->set_attempt(job.attempt);
  out->set_result(job.result);
  out->set_error(job.error);
  *out->mutable_create_time() = api::ToProtoTime(job.created_at);
  *out->mutable_update_time() = api::ToProtoTime(job.updated_at);
}

absl::StatusOr<std::string> ParseJob(const std::string& name) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kJobPattern);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::StatusOr<TrialJobType> ParseJobType(v1::Job::Type type) {
  std::optional<TrialJobType> kind;
  if (type != v1::Job::TYPE_UNSPECIFIED && v1::Job::Type_IsValid(type)) {
    kind = JobTypeFromName(absl::AsciiStrToLower(v1::Job::Type_Name(type)));
  }
  if (!kind) return InvalidField("type", "must be a job type, e.g. BUILD_MASTER");
  return *kind;
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
        trials_.Create(caller, {.calendar_id = (*parent)[0],
                                .trial_id = request->trial_id(),
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

grpc::Status SectioningHandler::ListTrials(grpc::ServerContext* context,
                                           const v1::ListTrialsRequest* request,
                                           v1::ListTrialsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    absl::StatusOr<TrialFilter> filter = ParseTrialFilter(request->state());
    if (!filter.ok()) return filter.status();
    absl::StatusOr<api::Page<Trial>> page = trials_.List(caller, (*parent)[0], *filter, *paging);
    if (!page.ok()) return page.status();
    for (const Trial& trial : page->items) ToProto(trial, response->add_trials());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::UpdateTrial(grpc::ServerContext* context,
                                            const v1::UpdateTrialRequest* request,
                                            v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> key = ParseTrial(request->trial().name(), "trial.name");
    if (!key.ok()) return key.status();
    absl::StatusOr<api::UpdateMask> mask = api::UpdateMask::Parse(
        {request->update_mask().paths().begin(), request->update_mask().paths().end()},
        UpdatableTrialFields(), PopulatedTrialFields(request->trial()));
    if (!mask.ok()) return mask.status();
    absl::StatusOr<Trial> updated =
        trials_.Update(caller, *key, request->trial().display_name(), *mask);
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::DeleteTrial(grpc::ServerContext* context,
                                            const v1::DeleteTrialRequest* request,
                                            google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> key = ParseTrial(request->name(), "name");
    if (!key.ok()) return key.status();
    return trials_.Delete(caller, *key);
  });
}

grpc::Status SectioningHandler::CopyTrial(grpc::ServerContext* context,
                                          const v1::CopyTrialRequest* request,
                                          v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> source = ParseTrial(request->name(), "name");
    if (!source.ok()) return source.status();
    absl::StatusOr<Trial> copied = trials_.Copy(caller, {.source = *source,
                                                         .trial_id = request->trial_id(),
                                                         .display_name = request->display_name(),
                                                         .request_id = request->request_id()});
    if (!copied.ok()) return copied.status();
    ToProto(*copied, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::LockTrial(grpc::ServerContext* context,
                                          const v1::LockTrialRequest* request,
                                          v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> key = ParseTrial(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<Trial> trial = trials_.Lock(caller, *key);
    if (!trial.ok()) return trial.status();
    ToProto(*trial, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::UnlockTrial(grpc::ServerContext* context,
                                            const v1::UnlockTrialRequest* request,
                                            v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> key = ParseTrial(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<Trial> trial = trials_.Unlock(caller, *key);
    if (!trial.ok()) return trial.status();
    ToProto(*trial, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::ActivateTrial(grpc::ServerContext* context,
                                              const v1::ActivateTrialRequest* request,
                                              v1::Trial* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> key = ParseTrial(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<Trial> trial = trials_.Activate(caller, *key);
    if (!trial.ok()) return trial.status();
    ToProto(*trial, response);
    return absl::OkStatus();
  });
}

grpc::Status SectioningHandler::CompareTrials(grpc::ServerContext* context,
                                              const v1::CompareTrialsRequest* request,
                                              v1::CompareTrialsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> a = ParseTrial(request->name(), "name");
    if (!a.ok()) return a.status();
    absl::StatusOr<TrialKey> b = ParseTrial(request->other(), "other");
    if (!b.ok()) return b.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    absl::StatusOr<TrialComparison> comparison =
        trials_.Compare(caller, *a, *b, *paging, request->changed_students_only());
    if (!comparison.ok()) return comparison.status();
    ToProto(*comparison, response);
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
