// OneRoster 1.1 CSV export of calendars' ACTIVE trials (docs/formats/oneroster.md): the seven
// files of the 1.1 CSV binding — manifest, orgs, academicSessions, courses, classes, users,
// enrollments — with exactly its file names, headers and column order, zipped.
//
// sourcedIds are derived from the suite's ids, never random, so the same record keeps its id from
// one export to the next: "{kind}.{calendar}.{id}" (e.g. "class.east-2026.sec-12",
// "student.east-2026.st-7"); orgs are "org.{school}". dateLastModified is the trial's last change
// (the latest of the trial row, its sections, enrollments and audited changes), one value for
// every record of a calendar, so an unchanged trial exports to the same bytes.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "common/requests/requests_reader.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

// ---- The 1.1 CSV binding's files and columns (in order). ----------------------------------------
struct OneRosterTable {
  std::string_view file;
  std::vector<std::string_view> columns;
};
// manifest, orgs, academicSessions, courses, classes, users, enrollments — the order of the zip.
const std::vector<OneRosterTable>& OneRosterTables();

// ---- What the export reads.
// ---------------------------------------------------------------------- A student of the calendar
// as the requests service knows them.
struct RosterStudent {
  std::string id;
  std::string display_name;
  int grade = 0;
  bool active = true;
};

// Every student of a calendar (the requests service in the binary).
class CalendarStudents {
 public:
  virtual ~CalendarStudents() = default;
  // NOT_FOUND for an unknown calendar; UNAVAILABLE when it cannot be asked.
  virtual absl::StatusOr<std::vector<RosterStudent>> Students(std::string_view calendar_id) = 0;
};

// The schedule rows of one trial, read in one snapshot.
struct ExportedTrial {
  TrialKey trial;
  std::vector<Section> sections;        // with teachers and meetings
  std::vector<Enrollment> enrollments;  // every student enrollment of the trial
  std::chrono::system_clock::time_point last_modified;
};

class OneRosterRepository {
 public:
  virtual ~OneRosterRepository() = default;
  // The ACTIVE trial of every calendar that has one, ordered by calendar; only `calendar_id`'s
  // when given.
  virtual absl::StatusOr<std::vector<TrialKey>> ActiveTrials(
      std::optional<std::string_view> calendar_id) = 0;
  // NOT_FOUND for an unknown trial.
  virtual absl::StatusOr<ExportedTrial> ReadSchedule(const TrialKey& trial) = 0;
};

// One calendar's part of an export: its catalog, its active trial's schedule and its students.
struct OneRosterCalendar {
  catalog::CatalogCalendar calendar;
  std::vector<catalog::CatalogCourse> courses;
  std::vector<catalog::CatalogTeacher> teachers;
  std::vector<catalog::CatalogRoom> rooms;
  std::vector<RosterStudent> students;
  ExportedTrial schedule;
};

struct OneRosterFile {
  std::string name;  // "users.csv"
  std::string csv;
};

// The seven files for the calendars (pure; oneroster_csv.cc). Users are the calendar's active
// students, any other student with an enrollment (named by id when the requests service no longer
// knows them) and the teachers of its sections.
std::vector<OneRosterFile> OneRosterFiles(const std::vector<OneRosterCalendar>& calendars);

// "Ada Lovelace" → {"Ada", "Lovelace"}; "Lovelace, Ada" → {"Ada", "Lovelace"}; "Plato" →
// {"Plato", "Plato"} (both names are required by the binding).
std::pair<std::string, std::string> SplitDisplayName(std::string_view display_name);

// ---- The export.
// ---------------------------------------------------------------------------------
struct OneRosterArchive {
  std::string filename;  // "oneroster_east-2026_t1.zip", "oneroster_district.zip"
  std::string zip;
  int calendars = 0;
};

class OneRosterExport {
 public:
  OneRosterExport(OneRosterRepository& repository, catalog::CatalogReader& catalog,
                  CalendarStudents& students, access::CalendarSchools& schools,
                  access::AccessChecker& access)
      : repository_(repository),
        catalog_(catalog),
        students_(students),
        schools_(schools),
        access_(access) {}

  // One calendar's active trial: PERMISSION_DENIED without read access at its school;
  // FAILED_PRECONDITION when the calendar has no active trial.
  absl::StatusOr<OneRosterArchive> Calendar(const auth::Caller& caller,
                                            std::string_view calendar_id);
  // The district: every calendar with an active trial that the caller may read (the others are
  // left out, not refused). FAILED_PRECONDITION when there is none.
  absl::StatusOr<OneRosterArchive> District(const auth::Caller& caller);

 private:
  absl::StatusOr<OneRosterCalendar> Read(const TrialKey& trial);
  absl::StatusOr<OneRosterArchive> Archive(std::vector<OneRosterCalendar> calendars,
                                           std::string filename);

  OneRosterRepository& repository_;
  catalog::CatalogReader& catalog_;
  CalendarStudents& students_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

// In memory: tests and tools.
class StaticCalendarStudents final : public CalendarStudents {
 public:
  void Set(std::string calendar_id, std::vector<RosterStudent> students) {
    students_[std::move(calendar_id)] = std::move(students);
  }
  absl::StatusOr<std::vector<RosterStudent>> Students(std::string_view calendar_id) override;

 private:
  std::map<std::string, std::vector<RosterStudent>, std::less<>> students_;
};

// Answered by the requests service (a requests::RequestsReader: gRPC in the binary).
class RequestsCalendarStudents final : public CalendarStudents {
 public:
  explicit RequestsCalendarStudents(requests::RequestsReader& reader) : reader_(reader) {}
  absl::StatusOr<std::vector<RosterStudent>> Students(std::string_view calendar_id) override;

 private:
  requests::RequestsReader& reader_;
};

}  // namespace secsched::sectioning
