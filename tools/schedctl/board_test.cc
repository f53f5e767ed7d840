// The board page without a browser: self-contained, the data embedded so it cannot end the
// script early, text escaped, the charts' numbers. tests/board/ renders it in Chromium.
#include "tools/schedctl/board.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace secsched::schedctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Board SmallBoard() {
  Board b{.title = "east <2026>",
          .calendar = "east-2026",
          .trial = "main",
          .terms = {"s1", "s2"},
          .periods = {1, 2}};
  b.teachers = {{"t-ada", "Ada </script><script>alert(1)</script>"}};
  b.rooms = {{"r1", "101"}};
  b.sections = {{.id = "eng9-1",
                 .course = "eng9",
                 .teachers = {"t-ada"},
                 .room = "r1",
                 .meetings = {{"s1", 1, ""}},
                 .enrolled = 31,
                 .capacity = 30,
                 .conflicts = {"Room r1 is double-booked."}},
                {.id = "art-1", .course = "art", .enrolled = 5, .capacity = 20}};
  b.grades = {{9, 3, 1}};
  b.metrics = {{"seats used / offered", 36, 50}};
  b.conflict_pairs = {{"eng9", "art", 7}};
  return b;
}

TEST(BoardPageTest, IsOneSelfContainedPage) {
  const std::string html = RenderBoardHtml(SmallBoard());
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, HasSubstr("<title>east &lt;2026&gt;</title>"));
  EXPECT_THAT(html, HasSubstr("id=\"grid\""));
  EXPECT_THAT(html, HasSubstr("id=\"f-department\""));
  EXPECT_THAT(html, HasSubstr("id=\"v-student\""));
}

TEST(BoardPageTest, DataCannotEndTheScriptEarly) {
  const std::string html = RenderBoardHtml(SmallBoard());
  // The only closing script tags are the page's own two.
  size_t count = 0;
  for (size_t at = html.find("</script>"); at != std::string::npos;
       at = html.find("</script>", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 2u);
  EXPECT_THAT(html, HasSubstr("Ada <\\/script>"));
}

TEST(BoardChartsTest, HistogramCountsSectionsByFill) {
  std::vector<BoardSection> sections = {{.enrolled = 31, .capacity = 30},   // over
                                        {.enrolled = 30, .capacity = 30},   // full
                                        {.enrolled = 15, .capacity = 30},   // 50 %
                                        {.enrolled = 16, .capacity = 30}};  // 53 %
  const std::string svg = FillHistogramSvg(sections);
  EXPECT_THAT(svg, HasSubstr("<title>&gt;100%: 1 section</title>"));
  EXPECT_THAT(svg, HasSubstr("<title>100%: 1 section</title>"));
  EXPECT_THAT(svg, HasSubstr("<title>50%: 2 sections</title>"));
  EXPECT_THAT(svg, HasSubstr("<title>0%: 0 sections</title>"));
}

TEST(BoardChartsTest, GradesMetricsAndHeatMapShowTheirNumbers) {
  EXPECT_THAT(GradeRequestsSvg({{9, 3, 1}}), HasSubstr(">75%</text>"));
  // Enrolled by hand only: neither met nor unmet, not drawn as 0 %.
  EXPECT_THAT(GradeRequestsSvg({{10, 0, 0}}), Not(HasSubstr("0%")));
  EXPECT_THAT(MetricsSvg({{"seats used / offered", 36, 50}}), HasSubstr(">36/50</text>"));
  EXPECT_THAT(ConflictHeatMapSvg({{"eng9", "art", 7}}),
              HasSubstr("<title>eng9 &amp; art: 7</title>"));
  EXPECT_THAT(ConflictHeatMapSvg({}), HasSubstr("no conflict matrix"));
}

TEST(BoardChartsTest, PrimaryRequestsMetAreMeasuredAgainstTheBound) {
  BoardLoadCounts counts{.primary_requests_met = 90,
                         .requests_unmet = 20,
                         .students = 40,
                         .students_complete = 30,
                         .best_possible_primary_met = 95,
                         .bound_proven_optimal = true};
  std::vector<BoardMetric> rows = MetricsAgainstBound(counts);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].value, 90);
  EXPECT_EQ(rows[0].bound, 95);
  EXPECT_EQ(rows[0].bound_label, "best possible (proven optimal)");
  EXPECT_EQ(rows[1].label, "complete schedules");
  EXPECT_EQ(rows[1].bound, 40);
  EXPECT_THAT(MetricsSvg(rows), HasSubstr("94% of best possible (proven optimal)"));
  counts.bound_proven_optimal = false;
  EXPECT_THAT(MetricsAgainstBound(counts)[0].bound_label, HasSubstr("upper bound"));
  // No BOUND job: measured against every primary request instead, and said so.
  counts.best_possible_primary_met = 0;
  rows = MetricsAgainstBound(counts);
  EXPECT_EQ(rows[0].bound, 110);
  EXPECT_THAT(rows[0].bound_label, HasSubstr("no BOUND job"));
}

}  // namespace
}  // namespace secsched::schedctl
