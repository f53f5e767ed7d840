// The grading rule, one test per branch: before open, after close, inside, a section exception
// extends, a teacher exception extends, the section's exception wins over the teacher's, an
// exception that closes early, another trial's section, and the choice among several windows.
#include "services/sectioning/domain/grading_windows.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

using std::chrono::hours;

const GradingTime kOpen = GradingTime() + hours(1000);
const GradingTime kClose = kOpen + hours(240);

GradingWindow Window(std::string term = "s1") {
  return GradingWindow{.calendar_id = "east",
                       .window_id = "gw-" + term,
                       .task = "q1-progress",
                       .term_id = std::move(term),
                       .open_time = kOpen,
                       .close_time = kClose};
}

GradedSection Section() {
  return GradedSection{
      .trial_id = "t1", .section_id = "eng9-1", .primary_teacher_id = "t-ada", .term_ids = {"s1"}};
}

GradingException SectionException(GradingTime close, std::string trial = "t1") {
  return GradingException{
      .trial_id = std::move(trial), .section_id = "eng9-1", .close_time = close};
}

GradingException TeacherException(GradingTime close, std::string teacher = "t-ada") {
  return GradingException{.teacher_id = std::move(teacher), .close_time = close};
}

TEST(DecideGradingTest, BeforeTheOpenIsNotYetOpen) {
  GradingDecision d = DecideGrading(Window(), Section(), kOpen - hours(1));
  EXPECT_EQ(d.state, GradingState::kNotYetOpen);
  EXPECT_FALSE(d.open());
  EXPECT_EQ(d.close_source, CloseSource::kWindow);
  EXPECT_NE(d.explanation.find("opens at"), std::string::npos) << d.explanation;
}

TEST(DecideGradingTest, AtTheOpenIsOpenUntilTheWindowsClose) {
  GradingDecision d = DecideGrading(Window(), Section(), kOpen);
  EXPECT_TRUE(d.open());
  EXPECT_EQ(d.close_source, CloseSource::kWindow);
  EXPECT_EQ(d.effective_close, kClose);
}

TEST(DecideGradingTest, AtAndAfterTheCloseIsClosed) {
  EXPECT_EQ(DecideGrading(Window(), Section(), kClose).state, GradingState::kClosed);
  GradingDecision d = DecideGrading(Window(), Section(), kClose + hours(1));
  EXPECT_EQ(d.state, GradingState::kClosed);
  EXPECT_EQ(d.close_source, CloseSource::kWindow);
  EXPECT_NE(d.explanation.find("the window's close"), std::string::npos) << d.explanation;
}

TEST(DecideGradingTest, ASectionExceptionExtends) {
  GradingWindow w = Window();
  w.exceptions = {SectionException(kClose + hours(48))};
  GradingDecision d = DecideGrading(w, Section(), kClose + hours(1));
  EXPECT_TRUE(d.open());
  EXPECT_EQ(d.close_source, CloseSource::kSectionException);
  EXPECT_EQ(d.effective_close, kClose + hours(48));
  EXPECT_EQ(DecideGrading(w, Section(), kClose + hours(48)).state, GradingState::kClosed);
}

TEST(DecideGradingTest, ATeacherExceptionExtendsForThePrimaryTeacher) {
  GradingWindow w = Window();
  w.exceptions = {TeacherException(kClose + hours(24))};
  GradingDecision d = DecideGrading(w, Section(), kClose + hours(1));
  EXPECT_TRUE(d.open());
  EXPECT_EQ(d.close_source, CloseSource::kTeacherException);
  EXPECT_EQ(d.effective_close, kClose + hours(24));
}

TEST(DecideGradingTest, AnotherTeachersExceptionDoesNotApply) {
  GradingWindow w = Window();
  w.exceptions = {TeacherException(kClose + hours(24), "t-bob")};
  GradingDecision d = DecideGrading(w, Section(), kClose + hours(1));
  EXPECT_EQ(d.state, GradingState::kClosed);
  EXPECT_EQ(d.close_source, CloseSource::kWindow);
}

TEST(DecideGradingTest, AnUnstaffedSectionGetsNoTeacherException) {
  GradingWindow w = Window();
  w.exceptions = {TeacherException(kClose + hours(24), "")};
  GradedSection s = Section();
  s.primary_teacher_id = "";
  EXPECT_EQ(DecideGrading(w, s, kClose + hours(1)).close_source, CloseSource::kWindow);
}

TEST(DecideGradingTest, TheSectionExceptionWinsOverTheTeachersEvenWhenEarlier) {
  GradingWindow w = Window();
  w.exceptions = {SectionException(kClose + hours(2)), TeacherException(kClose + hours(72))};
  GradingDecision d = DecideGrading(w, Section(), kClose + hours(3));
  EXPECT_EQ(d.state, GradingState::kClosed);
  EXPECT_EQ(d.close_source, CloseSource::kSectionException);
  EXPECT_EQ(d.effective_close, kClose + hours(2));
}

TEST(DecideGradingTest, AnExceptionMayCloseEarlierThanTheWindow) {
  GradingWindow w = Window();
  w.exceptions = {SectionException(kOpen + hours(1))};
  GradingDecision d = DecideGrading(w, Section(), kOpen + hours(2));
  EXPECT_EQ(d.state, GradingState::kClosed);
  EXPECT_EQ(d.close_source, CloseSource::kSectionException);
}

TEST(DecideGradingTest, ASectionOfAnotherTrialWithTheSameIdIsNotExcepted) {
  GradingWindow w = Window();
  w.exceptions = {SectionException(kClose + hours(48), "t2")};
  EXPECT_EQ(DecideGrading(w, Section(), kClose + hours(1)).state, GradingState::kClosed);
}

TEST(DecideGradingTest, NoWindowIsNoWindow) {
  GradingDecision d = DecideGrading(std::vector<GradingWindow>{}, Section(), kOpen);
  EXPECT_EQ(d.state, GradingState::kNoWindow);
  EXPECT_EQ(d.close_source, CloseSource::kNone);
  EXPECT_FALSE(d.window.has_value());
}

TEST(DecideGradingTest, AmongSeveralWindowsAnOpenOneWinsThenTheNextThenTheLastClosed) {
  GradingWindow s1 = Window("s1");
  GradingWindow s2 = Window("s2");
  s2.open_time = kClose + hours(100);
  s2.close_time = kClose + hours(200);
  GradedSection year = Section();
  year.term_ids = {"s1", "s2"};
  // Inside s2's window: s2 decides although s1 comes first.
  EXPECT_EQ(DecideGrading({s1, s2}, year, kClose + hours(150)).window->term_id, "s2");
  // Between the two: s1 has closed, s2 opens next — the next one is reported.
  GradingDecision between = DecideGrading({s1, s2}, year, kClose + hours(50));
  EXPECT_EQ(between.state, GradingState::kNotYetOpen);
  EXPECT_EQ(between.window->term_id, "s2");
  // After both: the one that closed last.
  GradingDecision after = DecideGrading({s1, s2}, year, kClose + hours(300));
  EXPECT_EQ(after.state, GradingState::kClosed);
  EXPECT_EQ(after.window->term_id, "s2");
}

TEST(GradingExceptionTest, KeysAreUnambiguous) {
  EXPECT_EQ(SectionException(kClose).Key(), "section/t1/eng9-1");
  EXPECT_EQ(TeacherException(kClose).Key(), "teacher/t-ada");
}

}  // namespace
}  // namespace secsched::sectioning
