// Teachers and rooms of a calendar: plain values, their validation, and the repository the rules
// need. The rules (authorization, masks, CSV import/export) are in resource_service.h.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/paging.h"

namespace secsched::catalog {

// A period a teacher or room cannot be used: one period of the day, in one term or in all.
struct UnavailablePeriod {
  int period = 0;    // 1-based
  std::string term;  // term id; "" = every term
  auto operator<=>(const UnavailablePeriod &) const = default;
};

struct Teacher {
  std::string calendar_id;
  std::string id;
  std::string staff_id;  // the access service's staff id
  std::string display_name;
  std::vector<std::string> departments;
  std::vector<std::string> can_teach_courses;  // course ids of the calendar
  int max_sections = 0;
  std::vector<UnavailablePeriod> unavailable;
  bool active = true;
  int max_sections_per_term = 0;  // periods taught in any one term; 0 = no per-term limit
  bool operator==(const Teacher &) const = default;
};

struct Room {
  std::string calendar_id;
  std::string id;
  std::string number;  // as posted on the door, unique in the calendar
  int capacity = 0;
  std::string room_type;  // "regular", "lab", "gym", ... (matches a course's room_type)
  std::vector<UnavailablePeriod> unavailable;
  bool active = true;
  bool operator==(const Room &) const = default;
};

// What validation needs to know of the calendar a teacher or room belongs to.
struct CalendarFacts {
  // The period numbers of the calendar's period schedule(s); nullopt when it has none yet (then any
  // period >= 1 is accepted).
  std::optional<std::set<int>> periods;
  std::set<std::string, std::less<>> term_ids;
  // Course number → course id, for every course of the calendar.
  std::map<std::string, std::string, std::less<>> course_ids_by_number;

  bool HasCourseId(std::string_view id) const;
  // Course id → number (empty when unknown), for CSV export.
  std::string CourseNumberOf(std::string_view id) const;
};

// "1;5@s1" ⇄ {1}, {5, "s1"}. The separator ";" and "@term" are documented in
// docs/formats/teachers-rooms-csv.md. Parse returns INVALID_ARGUMENT describing the bad item.
absl::StatusOr<std::vector<UnavailablePeriod>> ParseUnavailable(std::string_view text);
std::string FormatUnavailable(const std::vector<UnavailablePeriod> &periods);
// "ENG;MATH" ⇄ {"ENG", "MATH"}: items trimmed, empty items dropped.
std::vector<std::string> SplitList(std::string_view text);
std::string JoinList(const std::vector<std::string> &items);

// Field violations for a teacher / room; `prefix` is the request path ("teacher." in an RPC, "" in
// a CSV row, where violations name columns instead). Each violation is (field, text).
using Violations = std::vector<std::pair<std::string, std::string>>;
Violations ValidateTeacher(const Teacher &teacher, const CalendarFacts &facts);
Violations ValidateRoom(const Room &room, const CalendarFacts &facts);

inline constexpr int kMaxTeacherSections = 20;
inline constexpr int kMaxRoomCapacity = 1000;

struct ListOptions {
  std::string after;  // keyset: ids greater than this
  int limit = 200;
  bool active_only = false;
};

struct ImportCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;

  // NOT_FOUND for an unknown calendar.
  virtual absl::StatusOr<CalendarFacts> Facts(std::string_view calendar_id) = 0;

  // ALREADY_EXISTS for a taken id or staff id, unless `request_id` was already used for this
  // calendar's teachers: then the teacher created then is returned.
  virtual absl::StatusOr<Teacher> CreateTeacher(const Teacher &teacher,
                                                std::string_view request_id) = 0;
  virtual absl::StatusOr<Teacher> GetTeacher(std::string_view calendar_id,
                                             std::string_view id) = 0;  // NOT_FOUND
  virtual absl::StatusOr<api::Page<Teacher>> ListTeachers(std::string_view calendar_id,
                                                          const ListOptions &options) = 0;
  // Reads the teacher with its row locked, lets `change` modify it (a non-OK result aborts the
  // transaction), writes it back. NOT_FOUND; ALREADY_EXISTS for a taken staff id.
  virtual absl::StatusOr<Teacher> UpdateTeacher(
      std::string_view calendar_id, std::string_view id,
      const std::function<absl::Status(Teacher &)> &change) = 0;
  virtual absl::Status DeleteTeacher(std::string_view calendar_id, std::string_view id) = 0;
  // Upserts by staff id in one transaction (new teachers keep the id they carry); with `write`
  // false it only counts. Every teacher of the calendar ordered by staff id:
  virtual absl::StatusOr<ImportCounts> ImportTeachers(std::string_view calendar_id,
                                                      const std::vector<Teacher> &teachers,
                                                      bool write) = 0;
  virtual absl::StatusOr<std::vector<Teacher>> AllTeachers(std::string_view calendar_id) = 0;

  virtual absl::StatusOr<Room> CreateRoom(const Room &room, std::string_view request_id) = 0;
  virtual absl::StatusOr<Room> GetRoom(std::string_view calendar_id, std::string_view id) = 0;
  virtual absl::StatusOr<api::Page<Room>> ListRooms(std::string_view calendar_id,
                                                    const ListOptions &options) = 0;
  virtual absl::StatusOr<Room> UpdateRoom(std::string_view calendar_id, std::string_view id,
                                          const std::function<absl::Status(Room &)> &change) = 0;
  virtual absl::Status DeleteRoom(std::string_view calendar_id, std::string_view id) = 0;
  // Upserts by room number; ordered by number.
  virtual absl::StatusOr<ImportCounts> ImportRooms(std::string_view calendar_id,
                                                   const std::vector<Room> &rooms, bool write) = 0;
  virtual absl::StatusOr<std::vector<Room>> AllRooms(std::string_view calendar_id) = 0;
};

}  // namespace secsched::catalog
