#include "tools/schedctl/progress_bar.h"

#include <gtest/gtest.h>

#include <limits>

namespace secsched::schedctl {
namespace {

TEST(RenderProgressLineTest, FillsTheShareDoneAndShowsPercentAndPhase) {
  EXPECT_EQ(RenderProgressLine(45, "counting sections", 20),
            "[#########...........]  45%  counting sections");
  EXPECT_EQ(RenderProgressLine(0, "queued", 10), "[..........]   0%  queued");
  EXPECT_EQ(RenderProgressLine(100, "done", 10), "[##########] 100%  done");
}

TEST(RenderProgressLineTest, DefaultWidthIsThirtyCells) {
  EXPECT_EQ(RenderProgressLine(50, ""), "[###############...............]  50%");
}

TEST(RenderProgressLineTest, RoundsDownSoOnlyFinishedWorkShowsFull) {
  EXPECT_EQ(RenderProgressLine(99.9, "", 10), "[#########.]  99%");
  EXPECT_EQ(RenderProgressLine(9.99, "", 10), "[..........]   9%");
}

TEST(RenderProgressLineTest, ClampsOutOfRangeAndNan) {
  EXPECT_EQ(RenderProgressLine(-5, "", 4), "[....]   0%");
  EXPECT_EQ(RenderProgressLine(250, "", 4), "[####] 100%");
  EXPECT_EQ(RenderProgressLine(std::numeric_limits<double>::quiet_NaN(), "", 4), "[....]   0%");
  EXPECT_EQ(RenderProgressLine(10, "", 0), "[.]  10%") << "width is at least one cell";
}

TEST(PercentTextTest, RightAlignedInThreeColumns) {
  EXPECT_EQ(PercentText(5), "  5%");
  EXPECT_EQ(PercentText(45.7), " 45%");
  EXPECT_EQ(PercentText(100), "100%");
}

}  // namespace
}  // namespace secsched::schedctl
