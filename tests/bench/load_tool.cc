// secsched-load: drives one RPC of the running services with `--concurrency` calls always in
// flight (asynchronous gRPC, one thread) and prints RPC/s, p50/p99/p999 latency, errors, and the
// CPU PostgreSQL, Redis, the services and this generator spent per call. It reads the stack's
// addresses and token as schedctl does (SECSCHED_*_ADDR, SECSCHED_TOKEN); tests/bench/load.sh
// starts a local stack, loads the sample school and runs every workload. Prints; asserts nothing.
//
//   secsched-load --rpc check-access|get-course|get-student-schedule|walk-in
//                 --calendar C --trial T [--concurrency 64] [--seconds 10] [--warmup 2]
//                 [--staff ID --location ID]   (check-access)
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "common/grpc/client.h"
#include "secsched/access/v1/access.grpc.pb.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "secsched/sectioning/v1/rosters.grpc.pb.h"
#include "tests/bench/load_driver.h"

namespace secsched::bench {
namespace {

namespace access = secsched::access::v1;
namespace catalog = secsched::catalog::v1;
namespace requests = secsched::requests::v1;
namespace sectioning = secsched::sectioning::v1;

struct Options {
  std::string rpc, calendar, trial, staff = "counselor-dana", location = "east-high";
  int concurrency = 64;
  int seconds = 10;
  int warmup = 2;
};

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "secsched-load: %s\n", message.c_str());
  std::exit(2);
}

std::shared_ptr<grpc::Channel> Channel(const char* service_env) {
  const std::string address = Env(service_env);
  if (address.empty()) Fail(std::string(service_env) + " is not set (. the stack's env file)");
  return MakeChannel(address);
}

void Decorate(grpc::ClientContext& context) {
  static const std::string token = Env("SECSCHED_TOKEN");
  PrepareClientContext(context, token, "", std::chrono::seconds(30));
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  Decorate(*context);
  return context;
}

// ---- the data the workloads address, read once through the APIs ----------------------------

std::vector<std::string> CourseNames(const Options& o) {
  auto stub = catalog::CourseService::NewStub(Channel("SECSCHED_CATALOG_ADDR"));
  catalog::ListCoursesRequest request;
  request.set_parent("calendars/" + o.calendar);
  request.set_page_size(1000);
  catalog::ListCoursesResponse response;
  grpc::Status status = stub->ListCourses(Context().get(), request, &response);
  if (!status.ok() || response.courses().empty()) Fail("ListCourses: " + status.error_message());
  std::vector<std::string> names;
  for (const catalog::Course& c : response.courses()) names.push_back(c.name());
  return names;
}

std::vector<std::string> StudentIds(const Options& o) {
  auto stub = requests::RequestsService::NewStub(Channel("SECSCHED_REQUESTS_ADDR"));
  std::vector<std::string> ids;
  std::string token;
  do {
    requests::ListStudentsRequest request;
    request.set_parent("calendars/" + o.calendar);
    request.set_page_size(1000);
    request.set_page_token(token);
    requests::ListStudentsResponse response;
    grpc::Status status = stub->ListStudents(Context().get(), request, &response);
    if (!status.ok()) Fail("ListStudents: " + status.error_message());
    for (const requests::Student& s : response.students()) ids.push_back(s.student_number());
    token = response.next_page_token();
  } while (!token.empty());
  if (ids.empty()) Fail("the calendar has no students");
  return ids;
}

std::string TrialName(const Options& o) { return "calendars/" + o.calendar + "/trials/" + o.trial; }

// ---- workloads ---------------------------------------------------------------------------

std::vector<std::unique_ptr<CallSlot>> CheckAccessSlots(const Options& o) {
  std::shared_ptr<access::AccessService::Stub> stub =
      access::AccessService::NewStub(Channel("SECSCHED_ACCESS_ADDR"));
  std::vector<std::unique_ptr<CallSlot>> slots;
  for (int i = 0; i < o.concurrency; ++i) {
    slots.push_back(std::make_unique<UnaryCall<access::CheckAccessResponse>>(
        [stub, o](grpc::ClientContext* context, grpc::CompletionQueue* queue, long) {
          access::CheckAccessRequest request;
          request.set_staff_id(o.staff);
          request.set_location_id(o.location);
          return stub->PrepareAsyncCheckAccess(context, request, queue);
        },
        Decorate));
  }
  return slots;
}

std::vector<std::unique_ptr<CallSlot>> GetCourseSlots(const Options& o) {
  std::shared_ptr<catalog::CourseService::Stub> stub =
      catalog::CourseService::NewStub(Channel("SECSCHED_CATALOG_ADDR"));
  auto names = std::make_shared<std::vector<std::string>>(CourseNames(o));
  std::vector<std::unique_ptr<CallSlot>> slots;
  for (int i = 0; i < o.concurrency; ++i) {
    slots.push_back(std::make_unique<UnaryCall<catalog::Course>>(
        [stub, names, i](grpc::ClientContext* context, grpc::CompletionQueue* queue, long call) {
          catalog::GetCourseRequest request;
          request.set_name((*names)[(i + call * 7) % names->size()]);
          return stub->PrepareAsyncGetCourse(context, request, queue);
        },
        Decorate));
  }
  return slots;
}

std::vector<std::unique_ptr<CallSlot>> StudentScheduleSlots(const Options& o) {
  std::shared_ptr<sectioning::RosterService::Stub> stub =
      sectioning::RosterService::NewStub(Channel("SECSCHED_SECTIONING_ADDR"));
  auto ids = std::make_shared<std::vector<std::string>>(StudentIds(o));
  const std::string trial = TrialName(o);
  std::vector<std::unique_ptr<CallSlot>> slots;
  for (int i = 0; i < o.concurrency; ++i) {
    slots.push_back(std::make_unique<UnaryCall<sectioning::StudentSchedule>>(
        [stub, ids, trial, i](grpc::ClientContext* context, grpc::CompletionQueue* queue,
                              long call) {
          sectioning::GetStudentScheduleRequest request;
          request.set_trial(trial);
          request.set_student((*ids)[(i + call * 13) % ids->size()]);
          return stub->PrepareAsyncGetStudentSchedule(context, request, queue);
        },
        Decorate));
  }
  return slots;
}

// A counselor at the counter: one student per slot drops one of their classes and takes it
// again, over and over, so every call is a real change (a seat freed, then filled) that always
// succeeds, and slots never queue on the same student.
class WalkInSlot final : public CallSlot {
 public:
  WalkInSlot(std::shared_ptr<sectioning::RosterService::Stub> stub, std::string section,
             std::string student)
      : stub_(std::move(stub)), section_(std::move(section)), student_(std::move(student)) {}

  void Start(grpc::CompletionQueue& queue) override {
    context_ = Context();
    started = Clock::now();
    const bool drop = calls_++ % 2 == 0;
    if (drop) {
      sectioning::DropStudentFromSectionRequest request;
      request.set_name(section_ + "/enrollments/" + student_);
      request.set_reason("load test");
      drop_ = stub_->PrepareAsyncDropStudentFromSection(context_.get(), request, &queue);
      drop_->StartCall();
      drop_->Finish(&empty_, &status_, this);
    } else {
      sectioning::AddStudentToSectionRequest request;
      request.set_parent(section_);
      request.set_student(student_);
      request.set_reason("load test");
      add_ = stub_->PrepareAsyncAddStudentToSection(context_.get(), request, &queue);
      add_->StartCall();
      add_->Finish(&enrollment_, &status_, this);
    }
  }
  grpc::Status Finished() override { return status_; }

 private:
  std::shared_ptr<sectioning::RosterService::Stub> stub_;
  std::string section_, student_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<google::protobuf::Empty>> drop_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<sectioning::Enrollment>> add_;
  google::protobuf::Empty empty_;
  sectioning::Enrollment enrollment_;
  grpc::Status status_;
  long calls_ = 0;
};

std::vector<std::unique_ptr<CallSlot>> WalkInSlots(const Options& o) {
  std::shared_ptr<sectioning::RosterService::Stub> stub =
      sectioning::RosterService::NewStub(Channel("SECSCHED_SECTIONING_ADDR"));
  std::vector<std::unique_ptr<CallSlot>> slots;
  for (const std::string& student : StudentIds(o)) {
    if (static_cast<int>(slots.size()) == o.concurrency) break;
    sectioning::GetStudentScheduleRequest request;
    request.set_trial(TrialName(o));
    request.set_student(student);
    sectioning::StudentSchedule schedule;
    grpc::Status status = stub->GetStudentSchedule(Context().get(), request, &schedule);
    if (!status.ok()) Fail("GetStudentSchedule: " + status.error_message());
    if (schedule.sections().empty()) continue;
    slots.push_back(std::make_unique<WalkInSlot>(stub, schedule.sections(0).section(), student));
  }
  if (static_cast<int>(slots.size()) < o.concurrency) {
    Fail("only " + std::to_string(slots.size()) + " students have a class to drop");
  }
  return slots;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Fail("missing a value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--rpc") {
      o.rpc = value;
    } else if (flag == "--calendar") {
      o.calendar = value;
    } else if (flag == "--trial") {
      o.trial = value;
    } else if (flag == "--staff") {
      o.staff = value;
    } else if (flag == "--location") {
      o.location = value;
    } else if (flag == "--concurrency") {
      o.concurrency = std::atoi(value.c_str());
    } else if (flag == "--seconds") {
      o.seconds = std::atoi(value.c_str());
    } else if (flag == "--warmup") {
      o.warmup = std::atoi(value.c_str());
    } else {
      Fail("unknown flag " + flag);
    }
  }
  if (o.concurrency < 1 || o.seconds < 1 || o.warmup < 0) Fail("bad --concurrency/--seconds");
  if (o.rpc != "check-access" && (o.calendar.empty() || (o.rpc != "get-course" && o.trial.empty())))
    Fail("--calendar (and --trial for sectioning RPCs) are required");
  return o;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  std::vector<std::unique_ptr<CallSlot>> slots;
  if (o.rpc == "check-access") {
    slots = CheckAccessSlots(o);
  } else if (o.rpc == "get-course") {
    slots = GetCourseSlots(o);
  } else if (o.rpc == "get-student-schedule") {
    slots = StudentScheduleSlots(o);
  } else if (o.rpc == "walk-in") {
    slots = WalkInSlots(o);
  } else {
    Fail("--rpc must be check-access, get-course, get-student-schedule or walk-in");
  }
  const LoadResult r =
      RunLoad(slots, std::chrono::seconds(o.warmup), std::chrono::seconds(o.seconds));
  long errors = 0;
  for (const auto& [code, n] : r.errors) errors += n;
  const double calls = std::max<long>(1, r.calls);
  auto cpu_ms = [&](const char* group) {
    auto it = r.cpu_seconds.find(group);
    return it == r.cpu_seconds.end() ? 0.0 : 1000.0 * it->second / calls;
  };
  std::printf(
      "%-21s %4d in flight  %8.0f rpc/s  p50 %7.2f ms  p99 %7.2f ms  p999 %7.2f ms  errors %ld"
      "  cpu ms/call: postgres %.3f services %.3f redis %.3f generator %.3f\n",
      o.rpc.c_str(), o.concurrency, r.calls / r.seconds, r.Percentile(0.50), r.Percentile(0.99),
      r.Percentile(0.999), errors, cpu_ms("postgres"), cpu_ms("services"), cpu_ms("redis"),
      cpu_ms("generator"));
  if (errors > 0) std::printf("  first error: %s\n", r.first_error.c_str());
  return 0;
}

}  // namespace
}  // namespace secsched::bench

int main(int argc, char** argv) { return secsched::bench::Main(argc, argv); }
