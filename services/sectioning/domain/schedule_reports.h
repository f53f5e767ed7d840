// Reports over one trial's schedule: the master schedule by teacher, room or course, the
// enrollment balance of each course's sections, the requests the last load left unmet, and the
// trial's load metrics; each as typed rows (paged) and as CSV (schedule_reports_csv.cc). What
// each number counts is defined here and in docs/api.md ("Schedule reports").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

enum class MasterView { kByTeacher, kByRoom, kByCourse };

struct MasterScheduleRow {
  std::string group;  // teacher id, room id or course id by the view; "" = none
  std::string section_id;
  std::string course_id;
  int section_number = 0;
  std::vector<std::string> teacher_ids;  // primary first, then co-teachers by id
  std::string room_id;
  std::vector<Meeting> meetings;  // ordered by term, period, day type
  int enrolled = 0;
  int capacity = 0;
};

// One course's sections in the trial. A section nobody is enrolled in counts as 0.
struct SectionBalanceRow {
  std::string course_id;
  int sections = 0;
  int min_enrolled = 0;
  int max_enrolled = 0;
  double mean_enrolled = 0;
  int enrolled = 0;  // the sum over the sections
  int capacity = 0;  // the sum over the sections
  int spread() const { return max_enrolled - min_enrolled; }
};

struct UnscheduledRequestRow {
  std::string student_id;
  std::string course_id;
  bool required = false;
  std::string reason;
};

// One enrollment of the trial (the whole trial's rosters in one paged read).
struct TrialEnrollmentRow {
  std::string student_id;
  std::string section_id;
  std::string course_id;
  std::optional<int> request_rank;  // unset = fills no request
};

// Counts over the trial's rows:
//   primary_requests_met        enrollments with request_rank = 0
//   alternates_used             enrollments with request_rank ≥ 1
//   enrollments_without_request enrollments with no request_rank (added by hand)
//   requests_unmet              unmet_requests rows; required_requests_unmet those with required
//   students                    distinct students with an enrollment or an unmet request
//   students_complete           of those, the students with no unmet request
//   seats_used                  enrollments (every one takes a seat)
//   seats_offered               the sum of the sections' capacities
struct LoadMetrics {
  int primary_requests_met = 0;
  int alternates_used = 0;
  int enrollments_without_request = 0;
  int requests_unmet = 0;
  int required_requests_unmet = 0;
  int students = 0;
  int students_complete = 0;
  int seats_used = 0;
  int seats_offered = 0;
  // From the last BOUND job on this master (0 / false when none has run since it changed).
  int best_possible_primary_met = 0;
  bool bound_proven_optimal = false;
};

// "s1 P3", or "s1 P3 A" on rotation day A.
std::string FormatMeeting(const Meeting& meeting);

// Page keys for the composite orders (opaque to clients; the api layer encodes them).
std::string MasterRowKey(const MasterScheduleRow& row);
std::string UnscheduledRowKey(const UnscheduledRequestRow& row);
std::string TrialEnrollmentKey(const TrialEnrollmentRow& row);

// NOT_FOUND for an unknown trial on every method; each method reads in one statement.
class ScheduleReportRepository {
 public:
  virtual ~ScheduleReportRepository() = default;
  // Ordered by (group, course, section number) after page.after (a MasterRowKey).
  virtual absl::StatusOr<api::Page<MasterScheduleRow>> MasterSchedule(
      const TrialKey& trial, MasterView view, const api::PageRequest& page) = 0;
  // Ordered by course after page.after (a course id).
  virtual absl::StatusOr<api::Page<SectionBalanceRow>> SectionBalance(
      const TrialKey& trial, const api::PageRequest& page) = 0;
  // Ordered by (student, course) after page.after (an UnscheduledRowKey).
  virtual absl::StatusOr<api::Page<UnscheduledRequestRow>> UnscheduledRequests(
      const TrialKey& trial, const api::PageRequest& page) = 0;
  virtual absl::StatusOr<LoadMetrics> Metrics(const TrialKey& trial) = 0;
  // Ordered by (student, section) after page.after (a TrialEnrollmentKey).
  virtual absl::StatusOr<api::Page<TrialEnrollmentRow>> Enrollments(
      const TrialKey& trial, const api::PageRequest& page) = 0;
};

enum class ScheduleReportKind {
  kMasterByTeacher,
  kMasterByRoom,
  kMasterByCourse,
  kSectionBalance,
  kUnscheduledRequests,
  kLoadMetrics,
};

struct CsvReport {
  std::string csv;
  int row_count = 0;
  std::string filename;
};

// Exports hold at most this many data rows; a bigger report is FAILED_PRECONDITION.
inline constexpr int kMaxExportRows = 50000;

// Every method: PERMISSION_DENIED without read access at the calendar's school; NOT_FOUND for
// an unknown calendar or trial.
class ScheduleReports {
 public:
  ScheduleReports(ScheduleReportRepository& repository, access::CalendarSchools& schools,
                  access::AccessChecker& access)
      : repository_(repository), schools_(schools), access_(access) {}

  absl::StatusOr<api::Page<MasterScheduleRow>> MasterSchedule(const auth::Caller& caller,
                                                              const TrialKey& trial,
                                                              MasterView view,
                                                              const api::PageRequest& page);
  absl::StatusOr<api::Page<SectionBalanceRow>> SectionBalance(const auth::Caller& caller,
                                                              const TrialKey& trial,
                                                              const api::PageRequest& page);
  absl::StatusOr<api::Page<UnscheduledRequestRow>> UnscheduledRequests(
      const auth::Caller& caller, const TrialKey& trial, const api::PageRequest& page);
  absl::StatusOr<LoadMetrics> Metrics(const auth::Caller& caller, const TrialKey& trial);
  absl::StatusOr<api::Page<TrialEnrollmentRow>> Enrollments(const auth::Caller& caller,
                                                            const TrialKey& trial,
                                                            const api::PageRequest& page);
  absl::StatusOr<CsvReport> Export(const auth::Caller& caller, const TrialKey& trial,
                                   ScheduleReportKind kind);

 private:
  absl::Status AuthorizeRead(const auth::Caller& caller, const TrialKey& trial);

  ScheduleReportRepository& repository_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

// ---- CSV (schedule_reports_csv.cc; layouts in docs/formats/schedule-reports-csv.md) -----------

std::string MasterScheduleCsv(MasterView view, const std::vector<MasterScheduleRow>& rows);
std::string SectionBalanceCsv(const std::vector<SectionBalanceRow>& rows);
std::string UnscheduledRequestsCsv(const std::vector<UnscheduledRequestRow>& rows);
// The metrics as (name, value) rows, in the CSV's order.
std::vector<std::pair<std::string, int>> LoadMetricsValues(const LoadMetrics& metrics);
std::string LoadMetricsCsv(const LoadMetrics& metrics);

}  // namespace secsched::sectioning
