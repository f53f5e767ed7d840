// The mixed generator's catalog: a high school (grades 9-12) described once as a traditional
// school's subjects, then laid out in the chosen calendar (Form in mixed_internal.h).
#include <algorithm>

#include "services/sectioning/engine/mixed_generator/mixed_internal.h"

namespace secsched::engine::mixed_generator {
namespace {

constexpr Form kSeq = Form::kSequence;
constexpr Form kCor = Form::kCore;
constexpr Form kYel = Form::kYearElective;
constexpr Form kSht = Form::kShort;

Subject S(const char* id, const char* name, const char* dept, Form form, int max, const char* room,
          int min_grade, int max_grade, Role role, const char* replaces = "") {
  return Subject{id, name, dept, form, max, room, min_grade, max_grade, role, replaces};
}

std::vector<Subject> Subjects() {
  constexpr Role kC = Role::kCore, kR = Role::kCoreReplacement, kE = Role::kElective,
                 k1 = Role::kSingleton;
  return {
      // Grade cores. Science runs in 24-seat labs although its classes may hold 30.
      S("ENG9", "English 9", "English", kCor, 30, "regular", 9, 9, kC),
      S("ENG10", "English 10", "English", kCor, 30, "regular", 10, 10, kC),
      S("ENG11", "English 11", "English", kCor, 30, "regular", 11, 11, kC),
      S("ENG12", "English 12", "English", kCor, 30, "regular", 12, 12, kC),
      S("ALG1", "Algebra I", "Mathematics", kSeq, 30, "regular", 9, 9, kC),
      S("GEOM", "Geometry", "Mathematics", kSeq, 30, "regular", 10, 10, kC),
      S("ALG2", "Algebra II", "Mathematics", kSeq, 30, "regular", 11, 11, kC),
      S("PRECALC", "Precalculus", "Mathematics", kSeq, 30, "regular", 12, 12, kC),
      S("BIOL", "Biology", "Science", kCor, 30, "lab", 9, 9, kC),
      S("CHEM", "Chemistry", "Science", kCor, 30, "lab", 10, 10, kC),
      S("PHYS", "Physics", "Science", kCor, 30, "lab", 11, 11, kC),
      S("ENVSCI", "Environmental Science", "Science", kCor, 30, "lab", 12, 12, kC),
      S("WGEO", "World Geography", "Social Studies", kCor, 32, "regular", 9, 9, kC),
      S("WHIST", "World History", "Social Studies", kCor, 32, "regular", 10, 10, kC),
      S("USHIST", "United States History", "Social Studies", kCor, 32, "regular", 11, 11, kC),
      S("CIVICS", "Civics and Government", "Social Studies", kCor, 32, "regular", 12, 12, kC),
      S("HEALTH", "Health", "Health and PE", kSht, 30, "regular", 9, 9, kC),
      S("PE9", "Physical Education 9", "Health and PE", kSht, 40, "gym", 9, 9, kC),
      // AP courses replacing a core: few sections, one teacher.
      S("APLANG", "AP English Language", "English", kCor, 28, "regular", 11, 11, kR, "ENG11"),
      S("APLIT", "AP English Literature", "English", kCor, 28, "regular", 12, 12, kR, "ENG12"),
      S("APCALC", "AP Calculus AB", "Mathematics", kSeq, 28, "regular", 12, 12, kR, "PRECALC"),
      S("APUSH", "AP United States History", "Social Studies", kCor, 30, "regular", 11, 11, kR,
        "USHIST"),
      S("APENV", "AP Environmental Science", "Science", kCor, 24, "lab", 12, 12, kR, "ENVSCI"),
      // Electives and singletons by profile.
      S("STUDIOART", "Studio Art", "Fine Arts", kYel, 28, "art", 9, 12, kE),
      S("CERAMICS", "Ceramics", "Fine Arts", kSht, 24, "art", 10, 12, kE),
      S("DRAWING", "Drawing and Painting", "Fine Arts", kSht, 24, "art", 9, 12, kE),
      S("PHOTO", "Digital Photography", "Fine Arts", kSht, 28, "computer", 10, 12, kE),
      S("APDRAW", "AP Drawing", "Fine Arts", kYel, 20, "art", 11, 12, k1),
      S("APARTHIST", "AP Art History", "Fine Arts", kYel, 28, "regular", 11, 12, k1),
      S("WINDENS", "Wind Ensemble", "Music", kYel, 60, "music", 9, 12, kE),
      S("CHORALE", "Chorale", "Music", kYel, 50, "music", 9, 12, kE),
      S("STRINGS", "String Orchestra", "Music", kYel, 40, "music", 9, 12, k1),
      S("MUSICTHEORY", "Music Theory", "Music", kSht, 20, "regular", 10, 12, kE),
      S("APMUSIC", "AP Music Theory", "Music", kYel, 20, "regular", 11, 12, k1),
      S("CODING", "Introduction to Coding", "Technology", kSht, 30, "computer", 9, 12, kE),
      S("ROBOTICS", "Robotics", "Technology", kSht, 24, "lab", 9, 12, kE),
      S("ENGRDESIGN", "Engineering Design", "Technology", kYel, 28, "computer", 10, 12, kE),
      S("APCSA", "AP Computer Science A", "Technology", kYel, 30, "computer", 10, 12, k1),
      S("APPHYSC", "AP Physics C", "Science", kYel, 24, "lab", 12, 12, k1),
      S("APCHEM", "AP Chemistry", "Science", kYel, 24, "lab", 11, 12, k1),
      S("APSTATS", "AP Statistics", "Mathematics", kYel, 30, "regular", 11, 12, k1),
      S("CREATIVEWR", "Creative Writing", "English", kSht, 20, "regular", 10, 12, kE),
      S("JOURNALISM", "Journalism", "English", kYel, 20, "regular", 9, 12, kE),
      S("DEBATE", "Speech and Debate", "English", kSht, 20, "regular", 9, 12, kE),
      S("PSYCHOLOGY", "Psychology", "Social Studies", kSht, 30, "regular", 10, 12, kE),
      S("PHILOSOPHY", "Philosophy", "Social Studies", kSht, 18, "regular", 11, 12, kE),
      S("APPSYCH", "AP Psychology", "Social Studies", kYel, 30, "regular", 11, 12, k1),
      S("APEURO", "AP European History", "Social Studies", kYel, 28, "regular", 10, 12, k1),
      S("SPANISH1", "Spanish I", "World Languages", kSeq, 30, "regular", 9, 12, kE),
      S("SPANISH2", "Spanish II", "World Languages", kSeq, 30, "regular", 10, 12, kE),
      S("FRENCH1", "French I", "World Languages", kSeq, 28, "regular", 9, 12, kE),
      S("FRENCH2", "French II", "World Languages", kSeq, 28, "regular", 10, 12, kE),
      S("LATIN1", "Latin I", "World Languages", kSeq, 25, "regular", 9, 12, k1),
      S("APSPANISH", "AP Spanish Language", "World Languages", kSeq, 25, "regular", 11, 12, k1),
      S("CULINARY", "Culinary Arts", "Career and Technical", kSht, 24, "kitchen", 9, 12, kE),
      S("WOODSHOP", "Woodworking", "Career and Technical", kSht, 20, "shop", 9, 12, kE),
      S("ACCOUNTING", "Accounting", "Career and Technical", kSht, 30, "computer", 10, 12, kE),
      S("FINANCE", "Personal Finance", "Career and Technical", kSht, 30, "regular", 11, 12, kE),
      S("MARKETING", "Marketing", "Career and Technical", kSht, 30, "regular", 10, 12, kE),
  };
}

// Elective preferences per profile and grade band: what a student of that profile asks for, in
// order (the request model: no popularity law, a list walked down).
void AddProfiles(Catalog& k) {
  k.profiles = {{"stem", 0.22},       {"arts", 0.14},      {"music", 0.13},
                {"humanities", 0.18}, {"languages", 0.15}, {"career", 0.18}};
  k.preferences = {
      {"stem",
       {{"CODING", "ROBOTICS", "ENGRDESIGN", "APCSA", "SPANISH1", "DEBATE"},
        {"APCSA", "APSTATS", "APPHYSC", "APCHEM", "ENGRDESIGN", "ROBOTICS", "FINANCE"}}},
      {"arts",
       {{"STUDIOART", "DRAWING", "CERAMICS", "PHOTO", "JOURNALISM", "FRENCH1"},
        {"APDRAW", "CERAMICS", "PHOTO", "APARTHIST", "DRAWING", "CREATIVEWR"}}},
      {"music",
       {{"WINDENS", "CHORALE", "STRINGS", "MUSICTHEORY", "SPANISH1", "STUDIOART"},
        {"WINDENS", "CHORALE", "APMUSIC", "STRINGS", "MUSICTHEORY", "PSYCHOLOGY"}}},
      {"humanities",
       {{"JOURNALISM", "DEBATE", "SPANISH1", "CREATIVEWR", "APEURO", "PSYCHOLOGY"},
        {"APPSYCH", "APEURO", "PHILOSOPHY", "CREATIVEWR", "DEBATE", "APARTHIST"}}},
      {"languages",
       {{"SPANISH1", "FRENCH1", "LATIN1", "SPANISH2", "FRENCH2", "DEBATE"},
        {"APSPANISH", "SPANISH2", "FRENCH2", "LATIN1", "PSYCHOLOGY", "PHILOSOPHY"}}},
      {"career",
       {{"CULINARY", "WOODSHOP", "CODING", "ACCOUNTING", "DRAWING", "MARKETING"},
        {"FINANCE", "MARKETING", "CULINARY", "ACCOUNTING", "WOODSHOP", "PSYCHOLOGY"}}},
  };
  k.fallback_electives = {"PSYCHOLOGY", "DRAWING",   "FINANCE",  "CULINARY",
                          "CODING",     "MARKETING", "CERAMICS", "DEBATE"};
}

Course BaseCourse(const Subject& s) {
  Course c;
  c.id = s.id;
  c.name = s.name;
  c.department = s.department;
  c.max_students = s.max_students;
  c.room_type = s.room_type;
  c.min_grade = s.min_grade;
  c.max_grade = s.max_grade;
  c.load_priority = s.role == Role::kCore ? 1 : (s.role == Role::kElective ? 4 : 2);
  return c;
}

// The subject in the calendar: which courses, year or one term.
Offering Lay(const Subject& s, const CalendarShape& shape, Catalog& k) {
  Offering o;
  o.subject = s;
  const bool block = shape.kind == CalendarKind::kBlock4x4;
  const bool trimester = shape.kind == CalendarKind::kTrimester;
  bool year = s.form != Form::kShort;
  if (block && s.form != Form::kSequence) year = false;
  if (trimester && s.form == Form::kYearElective) year = false;
  if (block && s.form == Form::kSequence) {  // two semester courses, A then B
    for (const char* half : {"A", "B"}) {
      Course c = BaseCourse(s);
      c.id += half;
      c.name += std::string(" ") + half;
      c.term_length = TermLength::kSemester;
      o.course_ids.push_back(c.id);
      k.courses.push_back(std::move(c));
    }
    k.rules.push_back(CourseRule{RuleType::kPrecedes, o.course_ids[0], o.course_ids[1]});
    year = true;
  } else {
    Course c = BaseCourse(s);
    c.term_length = year ? TermLength::kYear : TermLength::kSemester;
    o.course_ids.push_back(c.id);
    k.courses.push_back(std::move(c));
  }
  o.year = year;
  o.cells = year ? shape.terms : 1;
  if (year) {
    o.term_options = {shape.AllTerms()};
  } else {
    for (int t = 0; t < shape.terms; ++t) o.term_options.push_back(static_cast<TermMask>(1u << t));
  }
  return o;
}

}  // namespace

std::string CalendarKindName(CalendarKind kind) {
  switch (kind) {
    case CalendarKind::kTraditional:
      return "traditional";
    case CalendarKind::kBlock4x4:
      return "block4x4";
    case CalendarKind::kTrimester:
      return "trimester";
  }
  return "traditional";
}

std::optional<CalendarKind> ParseCalendarKind(const std::string& name) {
  for (CalendarKind k :
       {CalendarKind::kTraditional, CalendarKind::kBlock4x4, CalendarKind::kTrimester})
    if (CalendarKindName(k) == name) return k;
  return std::nullopt;
}

// Teachers teach all periods but one a term in a traditional day (5 of 7 leaves a planning and
// a duty period), 3 of 4 blocks, 4 of 5 trimester periods.
CalendarShape ShapeOf(CalendarKind kind) {
  switch (kind) {
    case CalendarKind::kTraditional:
      return CalendarShape{kind, 7, 2, 5};
    case CalendarKind::kBlock4x4:
      return CalendarShape{kind, 4, 2, 3};
    case CalendarKind::kTrimester:
      return CalendarShape{kind, 5, 3, 4};
  }
  return CalendarShape{};
}

Catalog MakeCatalog(CalendarKind kind) {
  Catalog k;
  k.shape = ShapeOf(kind);
  for (const Subject& s : Subjects()) {
    k.offering_of_subject[s.id] = static_cast<int>(k.offerings.size());
    k.offerings.push_back(Lay(s, k.shape, k));
    for (const std::string& course : k.offerings.back().course_ids)
      k.offering_of_course[course] = k.offering_of_subject[s.id];
  }
  // Health and PE in different terms: a ninth grader is not in both at once all year.
  k.rules.push_back(CourseRule{RuleType::kDifferentTerm, "HEALTH", "PE9"});
  AddProfiles(k);
  return k;
}

}  // namespace secsched::engine::mixed_generator
