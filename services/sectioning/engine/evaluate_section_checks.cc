// Hard constraints on sections, teachers and rooms: one named function per constraint.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/sectioning/engine/evaluate_context.h"

namespace secsched::engine::evaluate_internal {
namespace {

void ReportPairwiseOverlaps(const EvalContext& ctx, const std::vector<int>& sections,
                            std::string_view constraint, const std::string& who, Violations& out) {
  for (size_t i = 0; i < sections.size(); ++i) {
    for (size_t j = i + 1; j < sections.size(); ++j) {
      const int a = sections[i], b = sections[j];
      if (!ctx.index.Overlaps(ctx.section(a).placement, ctx.ppm(a), ctx.section(b).placement,
                              ctx.ppm(b)))
        continue;
      Add(out, constraint, {who, ctx.section(a).id, ctx.section(b).id},
          absl::StrCat(
              who, " is booked in sections ", ctx.section(a).id, " and ", ctx.section(b).id,
              " at the same time",
              ctx.index.OnDays(ctx.section(a).placement.terms & ctx.section(b).placement.terms)));
    }
  }
}

}  // namespace

std::string BlockedDays(const EvalContext& ctx, int s, const PeriodSlot& slot) {
  return ctx.index.OnDays(ctx.section(s).placement.terms & SlotTerms(slot, ctx.all_terms));
}

void CheckTeacherDoubleBooked(const EvalContext& ctx, Violations& out) {
  const auto by_teacher = SectionsByTeacher(ctx, /*placed_only=*/true);
  for (size_t t = 0; t < by_teacher.size(); ++t)
    ReportPairwiseOverlaps(ctx, by_teacher[t], constraint::kTeacherDoubleBooked,
                           ctx.school->teachers[t].id, out);
}

void CheckRoomDoubleBooked(const EvalContext& ctx, Violations& out) {
  std::vector<std::vector<int>> by_room(ctx.school->rooms.size());
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s)
    if (!ctx.section(s).room_id.empty() && ctx.section(s).placement.placed())
      by_room[ctx.index.RoomIndex(ctx.section(s).room_id)].push_back(s);
  for (size_t r = 0; r < by_room.size(); ++r)
    ReportPairwiseOverlaps(ctx, by_room[r], constraint::kRoomDoubleBooked, ctx.school->rooms[r].id,
                           out);
}

void CheckTeacherUnavailable(const EvalContext& ctx, Violations& out) {
  const auto by_teacher = SectionsByTeacher(ctx, /*placed_only=*/true);
  for (size_t t = 0; t < by_teacher.size(); ++t) {
    const Teacher& teacher = ctx.school->teachers[t];
    for (int s : by_teacher[t]) {
      for (const PeriodSlot& slot : teacher.unavailable) {
        if (!OccupiesSlot(ctx.section(s).placement, ctx.ppm(s), slot, ctx.all_terms)) continue;
        Add(out, constraint::kTeacherUnavailable, {teacher.id, ctx.section(s).id},
            absl::StrCat("teacher ", teacher.id, " is unavailable in period ", slot.period,
                         BlockedDays(ctx, s, slot), " but teaches section ", ctx.section(s).id));
        break;  // one violation per section is enough
      }
    }
  }
}

void CheckRoomUnavailable(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    if (ctx.section(s).room_id.empty()) continue;
    const Room& room = ctx.school->rooms[ctx.index.RoomIndex(ctx.section(s).room_id)];
    for (const PeriodSlot& slot : room.unavailable) {
      if (!OccupiesSlot(ctx.section(s).placement, ctx.ppm(s), slot, ctx.all_terms)) continue;
      Add(out, constraint::kRoomUnavailable, {room.id, ctx.section(s).id},
          absl::StrCat("room ", room.id, " is unavailable in period ", slot.period,
                       BlockedDays(ctx, s, slot), " but hosts section ", ctx.section(s).id));
      break;
    }
  }
}

void CheckRoomTypeMismatch(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    if (ctx.section(s).room_id.empty()) continue;
    const Room& room = ctx.school->rooms[ctx.index.RoomIndex(ctx.section(s).room_id)];
    const std::string& wanted = ctx.course_of(s).room_type;
    if (room.type == wanted) continue;
    Add(out, constraint::kRoomTypeMismatch, {ctx.section(s).id, room.id},
        absl::StrCat("section ", ctx.section(s).id, " needs a ", wanted, " room; ", room.id, " is ",
                     room.type));
  }
}

// A room smaller than the course's maximum is fine (the section seats fewer); more students
// than the room seats are not.
void CheckRoomTooSmall(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    if (ctx.section(s).room_id.empty()) continue;
    const Room& room = ctx.school->rooms[ctx.index.RoomIndex(ctx.section(s).room_id)];
    if (ctx.section_enrolled[s] <= room.capacity) continue;
    Add(out, constraint::kRoomTooSmall, {ctx.section(s).id, room.id},
        absl::StrCat("room ", room.id, " seats ", room.capacity, " but section ", ctx.section(s).id,
                     " has ", ctx.section_enrolled[s], " students"));
  }
}

// Only the primary teacher must be qualified: co-teachers (special education, student teachers)
// support a course they are not certified for as its teacher of record.
void CheckTeacherNotQualified(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    const Section& sec = ctx.section(s);
    if (sec.teacher_id.empty()) continue;
    const Teacher& t = ctx.school->teachers[ctx.index.TeacherIndex(sec.teacher_id)];
    if (std::find(t.can_teach.begin(), t.can_teach.end(), sec.course_id) != t.can_teach.end())
      continue;
    Add(out, constraint::kTeacherNotQualified, {t.id, sec.id, sec.course_id},
        absl::StrCat("teacher ", t.id, " cannot teach course ", sec.course_id, " (section ", sec.id,
                     ")"));
  }
}

// Counts every assigned section, placed or not: an unplaced section still needs its teacher.
void CheckTeacherOverMaxSections(const EvalContext& ctx, Violations& out) {
  const auto by_teacher = SectionsByTeacher(ctx, /*placed_only=*/false);
  for (size_t t = 0; t < by_teacher.size(); ++t) {
    const Teacher& teacher = ctx.school->teachers[t];
    const int count = static_cast<int>(by_teacher[t].size());
    if (count <= teacher.max_sections) continue;
    Add(out, constraint::kTeacherOverMaxSections, {teacher.id},
        absl::StrCat("teacher ", teacher.id, " has ", count, " sections; max ",
                     teacher.max_sections));
  }
}

void CheckWrongTermLength(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    const Placement& p = ctx.section(s).placement;
    if (!p.placed()) continue;
    const auto allowed = ctx.index.TermOptions(ctx.course_of(s));
    if (std::find(allowed.begin(), allowed.end(), p.terms) != allowed.end()) continue;
    if (ctx.index.rotation_days() == 1) {
      Add(out, constraint::kWrongTermLength, {ctx.section(s).id, ctx.course_of(s).id},
          absl::StrCat("section ", ctx.section(s).id, " meets in term mask ", p.terms,
                       ", which does not fit the term length of course ", ctx.course_of(s).id));
      continue;
    }
    std::vector<std::string> terms;
    for (int t = 0; t < ctx.index.num_terms(); ++t)
      if (ctx.index.TermBits(p.terms) & (1u << t))
        terms.push_back(ctx.school->calendar.terms[t].id);
    Add(out, constraint::kWrongTermLength, {ctx.section(s).id, ctx.course_of(s).id},
        absl::StrCat("section ", ctx.section(s).id, " meets in ", absl::StrJoin(terms, ", "),
                     ctx.index.OnDays(p.terms),
                     ", which does not fit the term length and meeting days of course ",
                     ctx.course_of(s).id));
  }
}

// Against the section's (or its course's) maximum; the room's seats are CheckRoomTooSmall's.
void CheckSectionOverCapacity(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    const int max = ctx.index.MaxStudents(s);
    if (ctx.section_enrolled[s] <= max) continue;
    Add(out, constraint::kSectionOverCapacity, {ctx.section(s).id},
        absl::StrCat("section ", ctx.section(s).id, " has ", ctx.section_enrolled[s],
                     " students; max ", max));
  }
}

}  // namespace secsched::engine::evaluate_internal
