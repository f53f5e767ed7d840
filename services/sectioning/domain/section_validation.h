// A section checked against its calendar's catalog: the course, teachers and room exist, each
// teacher may teach the course, every meeting is in the calendar's terms and bell schedule, a
// double-period course meets in consecutive periods and the course's term length fits. Pure:
// the catalog comes in as a snapshot (CatalogSnapshot), read once per call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/catalog/catalog_reader.h"
#include "common/status/status.h"
#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning {

// What a section is checked against, read from the catalog once.
struct CatalogSnapshot {
  catalog::CatalogCalendar calendar;
  std::vector<catalog::CatalogCourse> courses;
  std::vector<catalog::CatalogTeacher> teachers;
  std::vector<catalog::CatalogRoom> rooms;

  const catalog::CatalogCourse* Course(std::string_view id) const;
  const catalog::CatalogTeacher* Teacher(std::string_view id) const;
  const catalog::CatalogRoom* Room(std::string_view id) const;
};

// The calendar, courses, teachers and rooms of `calendar_id`; errors pass through.
absl::StatusOr<CatalogSnapshot> ReadCatalog(catalog::CatalogReader& reader,
                                            std::string_view calendar_id);

// Violations of the placement on `field` ("section.placement", "placement"), e.g.
// "section.placement[2].period". `course` may be null (an unknown course: its rules are skipped).
void ValidatePlacement(const std::vector<Meeting>& meetings, const catalog::CatalogCourse* course,
                       const catalog::CatalogCalendar& calendar, std::string_view field,
                       FieldValidator& v);

// Every field of `section` (prefix "section."), the placement included.
void ValidateSection(const Section& section, const CatalogSnapshot& catalog, FieldValidator& v);

// min(course max_students, room capacity); the course's maximum without a room.
int DefaultCapacity(const catalog::CatalogCourse& course, const catalog::CatalogRoom* room);

}  // namespace secsched::sectioning
