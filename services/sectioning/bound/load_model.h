// The loading problem's integer program (load_optimum.h), built compactly so that CBC can solve it
// at 1,200 and 2,800 students:
//
// - Section classes: sections of one course with the same placement, link group and team, whose
//   teachers no student avoids differently, are interchangeable for every student; the model has
//   one column per class and a capacity row with the classes' summed seats. Exact: students can be
//   spread over a class's sections in any way that respects each section's seats.
// - Student groups (when aggregating): students with the same columns (classes they may take, and
//   locks; weights too in the weighted model) share one integer column per class with bounds
//   0..group size. This removes the symmetry between identical students. It is a relaxation (the
//   group's counts must still split into one clash-free schedule per member, which an odd hole in
//   the conflict graph can prevent); DecomposeGroup does the split, and SolveLoadOptimum solves
//   again with the members of groups that did not split kept apart.
// - Conflict rows: each member takes at most one column from each row's clique of the group's
//   conflict graph (same course; a time clash by SchoolIndex::Overlaps via engine::TimeClash; a
//   course rule broken via engine::RulesHoldBetween), times the group size. The rows are all
//   maximal cliques (the strongest such rows: every period-and-term cell, every request, and
//   what double-period sections join) when there are at most 200; else (course rules such as
//   SAME_PERIOD make 2^k) each course's columns grown to a maximal clique, then a greedy cover
//   of the remaining conflicts.
#pragma once

#include <Coin_C_defines.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "services/sectioning/engine/index.h"

namespace secsched::bound {

struct SectionClass {
  int course = -1;
  std::vector<int> sections;  // in input order
  int capacity = 0;           // summed seats of its sections
};

struct StudentGroup {
  std::vector<int> students;
  int first_col = 0;  // the group's columns are first_col .. first_col + num_cols - 1
  int num_cols = 0;
  // Adjacency of the group's conflict graph over its local columns (num_cols x num_cols).
  std::vector<std::uint8_t> conflict;
  std::vector<std::vector<int>> cliques;  // local column indexes; each a row of the model
  std::vector<bool> locked;               // per local column: every member holds it
  bool Conflicts(int a, int b) const { return conflict[a * num_cols + b] != 0; }
};

struct LoadModel {
  std::vector<SectionClass> classes;
  std::vector<int> class_of_section;  // -1: unplaced
  std::vector<StudentGroup> groups;
  std::vector<int> group_of_student;  // -1: the student has no column
  // Columns: (group, class), integer in [col_lower, col_upper].
  std::vector<int> col_group, col_class;
  std::vector<double> col_lower, col_upper, col_weight;
  // Rows: sum of the row's columns <= row_upper.
  std::vector<std::vector<int>> rows;
  std::vector<double> row_upper;
  int requests = 0;  // primary requests (distinct requested courses per student)

  // The column of a student's group for a section's class, or -1.
  int ColumnOf(int student, int section) const;
  void AddRow(std::vector<int> row, double upper) {
    rows.push_back(std::move(row));
    row_upper.push_back(upper);
  }
};

struct LoadModelOptions {
  bool aggregate = true;  // merge identical students into groups
  bool weighted = false;  // groups must also agree on the loader's request weights
  // Students kept out of groups (each its own), e.g. members of a group whose counts did not split.
  const std::vector<bool>* apart = nullptr;
};

LoadModel BuildLoadModel(const engine::SchoolIndex& index, const LoadModelOptions& options);

// A 0/1 row matrix in compressed sparse columns, as CBC and CLP load it.
struct SparseColumns {
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value;
  SparseColumns(int num_cols, const std::vector<std::vector<int>>& rows);
};

// Splits a group's column counts (counts[local column], summing over the members) into one
// clash-free set of local columns per member (locks included). False when no exact split was found
// (a group's conflict graph may hold an odd hole): per_member is then the split covering the most
// weight (weights[local column]) within the counts, a load worth less than the counts.
bool DecomposeGroup(const StudentGroup& group, const std::vector<int>& counts,
                    const std::vector<double>& weights, std::vector<std::vector<int>>& per_member);

}  // namespace secsched::bound
