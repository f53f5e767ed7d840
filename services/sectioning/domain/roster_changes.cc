#include "services/sectioning/domain/roster_changes.h"

#include <algorithm>
#include <tuple>

namespace secsched::sectioning {
namespace {

bool SameFields(const Enrollment& a, const Enrollment& b) {
  return std::tie(a.course_id, a.start_date, a.end_date, a.credit_override, a.repeat, a.source,
                  a.locked, a.request_rank,
                  a.overload) == std::tie(b.course_id, b.start_date, b.end_date, b.credit_override,
                                          b.repeat, b.source, b.locked, b.request_rank, b.overload);
}

bool Has(const std::vector<std::string>& paths, std::string_view path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

RosterChanges::RosterChanges(RosterState state) : initial_(state), current_(std::move(state)) {}

const StoredEnrollment* RosterChanges::Find(const std::string& student_id,
                                            const std::string& section_id) const {
  auto student = current_.enrollments.find(student_id);
  if (student == current_.enrollments.end()) return nullptr;
  auto row = student->second.find(section_id);
  return row == student->second.end() ? nullptr : &row->second;
}

// In the order the storage reads them: by course, section number, id.
std::vector<Section> RosterChanges::StudentSections(const std::string& student_id) const {
  std::vector<Section> out;
  auto student = current_.enrollments.find(student_id);
  if (student == current_.enrollments.end()) return out;
  for (const auto& [section_id, row] : student->second) {
    if (auto it = current_.sections.find(section_id); it != current_.sections.end()) {
      out.push_back(it->second);
    }
  }
  std::sort(out.begin(), out.end(), [](const Section& a, const Section& b) {
    return std::tie(a.course_id, a.section_number, a.section_id) <
           std::tie(b.course_id, b.section_number, b.section_id);
  });
  return out;
}

absl::StatusOr<AppliedChange> RosterChanges::Apply(const WalkIn& change, const WalkInCheck& check) {
  WalkInSnapshot snapshot;
  for (const std::string* id : {&change.from_section_id, &change.to_section_id}) {
    if (id->empty()) continue;
    auto it = current_.sections.find(*id);
    if (it == current_.sections.end()) {
      return absl::NotFoundError("Section " + *id + " not found in trial " + change.trial.trial_id +
                                 ".");
    }
    (id == &change.to_section_id ? snapshot.to : snapshot.from) = it->second;
  }
  snapshot.student_sections = StudentSections(change.student_id);
  const StoredEnrollment* current = nullptr;
  if (snapshot.from) {
    current = Find(change.student_id, change.from_section_id);
    if (current == nullptr) {
      return absl::NotFoundError("Student " + change.student_id + " is not in section " +
                                 change.from_section_id + ".");
    }
  }
  absl::StatusOr<bool> overload = check(snapshot);
  if (!overload.ok()) return overload.status();
  // The checks refuse the same course twice; this keeps the state a set whatever they say.
  if (snapshot.to && Find(change.student_id, change.to_section_id) != nullptr) {
    return absl::AlreadyExistsError("Student " + change.student_id + " is already in section " +
                                    change.to_section_id + ".");
  }

  std::map<std::string, StoredEnrollment>& rows = current_.enrollments[change.student_id];
  AppliedChange applied{.change = &change, .overload = *overload};
  if (change.action == ChangeAction::kUpdate) {
    StoredEnrollment& row = rows.at(change.from_section_id);
    const std::vector<std::string>& paths = change.update_paths;
    if (Has(paths, "start_date")) row.enrollment.start_date = change.fields.start_date;
    if (Has(paths, "end_date")) row.enrollment.end_date = change.fields.end_date;
    if (Has(paths, "credit_override")) {
      row.enrollment.credit_override = change.fields.credit_override;
    }
    if (Has(paths, "repeat")) row.enrollment.repeat = change.fields.repeat;
    touched_.insert({change.student_id, change.from_section_id});
    applied.section_id = change.from_section_id;
    applied.course_id = row.enrollment.course_id;
    applied.written = row.enrollment;
    applied_.push_back(applied);
    return applied;
  }

  Enrollment left;
  if (current != nullptr) {
    left = current->enrollment;
    rows.erase(change.from_section_id);
    --current_.sections[change.from_section_id].enrolled;
    removed_.insert({change.student_id, change.from_section_id});
    touched_.insert({change.student_id, change.from_section_id});
    applied.section_id = change.from_section_id;
    applied.course_id = left.course_id;
    applied.written = left;
  }
  if (snapshot.to) {
    Enrollment fields = change.action == ChangeAction::kMove ? left : change.fields;
    fields.calendar_id = change.trial.calendar_id;
    fields.trial_id = change.trial.trial_id;
    fields.student_id = change.student_id;
    fields.section_id = snapshot.to->section_id;
    fields.course_id = snapshot.to->course_id;
    fields.locked = false;
    fields.overload = *overload;
    rows[fields.section_id] = StoredEnrollment{.enrollment = fields};
    ++current_.sections[fields.section_id].enrolled;
    touched_.insert({change.student_id, fields.section_id});
    applied.section_id = fields.section_id;
    applied.course_id = fields.course_id;
    applied.written = fields;
  }
  applied_.push_back(applied);
  return applied;
}

RosterDiff RosterChanges::Diff() const {
  RosterDiff diff;
  for (const auto& key : touched_) {
    const auto& [student, section] = key;
    const StoredEnrollment* before = nullptr;
    if (auto s = initial_.enrollments.find(student); s != initial_.enrollments.end()) {
      if (auto r = s->second.find(section); r != s->second.end()) before = &r->second;
    }
    const StoredEnrollment* after = Find(student, section);
    if (before != nullptr && after == nullptr) {
      diff.deleted.push_back(key);
    } else if (before == nullptr && after != nullptr) {
      diff.inserted.push_back(after->enrollment);
    } else if (before != nullptr && after != nullptr) {
      if (removed_.count(key)) {
        diff.recreated.push_back(after->enrollment);
      } else if (!SameFields(before->enrollment, after->enrollment)) {
        diff.updated.push_back(after->enrollment);
      }
    }
  }
  return diff;
}

}  // namespace secsched::sectioning
