// Creating sections from the request tally and giving them teachers and home rooms.
#pragma once

#include <string>
#include <vector>

#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/staffing.h"

namespace secsched::engine {

// Primary requests per course (index = course index).
std::vector<int> PrimaryRequestTally(const SchoolIndex& index);

// How many sections the course needs: sections_to_build when fixed, else ceil(requests / seats),
// seats per section being SeatsPerSection (the course's maximum when 0).
// (BuildSections may add one more for slack: see build_sections.cc.)
int SectionsNeeded(const Course& course, int primary_requests, int seats_per_section = 0);
// The seats a section of the course can count on: its maximum, or the largest room of its type
// when that seats fewer (a section seats min(maximum, its room's capacity)).
int SeatsPerSection(const School& school, const Course& course);

// A course's sections reserved for a team other than the course's own, and the seats in them
// the team's students can fill (min(seats, the team's requests), per team). BuildSections sizes
// the open sections for the rest of the demand: counting team seats as open ones left non-team
// students of the generator's grade-9 team courses short of about a section each.
struct TeamSeats {
  int sections = 0;
  int usable_seats = 0;
};
TeamSeats TeamSeatsOf(const SchoolIndex& index, int course);

// Gives every unlocked section without a room a home room of the course's type with enough
// capacity, balancing the number of sections per room. The master schedule may change it per
// period. Appends a warning per section left without a room.
void AssignHomeRooms(const School& school, std::vector<Section>& sections,
                     std::vector<std::string>& warnings);

// For every LINKED rule, pairs sections of the two courses that have no link group yet by rank
// and gives each pair a group "<a>+<b>-<k>".
void AssignLinkGroups(const SchoolIndex& index, std::vector<Section>& sections);

}  // namespace secsched::engine
