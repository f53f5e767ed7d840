// The placement grid: every (term, day type, period) of the calendar with the trial's sections
// there, grouped by teacher, room or course. Pure.
#pragma once

#include <string>
#include <vector>

#include "common/catalog/catalog_reader.h"
#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning {

enum class GridView { kTeacher, kRoom, kCourse };

struct GridGroup {
  std::string key;  // teacher, room or course id; "" = no teacher / no room
  std::vector<std::string> section_ids;
};

struct GridCell {
  std::string term_id;
  std::string day_type;  // "" when the calendar has no rotation
  int period = 0;
  std::vector<GridGroup> groups;  // ordered by key
};

struct PlacementGrid {
  GridView view = GridView::kTeacher;
  std::vector<GridCell> cells;  // terms in calendar order, day types in rotation order, periods
};

// A section meeting on day type "" is in every day type's cell; with the teacher view a section
// is in the group of each of its teachers.
PlacementGrid BuildPlacementGrid(const catalog::CatalogCalendar& calendar,
                                 const std::vector<Section>& sections, GridView view);

}  // namespace secsched::sectioning
