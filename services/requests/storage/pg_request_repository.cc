#include "services/requests/storage/pg_request_repository.h"

#include <map>
#include <pqxx/pqxx>

#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/requests/storage/pg_arrays.h"
#include "services/requests/storage/pg_student_repository.h"

namespace secsched::requests {
namespace {

// Moves ranks out of the way before the final ones are written, so the unique rank index never
// sees two alternates of a group on the same rank mid-statement.
constexpr int kRankShelf = 100000;

constexpr char kRequestColumns[] =
    "calendar_id, student_number, request_id, course_id, kind, required, priority, "
    "COALESCE(alternate_for, '') AS alternate_for, COALESCE(alternate_rank, 0) AS alternate_rank, "
    "source, entered_by, (extract(epoch FROM entered_at) * 1000000)::bigint AS entered_us";

CourseRequest RequestFromRow(const pqxx::row& row) {
  return CourseRequest{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .student_number = row["student_number"].as<std::string>(),
      .request_id = row["request_id"].as<std::string>(),
      .course_id = row["course_id"].as<std::string>(),
      .kind = KindFromName(row["kind"].as<std::string>()).value_or(RequestKind::kPrimary),
      .required = row["required"].as<bool>(),
      .priority = row["priority"].as<int>(),
      .alternate_for = row["alternate_for"].as<std::string>(),
      .alternate_rank = row["alternate_rank"].as<int>(),
      .source = SourceFromName(row["source"].as<std::string>()).value_or(RequestSource::kCounselor),
      .entered_by = row["entered_by"].as<std::string>(),
      .entered_at = pg::TimeOf(row["entered_us"]),
  };
}

// The (calendar, student, request) keys of `requests` as three array parameters.
struct Keys {
  std::vector<std::string> calendars, students, ids;
  explicit Keys(const std::vector<CourseRequest>& requests) {
    for (const CourseRequest& r : requests) {
      calendars.push_back(r.calendar_id);
      students.push_back(r.student_number);
      ids.push_back(r.request_id);
    }
  }
};

constexpr char kKeysJoin[] =
    "FROM unnest($1::text[], $2::text[], $3::text[]) AS k(calendar_id, student_number, request_id) "
    "WHERE c.calendar_id = k.calendar_id AND c.student_number = k.student_number "
    "AND c.request_id = k.request_id";

void ApplyRequestChanges(pqxx::work& tx, const RequestChanges& changes) {
  if (!changes.deletes.empty()) {
    Keys k(changes.deletes);
    tx.exec_params(std::string("DELETE FROM course_requests c USING unnest($1::text[], "
                               "$2::text[], $3::text[]) AS k(calendar_id, student_number, "
                               "request_id) WHERE c.calendar_id = k.calendar_id AND "
                               "c.student_number = k.student_number AND c.request_id = "
                               "k.request_id"),
                   TextArray(k.calendars), TextArray(k.students), TextArray(k.ids));
  }
  if (!changes.updates.empty()) {
    Keys k(changes.updates);
    std::vector<int> priorities, ranks;
    std::vector<bool> required;
    for (const CourseRequest& r : changes.updates) {
      priorities.push_back(r.priority);
      ranks.push_back(r.alternate_rank);
      required.push_back(r.required);
    }
    tx.exec_params(
        std::string("UPDATE course_requests c SET alternate_rank = c.alternate_rank + ") +
            std::to_string(kRankShelf) + " " + kKeysJoin + " AND c.kind = 'ALTERNATE'",
        TextArray(k.calendars), TextArray(k.students), TextArray(k.ids));
    tx.exec_params(
        "UPDATE course_requests c SET required = k.required, priority = k.priority, "
        "alternate_rank = CASE WHEN c.kind = 'ALTERNATE' THEN k.alternate_rank END "
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::int[], $6::int[]) "
        "AS k(calendar_id, student_number, request_id, required, priority, alternate_rank) "
        "WHERE c.calendar_id = k.calendar_id AND c.student_number = k.student_number "
        "AND c.request_id = k.request_id",
        TextArray(k.calendars), TextArray(k.students), TextArray(k.ids), BoolArray(required),
        IntArray(priorities), IntArray(ranks));
  }
  if (!changes.inserts.empty()) {
    Keys k(changes.inserts);
    std::vector<std::string> courses, kinds, alternate_for, sources, entered_by, keys;
    std::vector<int> priorities, ranks;
    std::vector<bool> required;
    for (const CourseRequest& r : changes.inserts) {
      courses.push_back(r.course_id);
      kinds.emplace_back(KindName(r.kind));
      alternate_for.push_back(r.alternate_for);
      sources.emplace_back(SourceName(r.source));
      entered_by.push_back(r.entered_by);
      keys.push_back(r.idempotency_key);
      priorities.push_back(r.priority);
      ranks.push_back(r.alternate_rank);
      required.push_back(r.required);
    }
    tx.exec_params(
        "INSERT INTO course_requests (calendar_id, student_number, request_id, course_id, kind, "
        "required, priority, alternate_for, alternate_rank, source, entered_by, idempotency_key) "
        "SELECT calendar_id, student_number, request_id, course_id, kind, required, priority, "
        "NULLIF(alternate_for, ''), NULLIF(alternate_rank, 0), source, entered_by, "
        "NULLIF(idempotency_key, '') "
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], "
        "$7::int[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[]) "
        "AS k(calendar_id, student_number, request_id, course_id, kind, required, priority, "
        "alternate_for, alternate_rank, source, entered_by, idempotency_key)",
        TextArray(k.calendars), TextArray(k.students), TextArray(k.ids), TextArray(courses),
        TextArray(kinds), BoolArray(required), IntArray(priorities), TextArray(alternate_for),
        IntArray(ranks), TextArray(sources), TextArray(entered_by), TextArray(keys));
  }
}

void UpsertStudents(pqxx::work& tx, const std::vector<Student>& students) {
  if (students.empty()) return;
  std::vector<std::string> calendars, numbers, names, teams, genders;
  std::vector<int> grades;
  std::vector<bool> active;
  for (const Student& s : students) {
    calendars.push_back(s.calendar_id);
    numbers.push_back(s.student_number);
    names.push_back(s.display_name);
    teams.push_back(s.team);
    genders.push_back(s.gender);
    grades.push_back(s.grade);
    active.push_back(s.active);
  }
  tx.exec_params(
      "INSERT INTO students (calendar_id, student_number, display_name, grade, team, gender, "
      "active) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], "
      "$6::text[], $7::bool[]) "
      "ON CONFLICT (calendar_id, student_number) DO UPDATE SET "
      "display_name = EXCLUDED.display_name, grade = EXCLUDED.grade, team = EXCLUDED.team, "
      "gender = EXCLUDED.gender, active = EXCLUDED.active, update_time = now()",
      TextArray(calendars), TextArray(numbers), TextArray(names), IntArray(grades),
      TextArray(teams), TextArray(genders), BoolArray(active));
}

absl::StatusOr<StudentRequests> ReadStudent(pqxx::work& tx, std::string_view calendar_id,
                                            std::string_view student_number, bool lock) {
  pqxx::result student =
      tx.exec_params(std::string("SELECT ") + kStudentColumns +
                         " FROM students WHERE calendar_id = $1 AND student_number = $2" +
                         (lock ? " FOR UPDATE" : ""),
                     std::string(calendar_id), std::string(student_number));
  if (student.empty()) {
    return absl::NotFoundError("Student " + std::string(student_number) +
                               " not found in calendar " + std::string(calendar_id) + ".");
  }
  StudentRequests state{.student = StudentFromRow(student[0])};
  pqxx::result requests =
      tx.exec_params(std::string("SELECT ") + kRequestColumns +
                         " FROM course_requests WHERE calendar_id = $1 AND student_number = $2",
                     std::string(calendar_id), std::string(student_number));
  for (const pqxx::row& row : requests) state.requests.push_back(RequestFromRow(row));
  SortForListing(state.requests);
  return state;
}

// The student's row locked and their requests read, then `plan`'s changes written.
absl::Status ApplyPlan(pqxx::work& tx, std::string_view calendar_id,
                       std::string_view student_number,
                       const RequestRepository::StudentPlan& plan) {
  absl::StatusOr<StudentRequests> current =
      ReadStudent(tx, calendar_id, student_number, /*lock=*/true);
  if (!current.ok()) return current.status();
  absl::StatusOr<RequestChanges> changes = plan(*current);
  if (!changes.ok()) return changes.status();
  ApplyRequestChanges(tx, *changes);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StudentRequests> PgRequestRepository::Read(std::string_view calendar_id,
                                                          std::string_view student_number) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) {
    return ReadStudent(tx, calendar_id, student_number, /*lock=*/false);
  });
}

absl::StatusOr<CourseRequest> PgRequestRepository::CreateInStudent(std::string_view idempotency_key,
                                                                   std::string_view calendar_id,
                                                                   std::string_view student_number,
                                                                   std::string_view request_id,
                                                                   const StudentPlan& plan) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<CourseRequest> {
    if (!idempotency_key.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "course_requests", idempotency_key); !s.ok()) {
        return s;
      }
      pqxx::result earlier = tx.exec_params(std::string("SELECT ") + kRequestColumns +
                                                " FROM course_requests WHERE idempotency_key = $1",
                                            std::string(idempotency_key));
      if (!earlier.empty()) return RequestFromRow(earlier[0]);
    }
    if (absl::Status applied = ApplyPlan(tx, calendar_id, student_number, plan); !applied.ok()) {
      return applied;
    }
    pqxx::result created = tx.exec_params(
        std::string("SELECT ") + kRequestColumns +
            " FROM course_requests WHERE calendar_id = $1 AND student_number = $2"
            " AND request_id = $3",
        std::string(calendar_id), std::string(student_number), std::string(request_id));
    if (created.empty()) {
      return absl::InternalError("the planned course request was not written");
    }
    return RequestFromRow(created[0]);
  });
}

absl::StatusOr<StudentRequests> PgRequestRepository::ChangeStudent(std::string_view calendar_id,
                                                                   std::string_view student_number,
                                                                   const StudentPlan& plan) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StudentRequests> {
    if (absl::Status applied = ApplyPlan(tx, calendar_id, student_number, plan); !applied.ok()) {
      return applied;
    }
    return ReadStudent(tx, calendar_id, student_number, /*lock=*/false);
  });
}

absl::Status PgRequestRepository::ChangeCalendar(std::string_view calendar_id, bool with_requests,
                                                 bool dry_run, const CalendarPlan& plan) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    CalendarSnapshot snapshot;
    // Teams FOR SHARE: none can be deleted while students are being assigned to them.
    for (const pqxx::row& row : tx.exec_params(
             "SELECT team_id FROM teams WHERE calendar_id = $1 ORDER BY team_id FOR SHARE",
             std::string(calendar_id))) {
      snapshot.team_ids.push_back(row[0].as<std::string>());
    }
    std::map<std::string, size_t> index;
    for (const pqxx::row& row : tx.exec_params(
             std::string("SELECT ") + kStudentColumns +
                 " FROM students WHERE calendar_id = $1 ORDER BY student_number FOR UPDATE",
             std::string(calendar_id))) {
      index[row["student_number"].as<std::string>()] = snapshot.students.size();
      snapshot.students.push_back(StudentRequests{.student = StudentFromRow(row)});
    }
    if (with_requests) {
      for (const pqxx::row& row : tx.exec_params(std::string("SELECT ") + kRequestColumns +
                                                     " FROM course_requests WHERE calendar_id = $1",
                                                 std::string(calendar_id))) {
        CourseRequest r = RequestFromRow(row);
        auto it = index.find(r.student_number);
        if (it != index.end()) snapshot.students[it->second].requests.push_back(std::move(r));
      }
      for (StudentRequests& s : snapshot.students) SortForListing(s.requests);
    }
    absl::StatusOr<CalendarChanges> changes = plan(snapshot);
    if (!changes.ok()) return changes.status();
    if (dry_run) return absl::OkStatus();
    UpsertStudents(tx, changes->upsert_students);
    ApplyRequestChanges(tx, changes->requests);
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests
