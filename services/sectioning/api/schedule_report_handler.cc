#include "services/sectioning/api/schedule_report_handler.h"

#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/sectioning/api/names.h"

namespace secsched::sectioning {
namespace {

absl::StatusOr<MasterView> ParseView(v1::MasterScheduleView view) {
  switch (view) {
    case v1::BY_TEACHER:
      return MasterView::kByTeacher;
    case v1::BY_ROOM:
      return MasterView::kByRoom;
    case v1::BY_COURSE:
      return MasterView::kByCourse;
    default:
      return InvalidField("view", "must be BY_TEACHER, BY_ROOM or BY_COURSE");
  }
}

absl::StatusOr<ScheduleReportKind> ParseReport(v1::ScheduleReport report) {
  switch (report) {
    case v1::MASTER_SCHEDULE_BY_TEACHER:
      return ScheduleReportKind::kMasterByTeacher;
    case v1::MASTER_SCHEDULE_BY_ROOM:
      return ScheduleReportKind::kMasterByRoom;
    case v1::MASTER_SCHEDULE_BY_COURSE:
      return ScheduleReportKind::kMasterByCourse;
    case v1::SECTION_BALANCE:
      return ScheduleReportKind::kSectionBalance;
    case v1::UNSCHEDULED_REQUESTS:
      return ScheduleReportKind::kUnscheduledRequests;
    case v1::LOAD_METRICS:
      return ScheduleReportKind::kLoadMetrics;
    default:
      return InvalidField("report", "must be a report, e.g. SECTION_BALANCE");
  }
}

// The shape every paged report shares: the trial and page of the request, one page read with
// `read(trial, page)`, each row written with `write(trial, row, response)`, the next token.
template <class Request, class Response, class Read, class Write>
absl::Status ListReport(const Request& request, Response* response, Read read, Write write) {
  absl::StatusOr<TrialKey> trial = ParseTrial(request.parent(), "parent");
  if (!trial.ok()) return trial.status();
  absl::StatusOr<api::PageRequest> page =
      api::ParsePageRequest(request.page_size(), request.page_token());
  if (!page.ok()) return page.status();
  auto rows = read(*trial, *page);
  if (!rows.ok()) return rows.status();
  for (const auto& row : rows->items) write(*trial, row, response);
  response->set_next_page_token(api::EncodePageToken(rows->next_after));
  return absl::OkStatus();
}

}  // namespace

grpc::Status ScheduleReportHandler::ListMasterSchedule(grpc::ServerContext* context,
                                                       const v1::ListMasterScheduleRequest* request,
                                                       v1::ListMasterScheduleResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<MasterView> view = ParseView(request->view());
    if (!view.ok()) return view.status();
    return ListReport(
        *request, response,
        [&](const TrialKey& trial, const api::PageRequest& page) {
          return reports_.MasterSchedule(caller, trial, *view, page);
        },
        [](const TrialKey& trial, const MasterScheduleRow& r, v1::ListMasterScheduleResponse* to) {
          v1::MasterScheduleRow* out = to->add_rows();
          out->set_group(r.group);
          out->set_section(
              api::FormatName(kSectionPattern, {trial.calendar_id, trial.trial_id, r.section_id}));
          out->set_course(r.course_id);
          out->set_section_number(r.section_number);
          for (const std::string& t : r.teacher_ids) out->add_teachers(t);
          out->set_room(r.room_id);
          for (const Meeting& m : r.meetings) out->add_meetings(FormatMeeting(m));
          out->set_enrolled(r.enrolled);
          out->set_capacity(r.capacity);
        });
  });
}

grpc::Status ScheduleReportHandler::ListSectionBalance(grpc::ServerContext* context,
                                                       const v1::ListSectionBalanceRequest* request,
                                                       v1::ListSectionBalanceResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    return ListReport(
        *request, response,
        [&](const TrialKey& trial, const api::PageRequest& page) {
          return reports_.SectionBalance(caller, trial, page);
        },
        [](const TrialKey&, const SectionBalanceRow& r, v1::ListSectionBalanceResponse* to) {
          v1::SectionBalanceRow* out = to->add_rows();
          out->set_course(r.course_id);
          out->set_sections(r.sections);
          out->set_min_enrolled(r.min_enrolled);
          out->set_max_enrolled(r.max_enrolled);
          out->set_mean_enrolled(r.mean_enrolled);
          out->set_spread(r.spread());
          out->set_enrolled(r.enrolled);
          out->set_capacity(r.capacity);
        });
  });
}

grpc::Status ScheduleReportHandler::ListUnscheduledRequests(
    grpc::ServerContext* context, const v1::ListUnscheduledRequestsRequest* request,
    v1::ListUnscheduledRequestsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    return ListReport(
        *request, response,
        [&](const TrialKey& trial, const api::PageRequest& page) {
          return reports_.UnscheduledRequests(caller, trial, page);
        },
        [](const TrialKey&, const UnscheduledRequestRow& r,
           v1::ListUnscheduledRequestsResponse* to) {
          v1::UnscheduledRequestRow* out = to->add_rows();
          out->set_student(r.student_id);
          out->set_course(r.course_id);
          out->set_required(r.required);
          out->set_reason(r.reason);
        });
  });
}

grpc::Status ScheduleReportHandler::GetLoadMetrics(grpc::ServerContext* context,
                                                   const v1::GetLoadMetricsRequest* request,
                                                   v1::LoadMetrics* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<LoadMetrics> m = reports_.Metrics(caller, *trial);
    if (!m.ok()) return m.status();
    response->set_trial(request->parent());
    response->set_primary_requests_met(m->primary_requests_met);
    response->set_alternates_used(m->alternates_used);
    response->set_enrollments_without_request(m->enrollments_without_request);
    response->set_requests_unmet(m->requests_unmet);
    response->set_required_requests_unmet(m->required_requests_unmet);
    response->set_students(m->students);
    response->set_students_complete(m->students_complete);
    response->set_seats_used(m->seats_used);
    response->set_seats_offered(m->seats_offered);
    response->set_best_possible_primary_met(m->best_possible_primary_met);
    response->set_bound_proven_optimal(m->bound_proven_optimal);
    return absl::OkStatus();
  });
}

grpc::Status ScheduleReportHandler::ListTrialEnrollments(
    grpc::ServerContext* context, const v1::ListTrialEnrollmentsRequest* request,
    v1::ListTrialEnrollmentsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    return ListReport(
        *request, response,
        [&](const TrialKey& trial, const api::PageRequest& page) {
          return reports_.Enrollments(caller, trial, page);
        },
        [](const TrialKey&, const TrialEnrollmentRow& r, v1::ListTrialEnrollmentsResponse* to) {
          v1::TrialEnrollmentRow* out = to->add_rows();
          out->set_student(r.student_id);
          out->set_section(r.section_id);
          out->set_course(r.course_id);
          if (r.request_rank) out->set_request_rank(*r.request_rank);
        });
  });
}

grpc::Status ScheduleReportHandler::ExportScheduleReport(
    grpc::ServerContext* context, const v1::ExportScheduleReportRequest* request,
    v1::ExportScheduleReportResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<ScheduleReportKind> kind = ParseReport(request->report());
    if (!kind.ok()) return kind.status();
    absl::StatusOr<CsvReport> report = reports_.Export(caller, *trial, *kind);
    if (!report.ok()) return report.status();
    response->set_csv(report->csv);
    response->set_row_count(report->row_count);
    response->set_filename(report->filename);
    return absl::OkStatus();
  });
}

}  // namespace secsched::sectioning
