// Giving sections teachers: a complete staffing whenever one exists within qualifications, the
// year's section limit, the periods a teacher is free and the per-term load.
#pragma once

#include <string>
#include <vector>

#include "services/sectioning/engine/model.h"

namespace secsched::engine {

// The (period, term, rotation day) cells one meeting pattern of the course occupies (an
// every-other-day section of an A/B rotation uses half of what an every-day one does).
int CellsOf(const Calendar& calendar, const Course& course);

// Gives every unlocked section without a teacher a qualified teacher (can_teach), keeping every
// teacher within max_sections, within the cells of the day they are free, and within
// max_sections_per_term as far as it can be known before placement (the total over the terms,
// and the year-long sections in each term). A greedy pass balances loads, scarce courses first;
// then every section it left without a teacher gets one through an augmenting path (a teacher
// takes it and hands one of their sections to another qualified teacher, and so on), so a
// staffing is complete whenever these limits allow one. Sections given with a teacher keep it.
// Appends a warning per section still without a teacher. With keep_a_period_free, a teacher is
// given a section only if a period of the day stays free in every term (for slack sections).
void AssignTeachers(const School& school, std::vector<Section>& sections,
                    std::vector<std::string>& warnings, bool keep_a_period_free = false);

}  // namespace secsched::engine
