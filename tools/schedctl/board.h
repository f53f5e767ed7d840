// The master-schedule board: one self-contained HTML page (inline CSS, JS and SVG; no external
// asset, so it works offline and can be mailed as one file) from plain values that
// `schedctl export board` reads through the public API (commands_board.cc).
//
// The page: the grid of periods × teachers (or × rooms), each section with course, room and
// enrolled/capacity coloured by fill, conflicts outlined with their messages; filters by
// department, teacher, room and course; a per-student and a per-teacher view; inline-SVG charts
// (section fill histogram, requests met per grade, load metrics against their bound, the
// conflict matrix's top pairs as a heat map). The grid and views are drawn by the page's script
// from the embedded JSON; the charts are drawn here.
#pragma once

#include <string>
#include <vector>

namespace secsched::schedctl {

struct BoardMeeting {
  std::string term;
  int period = 0;
  std::string day_type;  // "" = every day
};

struct BoardSection {
  std::string id;  // section id
  std::string course;
  std::string course_name;
  std::string department;
  int number = 1;
  std::vector<std::string> teachers;   // teacher ids, primary first
  std::string room;                    // room id; "" = none
  std::vector<BoardMeeting> meetings;  // empty = not placed
  int enrolled = 0;
  int capacity = 0;
  std::vector<std::string> conflicts;  // live conflict messages
};

struct BoardName {
  std::string id;
  std::string name;  // teacher display name, room number
};

struct BoardStudent {
  std::string id;
  int grade = 0;  // 0 = unknown
  std::vector<std::string> sections;
};

struct BoardGradeRequests {
  int grade = 0;
  int met = 0;
  int unmet = 0;
};

struct BoardMetric {
  std::string label;
  int value = 0;
  int bound = 0;            // what the value is measured against (e.g. seats offered)
  std::string bound_label;  // what the bound is, e.g. "best possible (proven optimal)"
};

// GetLoadMetrics' counts, as the board needs them.
struct BoardLoadCounts {
  int primary_requests_met = 0;
  int requests_unmet = 0;
  int required_requests_unmet = 0;
  int students = 0;
  int students_complete = 0;
  int seats_used = 0;
  int seats_offered = 0;
  int best_possible_primary_met = 0;  // 0 = no BOUND job since the master last changed
  bool bound_proven_optimal = false;
};

// The load-metrics chart's rows: primary requests met against the best any load of this master
// could meet (CBC's bound; against all primary requests when no bound is known), complete
// schedules against students, seats used against offered, required unmet against unmet.
std::vector<BoardMetric> MetricsAgainstBound(const BoardLoadCounts& counts);

struct BoardConflictPair {
  std::string course_a;
  std::string course_b;
  int students = 0;  // students requesting both
};

struct Board {
  std::string title;  // "east-2026 · trial main (ACTIVE)"
  std::string calendar;
  std::string trial;
  std::vector<std::string> terms;  // in order
  std::vector<int> periods;        // ascending
  std::vector<BoardName> teachers;
  std::vector<BoardName> rooms;
  std::vector<BoardSection> sections;
  std::vector<BoardStudent> students;
  std::vector<BoardGradeRequests> grades;
  std::vector<BoardMetric> metrics;
  std::vector<BoardConflictPair> conflict_pairs;  // the top pairs, most students first
};

std::string RenderBoardHtml(const Board& board);

// The charts alone (each one <svg> element), for tests and reuse.
std::string FillHistogramSvg(const std::vector<BoardSection>& sections);
std::string GradeRequestsSvg(const std::vector<BoardGradeRequests>& grades);
std::string MetricsSvg(const std::vector<BoardMetric>& metrics);
std::string ConflictHeatMapSvg(const std::vector<BoardConflictPair>& pairs);

// Text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace secsched::schedctl
