// Reading "secsched.school/v1" JSON into a School (strict; see school_json.h).
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/io/json_reader.h"
#include "services/sectioning/engine/io/school_json.h"

namespace secsched::engine::io {
namespace {

using TermBits = std::map<std::string, int>;  // term id -> bit

// A list of term ids -> mask. Absent or empty -> 0 ("every term" for blocked slots; an error
// for placements, which the caller checks).
absl::Status ReadTerms(const JsonObject& o, const TermBits& bits, TermMask& out) {
  std::vector<std::string> ids;
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("terms", ids));
  out = 0;
  for (const std::string& id : ids) {
    auto it = bits.find(id);
    if (it == bits.end()) return o.Error(o.At("terms"), absl::StrCat("unknown term '", id, "'"));
    out |= static_cast<TermMask>(1u << it->second);
  }
  return absl::OkStatus();
}

absl::Status ReadSlot(const JsonObject& o, const TermBits& bits, PeriodSlot& slot) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"period", "terms"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("period", slot.period, /*required=*/true));
  return ReadTerms(o, bits, slot.terms);
}

absl::Status ReadCalendar(const JsonObject& o, Calendar& cal, TermBits& bits) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"periods_per_day", "rotation_days", "terms"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("periods_per_day", cal.periods_per_day, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("rotation_days", cal.rotation_days));
  SECSCHED_IO_RETURN_IF_ERROR(o.Objects("terms", [&](const JsonObject& t) {
    SECSCHED_IO_RETURN_IF_ERROR(t.OnlyKeys({"id", "order"}));
    Term term;
    SECSCHED_IO_RETURN_IF_ERROR(t.String("id", term.id, true));
    term.order = static_cast<int>(cal.terms.size());
    SECSCHED_IO_RETURN_IF_ERROR(t.Int("order", term.order));
    if (!bits.emplace(term.id, static_cast<int>(cal.terms.size())).second)
      return t.Error(t.path(), "duplicate term id");
    cal.terms.push_back(term);
    return absl::OkStatus();
  }, true));
  if (cal.terms.empty() || cal.terms.size() > 16) return o.Error(o.At("terms"), "need 1 to 16 terms");
  return absl::OkStatus();
}

absl::Status ReadCourse(const JsonObject& o, Course& c) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"id", "name", "department", "term_length",
                                          "periods_per_meeting", "max_students",
                                          "sections_to_build", "room_type", "load_priority",
                                          "min_grade", "max_grade", "team"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", c.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("name", c.name));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("department", c.department));
  std::string length = "year";
  SECSCHED_IO_RETURN_IF_ERROR(o.String("term_length", length));
  if (length == "year") c.term_length = TermLength::kYear;
  else if (length == "semester") c.term_length = TermLength::kSemester;
  else if (length == "quarter") c.term_length = TermLength::kQuarter;
  else return o.Error(o.At("term_length"), absl::StrCat("expected year, semester or quarter, got '", length, "'"));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("periods_per_meeting", c.periods_per_meeting));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_students", c.max_students));
  SECSCHED_IO_RETURN_IF_ERROR(o.OptionalInt("sections_to_build", c.sections_to_build));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("room_type", c.room_type));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("load_priority", c.load_priority));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("min_grade", c.min_grade));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_grade", c.max_grade));
  return o.OptionalString("team", c.team);
}

absl::Status ReadTeacher(const JsonObject& o, const TermBits& bits, Teacher& t) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"id", "name", "can_teach", "max_sections", "unavailable"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", t.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("name", t.name));
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("can_teach", t.can_teach));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_sections", t.max_sections));
  return o.Objects("unavailable", [&](const JsonObject& s) {
    return ReadSlot(s, bits, t.unavailable.emplace_back());
  });
}

absl::Status ReadRoom(const JsonObject& o, const TermBits& bits, Room& r) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"id", "capacity", "type", "unavailable"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", r.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("capacity", r.capacity));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("type", r.type));
  return o.Objects("unavailable", [&](const JsonObject& s) {
    return ReadSlot(s, bits, r.unavailable.emplace_back());
  });
}

absl::Status ReadStudentConstraint(const JsonObject& o, const TermBits& bits, StudentConstraint& k) {
  std::string kind;
  SECSCHED_IO_RETURN_IF_ERROR(o.String("kind", kind, true));
  if (kind == "AVOID_TEACHER") {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"kind", "teacher_id"}));
    k.kind = StudentConstraintKind::kAvoidTeacher;
    return o.String("teacher_id", k.teacher_id, true);
  }
  if (kind == "KEEP_PERIOD_FREE") {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"kind", "period", "terms"}));
    k.kind = StudentConstraintKind::kKeepPeriodFree;
    SECSCHED_IO_RETURN_IF_ERROR(o.Int("period", k.slot.period, true));
    return ReadTerms(o, bits, k.slot.terms);
  }
  return o.Error(o.At("kind"), absl::StrCat("expected AVOID_TEACHER or KEEP_PERIOD_FREE, got '", kind, "'"));
}

absl::Status ReadStudent(const JsonObject& o, const TermBits& bits, Student& s) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"id", "grade", "team", "requests", "general_alternates",
                                          "locked_sections", "constraints"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", s.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("grade", s.grade, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.OptionalString("team", s.team));
  SECSCHED_IO_RETURN_IF_ERROR(o.Objects("requests", [&](const JsonObject& r) {
    SECSCHED_IO_RETURN_IF_ERROR(r.OnlyKeys({"course_id", "required", "priority", "alternates"}));
    Request& req = s.requests.emplace_back();
    SECSCHED_IO_RETURN_IF_ERROR(r.String("course_id", req.course_id, true));
    SECSCHED_IO_RETURN_IF_ERROR(r.Bool("required", req.required));
    SECSCHED_IO_RETURN_IF_ERROR(r.Int("priority", req.priority));
    return r.StringList("alternates", req.alternate_course_ids);
  }));
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("general_alternates", s.general_alternate_course_ids));
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("locked_sections", s.locked_section_ids));
  return o.Objects("constraints", [&](const JsonObject& k) {
    return ReadStudentConstraint(k, bits, s.constraints.emplace_back());
  });
}

absl::Status ReadSection(const JsonObject& o, const TermBits& bits, Section& s) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"id", "course_id", "teacher_id", "co_teacher_ids",
                                          "room_id", "team", "max_students", "placement",
                                          "locked", "link_group"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", s.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("course_id", s.course_id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("teacher_id", s.teacher_id));
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("co_teacher_ids", s.co_teacher_ids));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("room_id", s.room_id));
  SECSCHED_IO_RETURN_IF_ERROR(o.OptionalString("team", s.team));
  SECSCHED_IO_RETURN_IF_ERROR(o.OptionalInt("max_students", s.max_students));
  SECSCHED_IO_RETURN_IF_ERROR(o.Bool("locked", s.locked));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("link_group", s.link_group));
  std::optional<JsonObject> placement;
  SECSCHED_IO_RETURN_IF_ERROR(o.Object("placement", placement));
  if (!placement) return absl::OkStatus();  // null or absent: not placed
  SECSCHED_IO_RETURN_IF_ERROR(placement->OnlyKeys({"period", "terms"}));
  SECSCHED_IO_RETURN_IF_ERROR(placement->Int("period", s.placement.period, true));
  SECSCHED_IO_RETURN_IF_ERROR(ReadTerms(*placement, bits, s.placement.terms));
  if (s.placement.terms == 0) return placement->Error(placement->At("terms"), "a placement needs at least one term");
  return absl::OkStatus();
}

absl::Status ReadSchool(const JsonObject& root, School& school) {
  SECSCHED_IO_RETURN_IF_ERROR(root.OnlyKeys({"format", "id", "calendar", "courses", "teachers",
                                             "rooms", "students", "rules", "sections",
                                             "enrollments", "report"}));
  std::string format;
  SECSCHED_IO_RETURN_IF_ERROR(root.String("format", format, true));
  if (format != kSchoolFormatV1)
    return root.Error("format", absl::StrCat("unsupported format '", format, "'; this reader reads ", kSchoolFormatV1));
  SECSCHED_IO_RETURN_IF_ERROR(root.String("id", school.id, true));
  std::optional<JsonObject> calendar;
  SECSCHED_IO_RETURN_IF_ERROR(root.Object("calendar", calendar, true));
  TermBits bits;
  SECSCHED_IO_RETURN_IF_ERROR(ReadCalendar(*calendar, school.calendar, bits));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("courses", [&](const JsonObject& o) {
    return ReadCourse(o, school.courses.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("teachers", [&](const JsonObject& o) {
    return ReadTeacher(o, bits, school.teachers.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("rooms", [&](const JsonObject& o) {
    return ReadRoom(o, bits, school.rooms.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("students", [&](const JsonObject& o) {
    return ReadStudent(o, bits, school.students.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("rules", [&](const JsonObject& o) {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"type", "course_a", "course_b"}));
    CourseRule& rule = school.rules.emplace_back();
    std::string type;
    SECSCHED_IO_RETURN_IF_ERROR(o.String("type", type, true));
    std::optional<RuleType> parsed = RuleTypeFromName(type);
    if (!parsed) return o.Error(o.At("type"), absl::StrCat("unknown rule type '", type, "'"));
    rule.type = *parsed;
    SECSCHED_IO_RETURN_IF_ERROR(o.String("course_a", rule.course_a, true));
    return o.String("course_b", rule.course_b, true);
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("sections", [&](const JsonObject& o) {
    return ReadSection(o, bits, school.sections.emplace_back());
  }));
  return root.Objects("enrollments", [&](const JsonObject& o) {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"student_id", "section_id", "requested_course_id", "is_alternate"}));
    Enrollment& e = school.enrollments.emplace_back();
    SECSCHED_IO_RETURN_IF_ERROR(o.String("student_id", e.student_id, true));
    SECSCHED_IO_RETURN_IF_ERROR(o.String("section_id", e.section_id, true));
    SECSCHED_IO_RETURN_IF_ERROR(o.String("requested_course_id", e.requested_course_id));
    return o.Bool("is_alternate", e.is_alternate);
  });
}

}  // namespace

absl::StatusOr<School> ParseSchoolJson(std::string_view text) {
  Json json = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    // Parse again with exceptions for the byte offset: the non-throwing parse does not give it.
    try {
      Json unused = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
      return absl::InvalidArgumentError(absl::StrCat("not valid JSON: ", e.what()));
    }
    return absl::InvalidArgumentError("not valid JSON");
  }
  if (!json.is_object()) return absl::InvalidArgumentError("(document): expected a JSON object");
  School school;
  SECSCHED_IO_RETURN_IF_ERROR(ReadSchool(JsonObject(json, ""), school));
  // References (unknown course in a request, section in an enrollment, ...) are checked by the
  // same validation every engine entry point uses, so the messages are the same too.
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  return school;
}

absl::StatusOr<School> ReadSchoolFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  absl::StatusOr<School> school = ParseSchoolJson(buffer.str());
  if (!school.ok())
    return absl::Status(school.status().code(), absl::StrCat(path, ": ", school.status().message()));
  return school;
}

}  // namespace secsched::engine::io
