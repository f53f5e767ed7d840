// The generator's course catalogs: a typical US high school (9-12) and middle school (6-8).
// Elective order is popularity order: weight = 1 / rank (Zipf, exponent 1).
#include <cmath>

#include "services/sectioning/engine/generator/generator_internal.h"

namespace secsched::engine::generator {
namespace {

constexpr TermLength kY = TermLength::kYear;
constexpr TermLength kS = TermLength::kSemester;

Course MakeCourse(const char* id, const char* name, const char* dept, TermLength len, int ppm,
                  int max, const char* room, int min_grade, int max_grade) {
  Course c;
  c.id = id;
  c.name = name;
  c.department = dept;
  c.term_length = len;
  c.periods_per_meeting = ppm;
  c.max_students = max;
  c.room_type = room;
  c.min_grade = min_grade;
  c.max_grade = max_grade;
  return c;
}

CourseSpec Core(Course c) {
  c.load_priority = 1;
  return CourseSpec{std::move(c), CourseRole::kCore, "", 0};
}

CourseSpec Split(Course c, const char* year_course) {
  c.load_priority = 1;
  return CourseSpec{std::move(c), CourseRole::kSplitCore, year_course, 0};
}

CourseSpec ApCore(Course c, const char* replaces, int sections) {
  c.sections_to_build = sections;
  c.load_priority = 2;  // singletons load early
  return CourseSpec{std::move(c), CourseRole::kApReplacement, replaces, 0};
}

CourseSpec ApElective(Course c, int sections, double weight) {
  c.sections_to_build = sections;
  c.load_priority = 2;
  return CourseSpec{std::move(c), CourseRole::kApElective, "", weight};
}

void AddElectives(Catalog& catalog, std::vector<Course> electives) {
  for (size_t rank = 0; rank < electives.size(); ++rank) {
    electives[rank].load_priority = 4;
    catalog.courses.push_back(
        CourseSpec{std::move(electives[rank]), CourseRole::kElective, "", 1.0 / (rank + 1.0)});
  }
}

Catalog HighSchool() {
  Catalog k;
  k.min_grade = 9;
  k.max_grade = 12;
  k.team_grade = 9;
  k.team_name = "ACADEMY9";
  k.team_courses = {"ENG9", "ALG1", "BIO", "WGEO"};
  const char* eng[] = {"ENG9", "ENG10", "ENG11", "ENG12"};
  for (int g = 9; g <= 12; ++g)
    k.courses.push_back(
        Core(MakeCourse(eng[g - 9], eng[g - 9], "English", kY, 1, 28, "regular", g, g)));
  k.courses.push_back(Core(MakeCourse("ALG1", "Algebra 1", "Math", kY, 1, 28, "regular", 9, 9)));
  k.courses.push_back(Core(MakeCourse("GEOM", "Geometry", "Math", kY, 1, 28, "regular", 10, 10)));
  k.courses.push_back(Core(MakeCourse("ALG2", "Algebra 2", "Math", kY, 1, 28, "regular", 11, 11)));
  k.courses.push_back(
      Core(MakeCourse("PRECALC", "Precalculus", "Math", kY, 1, 28, "regular", 12, 12)));
  k.courses.push_back(
      Split(MakeCourse("ALG1A", "Algebra 1A", "Math", kS, 1, 20, "regular", 9, 9), "ALG1"));
  k.courses.push_back(
      Split(MakeCourse("ALG1B", "Algebra 1B", "Math", kS, 1, 20, "regular", 9, 9), "ALG1"));
  k.courses.push_back(Core(MakeCourse("BIO", "Biology", "Science", kY, 1, 26, "lab", 9, 9)));
  k.courses.push_back(Core(MakeCourse("CHEM", "Chemistry", "Science", kY, 1, 26, "lab", 10, 10)));
  k.courses.push_back(Core(MakeCourse("PHYS", "Physics", "Science", kY, 1, 26, "lab", 11, 11)));
  k.courses.push_back(
      Core(MakeCourse("EARTH", "Earth and Space", "Science", kY, 1, 30, "regular", 12, 12)));
  k.courses.push_back(
      Core(MakeCourse("WGEO", "World Geography", "Social Studies", kY, 1, 30, "regular", 9, 9)));
  k.courses.push_back(
      Core(MakeCourse("WHIST", "World History", "Social Studies", kY, 1, 30, "regular", 10, 10)));
  k.courses.push_back(
      Core(MakeCourse("USHIST", "US History", "Social Studies", kY, 1, 30, "regular", 11, 11)));
  k.courses.push_back(
      Core(MakeCourse("GOV", "Government", "Social Studies", kS, 1, 32, "regular", 12, 12)));
  k.courses.push_back(
      Core(MakeCourse("ECON", "Economics", "Social Studies", kS, 1, 32, "regular", 12, 12)));
  k.courses.push_back(Core(MakeCourse("HEALTH", "Health", "PE", kS, 1, 30, "regular", 9, 9)));
  k.courses.push_back(Core(MakeCourse("PE9", "PE 9", "PE", kS, 1, 40, "gym", 9, 9)));

  k.courses.push_back(
      ApCore(MakeCourse("AP_LANG", "AP English Language", "English", kY, 1, 30, "regular", 11, 11),
             "ENG11", 2));
  k.courses.push_back(
      ApCore(MakeCourse("AP_LIT", "AP English Literature", "English", kY, 1, 30, "regular", 12, 12),
             "ENG12", 1));
  k.courses.push_back(ApCore(
      MakeCourse("AP_CALC", "AP Calculus AB", "Math", kY, 1, 30, "regular", 12, 12), "PRECALC", 2));
  k.courses.push_back(
      ApCore(MakeCourse("AP_USH", "AP US History", "Social Studies", kY, 1, 30, "regular", 11, 11),
             "USHIST", 1));

  k.courses.push_back(
      ApElective(MakeCourse("AP_BIO", "AP Biology", "Science", kY, 2, 24, "lab", 11, 12), 1, 0.5));
  k.courses.push_back(ApElective(
      MakeCourse("AP_CHEM", "AP Chemistry", "Science", kY, 1, 24, "lab", 11, 12), 1, 0.4));
  k.courses.push_back(ApElective(
      MakeCourse("AP_PHYS", "AP Physics 1", "Science", kY, 1, 24, "regular", 11, 12), 1, 0.4));
  k.courses.push_back(ApElective(
      MakeCourse("AP_PHYS_LAB", "AP Physics Lab", "Science", kS, 1, 24, "lab", 11, 12), 1, 0));
  k.courses.push_back(ApElective(
      MakeCourse("AP_STAT", "AP Statistics", "Math", kY, 1, 30, "regular", 11, 12), 2, 0.8));
  k.courses.push_back(ApElective(
      MakeCourse("AP_CS", "AP Computer Science A", "CTE", kY, 1, 28, "computer", 11, 12), 1, 0.5));
  k.courses.push_back(ApElective(
      MakeCourse("AP_PSYCH", "AP Psychology", "Social Studies", kY, 1, 32, "regular", 11, 12), 2,
      0.9));
  k.courses.push_back(
      ApElective(MakeCourse("AP_ART", "AP Studio Art", "Art", kY, 1, 20, "art", 11, 12), 1, 0.2));
  k.courses.push_back(ApElective(
      MakeCourse("AP_MUSIC", "AP Music Theory", "Music", kY, 1, 24, "music", 11, 12), 1, 0.15));
  k.courses.push_back(ApElective(
      MakeCourse("AP_SPAN", "AP Spanish", "World Languages", kY, 1, 26, "regular", 11, 12), 1,
      0.3));

  AddElectives(
      k, {
             MakeCourse("SPAN1", "Spanish 1", "World Languages", kY, 1, 30, "regular", 9, 10),
             MakeCourse("WEIGHTS", "Weight Training", "PE", kY, 1, 36, "gym", 10, 12),
             MakeCourse("ART1", "Art 1", "Art", kY, 1, 28, "art", 9, 12),
             MakeCourse("SPAN2", "Spanish 2", "World Languages", kY, 1, 30, "regular", 10, 11),
             MakeCourse("CHOIR", "Choir", "Music", kY, 1, 50, "music", 9, 12),
             MakeCourse("CS1", "Intro to Computer Science", "CTE", kY, 1, 28, "computer", 9, 12),
             MakeCourse("BAND", "Concert Band", "Music", kY, 1, 60, "music", 9, 12),
             MakeCourse("PSYCH", "Psychology", "Social Studies", kS, 1, 32, "regular", 10, 12),
             MakeCourse("FREN1", "French 1", "World Languages", kY, 1, 30, "regular", 9, 10),
             MakeCourse("DRAMA", "Drama", "Art", kY, 1, 30, "regular", 9, 12),
             MakeCourse("SPAN3", "Spanish 3", "World Languages", kY, 1, 30, "regular", 11, 12),
             MakeCourse("CERAMICS", "Ceramics", "Art", kS, 1, 24, "art", 10, 12),
             MakeCourse("FINANCE", "Personal Finance", "CTE", kS, 1, 32, "regular", 11, 12),
             MakeCourse("ART2", "Art 2", "Art", kY, 1, 28, "art", 10, 12),
             MakeCourse("ROBOTICS", "Robotics", "CTE", kY, 1, 24, "lab", 9, 12),
             MakeCourse("CULINARY", "Culinary Arts", "CTE", kS, 2, 20, "kitchen", 10, 12),
             MakeCourse("FREN2", "French 2", "World Languages", kY, 1, 30, "regular", 10, 11),
             MakeCourse("JOURN", "Journalism", "English", kY, 1, 28, "regular", 10, 12),
             MakeCourse("SOCIO", "Sociology", "Social Studies", kS, 1, 32, "regular", 10, 12),
             MakeCourse("CREATIVE", "Creative Writing", "English", kS, 1, 28, "regular", 10, 12),
             MakeCourse("ORCH", "Orchestra", "Music", kY, 1, 40, "music", 9, 12),
             MakeCourse("YEARBOOK", "Yearbook", "English", kY, 1, 20, "computer", 10, 12),
             MakeCourse("DIGMEDIA", "Digital Media", "CTE", kS, 1, 28, "computer", 9, 12),
         });
  k.rules = {CourseRule{RuleType::kSamePeriod, "HEALTH", "PE9"},
             CourseRule{RuleType::kDifferentTerm, "GOV", "ECON"},
             CourseRule{RuleType::kPrecedes, "ALG1A", "ALG1B"},
             CourseRule{RuleType::kLinked, "AP_PHYS", "AP_PHYS_LAB"}};
  return k;
}

Catalog MiddleSchool() {
  Catalog k;
  k.min_grade = 6;
  k.max_grade = 8;
  k.team_grade = 6;
  k.team_name = "TEAM6";
  k.team_courses = {"ENG6", "MATH6", "SCI6", "SS6"};
  for (int g = 6; g <= 8; ++g) {
    const std::string n = std::to_string(g);
    const char* lab = g == 6 ? "regular" : "lab";
    for (const auto& [id, name, dept, room, max] :
         std::vector<std::tuple<std::string, std::string, const char*, const char*, int>>{
             {"ENG" + n, "English " + n, "English", "regular", 28},
             {"MATH" + n, "Math " + n, "Math", "regular", 28},
             {"SCI" + n, "Science " + n, "Science", lab, 26},
             {"SS" + n, "Social Studies " + n, "Social Studies", "regular", 30}}) {
      k.courses.push_back(Core(MakeCourse(id.c_str(), name.c_str(), dept, kY, 1, max, room, g, g)));
    }
    // PE and Health share a period: Health one semester, PE the other.
    k.courses.push_back(Core(MakeCourse(("HEALTH" + n).c_str(), ("Health " + n).c_str(), "PE", kS,
                                        1, 30, "regular", g, g)));
    k.courses.push_back(
        Core(MakeCourse(("PE" + n).c_str(), ("PE " + n).c_str(), "PE", kS, 1, 40, "gym", g, g)));
    k.rules.push_back(CourseRule{RuleType::kSamePeriod, "HEALTH" + n, "PE" + n});
  }
  k.courses.push_back(
      ApCore(MakeCourse("ALG1_MS", "Algebra 1 (grade 8)", "Math", kY, 1, 28, "regular", 8, 8),
             "MATH8", 1));
  k.courses.push_back(
      ApElective(MakeCourse("STEM_LAB", "STEM Lab", "Science", kS, 2, 24, "lab", 7, 8), 1, 0.4));
  AddElectives(k,
               {
                   MakeCourse("BAND_MS", "Band", "Music", kY, 1, 60, "music", 6, 8),
                   MakeCourse("ART_MS", "Art", "Art", kS, 1, 28, "art", 6, 8),
                   MakeCourse("SPAN_MS", "Spanish", "World Languages", kY, 1, 30, "regular", 7, 8),
                   MakeCourse("CHOIR_MS", "Choir", "Music", kY, 1, 50, "music", 6, 8),
                   MakeCourse("TECH_MS", "Technology", "CTE", kS, 1, 28, "computer", 6, 8),
                   MakeCourse("DRAMA_MS", "Drama", "Art", kS, 1, 30, "regular", 6, 8),
                   MakeCourse("ORCH_MS", "Orchestra", "Music", kY, 1, 40, "music", 6, 8),
                   MakeCourse("CODING_MS", "Coding", "CTE", kS, 1, 28, "computer", 7, 8),
               });
  return k;
}

}  // namespace

Catalog MakeCatalog(SchoolLevel level) {
  return level == SchoolLevel::kHigh ? HighSchool() : MiddleSchool();
}

int Units(const Course& course) {
  return course.periods_per_meeting * (course.term_length == TermLength::kYear ? 2 : 1);
}

// PE and electives are what A/B schools typically run every other day; the cores, AP courses and
// their labs meet daily.
void ApplyRotation(Catalog& catalog, int rotation_days) {
  catalog.rotation_days = rotation_days;
  if (rotation_days < 2 || rotation_days % 2 != 0) return;
  for (CourseSpec& s : catalog.courses)
    if (s.role == CourseRole::kElective || s.course.department == "PE")
      s.course.days_per_rotation = rotation_days / 2;
}

int Cells(const Course& course, int rotation_days) {
  const int days = course.days_per_rotation > 0 ? course.days_per_rotation : rotation_days;
  return Units(course) * days;
}

TermMask SemesterSlots(int rotation_days, TermMask terms, TermMask days) {
  unsigned out = 0;
  for (int t = 0; t < 2; ++t)
    if (terms & (1u << t)) out |= static_cast<unsigned>(days) << (t * rotation_days);
  return static_cast<TermMask>(out);
}

TermMask TermsOfSlots(int rotation_days, TermMask slots) {
  const unsigned all_days = (1u << rotation_days) - 1;
  TermMask out = 0;
  for (int t = 0; t < 2; ++t)
    if ((slots >> (t * rotation_days)) & all_days) out |= static_cast<TermMask>(1u << t);
  return out;
}

}  // namespace secsched::engine::generator
