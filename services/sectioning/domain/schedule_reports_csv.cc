// The CSV forms of the schedule reports (docs/formats/schedule-reports-csv.md): a header row,
// then one record per report row, through common/csv's writer (CRLF, quoting as needed, every
// cell neutralised, so a reason or id typed as "=HYPERLINK(...)" stays text).
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/csv/csv.h"
#include "services/sectioning/domain/schedule_reports.h"

namespace secsched::sectioning {
namespace {

void AddRow(csv::Writer& out, const std::vector<std::string>& cells) { out.AddRow(cells); }

std::string Meetings(const std::vector<Meeting>& meetings) {
  std::vector<std::string> parts;
  for (const Meeting& m : meetings) parts.push_back(FormatMeeting(m));
  return absl::StrJoin(parts, "; ");
}

}  // namespace

std::string MasterScheduleCsv(MasterView view, const std::vector<MasterScheduleRow>& rows) {
  csv::Writer out;
  std::vector<std::string> header = {"course", "section_number", "section",  "teachers",
                                     "room",   "meetings",       "enrolled", "capacity"};
  if (view == MasterView::kByTeacher) header.insert(header.begin(), "teacher");
  if (view == MasterView::kByRoom) {
    header.erase(header.begin() + 4);
    header.insert(header.begin(), "room");
  }
  out.AddRow(header);
  for (const MasterScheduleRow& r : rows) {
    std::vector<std::string> cells = {r.course_id,
                                      std::to_string(r.section_number),
                                      r.section_id,
                                      absl::StrJoin(r.teacher_ids, "; "),
                                      r.room_id,
                                      Meetings(r.meetings),
                                      std::to_string(r.enrolled),
                                      std::to_string(r.capacity)};
    if (view == MasterView::kByTeacher) cells.insert(cells.begin(), r.group);
    if (view == MasterView::kByRoom) {
      cells.erase(cells.begin() + 4);
      cells.insert(cells.begin(), r.room_id);
    }
    AddRow(out, cells);
  }
  return out.str();
}

std::string SectionBalanceCsv(const std::vector<SectionBalanceRow>& rows) {
  csv::Writer out;
  out.AddRow({"course", "sections", "min_enrolled", "max_enrolled", "mean_enrolled", "spread",
              "enrolled", "capacity"});
  for (const SectionBalanceRow& r : rows) {
    AddRow(out,
           {r.course_id, std::to_string(r.sections), std::to_string(r.min_enrolled),
            std::to_string(r.max_enrolled), absl::StrFormat("%.2f", r.mean_enrolled),
            std::to_string(r.spread()), std::to_string(r.enrolled), std::to_string(r.capacity)});
  }
  return out.str();
}

std::string UnscheduledRequestsCsv(const std::vector<UnscheduledRequestRow>& rows) {
  csv::Writer out;
  out.AddRow({"student", "course", "required", "reason"});
  for (const UnscheduledRequestRow& r : rows) {
    AddRow(out, {r.student_id, r.course_id, r.required ? "true" : "false", r.reason});
  }
  return out.str();
}

std::vector<std::pair<std::string, int>> LoadMetricsValues(const LoadMetrics& m) {
  return {
      {"primary_requests_met", m.primary_requests_met},
      {"alternates_used", m.alternates_used},
      {"enrollments_without_request", m.enrollments_without_request},
      {"requests_unmet", m.requests_unmet},
      {"required_requests_unmet", m.required_requests_unmet},
      {"students", m.students},
      {"students_complete", m.students_complete},
      {"seats_used", m.seats_used},
      {"seats_offered", m.seats_offered},
      {"best_possible_primary_met", m.best_possible_primary_met},
      {"bound_proven_optimal", m.bound_proven_optimal ? 1 : 0},
  };
}

std::string LoadMetricsCsv(const LoadMetrics& m) {
  csv::Writer out;
  out.AddRow({"metric", "value"});
  for (const auto& [name, value] : LoadMetricsValues(m)) AddRow(out, {name, std::to_string(value)});
  return out.str();
}

}  // namespace secsched::sectioning
