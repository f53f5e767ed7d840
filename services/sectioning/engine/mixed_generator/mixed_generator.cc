// GenerateMixedSchool: the catalog in its calendar, the students' wishes, the planted solution,
// and the school emitted from them (planted: the solution's sections unplaced and unstaffed, the
// kept wishes as requests; realistic: every wish as a request, the plant's teachers and rooms).
#include "services/sectioning/engine/mixed_generator/mixed_generator.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "services/sectioning/engine/mixed_generator/mixed_internal.h"

namespace secsched::engine::mixed_generator {
namespace {

std::string DepartmentCode(const std::string& department) {
  static const std::map<std::string, std::string> codes = {{"English", "ENG"},
                                                           {"Mathematics", "MATH"},
                                                           {"Science", "SCI"},
                                                           {"Social Studies", "SOC"},
                                                           {"Health and PE", "HPE"},
                                                           {"Fine Arts", "ART"},
                                                           {"Music", "MUS"},
                                                           {"Technology", "TECH"},
                                                           {"World Languages", "LANG"},
                                                           {"Career and Technical", "CTE"}};
  auto it = codes.find(department);
  return it == codes.end() ? "GEN" : it->second;
}

bool FixedCount(const Subject& s) {
  return s.role == Role::kSingleton || s.role == Role::kCoreReplacement;
}

Calendar MakeCalendar(const CalendarShape& shape) {
  Calendar cal;
  cal.periods_per_day = shape.periods;
  const char* prefix = shape.kind == CalendarKind::kTrimester ? "T" : "S";
  for (int t = 0; t < shape.terms; ++t)
    cal.terms.push_back(Term{prefix + std::to_string(t + 1), t});
  return cal;
}

class Emitter {
 public:
  Emitter(const Catalog& catalog, const Plant& plant, bool planted)
      : k_(catalog), plant_(plant), planted_(planted) {
    // Planted: a section nobody was assigned to is not part of the solution.
    for (int s = 0; s < static_cast<int>(plant.sections.size()); ++s)
      if (!planted || plant.sections[s].enrolled > 0) live_.push_back(s);
  }

  void Emit(std::vector<StudentPlan>& plans, School& school, School* solution) {
    school.calendar = CalendarOf();
    EmitTeachers(school);
    school.rooms = plant_.rooms;
    EmitCourses(school);
    school.rules = k_.rules;
    school.rules.insert(school.rules.end(), plant_.master_rules.begin(), plant_.master_rules.end());
    for (size_t i = 0; i < plans.size(); ++i) {
      if (planted_) {
        std::vector<Wish> kept;
        for (size_t w = 0; w < plans[i].wishes.size(); ++w)
          if (plant_.kept[i][w]) kept.push_back(plans[i].wishes[w]);
        plans[i].wishes = std::move(kept);
      }
      WishesToRequests(k_, plans[i]);
      school.students.push_back(plans[i].student);
    }
    if (!planted_) return;
    *solution = school;
    std::map<int, std::vector<std::string>> ids;  // planted section -> its sections' ids
    std::map<int, int> number_in_offering;
    for (int s : live_) {
      const PlantedSection& ps = plant_.sections[s];
      const Offering& o = k_.offerings[ps.offering];
      const int n = ++number_in_offering[ps.offering];
      for (size_t half = 0; half < o.course_ids.size(); ++half) {
        Section sec;
        sec.id = o.course_ids[half] + "-" + std::to_string(n);
        sec.course_id = o.course_ids[half];
        ids[s].push_back(sec.id);
        school.sections.push_back(sec);
        sec.teacher_id = teacher_ids_.at(ps.teacher);
        sec.room_id = plant_.rooms[ps.room].id;
        // A block sequence's halves: A in the first semester, B in the second.
        const TermMask terms =
            o.course_ids.size() == 2 ? static_cast<TermMask>(1u << half) : ps.terms;
        sec.placement = Placement{ps.period, terms};
        solution->sections.push_back(std::move(sec));
      }
    }
    for (size_t i = 0; i < plans.size(); ++i)
      for (int s : plant_.enrolled[i])
        for (const std::string& id : ids.at(s))
          solution->enrollments.push_back(
              Enrollment{plans[i].student.id, id, id.substr(0, id.rfind('-')), false});
  }

 private:
  Calendar CalendarOf() const { return MakeCalendar(k_.shape); }

  // Teachers with at least one (live) section, numbered per department. Each may teach every
  // regular course of its department(s); an AP or singleton course only the teacher who has it
  // in the plant.
  void EmitTeachers(School& school) {
    std::vector<int> sections(plant_.teachers.size(), 0);
    for (int s : live_) ++sections[plant_.sections[s].teacher];
    std::map<std::string, int> per_department;
    const int limit = k_.shape.teacher_periods_per_term;
    for (int t = 0; t < static_cast<int>(plant_.teachers.size()); ++t) {
      if (sections[t] == 0) continue;
      const PlantedTeacher& pt = plant_.teachers[t];
      Teacher teacher;
      char number[16];
      std::snprintf(number, sizeof number, "%02d", ++per_department[pt.department]);
      teacher.id = "T-" + DepartmentCode(pt.department) + "-" + number;
      teacher.name = pt.department + " teacher " + number;
      for (const Offering& o : k_.offerings) {
        const bool department =
            o.subject.department == pt.department || o.subject.department == pt.second_department;
        const bool fixed_mine = std::find(pt.singletons.begin(), pt.singletons.end(),
                                          k_.Find(o.subject.id)) != pt.singletons.end();
        if ((department && !FixedCount(o.subject)) || fixed_mine)
          teacher.can_teach.insert(teacher.can_teach.end(), o.course_ids.begin(),
                                   o.course_ids.end());
      }
      teacher.max_sections = limit * k_.shape.terms;
      teacher.max_sections_per_term = limit;
      teacher_ids_[t] = teacher.id;
      school.teachers.push_back(std::move(teacher));
    }
  }

  // Fixed counts: an AP or singleton course gets the plant's count (a school opens the sections
  // it staffed); in planted mode every course does, so the builder adds none.
  void EmitCourses(School& school) {
    std::map<int, int> count;
    for (int s : live_) ++count[plant_.sections[s].offering];
    school.courses = k_.courses;
    for (Course& c : school.courses) {
      const int o = k_.offering_of_course.at(c.id);
      if (count[o] > 0 && (planted_ || FixedCount(k_.offerings[o].subject)))
        c.sections_to_build = count[o];
    }
  }

  const Catalog& k_;
  const Plant& plant_;
  bool planted_;
  std::vector<int> live_;
  std::map<int, std::string> teacher_ids_;
};

}  // namespace

CalendarKind EffectiveCalendar(const MixedGeneratorOptions& options) {
  if (options.calendar) return *options.calendar;
  switch ((options.seed + 2) % 3) {
    case 0:
      return CalendarKind::kTraditional;
    case 1:
      return CalendarKind::kBlock4x4;
    default:
      return CalendarKind::kTrimester;
  }
}

GeneratedSchool GenerateMixedSchool(const MixedGeneratorOptions& options) {
  const CalendarKind kind = EffectiveCalendar(options);
  const Catalog catalog = MakeCatalog(kind);
  Pcg32 rng(options.seed);
  std::vector<StudentPlan> plans = MakeStudentPlans(catalog, options.students, rng);
  // Planted: 10 % spare seats, so that students can be fitted around each other's choices.
  // Realistic: the plant only sizes staff and rooms, for ceil(requests / seats) sections: the
  // teachers just cover the sections the school needs.
  const Plant plant = BuildPlant(catalog, plans, options.planted ? 1.1 : 1.0, rng);
  GeneratedSchool out;
  out.school.id = "mixed-" + CalendarKindName(kind) + "-" + std::to_string(options.students) +
                  "-seed" + std::to_string(options.seed) + (options.planted ? "-planted" : "");
  School solution;
  Emitter(catalog, plant, options.planted)
      .Emit(plans, out.school, options.planted ? &solution : nullptr);
  if (options.planted) {
    solution.id = out.school.id;
    out.planted_solution = std::move(solution);
  }
  return out;
}

}  // namespace secsched::engine::mixed_generator
