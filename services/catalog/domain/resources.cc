#include "services/catalog/domain/resources.h"

#include <charconv>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/api/resource_name.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

constexpr int kMaxListItems = 50;
constexpr std::size_t kMaxTextLength = 200;
constexpr std::size_t kMaxCodeLength = 64;

std::string_view Trim(std::string_view text) {
  return ToStd(absl::StripAsciiWhitespace(ToAbsl(text)));
}

// A department or room type: printable, no list separator, not padded.
bool IsValidCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeLength || Trim(code) != code) return false;
  for (char c : code) {
    if (c == ';' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

void CheckUnavailable(const std::vector<UnavailablePeriod> &periods, const CalendarFacts &facts,
                      const std::string &field, Violations &out) {
  if (periods.size() > 200) out.emplace_back(field, "has more than 200 periods");
  std::set<UnavailablePeriod> seen;
  for (const UnavailablePeriod &p : periods) {
    std::string label = FormatUnavailable({p});
    if (p.period < 1) {
      out.emplace_back(field, absl::StrCat("period ", p.period, " must be 1 or more"));
    } else if (facts.periods.has_value() && !facts.periods->contains(p.period)) {
      out.emplace_back(
          field, absl::StrCat("period ", p.period, " is not in the calendar's period schedule"));
    }
    if (!p.term.empty() && !facts.term_ids.contains(p.term)) {
      out.emplace_back(field, absl::StrCat("term \"", p.term, "\" is not a term of the calendar"));
    }
    if (!seen.insert(p).second) out.emplace_back(field, absl::StrCat(label, " is listed twice"));
  }
}

void CheckCodes(const std::vector<std::string> &items, const std::string &field,
                std::string_view what, Violations &out) {
  if (static_cast<int>(items.size()) > kMaxListItems) {
    out.emplace_back(field, absl::StrCat("has more than ", kMaxListItems, " items"));
  }
  std::set<std::string_view> seen;
  for (const std::string &item : items) {
    if (!IsValidCode(item)) {
      out.emplace_back(
          field, absl::StrCat(ToAbsl(what), " \"", item, "\" must be 1-64 characters without ';'"));
    } else if (!seen.insert(item).second) {
      out.emplace_back(field, absl::StrCat(ToAbsl(what), " \"", item, "\" is listed twice"));
    }
  }
}

}  // namespace

bool CalendarFacts::HasCourseId(std::string_view id) const {
  for (const auto &[number, course_id] : course_ids_by_number) {
    if (course_id == id) return true;
  }
  return false;
}

std::string CalendarFacts::CourseNumberOf(std::string_view id) const {
  for (const auto &[number, course_id] : course_ids_by_number) {
    if (course_id == id) return number;
  }
  return "";
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(ToAbsl(text), ';')) {
    std::string_view trimmed = Trim(ToStd(item));
    if (!trimmed.empty()) items.emplace_back(trimmed);
  }
  return items;
}

std::string JoinList(const std::vector<std::string> &items) { return absl::StrJoin(items, ";"); }

absl::StatusOr<std::vector<UnavailablePeriod>> ParseUnavailable(std::string_view text) {
  std::vector<UnavailablePeriod> periods;
  for (const std::string &item : SplitList(text)) {
    std::string_view view = item;
    UnavailablePeriod period;
    if (std::size_t at = view.find('@'); at != std::string_view::npos) {
      period.term = std::string(Trim(view.substr(at + 1)));
      view = Trim(view.substr(0, at));
      if (!api::IsValidId(period.term)) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", item, "\": the term after @ must be a term id such as s1"));
      }
    }
    auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), period.period);
    if (view.empty() || error != std::errc() || end != view.data() + view.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", item, "\" is not a period number (write 5, or 5@s1 for one term)"));
    }
    periods.push_back(std::move(period));
  }
  return periods;
}

std::string FormatUnavailable(const std::vector<UnavailablePeriod> &periods) {
  std::vector<std::string> items;
  for (const UnavailablePeriod &p : periods) {
    items.push_back(p.term.empty() ? absl::StrCat(p.period) : absl::StrCat(p.period, "@", p.term));
  }
  return JoinList(items);
}

Violations ValidateTeacher(const Teacher &teacher, const CalendarFacts &facts) {
  Violations out;
  if (!api::IsValidId(teacher.staff_id)) {
    out.emplace_back("staff_id",
                     "is required: an access staff id (1-63 characters of a-z, 0-9, -)");
  }
  if (teacher.display_name.empty() || teacher.display_name.size() > kMaxTextLength) {
    out.emplace_back("display_name", "is required (at most 200 characters)");
  }
  CheckCodes(teacher.departments, "departments", "department", out);
  std::set<std::string_view> seen;
  for (const std::string &course : teacher.can_teach_courses) {
    if (!facts.HasCourseId(course)) {
      out.emplace_back("can_teach_courses",
                       absl::StrCat("course \"", course, "\" is not a course of the calendar"));
    } else if (!seen.insert(course).second) {
      out.emplace_back("can_teach_courses",
                       absl::StrCat("course \"", course, "\" is listed twice"));
    }
  }
  if (teacher.max_sections < 0 || teacher.max_sections > kMaxTeacherSections) {
    out.emplace_back("max_sections", absl::StrCat("must be 0 to ", kMaxTeacherSections));
  }
  if (teacher.max_sections_per_term < 0 || teacher.max_sections_per_term > kMaxTeacherSections) {
    out.emplace_back("max_sections_per_term", absl::StrCat("must be 0 to ", kMaxTeacherSections));
  } else if (teacher.max_sections > 0 && teacher.max_sections_per_term > teacher.max_sections) {
    out.emplace_back("max_sections_per_term",
                     absl::StrCat("must not exceed max_sections (", teacher.max_sections, ")"));
  }
  CheckUnavailable(teacher.unavailable, facts, "unavailable", out);
  return out;
}

Violations ValidateRoom(const Room &room, const CalendarFacts &facts) {
  Violations out;
  if (room.number.empty() || room.number.size() > kMaxCodeLength ||
      Trim(room.number) != room.number) {
    out.emplace_back("number", "is required (at most 64 characters, no surrounding spaces)");
  }
  if (room.capacity < 1 || room.capacity > kMaxRoomCapacity) {
    out.emplace_back("capacity", absl::StrCat("must be 1 to ", kMaxRoomCapacity));
  }
  if (!IsValidCode(room.room_type)) {
    out.emplace_back("room_type", "is required: 1-64 characters without ';', e.g. regular or lab");
  }
  CheckUnavailable(room.unavailable, facts, "unavailable", out);
  return out;
}

}  // namespace secsched::catalog
