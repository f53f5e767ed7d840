#include "services/requests/domain/course_request.h"

#include <algorithm>
#include <tuple>

#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {
namespace {

constexpr std::pair<RequestSource, std::string_view> kSources[] = {
    {RequestSource::kCounselor, "COUNSELOR"},
    {RequestSource::kPortal, "PORTAL"},
    {RequestSource::kBatch, "BATCH"},
    {RequestSource::kImport, "IMPORT"},
    {RequestSource::kAutoLoad, "AUTO_LOAD"}};

constexpr int kMaxPriority = 100;

bool SameRequest(const CourseRequest& a, const CourseRequest& b) {
  return a.calendar_id == b.calendar_id && a.student_number == b.student_number &&
         a.request_id == b.request_id;
}

// The alternates of one group (same alternate_for), ordered by rank.
std::vector<CourseRequest> GroupOf(const std::vector<CourseRequest>& requests,
                                   std::string_view alternate_for) {
  std::vector<CourseRequest> group;
  for (const CourseRequest& r : requests) {
    if (r.kind == RequestKind::kAlternate && r.alternate_for == alternate_for) group.push_back(r);
  }
  std::sort(group.begin(), group.end(), [](const CourseRequest& a, const CourseRequest& b) {
    return a.alternate_rank < b.alternate_rank;
  });
  return group;
}

// Updates giving every member of `ordered` the rank of its position (only those that move).
void Renumber(const std::vector<CourseRequest>& ordered, RequestChanges& changes) {
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (ordered[i].alternate_rank != static_cast<int>(i + 1)) {
      CourseRequest moved = ordered[i];
      moved.alternate_rank = static_cast<int>(i + 1);
      changes.updates.push_back(std::move(moved));
    }
  }
}

const CourseRequest* Find(const std::vector<CourseRequest>& requests, std::string_view id) {
  for (const CourseRequest& r : requests) {
    if (r.request_id == id) return &r;
  }
  return nullptr;
}

absl::Status RequestNotFound(const StudentRequests& current, std::string_view request_id) {
  return absl::NotFoundError("Request " + std::string(request_id) + " of student " +
                             current.student.student_number + " not found.");
}

}  // namespace

std::string_view KindName(RequestKind kind) {
  return kind == RequestKind::kPrimary ? "PRIMARY" : "ALTERNATE";
}

std::optional<RequestKind> KindFromName(std::string_view name) {
  if (name == "PRIMARY") return RequestKind::kPrimary;
  if (name == "ALTERNATE") return RequestKind::kAlternate;
  return std::nullopt;
}

std::string_view SourceName(RequestSource source) {
  for (const auto& [value, name] : kSources) {
    if (value == source) return name;
  }
  return "COUNSELOR";
}

std::optional<RequestSource> SourceFromName(std::string_view name) {
  for (const auto& [value, known] : kSources) {
    if (known == name) return value;
  }
  return std::nullopt;
}

void RequestChanges::Append(RequestChanges other) {
  for (CourseRequest& d : other.deletes) {
    auto pending = std::find_if(inserts.begin(), inserts.end(),
                                [&](const CourseRequest& r) { return SameRequest(r, d); });
    if (pending != inserts.end()) {
      inserts.erase(pending);
      continue;
    }
    std::erase_if(updates, [&](const CourseRequest& r) { return SameRequest(r, d); });
    deletes.push_back(std::move(d));
  }
  for (CourseRequest& u : other.updates) {
    // An update of a row not written yet changes what will be inserted.
    auto pending = std::find_if(inserts.begin(), inserts.end(),
                                [&](const CourseRequest& r) { return SameRequest(r, u); });
    if (pending != inserts.end()) {
      *pending = std::move(u);
      continue;
    }
    auto earlier = std::find_if(updates.begin(), updates.end(),
                                [&](const CourseRequest& r) { return SameRequest(r, u); });
    if (earlier != updates.end()) {
      *earlier = std::move(u);
    } else {
      updates.push_back(std::move(u));
    }
  }
  for (CourseRequest& i : other.inserts) inserts.push_back(std::move(i));
}

CourseIndex::CourseIndex(std::vector<catalog::CatalogCourse> courses)
    : courses_(std::move(courses)) {
  for (size_t i = 0; i < courses_.size(); ++i) {
    by_id_[courses_[i].id] = i;
    by_number_[courses_[i].number] = i;
  }
}

const catalog::CatalogCourse* CourseIndex::ById(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &courses_[it->second];
}

const catalog::CatalogCourse* CourseIndex::ByNumber(std::string_view number) const {
  auto it = by_number_.find(number);
  return it == by_number_.end() ? nullptr : &courses_[it->second];
}

std::string CourseLabel(const catalog::CatalogCourse& course) {
  if (course.number.empty() || course.number == course.id) return course.id;
  return course.number + " (" + course.id + ")";
}

absl::Status CheckCourseUsable(const CourseIndex& courses, std::string_view course_id) {
  const catalog::CatalogCourse* course = courses.ById(course_id);
  if (course == nullptr) {
    return absl::FailedPreconditionError("Course " + std::string(course_id) +
                                         " does not exist in the calendar's catalog.");
  }
  if (!course->active) {
    return absl::FailedPreconditionError("Course " + CourseLabel(*course) + " is not active.");
  }
  return absl::OkStatus();
}

std::string WhyNotOffered(const catalog::CatalogCourse& course, int grade) {
  if (course.OfferedToGrade(grade)) return "";
  return "Course " + CourseLabel(course) + " is not offered to grade " + std::to_string(grade) +
         " (grades " + std::to_string(course.min_grade) + "-" + std::to_string(course.max_grade) +
         ").";
}

void ValidateNewRequest(const CourseRequest& request, std::string_view prefix, FieldValidator& v) {
  const std::string p(prefix);
  v.Require(api::IsValidId(request.course_id), p + "course",
            "is required: calendars/{calendar}/courses/{course}");
  v.Require(request.request_id.empty() || api::IsValidId(request.request_id), p + "request_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request.priority >= 0 && request.priority <= kMaxPriority, p + "priority",
            "must be between 0 and 100");
  if (request.kind == RequestKind::kPrimary) {
    v.Require(request.alternate_for.empty(), p + "alternate_for", "is for alternates only");
    v.Require(request.alternate_rank == 0, p + "alternate_rank", "is for alternates only");
  } else {
    v.Require(request.alternate_for.empty() || api::IsValidId(request.alternate_for),
              p + "alternate_for", "must name a request of the same student");
    v.Require(request.alternate_rank >= 0, p + "alternate_rank", "must be 0 (last) or more");
  }
}

absl::StatusOr<RequestChanges> PlanAdd(const StudentRequests& current, CourseRequest request,
                                       const CourseIndex& courses) {
  if (absl::Status usable = CheckCourseUsable(courses, request.course_id); !usable.ok()) {
    return usable;
  }
  const catalog::CatalogCourse& course = *courses.ById(request.course_id);
  if (std::string why = WhyNotOffered(course, current.student.grade); !why.empty()) {
    return absl::FailedPreconditionError(why);
  }
  for (const CourseRequest& existing : current.requests) {
    if (existing.course_id == request.course_id) {
      return absl::AlreadyExistsError("Student " + current.student.student_number +
                                      " already requests course " + CourseLabel(course) + " (" +
                                      std::string(KindName(existing.kind)) + " request " +
                                      existing.request_id + ").");
    }
    if (existing.request_id == request.request_id) {
      return absl::AlreadyExistsError("Request id " + request.request_id + " is taken.");
    }
  }
  RequestChanges changes;
  if (request.kind == RequestKind::kPrimary) {
    request.alternate_for.clear();
    request.alternate_rank = 0;
    changes.inserts.push_back(std::move(request));
    return changes;
  }
  if (!request.alternate_for.empty()) {
    const CourseRequest* primary = Find(current.requests, request.alternate_for);
    if (primary == nullptr || primary->kind != RequestKind::kPrimary) {
      return absl::FailedPreconditionError("alternate_for names " + request.alternate_for +
                                           ", which is not a primary request of student " +
                                           current.student.student_number + ".");
    }
  }
  std::vector<CourseRequest> group = GroupOf(current.requests, request.alternate_for);
  const int last = static_cast<int>(group.size()) + 1;
  if (request.alternate_rank > last) {
    return InvalidField("course_request.alternate_rank",
                        "must be at most " + std::to_string(last) + " (the group has " +
                            std::to_string(group.size()) + " alternates)");
  }
  const int rank = request.alternate_rank == 0 ? last : request.alternate_rank;
  request.alternate_rank = rank;
  group.insert(group.begin() + (rank - 1), request);
  Renumber(group, changes);
  // Renumber saw the new alternate at its final rank, so it only moved the later ones.
  changes.inserts.push_back(std::move(request));
  return changes;
}

absl::StatusOr<RequestChanges> PlanRerank(const StudentRequests& current,
                                          std::string_view request_id, int new_rank) {
  const CourseRequest* moving = Find(current.requests, request_id);
  if (moving == nullptr) return RequestNotFound(current, request_id);
  if (moving->kind != RequestKind::kAlternate) {
    return InvalidField("update_mask", "alternate_rank can only change on an alternate");
  }
  std::vector<CourseRequest> group = GroupOf(current.requests, moving->alternate_for);
  if (new_rank < 1 || new_rank > static_cast<int>(group.size())) {
    return InvalidField("course_request.alternate_rank",
                        "must be between 1 and " + std::to_string(group.size()));
  }
  auto at = std::find_if(group.begin(), group.end(),
                         [&](const CourseRequest& r) { return r.request_id == request_id; });
  CourseRequest moved = *at;
  group.erase(at);
  group.insert(group.begin() + (new_rank - 1), moved);
  RequestChanges changes;
  Renumber(group, changes);
  return changes;
}

absl::StatusOr<RequestChanges> PlanDelete(const StudentRequests& current,
                                          std::string_view request_id) {
  const CourseRequest* doomed = Find(current.requests, request_id);
  if (doomed == nullptr) return RequestNotFound(current, request_id);
  RequestChanges changes;
  changes.deletes.push_back(*doomed);
  if (doomed->kind == RequestKind::kPrimary) {
    // Its tied alternates go with it (the schema cascades too; listing them keeps plans exact).
    for (const CourseRequest& tied : GroupOf(current.requests, doomed->request_id)) {
      changes.deletes.push_back(tied);
    }
    return changes;
  }
  std::vector<CourseRequest> group = GroupOf(current.requests, doomed->alternate_for);
  std::erase_if(group, [&](const CourseRequest& r) { return r.request_id == request_id; });
  Renumber(group, changes);
  return changes;
}

std::vector<CourseRequest> Applied(const std::vector<CourseRequest>& requests,
                                   const RequestChanges& changes) {
  std::vector<CourseRequest> result;
  result.reserve(requests.size() + changes.inserts.size());
  for (const CourseRequest& r : requests) {
    bool deleted = std::any_of(changes.deletes.begin(), changes.deletes.end(),
                               [&](const CourseRequest& d) { return SameRequest(d, r); });
    if (deleted) continue;
    auto updated = std::find_if(changes.updates.begin(), changes.updates.end(),
                                [&](const CourseRequest& u) { return SameRequest(u, r); });
    result.push_back(updated == changes.updates.end() ? r : *updated);
  }
  for (const CourseRequest& i : changes.inserts) {
    auto updated = std::find_if(changes.updates.begin(), changes.updates.end(),
                                [&](const CourseRequest& u) { return SameRequest(u, i); });
    result.push_back(updated == changes.updates.end() ? i : *updated);
  }
  SortForListing(result);
  return result;
}

void SortForListing(std::vector<CourseRequest>& requests) {
  std::sort(requests.begin(), requests.end(), [](const CourseRequest& a, const CourseRequest& b) {
    return std::tuple(a.kind != RequestKind::kPrimary, a.alternate_for, a.alternate_rank,
                      a.course_id) < std::tuple(b.kind != RequestKind::kPrimary, b.alternate_for,
                                                b.alternate_rank, b.course_id);
  });
}

}  // namespace secsched::requests
