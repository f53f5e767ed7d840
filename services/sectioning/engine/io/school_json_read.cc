// Reading "secsched.school/v1", "/v2" and "/v3" JSON into a School (strict; see school_json.h).
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/io/json_reader.h"
#include "services/sectioning/engine/io/school_json.h"

namespace secsched::engine::io {
namespace {

// What element readers need from the document level: the calendar and the format version.
struct Context {
  std::map<std::string, int> term_bits;  // term id -> bit (position in the calendar)
  const Calendar* calendar = nullptr;
  // 2 adds rotation days (Course::days_per_rotation, "days" on slots); 3 adds a teacher's
  // max_sections_per_term and a rule's scope.
  int version = 1;
};

// Members of a later version in an earlier document are refused: an older reader would refuse
// them too, and the document says which format it is.
absl::Status SinceVersion(const JsonObject& o, const Context& ctx, const char* key, int version) {
  if (ctx.version >= version || !o.Has(key)) return absl::OkStatus();
  return o.Error(o.At(key), absl::StrCat("'", key, "' needs format ",
                                         version == 2 ? kSchoolFormatV2 : kSchoolFormatV3));
}
absl::Status V2Only(const JsonObject& o, const Context& ctx, const char* key) {
  return SinceVersion(o, ctx, key, 2);
}

// The "terms" (and, in v2, "days") lists of a slot or placement -> a (term, day) slot mask.
// Both absent or empty -> 0 ("every term, every day" for blocked slots; an error for placements,
// which the caller checks). One of them empty -> every term / every day.
absl::Status ReadSlots(const JsonObject& o, const Context& ctx, TermMask& out) {
  std::vector<std::string> ids;
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("terms", ids));
  TermMask terms = 0, days = 0;
  for (const std::string& id : ids) {
    auto it = ctx.term_bits.find(id);
    if (it == ctx.term_bits.end())
      return o.Error(o.At("terms"), absl::StrCat("unknown term '", id, "'"));
    terms |= static_cast<TermMask>(1u << it->second);
  }
  SECSCHED_IO_RETURN_IF_ERROR(V2Only(o, ctx, "days"));
  ids.clear();
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("days", ids));
  for (const std::string& id : ids) {
    int day = 0;
    while (day < ctx.calendar->rotation_days && DayName(day) != id) ++day;
    if (day == ctx.calendar->rotation_days)
      return o.Error(o.At("days"),
                     absl::StrCat("unknown day '", id, "' (the rotation's days are A..",
                                  DayName(ctx.calendar->rotation_days - 1), ")"));
    days |= static_cast<TermMask>(1u << day);
  }
  out = 0;
  if (terms == 0 && days == 0) return absl::OkStatus();
  const TermMask all_terms = static_cast<TermMask>((1u << ctx.calendar->terms.size()) - 1);
  out = SlotMask(*ctx.calendar, terms ? terms : all_terms, days ? days : AllDays(*ctx.calendar));
  return absl::OkStatus();
}

absl::Status ReadSlot(const JsonObject& o, const Context& ctx, PeriodSlot& slot) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"period", "terms", "days"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("period", slot.period, /*required=*/true));
  return ReadSlots(o, ctx, slot.terms);
}

absl::Status ReadCalendar(const JsonObject& o, Calendar& cal, Context& ctx) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"periods_per_day", "rotation_days", "terms"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("periods_per_day", cal.periods_per_day, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("rotation_days", cal.rotation_days));
  SECSCHED_IO_RETURN_IF_ERROR(o.Objects(
      "terms",
      [&](const JsonObject& t) {
        SECSCHED_IO_RETURN_IF_ERROR(t.OnlyKeys({"id", "order"}));
        Term term;
        SECSCHED_IO_RETURN_IF_ERROR(t.String("id", term.id, true));
        term.order = static_cast<int>(cal.terms.size());
        SECSCHED_IO_RETURN_IF_ERROR(t.Int("order", term.order));
        if (!ctx.term_bits.emplace(term.id, static_cast<int>(cal.terms.size())).second)
          return t.Error(t.path(), "duplicate term id");
        cal.terms.push_back(term);
        return absl::OkStatus();
      },
      true));
  if (cal.terms.empty() || cal.terms.size() > 16)
    return o.Error(o.At("terms"), "need 1 to 16 terms");
  // Every (term, rotation day) pair is one bit of a 16-bit mask.
  if (cal.rotation_days < 1 || static_cast<size_t>(cal.rotation_days) * cal.terms.size() > 16)
    return o.Error(o.At("rotation_days"),
                   absl::StrCat("need 1 or more, with terms x rotation_days at most 16; got ",
                                cal.rotation_days, " with ", cal.terms.size(), " terms"));
  ctx.calendar = &cal;
  return absl::OkStatus();
}

absl::Status ReadCourse(const JsonObject& o, const Context& ctx, Course& c) {
  SECSCHED_IO_RETURN_IF_ERROR(
      o.OnlyKeys({"id", "name", "department", "term_length", "periods_per_meeting",
                  "days_per_rotation", "max_students", "sections_to_build", "room_type",
                  "load_priority", "min_grade", "max_grade", "team"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", c.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("name", c.name));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("department", c.department));
  std::string length = "year";
  SECSCHED_IO_RETURN_IF_ERROR(o.String("term_length", length));
  if (length == "year")
    c.term_length = TermLength::kYear;
  else if (length == "semester")
    c.term_length = TermLength::kSemester;
  else if (length == "quarter")
    c.term_length = TermLength::kQuarter;
  else
    return o.Error(o.At("term_length"),
                   absl::StrCat("expected year, semester or quarter, got '", length, "'"));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("periods_per_meeting", c.periods_per_meeting));
  SECSCHED_IO_RETURN_IF_ERROR(V2Only(o, ctx, "days_per_rotation"));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("days_per_rotation", c.days_per_rotation));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_students", c.max_students));
  SECSCHED_IO_RETURN_IF_ERROR(o.OptionalInt("sections_to_build", c.sections_to_build));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("room_type", c.room_type));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("load_priority", c.load_priority));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("min_grade", c.min_grade));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_grade", c.max_grade));
  return o.OptionalString("team", c.team);
}

absl::Status ReadTeacher(const JsonObject& o, const Context& ctx, Teacher& t) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys(
      {"id", "name", "can_teach", "max_sections", "max_sections_per_term", "unavailable"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", t.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("name", t.name));
  SECSCHED_IO_RETURN_IF_ERROR(o.StringList("can_teach", t.can_teach));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_sections", t.max_sections));
  SECSCHED_IO_RETURN_IF_ERROR(SinceVersion(o, ctx, "max_sections_per_term", 3));
  if (o.Has("max_sections_per_term")) {
    int per_term = 0;
    SECSCHED_IO_RETURN_IF_ERROR(o.Int("max_sections_per_term", per_term));
    t.max_sections_per_term = per_term;
  }
  return o.Objects("unavailable", [&](const JsonObject& s) {
    return ReadSlot(s, ctx, t.unavailable.emplace_back());
  });
}

absl::Status ReadRoom(const JsonObject& o, const Context& ctx, Room& r) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"id", "capacity", "type", "unavailable"}));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("id", r.id, true));
  SECSCHED_IO_RETURN_IF_ERROR(o.Int("capacity", r.capacity));
  SECSCHED_IO_RETURN_IF_ERROR(o.String("type", r.type));
  return o.Objects("unavailable", [&](const JsonObject& s) {
    return ReadSlot(s, ctx, r.unavailable.emplace_back());
  });
}

absl::Status ReadStudentConstraint(const JsonObject& o, const Context& ctx, StudentConstraint& k) {
  std::string kind;
  SECSCHED_IO_RETURN_IF_ERROR(o.String("kind", kind, true));
  if (kind == "AVOID_TEACHER") {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"kind", "teacher_id"}));
    k.kind = StudentConstraintKind::kAvoidTeacher;
    return o.String("teacher_id", k.teacher_id, true);
  }
  if (kind == "KEEP_PERIOD_FREE") {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"kind", "period", "terms", "days"}));
    k.kind = StudentConstraintKind::kKeepPeriodFree;
    SECSCHED_IO_RETURN_IF_ERROR(o.Int("period", k.slot.period, true));
    return ReadSlots(o, ctx, k.slot.terms);
  }
  return o.Error(o.At("kind"),
                 absl::StrCat("expected AVOID_TEACHER or KEEP_PERIOD_FREE, got '", kind, "'"));
}

absl::Status ReadStudent(const JsonObject& o, const Context& ctx, Student& s) {
  SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys(
      {"id", "grade", "team", "requests", "general_alternates", "locked_sections", "constraints"}));
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
    return ReadStudentConstraint(k, ctx, s.constraints.emplace_back());
  });
}

absl::Status ReadSection(const JsonObject& o, const Context& ctx, Section& s) {
  SECSCHED_IO_RETURN_IF_ERROR(
      o.OnlyKeys({"id", "course_id", "teacher_id", "co_teacher_ids", "room_id", "team",
                  "max_students", "placement", "locked", "link_group"}));
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
  SECSCHED_IO_RETURN_IF_ERROR(placement->OnlyKeys({"period", "terms", "days"}));
  SECSCHED_IO_RETURN_IF_ERROR(placement->Int("period", s.placement.period, true));
  std::vector<std::string> terms;
  SECSCHED_IO_RETURN_IF_ERROR(placement->StringList("terms", terms));
  if (terms.empty())
    return placement->Error(placement->At("terms"), "a placement needs at least one term");
  SECSCHED_IO_RETURN_IF_ERROR(ReadSlots(*placement, ctx, s.placement.terms));
  return absl::OkStatus();
}

absl::Status ReadSchool(const JsonObject& root, School& school) {
  SECSCHED_IO_RETURN_IF_ERROR(
      root.OnlyKeys({"format", "id", "calendar", "courses", "teachers", "rooms", "students",
                     "rules", "sections", "enrollments", "report"}));
  std::string format;
  SECSCHED_IO_RETURN_IF_ERROR(root.String("format", format, true));
  Context ctx;
  if (format == kSchoolFormatV1) {
    ctx.version = 1;
  } else if (format == kSchoolFormatV2) {
    ctx.version = 2;
  } else if (format == kSchoolFormatV3) {
    ctx.version = 3;
  } else {
    return root.Error(
        "format", absl::StrCat("unsupported format '", format, "'; this reader reads ",
                               kSchoolFormatV1, ", ", kSchoolFormatV2, " and ", kSchoolFormatV3));
  }
  SECSCHED_IO_RETURN_IF_ERROR(root.String("id", school.id, true));
  std::optional<JsonObject> calendar;
  SECSCHED_IO_RETURN_IF_ERROR(root.Object("calendar", calendar, true));
  SECSCHED_IO_RETURN_IF_ERROR(ReadCalendar(*calendar, school.calendar, ctx));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("courses", [&](const JsonObject& o) {
    return ReadCourse(o, ctx, school.courses.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("teachers", [&](const JsonObject& o) {
    return ReadTeacher(o, ctx, school.teachers.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects(
      "rooms", [&](const JsonObject& o) { return ReadRoom(o, ctx, school.rooms.emplace_back()); }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("students", [&](const JsonObject& o) {
    return ReadStudent(o, ctx, school.students.emplace_back());
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("rules", [&](const JsonObject& o) {
    SECSCHED_IO_RETURN_IF_ERROR(o.OnlyKeys({"type", "course_a", "course_b", "scope"}));
    CourseRule& rule = school.rules.emplace_back();
    std::string type;
    SECSCHED_IO_RETURN_IF_ERROR(o.String("type", type, true));
    std::optional<RuleType> parsed = RuleTypeFromName(type);
    if (!parsed) return o.Error(o.At("type"), absl::StrCat("unknown rule type '", type, "'"));
    rule.type = *parsed;
    SECSCHED_IO_RETURN_IF_ERROR(SinceVersion(o, ctx, "scope", 3));
    if (o.Has("scope")) {
      std::string scope;
      SECSCHED_IO_RETURN_IF_ERROR(o.String("scope", scope));
      std::optional<RuleScope> parsed_scope = RuleScopeFromName(scope);
      if (!parsed_scope)
        return o.Error(o.At("scope"),
                       absl::StrCat("unknown rule scope '", scope, "' (STUDENT or MASTER)"));
      rule.scope = *parsed_scope;
    }
    SECSCHED_IO_RETURN_IF_ERROR(o.String("course_a", rule.course_a, true));
    return o.String("course_b", rule.course_b, true);
  }));
  SECSCHED_IO_RETURN_IF_ERROR(root.Objects("sections", [&](const JsonObject& o) {
    return ReadSection(o, ctx, school.sections.emplace_back());
  }));
  return root.Objects("enrollments", [&](const JsonObject& o) {
    SECSCHED_IO_RETURN_IF_ERROR(
        o.OnlyKeys({"student_id", "section_id", "requested_course_id", "is_alternate"}));
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
    // Json::exception, not only parse_error: a number too large for a double is out_of_range.
    try {
      Json unused = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
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
    return absl::Status(school.status().code(),
                        absl::StrCat(path, ": ", school.status().message()));
  return school;
}

}  // namespace secsched::engine::io
