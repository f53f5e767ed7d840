// The seven OneRoster 1.1 CSV files from plain values (oneroster.h). Pure: no I/O.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/csv/csv.h"
#include "services/sectioning/domain/oneroster.h"

namespace secsched::sectioning {
namespace {

using Cells = std::vector<std::string>;

std::string OrgId(const std::string& school) { return "org." + school; }
std::string YearId(const std::string& calendar) { return "year." + calendar; }
std::string Id(const std::string& kind, const std::string& calendar, const std::string& id) {
  return kind + "." + calendar + "." + id;
}

// ISO 8601 in UTC with milliseconds, as the binding's dateLastModified.
std::string DateTime(std::chrono::system_clock::time_point t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromChrono(t), absl::UTCTimeZone());
}

// Grades as the binding's codes ("09", "10", ...), comma-separated.
std::string Grades(int low, int high) {
  std::vector<std::string> grades;
  for (int g = low; g <= high; ++g) grades.push_back(absl::StrFormat("%02d", g));
  return absl::StrJoin(grades, ",");
}

std::string Grade(int grade) { return grade > 0 ? absl::StrFormat("%02d", grade) : ""; }

// Builds one file, checking each row has the table's column count (a programming error otherwise).
class File {
 public:
  explicit File(const OneRosterTable& table) : table_(table) {
    writer_.AddRow(Cells(table.columns.begin(), table.columns.end()));
  }
  void Add(Cells cells) {
    cells.resize(table_.columns.size());
    writer_.AddRow(cells);
  }
  OneRosterFile Done() const { return {std::string(table_.file), writer_.str()}; }

 private:
  const OneRosterTable& table_;
  csv::Writer writer_;
};

const OneRosterTable& Table(std::string_view file) {
  for (const OneRosterTable& t : OneRosterTables()) {
    if (t.file == file) return t;
  }
  throw std::logic_error("no OneRoster table " + std::string(file));
}

// The school year of a calendar: from the first term's start to the last term's end; named by
// the year it ends in (the binding's schoolYear).
void AddSessions(File& file, const OneRosterCalendar& c, const std::string& modified) {
  const catalog::CatalogCalendar& cal = c.calendar;
  const std::string start = cal.terms.empty() ? "" : cal.terms.front().start_date;
  const std::string end = cal.terms.empty() ? "" : cal.terms.back().end_date;
  const std::string year = end.substr(0, 4);
  file.Add({YearId(cal.id), "active", modified, cal.id, "schoolYear", start, end, "", year});
  const std::string type = cal.terms.size() == 2 ? "semester" : "term";
  for (const catalog::CatalogTerm& t : cal.terms) {
    file.Add({Id("term", cal.id, t.id), "active", modified, t.id, type, t.start_date, t.end_date,
              YearId(cal.id), year});
  }
}

struct CalendarFiles {
  File& courses;
  File& classes;
  File& users;
  File& enrollments;
};

void AddCalendar(CalendarFiles& out, const OneRosterCalendar& c) {
  const std::string cal = c.calendar.id;
  const std::string org = OrgId(c.calendar.school_id);
  const std::string modified = DateTime(c.schedule.last_modified);

  // Courses: every active course, and any course a section has (even if gone from the catalog).
  std::map<std::string, const catalog::CatalogCourse*> courses;
  for (const catalog::CatalogCourse& course : c.courses) courses[course.id] = &course;
  std::set<std::string> course_ids;
  for (const catalog::CatalogCourse& course : c.courses) {
    if (course.active) course_ids.insert(course.id);
  }
  for (const Section& s : c.schedule.sections) course_ids.insert(s.course_id);
  for (const std::string& id : course_ids) {
    auto it = courses.find(id);
    const catalog::CatalogCourse* course = it == courses.end() ? nullptr : it->second;
    out.courses.Add({Id("course", cal, id), "active", modified, YearId(cal),
                     course ? course->display_name : id, course ? course->number : id,
                     course ? Grades(course->min_grade, course->max_grade) : "", org,
                     course ? course->department : "", ""});
  }

  // Classes: one per section.
  std::map<std::string, std::string> room_numbers;
  for (const catalog::CatalogRoom& r : c.rooms) room_numbers[r.id] = r.number;
  std::vector<std::string> all_terms;
  for (const catalog::CatalogTerm& t : c.calendar.terms) all_terms.push_back(Id("term", cal, t.id));
  std::set<std::string> teacher_ids;
  for (const Section& s : c.schedule.sections) {
    auto it = courses.find(s.course_id);
    const catalog::CatalogCourse* course = it == courses.end() ? nullptr : it->second;
    std::vector<std::string> terms;  // in calendar order
    for (const catalog::CatalogTerm& t : c.calendar.terms) {
      if (std::any_of(s.meetings.begin(), s.meetings.end(),
                      [&](const Meeting& m) { return m.term_id == t.id; })) {
        terms.push_back(Id("term", cal, t.id));
      }
    }
    if (terms.empty()) terms = all_terms;  // not placed yet: the class runs the year
    std::set<int> periods;
    for (const Meeting& m : s.meetings) periods.insert(m.period);
    auto room = room_numbers.find(s.room_id);
    const std::string title =
        (course ? course->display_name : s.course_id) + " - " + std::to_string(s.section_number);
    out.classes.Add(
        {Id("class", cal, s.section_id), "active", modified, title,
         course ? Grades(course->min_grade, course->max_grade) : "", Id("course", cal, s.course_id),
         (course ? course->number : s.course_id) + "-" + std::to_string(s.section_number),
         "scheduled", room == room_numbers.end() ? s.room_id : room->second, org,
         absl::StrJoin(terms, ","), course ? course->department : "", "",
         absl::StrJoin(periods, ",")});
    if (!s.primary_teacher_id.empty()) teacher_ids.insert(s.primary_teacher_id);
    teacher_ids.insert(s.co_teacher_ids.begin(), s.co_teacher_ids.end());
  }

  // Users: the active students, anyone enrolled, and the sections' teachers.
  std::map<std::string, RosterStudent> students;
  for (const RosterStudent& st : c.students) {
    if (st.active) students[st.id] = st;
  }
  for (const Enrollment& e : c.schedule.enrollments) {
    auto found = std::find_if(c.students.begin(), c.students.end(),
                              [&](const RosterStudent& st) { return st.id == e.student_id; });
    if (!students.contains(e.student_id)) {
      students[e.student_id] =
          found != c.students.end()
              ? *found
              : RosterStudent{.id = e.student_id, .display_name = e.student_id};
    }
  }
  for (const auto& [id, st] : students) {
    auto [given, family] = SplitDisplayName(st.display_name.empty() ? id : st.display_name);
    out.users.Add({Id("student", cal, id), "active", modified, "true", org, "student", id, "",
                   given, family, "", id, "", "", "", "", Grade(st.grade), ""});
  }
  std::map<std::string, const catalog::CatalogTeacher*> teachers;
  for (const catalog::CatalogTeacher& t : c.teachers) teachers[t.id] = &t;
  for (const std::string& id : teacher_ids) {
    auto it = teachers.find(id);
    const catalog::CatalogTeacher* t = it == teachers.end() ? nullptr : it->second;
    const std::string staff = t && !t->staff_id.empty() ? t->staff_id : id;
    auto [given, family] = SplitDisplayName(t && !t->display_name.empty() ? t->display_name : id);
    out.users.Add({Id("teacher", cal, id), "active", modified, "true", org, "teacher", staff, "",
                   given, family, "", staff, "", "", "", "", "", ""});
  }

  // Enrollments: the teachers of each section (the primary flagged), then its students.
  for (const Section& s : c.schedule.sections) {
    const std::string cls = Id("class", cal, s.section_id);
    auto teaching = [&](const std::string& teacher, bool primary) {
      out.enrollments.Add({Id("teaching", cal, s.section_id + "." + teacher), "active", modified,
                           cls, org, Id("teacher", cal, teacher), "teacher",
                           primary ? "true" : "false", "", ""});
    };
    if (!s.primary_teacher_id.empty()) teaching(s.primary_teacher_id, true);
    for (const std::string& co : s.co_teacher_ids) teaching(co, false);
  }
  for (const Enrollment& e : c.schedule.enrollments) {
    out.enrollments.Add({Id("enrollment", cal, e.section_id + "." + e.student_id), "active",
                         modified, Id("class", cal, e.section_id), org,
                         Id("student", cal, e.student_id), "student", "false", e.start_date,
                         e.end_date});
  }
}

}  // namespace

const std::vector<OneRosterTable>& OneRosterTables() {
  static const std::vector<OneRosterTable>* const tables = new std::vector<OneRosterTable>{
      {"manifest.csv", {"propertyName", "value"}},
      {"orgs.csv",
       {"sourcedId", "status", "dateLastModified", "name", "type", "identifier",
        "parentSourcedId"}},
      {"academicSessions.csv",
       {"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
        "parentSourcedId", "schoolYear"}},
      {"courses.csv",
       {"sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode",
        "grades", "orgSourcedId", "subjects", "subjectCodes"}},
      {"classes.csv",
       {"sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId",
        "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects",
        "subjectCodes", "periods"}},
      {"users.csv",
       {"sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role",
        "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email",
        "sms", "phone", "agentSourcedIds", "grades", "password"}},
      {"enrollments.csv",
       {"sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
        "userSourcedId", "role", "primary", "beginDate", "endDate"}},
  };
  return *tables;
}

std::pair<std::string, std::string> SplitDisplayName(std::string_view display_name) {
  std::string name(display_name);
  auto trim = [](std::string s) {
    const size_t b = s.find_first_not_of(' ');
    const size_t e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  if (size_t comma = name.find(','); comma != std::string::npos) {
    return {trim(name.substr(comma + 1)), trim(name.substr(0, comma))};
  }
  name = trim(name);
  size_t space = name.rfind(' ');
  if (space == std::string::npos) return {name, name};
  return {trim(name.substr(0, space)), name.substr(space + 1)};
}

std::vector<OneRosterFile> OneRosterFiles(const std::vector<OneRosterCalendar>& calendars) {
  File manifest(Table("manifest.csv"));
  for (auto [property, value] :
       std::vector<std::pair<std::string, std::string>>{{"manifest.version", "1.0"},
                                                        {"oneroster.version", "1.1"},
                                                        {"file.academicSessions", "bulk"},
                                                        {"file.categories", "absent"},
                                                        {"file.classes", "bulk"},
                                                        {"file.classResources", "absent"},
                                                        {"file.courses", "bulk"},
                                                        {"file.courseResources", "absent"},
                                                        {"file.demographics", "absent"},
                                                        {"file.enrollments", "bulk"},
                                                        {"file.lineItems", "absent"},
                                                        {"file.orgs", "bulk"},
                                                        {"file.resources", "absent"},
                                                        {"file.results", "absent"},
                                                        {"file.users", "bulk"},
                                                        {"source.systemName", "secsched"},
                                                        {"source.systemCode", ""}}) {
    manifest.Add({property, value});
  }
  File orgs(Table("orgs.csv"));
  File sessions(Table("academicSessions.csv"));
  File courses(Table("courses.csv"));
  File classes(Table("classes.csv"));
  File users(Table("users.csv"));
  File enrollments(Table("enrollments.csv"));
  std::map<std::string, std::chrono::system_clock::time_point> schools;  // latest change each
  for (const OneRosterCalendar& c : calendars) {
    auto [it, added] = schools.emplace(c.calendar.school_id, c.schedule.last_modified);
    if (!added) it->second = std::max(it->second, c.schedule.last_modified);
  }
  for (const auto& [school, modified] : schools) {
    orgs.Add({OrgId(school), "active", DateTime(modified), school, "school", school, ""});
  }
  CalendarFiles out{courses, classes, users, enrollments};
  for (const OneRosterCalendar& c : calendars) {
    AddSessions(sessions, c, DateTime(c.schedule.last_modified));
    AddCalendar(out, c);
  }
  return {manifest.Done(), orgs.Done(),  sessions.Done(),   courses.Done(),
          classes.Done(),  users.Done(), enrollments.Done()};
}

}  // namespace secsched::sectioning
