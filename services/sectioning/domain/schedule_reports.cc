#include "services/sectioning/domain/schedule_reports.h"

#include "absl/strings/str_format.h"

namespace secsched::sectioning {
namespace {

constexpr char kKeySeparator = '\x1f';

// A page of an export: everything, or FAILED_PRECONDITION when there is more than the cap.
template <class T>
absl::Status RequireWhole(const absl::StatusOr<api::Page<T>>& page) {
  if (!page.ok()) return page.status();
  if (!page->next_after.empty()) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "The report has more than %d rows; read it page by page instead.", kMaxExportRows));
  }
  return absl::OkStatus();
}

std::string_view FileStem(ScheduleReportKind kind) {
  switch (kind) {
    case ScheduleReportKind::kMasterByTeacher:
      return "master-schedule-by-teacher";
    case ScheduleReportKind::kMasterByRoom:
      return "master-schedule-by-room";
    case ScheduleReportKind::kMasterByCourse:
      return "master-schedule-by-course";
    case ScheduleReportKind::kSectionBalance:
      return "section-balance";
    case ScheduleReportKind::kUnscheduledRequests:
      return "unscheduled-requests";
    case ScheduleReportKind::kLoadMetrics:
      return "load-metrics";
  }
  return "report";
}

}  // namespace

std::string FormatMeeting(const Meeting& meeting) {
  std::string out = meeting.term_id + " P" + std::to_string(meeting.period);
  if (!meeting.day_type.empty()) out += " " + meeting.day_type;
  return out;
}

std::string MasterRowKey(const MasterScheduleRow& row) {
  return row.group + kKeySeparator + row.course_id + kKeySeparator +
         std::to_string(row.section_number);
}

std::string UnscheduledRowKey(const UnscheduledRequestRow& row) {
  return row.student_id + kKeySeparator + row.course_id;
}

std::string TrialEnrollmentKey(const TrialEnrollmentRow& row) {
  return row.student_id + kKeySeparator + row.section_id;
}

absl::Status ScheduleReports::AuthorizeRead(const auth::Caller& caller, const TrialKey& trial) {
  return access::AuthorizeCalendarAccess(caller, trial.calendar_id, access::Mode::kRead, schools_,
                                         access_);
}

absl::StatusOr<api::Page<MasterScheduleRow>> ScheduleReports::MasterSchedule(
    const auth::Caller& caller, const TrialKey& trial, MasterView view,
    const api::PageRequest& page) {
  if (absl::Status s = AuthorizeRead(caller, trial); !s.ok()) return s;
  return repository_.MasterSchedule(trial, view, page);
}

absl::StatusOr<api::Page<SectionBalanceRow>> ScheduleReports::SectionBalance(
    const auth::Caller& caller, const TrialKey& trial, const api::PageRequest& page) {
  if (absl::Status s = AuthorizeRead(caller, trial); !s.ok()) return s;
  return repository_.SectionBalance(trial, page);
}

absl::StatusOr<api::Page<UnscheduledRequestRow>> ScheduleReports::UnscheduledRequests(
    const auth::Caller& caller, const TrialKey& trial, const api::PageRequest& page) {
  if (absl::Status s = AuthorizeRead(caller, trial); !s.ok()) return s;
  return repository_.UnscheduledRequests(trial, page);
}

absl::StatusOr<LoadMetrics> ScheduleReports::Metrics(const auth::Caller& caller,
                                                     const TrialKey& trial) {
  if (absl::Status s = AuthorizeRead(caller, trial); !s.ok()) return s;
  return repository_.Metrics(trial);
}

absl::StatusOr<api::Page<TrialEnrollmentRow>> ScheduleReports::Enrollments(
    const auth::Caller& caller, const TrialKey& trial, const api::PageRequest& page) {
  if (absl::Status s = AuthorizeRead(caller, trial); !s.ok()) return s;
  return repository_.Enrollments(trial, page);
}

absl::StatusOr<CsvReport> ScheduleReports::Export(const auth::Caller& caller, const TrialKey& trial,
                                                  ScheduleReportKind kind) {
  if (absl::Status s = AuthorizeRead(caller, trial); !s.ok()) return s;
  CsvReport report;
  report.filename =
      trial.calendar_id + "_" + trial.trial_id + "_" + std::string(FileStem(kind)) + ".csv";
  const api::PageRequest whole{.after = "", .size = kMaxExportRows};
  switch (kind) {
    case ScheduleReportKind::kMasterByTeacher:
    case ScheduleReportKind::kMasterByRoom:
    case ScheduleReportKind::kMasterByCourse: {
      const MasterView view = kind == ScheduleReportKind::kMasterByTeacher ? MasterView::kByTeacher
                              : kind == ScheduleReportKind::kMasterByRoom  ? MasterView::kByRoom
                                                                           : MasterView::kByCourse;
      absl::StatusOr<api::Page<MasterScheduleRow>> rows =
          repository_.MasterSchedule(trial, view, whole);
      if (absl::Status s = RequireWhole(rows); !s.ok()) return s;
      report.csv = MasterScheduleCsv(view, rows->items);
      report.row_count = static_cast<int>(rows->items.size());
      break;
    }
    case ScheduleReportKind::kSectionBalance: {
      absl::StatusOr<api::Page<SectionBalanceRow>> rows = repository_.SectionBalance(trial, whole);
      if (absl::Status s = RequireWhole(rows); !s.ok()) return s;
      report.csv = SectionBalanceCsv(rows->items);
      report.row_count = static_cast<int>(rows->items.size());
      break;
    }
    case ScheduleReportKind::kUnscheduledRequests: {
      absl::StatusOr<api::Page<UnscheduledRequestRow>> rows =
          repository_.UnscheduledRequests(trial, whole);
      if (absl::Status s = RequireWhole(rows); !s.ok()) return s;
      report.csv = UnscheduledRequestsCsv(rows->items);
      report.row_count = static_cast<int>(rows->items.size());
      break;
    }
    case ScheduleReportKind::kLoadMetrics: {
      absl::StatusOr<LoadMetrics> metrics = repository_.Metrics(trial);
      if (!metrics.ok()) return metrics.status();
      report.csv = LoadMetricsCsv(*metrics);
      report.row_count = static_cast<int>(LoadMetricsValues(*metrics).size());
      break;
    }
  }
  return report;
}

}  // namespace secsched::sectioning
