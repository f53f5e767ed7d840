#include "services/sectioning/api/roster_handler.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/sectioning/api/names.h"
#include "services/sectioning/domain/roster_batch.h"

namespace secsched::sectioning {
namespace {

constexpr char kEnrollmentPattern[] =
    "calendars/{calendar}/trials/{trial}/sections/{section}/enrollments/{student}";

struct EnrollmentName {
  SectionKey section;
  std::string student_id;
};

absl::StatusOr<EnrollmentName> ParseEnrollment(const std::string& name) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kEnrollmentPattern, "name");
  if (!ids.ok()) return ids.status();
  return EnrollmentName{{(*ids)[0], (*ids)[1], (*ids)[2]}, (*ids)[3]};
}

v1::Enrollment::Source ToProto(EnrollmentSource source) {
  switch (source) {
    case EnrollmentSource::kEngine:
      return v1::Enrollment::ENGINE;
    case EnrollmentSource::kWalkIn:
      return v1::Enrollment::WALK_IN;
    case EnrollmentSource::kBatch:
      return v1::Enrollment::BATCH;
    case EnrollmentSource::kManual:
      return v1::Enrollment::MANUAL;
  }
  return v1::Enrollment::SOURCE_UNSPECIFIED;
}

// UNSPECIFIED is a walk-in; a number no version of the enum has is INVALID_ARGUMENT.
absl::StatusOr<EnrollmentSource> ParseSource(int source) {
  switch (source) {
    case v1::Enrollment::SOURCE_UNSPECIFIED:
    case v1::Enrollment::WALK_IN:
      return EnrollmentSource::kWalkIn;
    case v1::Enrollment::ENGINE:
      return EnrollmentSource::kEngine;
    case v1::Enrollment::BATCH:
      return EnrollmentSource::kBatch;
    case v1::Enrollment::MANUAL:
      return EnrollmentSource::kManual;
    default:
      return InvalidField("enrollment.source", "must be ENGINE, WALK_IN, BATCH or MANUAL");
  }
}

void ToProto(const StoredEnrollment& stored, v1::Enrollment* out) {
  const Enrollment& e = stored.enrollment;
  out->set_name(
      api::FormatName(kEnrollmentPattern, {e.calendar_id, e.trial_id, e.section_id, e.student_id}));
  out->set_course(e.course_id);
  out->set_start_date(e.start_date);
  out->set_end_date(e.end_date);
  if (e.credit_override) out->set_credit_override(*e.credit_override);
  out->set_repeat(e.repeat);
  out->set_source(ToProto(e.source));
  out->set_locked(e.locked);
  if (e.request_rank) out->set_request_rank(*e.request_rank);
  out->set_overload(e.overload);
  if (stored.create_time.time_since_epoch().count() != 0) {
    *out->mutable_create_time() = api::ToProtoTime(stored.create_time);
  }
}

void ToProto(const ScheduledSection& scheduled, v1::ScheduledSection* out) {
  const Section& s = scheduled.section;
  out->set_section(api::FormatName(kSectionPattern, {s.calendar_id, s.trial_id, s.section_id}));
  out->set_course(s.course_id);
  out->set_section_number(s.section_number);
  out->set_primary_teacher(s.primary_teacher_id);
  for (const std::string& t : s.co_teacher_ids) out->add_co_teachers(t);
  out->set_room(s.room_id);
  out->set_team(s.team_id);
  for (const Meeting& m : s.meetings) {
    v1::Meeting* meeting = out->add_meetings();
    meeting->set_term(m.term_id);
    meeting->set_period(m.period);
    meeting->set_day_type(m.day_type);
  }
  out->set_capacity(s.capacity);
  out->set_enrolled(s.enrolled);
  if (scheduled.enrollment) ToProto(*scheduled.enrollment, out->mutable_enrollment());
}

v1::ScheduleChange::Action ActionOf(const std::string& name) {
  if (name == "ADD") return v1::ScheduleChange::ADD;
  if (name == "DROP") return v1::ScheduleChange::DROP;
  if (name == "MOVE") return v1::ScheduleChange::MOVE;
  return v1::ScheduleChange::OTHER;
}

}  // namespace

grpc::Status RosterHandler::ListRoster(grpc::ServerContext* context,
                                       const v1::ListRosterRequest* request,
                                       v1::ListRosterResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SectionKey> section = ParseSection(request->parent(), "parent");
    if (!section.ok()) return section.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<StoredEnrollment>> roster =
        rosters_.ListRoster(caller, *section, *page);
    if (!roster.ok()) return roster.status();
    for (const StoredEnrollment& e : roster->items) ToProto(e, response->add_enrollments());
    response->set_next_page_token(api::EncodePageToken(roster->next_after));
    return absl::OkStatus();
  });
}

grpc::Status RosterHandler::GetStudentSchedule(grpc::ServerContext* context,
                                               const v1::GetStudentScheduleRequest* request,
                                               v1::StudentSchedule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->trial(), "trial");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<StudentSchedule> schedule =
        rosters_.GetStudentSchedule(caller, *trial, request->student());
    if (!schedule.ok()) return schedule.status();
    response->set_trial(request->trial());
    response->set_student(request->student());
    for (const ScheduledSection& s : schedule->sections) ToProto(s, response->add_sections());
    for (const UnmetRequest& u : schedule->unmet) {
      v1::UnmetRequest* out = response->add_unmet_requests();
      out->set_course(u.course_id);
      out->set_required(u.required);
      out->set_reason(u.reason);
    }
    return absl::OkStatus();
  });
}

grpc::Status RosterHandler::GetTeacherSchedule(grpc::ServerContext* context,
                                               const v1::GetTeacherScheduleRequest* request,
                                               v1::TeacherSchedule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->trial(), "trial");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<std::vector<ScheduledSection>> sections =
        rosters_.GetTeacherSchedule(caller, *trial, request->teacher());
    if (!sections.ok()) return sections.status();
    response->set_trial(request->trial());
    response->set_teacher(request->teacher());
    for (const ScheduledSection& s : *sections) ToProto(s, response->add_sections());
    return absl::OkStatus();
  });
}

grpc::Status RosterHandler::AddStudentToSection(grpc::ServerContext* context,
                                                const v1::AddStudentToSectionRequest* request,
                                                v1::Enrollment* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SectionKey> section = ParseSection(request->parent(), "parent");
    if (!section.ok()) return section.status();
    const v1::Enrollment& in = request->enrollment();
    absl::StatusOr<EnrollmentSource> source = ParseSource(in.source());
    if (!source.ok()) return source.status();
    Enrollment fields{.start_date = in.start_date(),
                      .end_date = in.end_date(),
                      .repeat = in.repeat(),
                      .source = *source};
    if (in.has_credit_override()) fields.credit_override = in.credit_override();
    if (in.has_request_rank()) fields.request_rank = in.request_rank();
    absl::StatusOr<StoredEnrollment> added =
        rosters_.Add(caller, {.section = *section,
                              .student_id = request->student(),
                              .fields = fields,
                              .reason = request->reason(),
                              .request_id = request->request_id()});
    if (!added.ok()) return added.status();
    ToProto(*added, response);
    return absl::OkStatus();
  });
}

grpc::Status RosterHandler::DropStudentFromSection(grpc::ServerContext* context,
                                                   const v1::DropStudentFromSectionRequest* request,
                                                   google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<EnrollmentName> name = ParseEnrollment(request->name());
    if (!name.ok()) return name.status();
    return rosters_.Drop(caller, {.section = name->section,
                                  .student_id = name->student_id,
                                  .reason = request->reason(),
                                  .request_id = request->request_id()});
  });
}

grpc::Status RosterHandler::MoveStudent(grpc::ServerContext* context,
                                        const v1::MoveStudentRequest* request,
                                        v1::Enrollment* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<EnrollmentName> name = ParseEnrollment(request->name());
    if (!name.ok()) return name.status();
    absl::StatusOr<SectionKey> to = ParseSection(request->to_section(), "to_section");
    if (!to.ok()) return to.status();
    if (to->calendar_id != name->section.calendar_id || to->trial_id != name->section.trial_id) {
      return InvalidField("to_section", "must be a section of the same trial");
    }
    absl::StatusOr<StoredEnrollment> moved =
        rosters_.Move(caller, {.from = name->section,
                               .to_section_id = to->section_id,
                               .student_id = name->student_id,
                               .reason = request->reason(),
                               .request_id = request->request_id()});
    if (!moved.ok()) return moved.status();
    ToProto(*moved, response);
    return absl::OkStatus();
  });
}

grpc::Status RosterHandler::ListScheduleChanges(grpc::ServerContext* context,
                                                const v1::ListScheduleChangesRequest* request,
                                                v1::ListScheduleChangesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<ScheduleChange>> changes = rosters_.ListChanges(
        caller,
        {.trial = *trial, .student_id = request->student(), .section_id = request->section()},
        *page);
    if (!changes.ok()) return changes.status();
    for (const ScheduleChange& c : changes->items) {
      v1::ScheduleChange* out = response->add_changes();
      out->set_change_id(c.change_id);
      out->set_student(c.student_id);
      out->set_section(c.section_id);
      out->set_action(ActionOf(c.action));
      out->set_action_name(c.action);
      out->set_detail(c.detail);
      out->set_reason(c.reason);
      out->set_actor(c.actor);
      out->set_overload(c.overload);
      out->set_request_id(c.request_id);
      *out->mutable_change_time() = api::ToProtoTime(c.change_time);
    }
    response->set_next_page_token(api::EncodePageToken(changes->next_after));
    return absl::OkStatus();
  });
}

grpc::Status RosterHandler::BatchEditRoster(grpc::ServerContext* context,
                                            const v1::BatchEditRosterRequest* request,
                                            v1::BatchEditRosterResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    BatchRequest batch{.trial = *trial,
                       .validate_only = request->validate_only(),
                       .per_row = request->per_row(),
                       .reason = request->reason(),
                       .request_id = request->request_id()};
    if (request->rows_size() > kMaxBatchRows) {
      return InvalidField("rows", "must hold at most 10000 rows");
    }
    std::vector<FieldViolation> violations;
    for (int i = 0; i < request->rows_size(); ++i) {
      const v1::RosterEdit& in = request->rows(i);
      std::string prefix = "rows[" + std::to_string(i) + "].";
      BatchRow row{
          .student_id = in.student(), .section_id = in.section(), .to_section_id = in.to_section()};
      switch (in.action()) {
        case v1::RosterEdit::ADD:
          row.action = BatchAction::kAdd;
          break;
        case v1::RosterEdit::DROP:
          row.action = BatchAction::kDrop;
          break;
        case v1::RosterEdit::MOVE:
          row.action = BatchAction::kMove;
          break;
        case v1::RosterEdit::UPDATE:
          row.action = BatchAction::kUpdate;
          break;
        default:
          if (violations.size() < 100) {
            violations.push_back({prefix + "action", "must be ADD, DROP, MOVE or UPDATE"});
          }
      }
      const v1::Enrollment& e = in.enrollment();
      absl::StatusOr<EnrollmentSource> source = e.source() == v1::Enrollment::SOURCE_UNSPECIFIED
                                                    ? EnrollmentSource::kBatch
                                                    : ParseSource(e.source());
      if (!source.ok() && violations.size() < 100) {
        violations.push_back(
            {prefix + "enrollment.source", "must be ENGINE, WALK_IN, BATCH or MANUAL"});
      }
      row.fields = Enrollment{.start_date = e.start_date(),
                              .end_date = e.end_date(),
                              .repeat = e.repeat(),
                              .source = source.value_or(EnrollmentSource::kBatch)};
      if (e.has_credit_override()) row.fields.credit_override = e.credit_override();
      if (e.has_request_rank()) row.fields.request_rank = e.request_rank();
      row.update_paths.assign(in.update_mask().paths().begin(), in.update_mask().paths().end());
      batch.rows.push_back(std::move(row));
    }
    if (!violations.empty()) {
      return InvalidArgumentWithFields("The batch has invalid rows.", std::move(violations));
    }
    absl::StatusOr<BatchResult> result = rosters_.BatchEdit(caller, batch);
    if (!result.ok()) return result.status();
    int failed = 0;
    for (size_t i = 0; i < result->rows.size(); ++i) {
      v1::RosterEditResult* out = response->add_results();
      out->set_row(static_cast<int>(i));
      out->set_code(static_cast<int>(result->rows[i].status.code()));
      out->set_message(std::string(result->rows[i].status.message()));
      out->set_overload(result->rows[i].overload);
      if (!result->rows[i].status.ok()) ++failed;
    }
    response->set_applied(result->applied);
    response->set_failed(failed);
    response->set_replayed(result->replayed);
    return absl::OkStatus();
  });
}

}  // namespace secsched::sectioning
