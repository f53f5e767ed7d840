#include "services/sectioning/domain/engine_placement.h"

#include <algorithm>
#include <map>

namespace secsched::sectioning {
namespace {

int Rotation(const EngineCalendar& calendar) {
  return std::max(1, calendar.calendar.rotation_days);
}

engine::TermMask Bit(int slot) { return static_cast<engine::TermMask>(1u << slot); }

// Every (term, day) slot bit of `term`.
engine::TermMask TermSlots(const EngineCalendar& calendar, int term) {
  engine::TermMask mask = 0;
  for (int day = 0; day < Rotation(calendar); ++day) mask |= Bit(term * Rotation(calendar) + day);
  return mask;
}

int IndexOf(const std::vector<std::string>& ids, const std::string& id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

}  // namespace

std::vector<Meeting> MeetingsOf(const EngineCalendar& calendar, const engine::Placement& placement,
                                int periods_per_meeting) {
  std::vector<Meeting> meetings;
  if (!placement.placed()) return meetings;
  const int rotation = Rotation(calendar);
  for (int k = 0; k < std::max(1, periods_per_meeting); ++k) {
    const int period = placement.period + k + 1;
    for (int term = 0; term < static_cast<int>(calendar.term_ids.size()); ++term) {
      const engine::TermMask all = TermSlots(calendar, term);
      if ((placement.terms & all) == 0) continue;
      if ((placement.terms & all) == all) {
        meetings.push_back({calendar.term_ids[term], period, ""});
        continue;
      }
      for (int day = 0; day < rotation; ++day) {
        if (placement.terms & Bit(term * rotation + day)) {
          meetings.push_back({calendar.term_ids[term], period, calendar.day_types[day]});
        }
      }
    }
  }
  return meetings;
}

absl::StatusOr<engine::Placement> PlacementOf(const EngineCalendar& calendar,
                                              const std::vector<Meeting>& meetings,
                                              int periods_per_meeting) {
  if (meetings.empty()) return engine::Placement{};
  const int rotation = Rotation(calendar);
  std::map<int, engine::TermMask> slots_by_period;
  for (const Meeting& m : meetings) {
    const int term = IndexOf(calendar.term_ids, m.term_id);
    if (term < 0) return absl::InvalidArgumentError("Unknown term " + m.term_id + ".");
    engine::TermMask slots = 0;
    if (m.day_type.empty()) {
      slots = TermSlots(calendar, term);
    } else {
      const int day = IndexOf(calendar.day_types, m.day_type);
      if (day < 0) return absl::InvalidArgumentError("Unknown day type " + m.day_type + ".");
      slots = Bit(term * rotation + day);
    }
    slots_by_period[m.period] |= slots;
  }
  const int ppm = std::max(1, periods_per_meeting);
  const int first = slots_by_period.begin()->first;
  if (static_cast<int>(slots_by_period.size()) != ppm ||
      slots_by_period.rbegin()->first != first + ppm - 1) {
    return absl::InvalidArgumentError("A section of this course meets in " + std::to_string(ppm) +
                                      " consecutive period(s).");
  }
  const engine::TermMask mask = slots_by_period.begin()->second;
  for (const auto& [period, slots] : slots_by_period) {
    if (slots != mask) {
      return absl::InvalidArgumentError(
          "Every period of a multi-period section meets in the same terms and days.");
    }
  }
  return engine::Placement{.period = first - 1, .terms = mask};
}

}  // namespace secsched::sectioning
