// What other services need to know of a calendar's catalog: its courses and teachers, as plain
// values. The requests service validates requests against courses (exists, active, offered to the
// grade) and tallies teachers able to teach a course; sectioning reads the same.
//
// This header is free of gRPC and protobuf so domain layers can take a CatalogReader&; the real
// one asks the catalog service (CourseService.ListCourses, ResourceService.ListTeachers) —
// grpc_catalog_reader.h — and tests may hand in a StaticCatalogReader. Sectioning also reads
// rooms and the calendar's state, terms and bell schedule.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::catalog {

enum class TermLength { kYear, kSemester, kQuarter };

struct CatalogCourse {
  std::string id;      // {course} of "calendars/{calendar}/courses/{course}"
  std::string number;  // unique per calendar, e.g. "ENG9"
  std::string display_name;
  std::string department;
  double credits = 0;
  int min_grade = 9;
  int max_grade = 12;
  TermLength term_length = TermLength::kYear;
  int periods_per_meeting = 1;
  int sections_to_build = 0;  // 0 = derive from requests
  int max_students = 30;
  int load_priority = 5;
  std::string room_type = "regular";
  bool required = false;
  bool active = true;
  std::vector<std::string> tags;

  bool OfferedToGrade(int grade) const { return grade >= min_grade && grade <= max_grade; }
};

// A period a teacher or room cannot be used; term "" = every term.
struct CatalogUnavailablePeriod {
  int period = 0;
  std::string term_id;
};

struct CatalogTeacher {
  std::string id;  // {teacher}
  std::string staff_id;
  std::string display_name;
  std::vector<std::string> departments;
  std::vector<std::string> can_teach_courses;  // course ids
  int max_sections = 0;
  std::vector<CatalogUnavailablePeriod> unavailable;
  bool active = true;
  int max_sections_per_term = 0;  // periods taught in any one term; 0 = no per-term limit

  // True when the teacher may teach `course`: listed by id, or in one of the teacher's departments.
  bool CanTeach(const CatalogCourse& course) const;
};

struct CatalogRoom {
  std::string id;  // {room}
  std::string number;
  int capacity = 0;
  std::string room_type = "regular";
  std::vector<CatalogUnavailablePeriod> unavailable;
  bool active = true;
};

enum class CatalogCalendarState { kDraft, kSubmitted, kApproved, kReturned };

struct CatalogTerm {
  std::string id;          // {term}
  std::string start_date;  // "YYYY-MM-DD"
  std::string end_date;
};

struct CatalogPeriod {
  int number = 0;
  std::string day_type;  // "" when the schedule has no rotation
};

// A calendar as a schedule needs it: who owns it, whether it is approved, and its time grid.
struct CatalogCalendar {
  std::string id;
  std::string school_id;
  CatalogCalendarState state = CatalogCalendarState::kDraft;
  std::vector<CatalogTerm> terms;      // in date order
  std::vector<std::string> day_types;  // the rotation in order; empty = every day the same
  std::vector<CatalogPeriod> periods;  // every (day type, period) of the bell schedule
};

class CatalogReader {
 public:
  virtual ~CatalogReader() = default;
  // Every course of the calendar (active or not), ordered by number. NOT_FOUND for an unknown
  // calendar; UNAVAILABLE when the catalog cannot be asked.
  virtual absl::StatusOr<std::vector<CatalogCourse>> Courses(std::string_view calendar_id) = 0;
  // Every teacher of the calendar, ordered by id. Same errors.
  virtual absl::StatusOr<std::vector<CatalogTeacher>> Teachers(std::string_view calendar_id) = 0;
  // Every room of the calendar, ordered by id. Same errors.
  virtual absl::StatusOr<std::vector<CatalogRoom>> Rooms(std::string_view calendar_id) = 0;
  // The calendar's state, terms and bell schedule. Same errors.
  virtual absl::StatusOr<CatalogCalendar> Calendar(std::string_view calendar_id) = 0;
};

// An in-memory catalog: for tests, and for tools that load a catalog from a file.
class StaticCatalogReader final : public CatalogReader {
 public:
  void SetCourses(std::string calendar_id, std::vector<CatalogCourse> courses) {
    courses_[std::move(calendar_id)] = std::move(courses);
  }
  void SetTeachers(std::string calendar_id, std::vector<CatalogTeacher> teachers) {
    teachers_[std::move(calendar_id)] = std::move(teachers);
  }
  void SetRooms(std::string calendar_id, std::vector<CatalogRoom> rooms) {
    rooms_[std::move(calendar_id)] = std::move(rooms);
  }
  void SetCalendar(CatalogCalendar calendar) {
    std::string id = calendar.id;
    calendars_[std::move(id)] = std::move(calendar);
  }
  absl::StatusOr<std::vector<CatalogCourse>> Courses(std::string_view calendar_id) override;
  absl::StatusOr<std::vector<CatalogTeacher>> Teachers(std::string_view calendar_id) override;
  absl::StatusOr<std::vector<CatalogRoom>> Rooms(std::string_view calendar_id) override;
  absl::StatusOr<CatalogCalendar> Calendar(std::string_view calendar_id) override;

 private:
  bool Known(std::string_view calendar_id) const;

  std::map<std::string, std::vector<CatalogCourse>, std::less<>> courses_;
  std::map<std::string, std::vector<CatalogTeacher>, std::less<>> teachers_;
  std::map<std::string, std::vector<CatalogRoom>, std::less<>> rooms_;
  std::map<std::string, CatalogCalendar, std::less<>> calendars_;
};

}  // namespace secsched::catalog
