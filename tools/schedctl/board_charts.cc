// The board's inline-SVG charts (board.h). Plain SVG 1.1 with <title> tooltips; no script.
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/schedctl/board.h"

namespace secsched::schedctl {
namespace {

constexpr int kWidth = 460;

std::string Svg(int height, std::string_view label, const std::string& body) {
  return absl::StrFormat(
      "<svg class=\"chart\" role=\"img\" width=\"%d\" "
      "height=\"%d\" viewBox=\"0 0 %d %d\" aria-label=\"%s\">%s</svg>",
      kWidth, height, kWidth, height, HtmlEscape(label), body);
}

std::string Text(int x, int y, std::string_view text, std::string_view anchor = "start") {
  return absl::StrFormat("<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                         HtmlEscape(text));
}

std::string Rect(int x, int y, int w, int h, std::string_view fill, std::string_view tip) {
  return absl::StrFormat(
      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>", x,
      y, std::max(w, 0), std::max(h, 0), fill, HtmlEscape(tip));
}

int Percent(int part, int whole) { return whole <= 0 ? 0 : part * 100 / whole; }

}  // namespace

std::string FillHistogramSvg(const std::vector<BoardSection>& sections) {
  // Buckets 0-9 %, 10-19 %, ... 90-99 %, 100 % (full), over 100 %.
  std::vector<int> buckets(12, 0);
  for (const BoardSection& s : sections) {
    const int fill = Percent(s.enrolled, s.capacity);
    const int b = s.enrolled > s.capacity ? 11 : std::min(fill / 10, 10);
    ++buckets[static_cast<size_t>(b)];
  }
  const int top = std::max(1, *std::max_element(buckets.begin(), buckets.end()));
  const int height = 180, base = 150, bar = 32;
  std::string body = Text(4, 14, "Sections by fill (enrolled / capacity)");
  for (size_t i = 0; i < buckets.size(); ++i) {
    const int h = buckets[i] * 120 / top;
    const int x = 10 + static_cast<int>(i) * (bar + 5);
    const std::string label = i == 10 ? "100" : i == 11 ? ">100" : std::to_string(i * 10);
    const std::string fill = i == 11   ? "#e0453a"
                             : i == 10 ? "#f39c3d"
                             : i >= 9  ? "#f1c94b"
                             : i >= 5  ? "#5cb85c"
                                       : "#6fa8dc";
    body += Rect(x, base - h, bar, h, fill,
                 absl::StrCat(label, "%: ", buckets[i], " section", buckets[i] == 1 ? "" : "s"));
    body += absl::StrFormat("<text class=\"n\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>",
                            x + bar / 2, base - h - 3, buckets[i]);
    body += Text(x + bar / 2, base + 14, label, "middle");
  }
  return Svg(height, "Section fill histogram", body);
}

std::string GradeRequestsSvg(const std::vector<BoardGradeRequests>& grades) {
  const int row = 24;
  const int height = 30 + row * static_cast<int>(std::max<size_t>(grades.size(), 1));
  std::string body = Text(4, 14, "Requests met per grade");
  if (grades.empty()) body += Text(10, 40, "no students loaded yet");
  int y = 24;
  for (const BoardGradeRequests& g : grades) {
    const int total = g.met + g.unmet;
    body += Text(4, y + 15, g.grade > 0 ? absl::StrCat("grade ", g.grade) : "grade ?");
    if (total == 0) {  // enrolled by hand only: no request met or left unmet yet
      body += Rect(70, y, 320, row - 6, "#e8e8e8", "no requests filled or unmet");
      body += Text(396, y + 15, "–");
    } else {
      const int w = 320 * g.met / total;
      body += Rect(70, y, w, row - 6, "#5cb85c", absl::StrCat(g.met, " met"));
      body += Rect(70 + w, y, 320 - w, row - 6, "#e0453a", absl::StrCat(g.unmet, " unmet"));
      body += Text(396, y + 15, absl::StrCat(Percent(g.met, total), "%"));
    }
    y += row;
  }
  return Svg(height, "Requests met per grade", body);
}

std::vector<BoardMetric> MetricsAgainstBound(const BoardLoadCounts& c) {
  BoardMetric primary{.label = "primary requests met", .value = c.primary_requests_met};
  if (c.best_possible_primary_met > 0) {
    primary.bound = c.best_possible_primary_met;
    primary.bound_label = c.bound_proven_optimal ? "best possible (proven optimal)"
                                                 : "best possible (upper bound, CBC time limit)";
  } else {
    primary.bound = c.primary_requests_met + c.requests_unmet;
    primary.bound_label = "primary requests (no BOUND job since the master changed)";
  }
  return {
      primary,
      {"complete schedules", c.students_complete, c.students, "students"},
      {"seats used", c.seats_used, c.seats_offered, "seats offered"},
      {"required requests unmet", c.required_requests_unmet, c.requests_unmet, "requests unmet"}};
}

std::string MetricsSvg(const std::vector<BoardMetric>& metrics) {
  // Each row: the value's bar over the bound's (grey, full width), and what the bound is.
  const int row = 36;
  const int height = 30 + row * static_cast<int>(std::max<size_t>(metrics.size(), 1));
  std::string body = Text(4, 14, "Load metrics against their bound");
  if (metrics.empty()) body += Text(10, 40, "no load metrics");
  int y = 24;
  for (const BoardMetric& m : metrics) {
    const int w = m.bound > 0 ? std::min(220, 220 * m.value / m.bound) : 0;
    body += absl::StrFormat(
        "<g class=\"metric\" data-label=\"%s\" data-value=\"%d\" data-bound=\"%d\">",
        HtmlEscape(m.label), m.value, m.bound);
    body += Text(4, y + 15, m.label);
    body += Rect(170, y, 220, 18, "#e8e8e8", absl::StrCat(m.bound_label, ": ", m.bound));
    body += Rect(170, y, w, 18, m.value > m.bound ? "#e0453a" : "#6fa8dc",
                 absl::StrCat(m.value, " of ", m.bound));
    body += Text(396, y + 15, absl::StrCat(m.value, "/", m.bound));
    body += absl::StrFormat("<text class=\"n\" x=\"170\" y=\"%d\">%s %s</text></g>", y + 30,
                            m.bound > 0 ? absl::StrCat(Percent(m.value, m.bound), "% of") : "of",
                            HtmlEscape(m.bound_label));
    y += row;
  }
  return Svg(height, "Load metrics against the bound", body);
}

std::string ConflictHeatMapSvg(const std::vector<BoardConflictPair>& pairs) {
  std::vector<std::string> courses;
  std::set<std::string> seen;
  for (const BoardConflictPair& p : pairs) {
    for (const std::string& c : {p.course_a, p.course_b}) {
      if (seen.insert(c).second) courses.push_back(c);
    }
  }
  const int cell = std::clamp(300 / std::max<int>(static_cast<int>(courses.size()), 1), 14, 36);
  const int left = 90, top = 100;
  const int height = top + cell * static_cast<int>(courses.size()) + 10;
  std::string body = Text(4, 14, "Conflict matrix: top course pairs (students requesting both)");
  if (pairs.empty()) body += Text(10, 40, "no conflict matrix");
  std::map<std::pair<std::string, std::string>, int> count;
  int most = 1;
  for (const BoardConflictPair& p : pairs) {
    count[{p.course_a, p.course_b}] = count[{p.course_b, p.course_a}] = p.students;
    most = std::max(most, p.students);
  }
  for (size_t i = 0; i < courses.size(); ++i) {
    const int at = static_cast<int>(i) * cell;
    body += Text(left - 4, top + at + cell / 2 + 4, courses[i], "end");
    body += absl::StrFormat("<text x=\"%d\" y=\"%d\" transform=\"rotate(-60 %d %d)\">%s</text>",
                            left + at + cell / 2, top - 4, left + at + cell / 2, top - 4,
                            HtmlEscape(courses[i]));
    for (size_t j = 0; j < courses.size(); ++j) {
      auto it = count.find({courses[i], courses[j]});
      const int n = it == count.end() ? 0 : it->second;
      const int shade = 255 - 200 * n / most;
      body += absl::StrFormat("<g class=\"cell\" data-pair=\"%s|%s\" data-students=\"%d\">",
                              HtmlEscape(courses[i]), HtmlEscape(courses[j]), n);
      body += Rect(left + static_cast<int>(j) * cell, top + at, cell - 1, cell - 1,
                   n == 0 ? "#f4f4f4" : absl::StrFormat("rgb(255,%d,%d)", shade, shade),
                   absl::StrCat(courses[i], " & ", courses[j], ": ", n));
      body += "</g>";
    }
  }
  return Svg(height, "Conflict matrix heat map", body);
}

}  // namespace secsched::schedctl
