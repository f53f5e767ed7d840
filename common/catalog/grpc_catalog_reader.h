// CatalogReader answered by the catalog service: CourseService.ListCourses,
// ResourceService.ListTeachers and ListRooms (every page), and CatalogService.GetCalendar,
// ListTerms and GetPeriodSchedule, with a service token.
//
// Answers are cached per calendar for a short time (`ttl`, 5 s by default): one CSV import checks
// thousands of rows against the same catalog, and a burst of single requests should not page
// through the catalog each time. A course edited in the catalog is therefore seen by the
// requests service at most `ttl` later. Errors are not cached.
#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/catalog/catalog_reader.h"

namespace secsched::catalog {

struct GrpcCatalogReaderOptions {
  std::chrono::milliseconds ttl{5000};        // 0 = no cache
  std::chrono::milliseconds deadline{10000};  // per page call
  int page_size = 1000;
};

class GrpcCatalogReader final : public CatalogReader {
 public:
  using TokenSource = std::function<absl::StatusOr<std::string>()>;

  GrpcCatalogReader(std::shared_ptr<grpc::Channel> catalog, TokenSource token,
                    GrpcCatalogReaderOptions options = {});
  ~GrpcCatalogReader() override;

  absl::StatusOr<std::vector<CatalogCourse>> Courses(std::string_view calendar_id) override;
  absl::StatusOr<std::vector<CatalogTeacher>> Teachers(std::string_view calendar_id) override;
  absl::StatusOr<std::vector<CatalogRoom>> Rooms(std::string_view calendar_id) override;
  absl::StatusOr<CatalogCalendar> Calendar(std::string_view calendar_id) override;

 private:
  template <class T>
  struct Entry {
    std::chrono::steady_clock::time_point fetched;
    T value;
  };
  template <class T>
  using Cache = std::unordered_map<std::string, Entry<T>>;
  struct Stubs;

  // The cached answer for `calendar_id` when fresh, else fetch() (remembered when OK).
  template <class T, class Fetch>
  absl::StatusOr<T> Cached(Cache<T>& cache, std::string_view calendar_id, Fetch fetch);

  absl::StatusOr<std::vector<CatalogCourse>> FetchCourses(std::string_view calendar_id);
  absl::StatusOr<std::vector<CatalogTeacher>> FetchTeachers(std::string_view calendar_id);
  absl::StatusOr<std::vector<CatalogRoom>> FetchRooms(std::string_view calendar_id);
  absl::StatusOr<CatalogCalendar> FetchCalendar(std::string_view calendar_id);

  std::unique_ptr<Stubs> stubs_;
  TokenSource token_;
  GrpcCatalogReaderOptions options_;
  std::mutex mutex_;
  Cache<std::vector<CatalogCourse>> courses_;    // guarded by mutex_
  Cache<std::vector<CatalogTeacher>> teachers_;  // guarded by mutex_
  Cache<std::vector<CatalogRoom>> rooms_;        // guarded by mutex_
  Cache<CatalogCalendar> calendars_;             // guarded by mutex_
};

}  // namespace secsched::catalog
