#include "services/sectioning/api/section_convert.h"

#include "common/api/resource_name.h"

namespace secsched::sectioning {
namespace {

v1::SectionConflict::Kind KindToProto(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::kTeacherDoubleBooked:
      return v1::SectionConflict::TEACHER_DOUBLE_BOOKED;
    case ConflictKind::kRoomDoubleBooked:
      return v1::SectionConflict::ROOM_DOUBLE_BOOKED;
    case ConflictKind::kTeacherUnavailable:
      return v1::SectionConflict::TEACHER_UNAVAILABLE;
    case ConflictKind::kRoomUnavailable:
      return v1::SectionConflict::ROOM_UNAVAILABLE;
    case ConflictKind::kRoomTypeMismatch:
      return v1::SectionConflict::ROOM_TYPE_MISMATCH;
    case ConflictKind::kCapacityOverRoom:
      return v1::SectionConflict::CAPACITY_OVER_ROOM;
    case ConflictKind::kTeamMismatch:
      return v1::SectionConflict::TEAM_MISMATCH;
    case ConflictKind::kRuleNotSamePeriod:
      return v1::SectionConflict::RULE_NOT_SAME_PERIOD;
    case ConflictKind::kTeacherOverMaxSections:
      return v1::SectionConflict::TEACHER_OVER_MAX_SECTIONS;
  }
  return v1::SectionConflict::KIND_UNSPECIFIED;
}

v1::GetPlacementGridRequest::View ViewToProto(GridView view) {
  switch (view) {
    case GridView::kTeacher:
      return v1::GetPlacementGridRequest::TEACHER;
    case GridView::kRoom:
      return v1::GetPlacementGridRequest::ROOM;
    case GridView::kCourse:
      return v1::GetPlacementGridRequest::COURSE;
  }
  return v1::GetPlacementGridRequest::VIEW_UNSPECIFIED;
}

}  // namespace

std::vector<Meeting> MeetingsFromProto(
    const google::protobuf::RepeatedPtrField<v1::SectionMeeting>& meetings) {
  std::vector<Meeting> out;
  out.reserve(meetings.size());
  for (const v1::SectionMeeting& m : meetings) out.push_back({m.term(), m.period(), m.day_type()});
  return out;
}

Section SectionFromProto(const v1::Section& in) {
  Section out;
  out.course_id = in.course();
  out.section_number = in.section_number();
  out.primary_teacher_id = in.primary_teacher();
  out.co_teacher_ids.assign(in.co_teachers().begin(), in.co_teachers().end());
  out.room_id = in.room();
  out.team_id = in.team();
  out.capacity = in.capacity();
  out.meetings = MeetingsFromProto(in.placement());
  out.locked = in.locked();
  return out;
}

std::vector<std::string> PopulatedSectionFields(const v1::Section& in) {
  std::vector<std::string> out;
  if (in.section_number() != 0) out.push_back("section_number");
  if (!in.primary_teacher().empty()) out.push_back("primary_teacher");
  if (in.co_teachers_size() > 0) out.push_back("co_teachers");
  if (!in.room().empty()) out.push_back("room");
  if (!in.team().empty()) out.push_back("team");
  if (in.capacity() != 0) out.push_back("capacity");
  if (in.placement_size() > 0) out.push_back("placement");
  if (in.locked()) out.push_back("locked");
  return out;
}

void ToProto(const Conflict& conflict, const std::string& calendar_id, const std::string& trial_id,
             v1::SectionConflict* out) {
  out->set_kind(KindToProto(conflict.kind));
  out->set_message(conflict.message);
  if (!conflict.other_section_id.empty()) {
    out->set_other_section(SectionName(calendar_id, trial_id, conflict.other_section_id));
  }
}

void ToProto(const SectionView& view, v1::Section* out) {
  const Section& s = view.section;
  out->set_name(SectionName(s.calendar_id, s.trial_id, s.section_id));
  out->set_course(s.course_id);
  out->set_section_number(s.section_number);
  out->set_primary_teacher(s.primary_teacher_id);
  for (const std::string& co : s.co_teacher_ids) out->add_co_teachers(co);
  out->set_room(s.room_id);
  out->set_team(s.team_id);
  out->set_capacity(s.capacity);
  for (const Meeting& m : s.meetings) {
    v1::SectionMeeting* meeting = out->add_placement();
    meeting->set_term(m.term_id);
    meeting->set_period(m.period);
    meeting->set_day_type(m.day_type);
  }
  out->set_locked(s.locked);
  out->set_source(s.source == SectionSource::kEngine ? v1::Section::ENGINE : v1::Section::MANUAL);
  out->set_enrolled(s.enrolled);
  for (const Conflict& c : view.conflicts) {
    ToProto(c, s.calendar_id, s.trial_id, out->add_conflicts());
  }
}

void ToProto(const PlacementGrid& grid, const TrialKey& trial, v1::PlacementGrid* out) {
  out->set_view(ViewToProto(grid.view));
  for (const GridCell& cell : grid.cells) {
    v1::PlacementGrid::Cell* c = out->add_cells();
    c->set_term(cell.term_id);
    c->set_day_type(cell.day_type);
    c->set_period(cell.period);
    for (const GridGroup& group : cell.groups) {
      v1::PlacementGrid::Group* g = c->add_groups();
      g->set_key(group.key);
      for (const std::string& id : group.section_ids) {
        g->add_sections(SectionName(trial.calendar_id, trial.trial_id, id));
      }
    }
  }
}

}  // namespace secsched::sectioning
