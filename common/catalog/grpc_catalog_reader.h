// CatalogReader answered by the catalog service: CourseService.ListCourses and
// ResourceService.ListTeachers, every page, with a service token.
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

 private:
  template <class T>
  struct Entry {
    std::chrono::steady_clock::time_point fetched;
    std::vector<T> values;
  };
  struct Stubs;

  absl::StatusOr<std::vector<CatalogCourse>> FetchCourses(std::string_view calendar_id);
  absl::StatusOr<std::vector<CatalogTeacher>> FetchTeachers(std::string_view calendar_id);

  std::unique_ptr<Stubs> stubs_;
  TokenSource token_;
  GrpcCatalogReaderOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry<CatalogCourse>> courses_;    // guarded by mutex_
  std::unordered_map<std::string, Entry<CatalogTeacher>> teachers_;  // guarded by mutex_
};

}  // namespace secsched::catalog
