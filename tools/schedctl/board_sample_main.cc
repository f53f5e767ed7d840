// board_sample OUT.html [SECTIONS]: a master-schedule board from made-up data, for the headless
// browser test (tests/board/board_chromium_test.py) and for looking at the page without servers.
// Deterministic: teachers, rooms, students and fills follow from the section count.
#include <fstream>
#include <iostream>
#include <string>

#include "tools/schedctl/board.h"

int main(int argc, char** argv) {
  using namespace secsched::schedctl;
  if (argc < 2) {
    std::cerr << "usage: board_sample OUT.html [SECTIONS]\n";
    return 2;
  }
  const int count = argc > 2 ? std::stoi(argv[2]) : 60;
  Board board{.title = "sample-2026 · trial main <&>",
              .calendar = "sample-2026",
              .trial = "main",
              .terms = {"s1", "s2"},
              .periods = {1, 2, 3, 4, 5, 6, 7}};
  const char* departments[] = {"English", "Math", "Science", "Arts"};
  for (int t = 0; t < 12; ++t) {
    board.teachers.push_back({"t-" + std::to_string(t), "Teacher </script> " + std::to_string(t)});
  }
  for (int r = 0; r < 10; ++r)
    board.rooms.push_back({"r" + std::to_string(r), std::to_string(100 + r)});
  for (int i = 0; i < count; ++i) {
    BoardSection s{.id = "sec-" + std::to_string(i),
                   .course = "c" + std::to_string(i % 15),
                   .course_name = "Course " + std::to_string(i % 15),
                   .department = departments[i % 4],
                   .number = i / 15 + 1,
                   .teachers = {"t-" + std::to_string(i % 12)},
                   .room = "r" + std::to_string(i % 10),
                   .enrolled = (i * 7) % 33,
                   .capacity = 30};
    if (i % 9 == 0) s.teachers.push_back("t-" + std::to_string((i + 5) % 12));  // co-taught
    if (i % 11 != 10) {  // every eleventh section is not placed yet
      const int period = i % 7 + 1;
      s.meetings = {{"s1", period, ""}, {"s2", period, ""}};
      if (i % 5 == 0) s.meetings = {{"s1", period, "A"}};
    }
    if (i % 13 == 0) s.conflicts = {"Teacher t-" + std::to_string(i % 12) + " is double-booked."};
    board.sections.push_back(std::move(s));
  }
  if (count > 0) board.sections[0].teachers.clear();  // one unstaffed section
  for (int st = 0; st < 40; ++st) {
    BoardStudent student{.id = "st-" + std::to_string(st), .grade = 9 + st % 4};
    for (int k = 0; k < 5 && k < count; ++k) {
      student.sections.push_back("sec-" + std::to_string((st + k * 7) % count));
    }
    board.students.push_back(std::move(student));
  }
  board.grades = {{9, 180, 12}, {10, 170, 25}, {11, 160, 5}, {12, 140, 40}};
  board.metrics = MetricsAgainstBound({.primary_requests_met = 650,
                                       .requests_unmet = 82,
                                       .required_requests_unmet = 9,
                                       .students = 40,
                                       .students_complete = 31,
                                       .seats_used = 830,
                                       .seats_offered = 1000,
                                       .best_possible_primary_met = 701,
                                       .bound_proven_optimal = true});
  board.conflict_pairs = {{"c1", "c2", 40}, {"c1", "c3", 25}, {"c4", "c2", 12}, {"c5", "c6", 3}};
  std::ofstream(argv[1], std::ios::binary) << RenderBoardHtml(board);
  std::cout << "wrote " << argv[1] << " (" << count << " sections)\n";
  return 0;
}
