// "Did you mean …?" for misspelt commands and flags: the nearest candidate by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace secsched::schedctl {

// Insertions, deletions, substitutions and swaps of two neighbouring letters, each costing 1
// (a swap is the commonest typing slip, so "gte" is one edit from "get", not two).
int EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, when it is near enough to be a plausible slip: at most 2
// edits, and fewer than half of the word's letters (so "x" does not suggest "id"). Ties go to
// the earlier candidate.
std::optional<std::string> NearestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

// " (did you mean PREFIX+match?)" or "" when nothing is near.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view prefix = "");

}  // namespace secsched::schedctl
