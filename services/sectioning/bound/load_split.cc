// Splitting a group's column counts back into its members' schedules (load_model.h).
#include <Cbc_C_Interface.h>

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

#include "services/sectioning/bound/load_model.h"

namespace secsched::bound {
namespace {

// Member by member: first the columns every remaining member must take (count >= members left;
// locks among them), then the most wanted ones that fit. Always a valid split, whose counts may
// fall short of `counts` (forced columns that clash); true when they do not.
bool GreedySplit(const StudentGroup& g, std::vector<int> counts,
                 std::vector<std::vector<int>>& per_member) {
  const int n = static_cast<int>(g.students.size());
  per_member.assign(n, {});
  for (int i = 0; i < n; ++i) {
    const int left = n - i;
    std::vector<int> candidates;
    for (int c = 0; c < g.num_cols; ++c)
      if (counts[c] > 0) candidates.push_back(c);
    auto rank = [&](int c) { return std::make_tuple(!g.locked[c], counts[c] < left, -counts[c]); };
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](int a, int b) { return rank(a) < rank(b); });
    std::vector<int> chosen;
    for (int c : candidates) {
      bool fits = true;
      for (int d : chosen) fits &= !g.Conflicts(c, d);
      if (fits) chosen.push_back(c);
    }
    for (int c : chosen) --counts[c];
    std::sort(chosen.begin(), chosen.end());
    per_member[i] = std::move(chosen);
  }
  for (int c : counts)
    if (c != 0) return false;
  return true;
}

double Covered(const std::vector<std::vector<int>>& per_member,
               const std::vector<double>& weights) {
  double covered = 0;
  for (const std::vector<int>& cols : per_member)
    for (int c : cols) covered += weights[c];
  return covered;
}

// The split as a small integer program: z[member, column] binary, each column taken at most
// `counts` times, each member at most one column per clique, locks held by every member;
// maximise the weight covered. Its best solution is kept even when it covers less than counts.
// `per_member` holds a valid split on entry (CBC's start), and the better one on return.
bool BestSplit(const StudentGroup& g, const std::vector<int>& counts,
               const std::vector<double>& weights, std::vector<std::vector<int>>& per_member) {
  const int n = static_cast<int>(g.students.size()), k = g.num_cols;
  std::vector<std::vector<int>> rows;
  std::vector<double> lower, upper;
  for (int c = 0; c < k; ++c) {
    std::vector<int> row;
    for (int i = 0; i < n; ++i) row.push_back(i * k + c);
    rows.push_back(std::move(row));
    lower.push_back(0);
    upper.push_back(counts[c]);
  }
  for (int i = 0; i < n; ++i)
    for (const std::vector<int>& clique : g.cliques) {
      std::vector<int> row;
      for (int c : clique) row.push_back(i * k + c);
      rows.push_back(std::move(row));
      lower.push_back(0);
      upper.push_back(1);
    }
  const SparseColumns a(n * k, rows);
  std::vector<double> col_lower(n * k, 0), col_upper(n * k, 1), obj(n * k, 0);
  double total = 0;
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < k; ++c) {
      obj[i * k + c] = weights[c];
      if (g.locked[c]) col_lower[i * k + c] = 1;
      if (i == 0) total += weights[c] * counts[c];
    }
  Cbc_Model* cbc = Cbc_newModel();
  Cbc_loadProblem(cbc, n * k, static_cast<int>(rows.size()), a.start.data(), a.index.data(),
                  a.value.data(), col_lower.data(), col_upper.data(), obj.data(), lower.data(),
                  upper.data());
  Cbc_setObjSense(cbc, -1);
  Cbc_setLogLevel(cbc, 0);
  for (int c = 0; c < n * k; ++c) Cbc_setInteger(cbc, c);
  Cbc_setMaximumSeconds(cbc, 20);
  Cbc_setParameter(cbc, "sec", "20");
  Cbc_setParameter(cbc, "preprocess", "off");
  std::vector<double> start(n * k, 0.0);
  std::vector<int> all(n * k);
  for (int i = 0; i < n; ++i)
    for (int c : per_member[i]) start[i * k + c] = 1;
  for (int c = 0; c < n * k; ++c) all[c] = c;
  Cbc_setMIPStartI(cbc, n * k, all.data(), start.data());
  Cbc_solve(cbc);
  if (Cbc_bestSolution(cbc) != nullptr) {
    std::vector<std::vector<int>> found(n);
    const double* z = Cbc_getColSolution(cbc);
    for (int i = 0; i < n; ++i)
      for (int c = 0; c < k; ++c)
        if (z[i * k + c] > 0.5) found[i].push_back(c);
    if (Covered(found, weights) > Covered(per_member, weights)) per_member = std::move(found);
  }
  Cbc_deleteModel(cbc);
  return Covered(per_member, weights) >= total - 1e-6;
}

}  // namespace

SparseColumns::SparseColumns(int num_cols, const std::vector<std::vector<int>>& rows) {
  std::vector<std::vector<int>> rows_of_col(num_cols);
  for (int r = 0; r < static_cast<int>(rows.size()); ++r)
    for (int col : rows[r]) rows_of_col[col].push_back(r);
  for (const std::vector<int>& of_col : rows_of_col) {
    index.insert(index.end(), of_col.begin(), of_col.end());
    start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  value.assign(index.size(), 1.0);
}

bool DecomposeGroup(const StudentGroup& group, const std::vector<int>& counts,
                    const std::vector<double>& weights, std::vector<std::vector<int>>& per_member) {
  if (GreedySplit(group, counts, per_member)) return true;
  return BestSplit(group, counts, weights, per_member);
}

}  // namespace secsched::bound
