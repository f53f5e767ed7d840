// The hard constraints between two sections, and between a student and a section, as one named
// function each. Shared by the master schedule, the loader, Explain and the tests so that all of
// them agree on what a conflict is.
#pragma once

#include <optional>
#include <string>

#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine {

// One side of a rule check: where a section meets and its link group.
struct Meeting {
  Placement placement;
  int periods_per_meeting = 1;
  const std::string* link_group = nullptr;  // may be null (= no group)
};

Meeting MeetingOf(const SchoolIndex& index, int section);

// --- course rules (A = rule.course_a's section, B = rule.course_b's section) -------------------
bool SamePeriodHolds(const Meeting& a, const Meeting& b);
bool NotSamePeriodHolds(const Meeting& a, const Meeting& b);
// Term rules compare the terms of the meetings, never their rotation days.
bool SameTermHolds(const SchoolIndex& index, const Meeting& a, const Meeting& b);
bool DifferentTermHolds(const SchoolIndex& index, const Meeting& a, const Meeting& b);
bool PrecedesHolds(const SchoolIndex& index, const Meeting& a, const Meeting& b);
bool LinkedHolds(const Meeting& a, const Meeting& b);
// Dispatches on the rule type. Unplaced meetings satisfy every placement rule.
bool RuleHolds(const SchoolIndex& index, RuleType type, const Meeting& a, const Meeting& b);
// Checks every rule between the courses of sections x and y (either orientation).
bool RulesHoldBetween(const SchoolIndex& index, int section_x, int section_y);
// The first rule between the two sections' courses that fails, if any.
std::optional<int> FirstBrokenRule(const SchoolIndex& index, int section_x, int section_y);

// --- student vs section ------------------------------------------------------------------------
// The team the section takes: its own, else its course's.
const std::optional<std::string>& EffectiveTeam(const SchoolIndex& index, int section);
// A team section takes only its team; a team student takes its team's or team-less sections.
bool TeamAllows(const SchoolIndex& index, const Student& student, int section);
// The student's grade is within the course's grade range.
bool GradeAllows(const SchoolIndex& index, const Student& student, int section);
// The student asked to avoid the section's teacher or a co-teacher.
bool AvoidsTeacherOf(const Student& student, const Section& section);
// The section meets in a period the student must keep free.
bool HitsKeptFreePeriod(const SchoolIndex& index, const Student& student, int section);

// Two sections a student holds at once collide in time.
bool TimeClash(const SchoolIndex& index, int section_x, int section_y);

}  // namespace secsched::engine
