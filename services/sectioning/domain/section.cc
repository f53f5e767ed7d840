#include "services/sectioning/domain/section.h"

#include <algorithm>
#include <utility>

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "services/sectioning/domain/calendar_guard.h"
#include "services/sectioning/domain/section_validation.h"

namespace secsched::sectioning {
namespace {

absl::Status SectionNotFound(const SectionKey& key) {
  return absl::NotFoundError("Section " + key.section_id + " not found in trial " + key.trial_id +
                             " of calendar " + key.calendar_id + ".");
}

const Section* FindSection(const std::vector<Section>& sections, std::string_view id) {
  auto it = std::lower_bound(sections.begin(), sections.end(), id,
                             [](const Section& s, std::string_view v) { return s.section_id < v; });
  if (it == sections.end() || it->section_id != id) return nullptr;
  return &*it;
}

// The trial's sections and what their conflicts are computed from.
struct TrialSections {
  std::vector<Section> sections;  // ordered by id
  CatalogSnapshot catalog;
  std::vector<NotSamePeriodRule> rules;
  std::map<std::string, std::vector<std::string>> team_section_students;
  std::map<std::string, std::string> team_of_student;
};

absl::StatusOr<TrialSections> ReadTrialState(SectionRepository& repository,
                                             catalog::CatalogReader& catalog,
                                             CourseRuleReader& rules, StudentTeamReader& teams,
                                             const TrialKey& trial) {
  TrialSections state;
  absl::StatusOr<std::vector<Section>> sections = repository.ListTrial(trial);
  if (!sections.ok()) return sections.status();
  state.sections = *std::move(sections);
  std::sort(state.sections.begin(), state.sections.end(),
            [](const Section& a, const Section& b) { return a.section_id < b.section_id; });
  absl::StatusOr<CatalogSnapshot> snapshot = ReadCatalog(catalog, trial.calendar_id);
  if (!snapshot.ok()) return snapshot.status();
  state.catalog = *std::move(snapshot);
  absl::StatusOr<std::vector<NotSamePeriodRule>> read =
      rules.MasterNotSamePeriodRules(trial.calendar_id);
  if (!read.ok()) return read.status();
  state.rules = *std::move(read);
  // Teams are read only when a section has one: most trials have none.
  if (std::any_of(state.sections.begin(), state.sections.end(),
                  [](const Section& s) { return !s.team_id.empty(); })) {
    absl::StatusOr<std::map<std::string, std::vector<std::string>>> rosters =
        repository.TeamSectionStudents(trial);
    if (!rosters.ok()) return rosters.status();
    state.team_section_students = *std::move(rosters);
    absl::StatusOr<std::map<std::string, std::string>> team_of =
        teams.StudentTeams(trial.calendar_id);
    if (!team_of.ok()) return team_of.status();
    state.team_of_student = *std::move(team_of);
  }
  return state;
}

ConflictContext ContextOf(const TrialSections& state) {
  ConflictContext context(state.sections, state.catalog.courses, state.catalog.teachers,
                          state.catalog.rooms, state.rules);
  context.SetTeamRosters(state.team_section_students, state.team_of_student);
  return context;
}

}  // namespace

bool SectionMatches(const Section& section, const SectionFilter& filter) {
  if (!filter.course_id.empty() && section.course_id != filter.course_id) return false;
  if (!filter.room_id.empty() && section.room_id != filter.room_id) return false;
  if (!filter.teacher_id.empty() && section.primary_teacher_id != filter.teacher_id &&
      std::find(section.co_teacher_ids.begin(), section.co_teacher_ids.end(), filter.teacher_id) ==
          section.co_teacher_ids.end()) {
    return false;
  }
  if (filter.period != 0 &&
      std::none_of(section.meetings.begin(), section.meetings.end(),
                   [&](const Meeting& m) { return m.period == filter.period; })) {
    return false;
  }
  return true;
}

const std::vector<std::string>& SectionUpdatablePaths() {
  static const std::vector<std::string> paths = {
      "section_number", "primary_teacher", "co_teachers", "room",
      "team",           "capacity",        "placement",   "locked"};
  return paths;
}

absl::Status Sections::Authorize(const auth::Caller& caller, std::string_view calendar_id,
                                 bool write) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, calendar_id, write ? access::Mode::kWrite : access::Mode::kRead, schools_,
          access_);
      !allowed.ok()) {
    return allowed;
  }
  if (write) return RequireApprovedCalendar(catalog_, calendar_id);
  return absl::OkStatus();
}

absl::StatusOr<SectionView> Sections::Create(const auth::Caller& caller, NewSection request) {
  Section& section = request.section;
  FieldValidator ids;
  ids.Require(section.section_id.empty() || api::IsValidId(section.section_id), "section_id",
              "must be 1-63 characters of a-z, 0-9 and -");
  ids.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status valid = ids.Finish("The section has invalid fields."); !valid.ok()) {
    return valid;
  }
  if (absl::Status allowed = Authorize(caller, section.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<CatalogSnapshot> catalog = ReadCatalog(catalog_, section.calendar_id);
  if (!catalog.ok()) return catalog.status();
  FieldValidator v;
  ValidateSection(section, *catalog, v);
  if (absl::Status valid = v.Finish("The section has invalid fields."); !valid.ok()) return valid;

  if (section.section_id.empty()) section.section_id = api::NewId("section-");
  if (section.capacity == 0) {
    section.capacity =
        DefaultCapacity(*catalog->Course(section.course_id), catalog->Room(section.room_id));
  }
  section.source = SectionSource::kManual;
  absl::StatusOr<Section> created = repository_.Create(section, request.request_id, caller.subject);
  if (!created.ok()) return created.status();
  return Get(caller, {created->calendar_id, created->trial_id, created->section_id});
}

absl::StatusOr<SectionView> Sections::Get(const auth::Caller& caller, const SectionKey& key) {
  if (absl::Status allowed = Authorize(caller, key.calendar_id, false); !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<TrialSections> state =
      ReadTrialState(repository_, catalog_, rules_, teams_, {key.calendar_id, key.trial_id});
  if (!state.ok()) return state.status();
  const Section* section = FindSection(state->sections, key.section_id);
  if (section == nullptr) return SectionNotFound(key);
  return SectionView{*section, Conflicts(*section, ContextOf(*state))};
}

absl::StatusOr<api::Page<SectionView>> Sections::List(const auth::Caller& caller,
                                                      const TrialKey& trial,
                                                      const SectionFilter& filter,
                                                      const api::PageRequest& page) {
  if (filter.period < 0) return InvalidField("period", "must be a period number (0 = any)");
  if (absl::Status allowed = Authorize(caller, trial.calendar_id, false); !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<TrialSections> state =
      ReadTrialState(repository_, catalog_, rules_, teams_, trial);
  if (!state.ok()) return state.status();
  // The trial is read whole (conflicts need every section); filter and page in memory.
  std::vector<const Section*> matching;
  for (const Section& s : state->sections) {
    if (s.section_id > page.after && SectionMatches(s, filter)) matching.push_back(&s);
    if (static_cast<int>(matching.size()) > page.size) break;
  }
  api::Page<SectionView> out;
  out.next_after =
      api::TrimToPage(matching, page.size, [](const Section* s) { return s->section_id; });
  const ConflictContext context = ContextOf(*state);
  for (const Section* s : matching) out.items.push_back({*s, Conflicts(*s, context)});
  return out;
}

absl::StatusOr<SectionView> Sections::Update(const auth::Caller& caller, const Section& changes,
                                             const api::UpdateMask& mask) {
  const SectionKey key{changes.calendar_id, changes.trial_id, changes.section_id};
  if (mask.Has("section_number") && changes.section_number == 0) {
    return InvalidField("section.section_number", "must be 1-999");
  }
  if (absl::Status allowed = Authorize(caller, key.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<TrialSections> state =
      ReadTrialState(repository_, catalog_, rules_, teams_, {key.calendar_id, key.trial_id});
  if (!state.ok()) return state.status();
  const Section* current = FindSection(state->sections, key.section_id);
  if (current == nullptr) return SectionNotFound(key);

  Section merged = *current;
  if (mask.Has("section_number")) merged.section_number = changes.section_number;
  if (mask.Has("primary_teacher")) merged.primary_teacher_id = changes.primary_teacher_id;
  if (mask.Has("co_teachers")) merged.co_teacher_ids = changes.co_teacher_ids;
  if (mask.Has("room")) merged.room_id = changes.room_id;
  if (mask.Has("team")) merged.team_id = changes.team_id;
  if (mask.Has("capacity")) merged.capacity = changes.capacity;
  if (mask.Has("placement")) merged.meetings = changes.meetings;
  if (mask.Has("locked")) merged.locked = changes.locked;
  FieldValidator v;
  ValidateSection(merged, state->catalog, v);
  if (absl::Status valid = v.Finish("The section has invalid fields."); !valid.ok()) return valid;
  if (mask.Has("capacity") && merged.capacity == 0) {
    merged.capacity = DefaultCapacity(*state->catalog.Course(merged.course_id),
                                      state->catalog.Room(merged.room_id));
  }
  absl::StatusOr<Section> updated = repository_.Update(merged, mask, caller.subject);
  if (!updated.ok()) return updated.status();
  return Get(caller, key);
}

absl::Status Sections::Delete(const auth::Caller& caller, const SectionKey& key, bool force) {
  if (absl::Status allowed = Authorize(caller, key.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  return repository_.Delete(key, force, {.actor = caller.subject});
}

absl::StatusOr<MoveOutcome> Sections::Move(const auth::Caller& caller,
                                           const SectionMoveRequest& request) {
  const SectionKey& key = request.key;
  if (request.reason.size() > 1000)
    return InvalidField("reason", "must be at most 1000 characters");
  if (absl::Status allowed = Authorize(caller, key.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<TrialSections> state =
      ReadTrialState(repository_, catalog_, rules_, teams_, {key.calendar_id, key.trial_id});
  if (!state.ok()) return state.status();
  const Section* current = FindSection(state->sections, key.section_id);
  if (current == nullptr) return SectionNotFound(key);
  FieldValidator v;
  ValidatePlacement(request.meetings, state->catalog.Course(current->course_id),
                    state->catalog.calendar, "placement", v);
  if (absl::Status valid = v.Finish("The placement is invalid."); !valid.ok()) return valid;

  const ConflictContext context = ContextOf(*state);
  Section moved = *current;
  moved.meetings = request.meetings;
  MoveOutcome outcome;
  outcome.section = {moved, Conflicts(moved, context)};
  outcome.new_conflicts = NewConflicts(Conflicts(*current, context), outcome.section.conflicts);
  if (request.validate_only) {
    absl::StatusOr<std::vector<StudentMeeting>> others = repository_.EnrolledStudentsMeetings(key);
    if (!others.ok()) return others.status();
    outcome.broken_students = BrokenStudents(request.meetings, *others);
    return outcome;
  }
  absl::StatusOr<std::vector<BrokenStudent>> broken = repository_.Move(
      key, request.meetings,
      {.actor = caller.subject, .reason = request.reason, .request_id = request.request_id});
  if (!broken.ok()) return broken.status();
  outcome.broken_students = *std::move(broken);
  outcome.applied = true;
  return outcome;
}

absl::StatusOr<PlacementGrid> Sections::Grid(const auth::Caller& caller, const TrialKey& trial,
                                             GridView view) {
  if (absl::Status allowed = Authorize(caller, trial.calendar_id, false); !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<std::vector<Section>> sections = repository_.ListTrial(trial);
  if (!sections.ok()) return sections.status();
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog_.Calendar(trial.calendar_id);
  if (!calendar.ok()) return calendar.status();
  return BuildPlacementGrid(*calendar, *sections, view);
}

}  // namespace secsched::sectioning
