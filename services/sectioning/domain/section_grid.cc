#include "services/sectioning/domain/section_grid.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace secsched::sectioning {
namespace {

std::vector<std::string> KeysOf(const Section& section, GridView view) {
  switch (view) {
    case GridView::kTeacher: {
      std::vector<std::string> keys = {section.primary_teacher_id};
      for (const std::string& co : section.co_teacher_ids) keys.push_back(co);
      return keys;
    }
    case GridView::kRoom:
      return {section.room_id};
    case GridView::kCourse:
      return {section.course_id};
  }
  return {};
}

}  // namespace

PlacementGrid BuildPlacementGrid(const catalog::CatalogCalendar& calendar,
                                 const std::vector<Section>& sections, GridView view) {
  PlacementGrid grid{.view = view};
  std::vector<std::string> days = calendar.day_types;
  if (days.empty()) days.push_back("");
  std::set<int> periods;
  for (const catalog::CatalogPeriod& p : calendar.periods) periods.insert(p.number);
  // One pass over the sections' meetings, then the cells in calendar order.
  using Cell = std::tuple<std::string, std::string, int>;
  std::map<Cell, std::map<std::string, std::set<std::string>>> at;
  for (const Section& s : sections) {
    for (const Meeting& m : s.meetings) {
      for (const std::string& day : days) {
        if (!m.day_type.empty() && m.day_type != day) continue;
        for (const std::string& key : KeysOf(s, view)) {
          at[{m.term_id, day, m.period}][key].insert(s.section_id);
        }
      }
    }
  }
  for (const catalog::CatalogTerm& term : calendar.terms) {
    for (const std::string& day : days) {
      for (int period : periods) {
        GridCell out{.term_id = term.id, .day_type = day, .period = period};
        if (auto it = at.find({term.id, day, period}); it != at.end()) {
          for (auto& [key, ids] : it->second) {
            out.groups.push_back({key, std::vector<std::string>(ids.begin(), ids.end())});
          }
        }
        grid.cells.push_back(std::move(out));
      }
    }
  }
  return grid;
}

}  // namespace secsched::sectioning
