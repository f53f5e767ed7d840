#include <algorithm>

#include "common/zip/zip_archive.h"
#include "services/sectioning/domain/oneroster.h"

namespace secsched::sectioning {

absl::StatusOr<std::vector<RosterStudent>> StaticCalendarStudents::Students(
    std::string_view calendar_id) {
  auto it = students_.find(calendar_id);
  if (it == students_.end()) return std::vector<RosterStudent>{};
  return it->second;
}

absl::StatusOr<std::vector<RosterStudent>> RequestsCalendarStudents::Students(
    std::string_view calendar_id) {
  absl::StatusOr<std::vector<requests::RequestsStudent>> students = reader_.Students(calendar_id);
  if (!students.ok()) return students.status();
  std::vector<RosterStudent> out;
  out.reserve(students->size());
  for (requests::RequestsStudent& s : *students) {
    out.push_back({.id = std::move(s.id),
                   .display_name = std::move(s.display_name),
                   .grade = s.grade,
                   .active = s.active});
  }
  return out;
}

absl::StatusOr<OneRosterCalendar> OneRosterExport::Read(const TrialKey& trial) {
  OneRosterCalendar out;
  absl::StatusOr<ExportedTrial> schedule = repository_.ReadSchedule(trial);
  if (!schedule.ok()) return schedule.status();
  out.schedule = *std::move(schedule);
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog_.Calendar(trial.calendar_id);
  if (!calendar.ok()) return calendar.status();
  out.calendar = *std::move(calendar);
  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses = catalog_.Courses(trial.calendar_id);
  if (!courses.ok()) return courses.status();
  out.courses = *std::move(courses);
  absl::StatusOr<std::vector<catalog::CatalogTeacher>> teachers =
      catalog_.Teachers(trial.calendar_id);
  if (!teachers.ok()) return teachers.status();
  out.teachers = *std::move(teachers);
  absl::StatusOr<std::vector<catalog::CatalogRoom>> rooms = catalog_.Rooms(trial.calendar_id);
  if (!rooms.ok()) return rooms.status();
  out.rooms = *std::move(rooms);
  absl::StatusOr<std::vector<RosterStudent>> students = students_.Students(trial.calendar_id);
  if (!students.ok()) return students.status();
  out.students = *std::move(students);
  return out;
}

absl::StatusOr<OneRosterArchive> OneRosterExport::Archive(std::vector<OneRosterCalendar> calendars,
                                                          std::string filename) {
  std::chrono::system_clock::time_point latest{};
  for (const OneRosterCalendar& c : calendars) latest = std::max(latest, c.schedule.last_modified);
  std::vector<zip::Entry> entries;
  for (OneRosterFile& f : OneRosterFiles(calendars)) {
    entries.push_back({std::move(f.name), std::move(f.csv)});
  }
  absl::StatusOr<std::string> bytes = zip::WriteArchive(entries, latest);
  if (!bytes.ok()) return bytes.status();
  return OneRosterArchive{.filename = std::move(filename),
                          .zip = *std::move(bytes),
                          .calendars = static_cast<int>(calendars.size())};
}

absl::StatusOr<OneRosterArchive> OneRosterExport::Calendar(const auth::Caller& caller,
                                                           std::string_view calendar_id) {
  if (absl::Status s = access::AuthorizeCalendarAccess(caller, calendar_id, access::Mode::kRead,
                                                       schools_, access_);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<TrialKey>> active = repository_.ActiveTrials(calendar_id);
  if (!active.ok()) return active.status();
  if (active->empty()) {
    return absl::FailedPreconditionError("Calendar " + std::string(calendar_id) +
                                         " has no active trial to export; activate one first.");
  }
  const TrialKey trial = active->front();
  absl::StatusOr<OneRosterCalendar> calendar = Read(trial);
  if (!calendar.ok()) return calendar.status();
  std::vector<OneRosterCalendar> calendars;
  calendars.push_back(*std::move(calendar));
  return Archive(std::move(calendars),
                 "oneroster_" + trial.calendar_id + "_" + trial.trial_id + ".zip");
}

absl::StatusOr<OneRosterArchive> OneRosterExport::District(const auth::Caller& caller) {
  absl::StatusOr<std::vector<TrialKey>> active = repository_.ActiveTrials(std::nullopt);
  if (!active.ok()) return active.status();
  std::vector<OneRosterCalendar> calendars;
  for (const TrialKey& trial : *active) {
    absl::Status allowed = access::AuthorizeCalendarAccess(caller, trial.calendar_id,
                                                           access::Mode::kRead, schools_, access_);
    // A calendar the caller may not read is left out; any other failure (the access service
    // down) fails the export rather than silently shrinking it.
    if (absl::IsPermissionDenied(allowed)) continue;
    if (!allowed.ok()) return allowed;
    absl::StatusOr<OneRosterCalendar> calendar = Read(trial);
    if (!calendar.ok()) return calendar.status();
    calendars.push_back(*std::move(calendar));
  }
  if (calendars.empty()) {
    return absl::FailedPreconditionError(
        "No calendar you may read has an active trial; there is nothing to export.");
  }
  return Archive(std::move(calendars), "oneroster_district.zip");
}

}  // namespace secsched::sectioning
