#include "tools/schedctl/suggest.h"

#include <algorithm>

namespace secsched::schedctl {

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: the Levenshtein table plus one transposition case. Three rows.
  const size_t n = b.size();
  std::vector<int> before(n + 1), previous(n + 1), current(n + 1);
  for (size_t j = 0; j <= n; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= n; ++j) {
      const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[n];
}

std::optional<std::string> NearestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const int limit = std::min<int>(2, (static_cast<int>(word.size()) - 1) / 2);
  std::optional<std::string> best;
  int best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const int distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view prefix) {
  std::optional<std::string> match = NearestMatch(word, candidates);
  if (!match) return "";
  return " (did you mean " + std::string(prefix) + *match + "?)";
}

}  // namespace secsched::schedctl
