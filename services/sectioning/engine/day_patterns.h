// The day sets a course may meet on in an R-day rotation, shared by SchoolIndex::DayOptions and
// the generator (which depends on the standard library only, so this is header-only).
#pragma once

#include <vector>

#include "services/sectioning/engine/model.h"

namespace secsched::engine {

// Evenly spaced days (bit d = rotation day d): a course meeting k of R days (k divides R) meets
// every R/k-th day, starting on any of the first R/k days (A/B days, k = 1: {A}, {B}). Every day
// when k is 0 (the default), k >= R, or k does not divide R.
inline std::vector<TermMask> DayPatterns(int rotation_days, int days_per_rotation) {
  const int r = rotation_days < 1 ? 1 : rotation_days;
  const int k = days_per_rotation;
  if (k <= 0 || k >= r || r % k != 0)
    return {static_cast<TermMask>(r >= 16 ? 0xFFFF : (1u << r) - 1)};
  const int step = r / k;  // days between two meetings: every other day for A/B days
  std::vector<TermMask> patterns;
  for (int first = 0; first < step; ++first) {
    TermMask days = 0;
    for (int d = first; d < r; d += step) days |= static_cast<TermMask>(1u << d);
    patterns.push_back(days);
  }
  return patterns;
}

}  // namespace secsched::engine
