// export board — the master-schedule board (board.h) of a trial, read through the public API:
// the catalog (terms, bell schedule, courses, teachers, rooms), the sections with their live
// conflicts, the whole trial's enrollments (one paged report, not a call per section), the
// requests service's students and conflict matrix, and the schedule reports (unscheduled
// requests, load metrics with the bound). Written as one HTML file.
#include <fstream>
#include <map>
#include <set>

#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "secsched/sectioning/v1/schedule_reports.grpc.pb.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "secsched/sectioning/v1/sections.grpc.pb.h"
#include "tools/schedctl/board.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"

namespace secsched::schedctl {
namespace {

namespace catalog = secsched::catalog::v1;
namespace requests = secsched::requests::v1;
namespace sectioning = secsched::sectioning::v1;

// Pages through one List method; `call(context, token, page)` makes one call.
template <typename Response, typename Call, typename Items>
grpc::Status All(const CommandContext& context, Call call, Items items, Response& all) {
  return FetchAllPages(
      [&](const std::string& token, Response& page) {
        grpc::ClientContext rpc;
        PrepareCall(context, rpc);
        return call(rpc, token, page);
      },
      items, all);
}

// The trial's name: --trial (an id or a full name), else the calendar's ACTIVE trial.
grpc::Status FindTrial(const CommandContext& context, const std::string& calendar,
                       std::string& trial) {
  if (context.args.Has("trial")) {
    const std::string given = context.args.Get("trial");
    trial = given.rfind("calendars/", 0) == 0 ? given : calendar + "/trials/" + given;
    return grpc::Status::OK;
  }
  auto stub = sectioning::SectioningService::NewStub(ChannelTo(context, Service::kSectioning));
  sectioning::ListTrialsRequest request;
  request.set_parent(calendar);
  request.set_state(sectioning::Trial::ACTIVE);
  sectioning::ListTrialsResponse all;
  grpc::Status status = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token, sectioning::ListTrialsResponse& r) {
        request.set_page_token(token);
        return stub->ListTrials(&rpc, request, &r);
      },
      [](sectioning::ListTrialsResponse& r) { return r.mutable_trials(); }, all);
  if (!status.ok()) return status;
  if (all.trials().empty()) {
    return {grpc::StatusCode::FAILED_PRECONDITION,
            calendar + " has no ACTIVE trial; name one with --trial"};
  }
  trial = all.trials(0).name();
  return grpc::Status::OK;
}

grpc::Status ReadCatalog(const CommandContext& context, const std::string& calendar, Board& board,
                         std::map<std::string, catalog::Course>& courses) {
  auto channel = ChannelTo(context, Service::kCatalog);
  auto calendars = catalog::CatalogService::NewStub(channel);
  {
    grpc::ClientContext rpc;
    PrepareCall(context, rpc);
    catalog::ListTermsRequest request;
    request.set_parent(calendar);
    catalog::ListTermsResponse terms;
    if (grpc::Status s = calendars->ListTerms(&rpc, request, &terms); !s.ok()) return s;
    for (const catalog::Term& t : terms.terms()) board.terms.push_back(ShortId(t.name()));
  }
  {
    grpc::ClientContext rpc;
    PrepareCall(context, rpc);
    catalog::GetPeriodScheduleRequest request;
    request.set_name(calendar + "/periodSchedule");
    catalog::PeriodSchedule schedule;
    if (grpc::Status s = calendars->GetPeriodSchedule(&rpc, request, &schedule); !s.ok()) return s;
    std::set<int> periods;
    for (const catalog::Period& p : schedule.periods()) periods.insert(p.number());
    board.periods.assign(periods.begin(), periods.end());
  }
  auto course_stub = catalog::CourseService::NewStub(channel);
  catalog::ListCoursesRequest course_request;
  course_request.set_parent(calendar);
  course_request.set_page_size(1000);
  catalog::ListCoursesResponse all_courses;
  grpc::Status s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token, catalog::ListCoursesResponse& r) {
        course_request.set_page_token(token);
        return course_stub->ListCourses(&rpc, course_request, &r);
      },
      [](catalog::ListCoursesResponse& r) { return r.mutable_courses(); }, all_courses);
  if (!s.ok()) return s;
  for (const catalog::Course& c : all_courses.courses()) courses[ShortId(c.name())] = c;

  auto resources = catalog::ResourceService::NewStub(channel);
  catalog::ListTeachersRequest teacher_request;
  teacher_request.set_parent(calendar);
  teacher_request.set_page_size(1000);
  catalog::ListTeachersResponse teachers;
  s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token, catalog::ListTeachersResponse& r) {
        teacher_request.set_page_token(token);
        return resources->ListTeachers(&rpc, teacher_request, &r);
      },
      [](catalog::ListTeachersResponse& r) { return r.mutable_teachers(); }, teachers);
  if (!s.ok()) return s;
  for (const catalog::Teacher& t : teachers.teachers()) {
    board.teachers.push_back({ShortId(t.name()), t.display_name()});
  }
  catalog::ListRoomsRequest room_request;
  room_request.set_parent(calendar);
  room_request.set_page_size(1000);
  catalog::ListRoomsResponse rooms;
  s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token, catalog::ListRoomsResponse& r) {
        room_request.set_page_token(token);
        return resources->ListRooms(&rpc, room_request, &r);
      },
      [](catalog::ListRoomsResponse& r) { return r.mutable_rooms(); }, rooms);
  if (!s.ok()) return s;
  for (const catalog::Room& r : rooms.rooms())
    board.rooms.push_back({ShortId(r.name()), r.number()});
  return grpc::Status::OK;
}

// Sections, the trial's enrollments, students' grades, unmet requests per grade and the load
// metrics.
grpc::Status ReadSchedule(const CommandContext& context, const std::string& calendar,
                          const std::string& trial,
                          const std::map<std::string, catalog::Course>& courses, Board& board) {
  auto channel = ChannelTo(context, Service::kSectioning);
  auto sections_stub = sectioning::SectionService::NewStub(channel);
  sectioning::ListSectionsRequest request;
  request.set_parent(trial);
  request.set_page_size(1000);
  sectioning::ListSectionsResponse sections;
  grpc::Status s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token, sectioning::ListSectionsResponse& r) {
        request.set_page_token(token);
        return sections_stub->ListSections(&rpc, request, &r);
      },
      [](sectioning::ListSectionsResponse& r) { return r.mutable_sections(); }, sections);
  if (!s.ok()) return s;

  auto reports = sectioning::ScheduleReportService::NewStub(channel);
  sectioning::ListTrialEnrollmentsRequest enrollment_request;
  enrollment_request.set_parent(trial);
  enrollment_request.set_page_size(1000);
  sectioning::ListTrialEnrollmentsResponse enrollments;
  s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token,
          sectioning::ListTrialEnrollmentsResponse& r) {
        enrollment_request.set_page_token(token);
        return reports->ListTrialEnrollments(&rpc, enrollment_request, &r);
      },
      [](sectioning::ListTrialEnrollmentsResponse& r) { return r.mutable_rows(); }, enrollments);
  if (!s.ok()) return s;
  std::map<std::string, BoardStudent> students;
  std::map<std::string, int> met;  // enrollments filling a request, per student
  for (const sectioning::TrialEnrollmentRow& e : enrollments.rows()) {
    students[e.student()].id = e.student();
    students[e.student()].sections.push_back(e.section());
    if (e.has_request_rank()) ++met[e.student()];
  }
  for (const sectioning::Section& in : sections.sections()) {
    BoardSection out{.id = ShortId(in.name()),
                     .course = in.course(),
                     .number = in.section_number(),
                     .room = in.room(),
                     .enrolled = in.enrolled(),
                     .capacity = in.capacity()};
    if (auto c = courses.find(in.course()); c != courses.end()) {
      out.course_name = c->second.display_name();
      out.department = c->second.department();
    }
    if (!in.primary_teacher().empty()) out.teachers.push_back(in.primary_teacher());
    out.teachers.insert(out.teachers.end(), in.co_teachers().begin(), in.co_teachers().end());
    for (const sectioning::SectionMeeting& m : in.placement()) {
      out.meetings.push_back({m.term(), m.period(), m.day_type()});
    }
    for (const sectioning::SectionConflict& c : in.conflicts())
      out.conflicts.push_back(c.message());
    board.sections.push_back(std::move(out));
  }

  auto requests_stub = requests::RequestsService::NewStub(ChannelTo(context, Service::kRequests));
  requests::ListStudentsRequest student_request;
  student_request.set_parent(calendar);
  student_request.set_page_size(1000);
  requests::ListStudentsResponse all_students;
  s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token, requests::ListStudentsResponse& r) {
        student_request.set_page_token(token);
        return requests_stub->ListStudents(&rpc, student_request, &r);
      },
      [](requests::ListStudentsResponse& r) { return r.mutable_students(); }, all_students);
  if (!s.ok()) return s;
  std::map<std::string, int> grade_of;
  for (const requests::Student& st : all_students.students())
    grade_of[ShortId(st.name())] = st.grade();

  sectioning::ListUnscheduledRequestsRequest unmet_request;
  unmet_request.set_parent(trial);
  unmet_request.set_page_size(1000);
  sectioning::ListUnscheduledRequestsResponse unmet;
  s = All(
      context,
      [&](grpc::ClientContext& rpc, const std::string& token,
          sectioning::ListUnscheduledRequestsResponse& r) {
        unmet_request.set_page_token(token);
        return reports->ListUnscheduledRequests(&rpc, unmet_request, &r);
      },
      [](sectioning::ListUnscheduledRequestsResponse& r) { return r.mutable_rows(); }, unmet);
  if (!s.ok()) return s;
  std::map<int, BoardGradeRequests> grades;
  for (auto& [id, student] : students) {
    student.grade = grade_of.contains(id) ? grade_of[id] : 0;
    grades[student.grade].grade = student.grade;
    grades[student.grade].met += met[id];
    board.students.push_back(student);
  }
  for (const sectioning::UnscheduledRequestRow& row : unmet.rows()) {
    const int grade = grade_of.contains(row.student()) ? grade_of[row.student()] : 0;
    grades[grade].grade = grade;
    ++grades[grade].unmet;
  }
  for (const auto& [grade, counts] : grades) board.grades.push_back(counts);

  grpc::ClientContext rpc;
  PrepareCall(context, rpc);
  sectioning::GetLoadMetricsRequest metrics_request;
  metrics_request.set_parent(trial);
  sectioning::LoadMetrics m;
  if (s = reports->GetLoadMetrics(&rpc, metrics_request, &m); !s.ok()) return s;
  board.metrics = MetricsAgainstBound({.primary_requests_met = m.primary_requests_met(),
                                       .requests_unmet = m.requests_unmet(),
                                       .required_requests_unmet = m.required_requests_unmet(),
                                       .students = m.students(),
                                       .students_complete = m.students_complete(),
                                       .seats_used = m.seats_used(),
                                       .seats_offered = m.seats_offered(),
                                       .best_possible_primary_met = m.best_possible_primary_met(),
                                       .bound_proven_optimal = m.bound_proven_optimal()});
  return grpc::Status::OK;
}

// The most conflicting course pairs; the board is still useful without them, so a failure is a
// warning.
void ReadConflictPairs(const CommandContext& context, const std::string& calendar, Board& board) {
  auto planning = requests::RequestPlanningService::NewStub(ChannelTo(context, Service::kRequests));
  grpc::ClientContext rpc;
  PrepareCall(context, rpc);
  requests::GetConflictMatrixRequest request;
  request.set_parent(calendar);
  request.set_top_n(12);
  request.set_top_only(true);
  requests::ConflictMatrix matrix;
  grpc::Status s = planning->GetConflictMatrix(&rpc, request, &matrix);
  if (!s.ok()) {
    context.err << "warning: no conflict matrix (" << s.error_message() << ")\n";
    return;
  }
  for (const requests::CoursePair& p : matrix.top_pairs()) {
    board.conflict_pairs.push_back({ShortId(p.course_a()), ShortId(p.course_b()), p.students()});
  }
}

int BoardCommand(const CommandContext& context) {
  const std::string calendar = QualifiedName("calendars", context.args.Get("calendar"));
  Board board{.calendar = ShortId(calendar)};
  std::string trial;
  grpc::Status s = FindTrial(context, calendar, trial);
  if (!s.ok()) return ReportRpcError(context, Service::kSectioning, s);
  board.trial = ShortId(trial);
  board.title = board.calendar + " · trial " + board.trial;
  std::map<std::string, catalog::Course> courses;
  if (s = ReadCatalog(context, calendar, board, courses); !s.ok()) {
    return ReportRpcError(context, Service::kCatalog, s);
  }
  if (s = ReadSchedule(context, calendar, trial, courses, board); !s.ok()) {
    return ReportRpcError(context, Service::kSectioning, s);
  }
  ReadConflictPairs(context, calendar, board);
  std::string path = context.args.Get("to");
  if (path.empty()) path = "board_" + board.calendar + "_" + board.trial + ".html";
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << RenderBoardHtml(board);
  file.close();
  if (!file) {
    context.err << "error: could not write " << path << "\n";
    return kExitFailed;
  }
  context.out << "wrote " << path << " (" << board.sections.size() << " sections, "
              << board.students.size() << " students)\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> BoardCommands() {
  return {
      {.resource = "export",
       .verb = "board",
       .synopsis = "--calendar CAL [--trial TRIAL] [--to FILE.html]",
       .summary = "The master-schedule board: one offline HTML page (default: the ACTIVE trial).",
       .value_flags = {"calendar", "trial", "to"},
       .required = {"calendar"},
       .operands = 0,
       .run = BoardCommand},
  };
}

}  // namespace secsched::schedctl
