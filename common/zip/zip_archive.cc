#include "common/zip/zip_archive.h"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <set>

namespace secsched::zip {
namespace {

std::string LibzipMessage(zip_error_t* error) {
  std::string message = zip_error_strerror(error);
  zip_error_fini(error);
  return message;
}

// The bytes a (kept) in-memory source holds after the archive was closed into it.
absl::StatusOr<std::string> SourceBytes(zip_source_t* source) {
  if (zip_source_open(source) < 0) {
    return absl::InternalError(std::string("zip: ") + zip_error_strerror(zip_source_error(source)));
  }
  std::string out;
  char buffer[1 << 16];
  zip_int64_t n = 0;
  while ((n = zip_source_read(source, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<size_t>(n));
  }
  zip_source_close(source);
  if (n < 0) return absl::InternalError("zip: reading the archive back failed");
  return out;
}

}  // namespace

absl::StatusOr<std::string> WriteArchive(const std::vector<Entry>& entries,
                                         std::chrono::system_clock::time_point modified) {
  std::set<std::string, std::less<>> names;
  for (const Entry& e : entries) {
    if (e.name.empty()) return absl::InvalidArgumentError("zip: an entry has no name");
    if (!names.insert(e.name).second) {
      return absl::InvalidArgumentError("zip: entry " + e.name + " is given twice");
    }
  }
  const time_t mtime = std::chrono::system_clock::to_time_t(modified);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (memory == nullptr) return absl::InternalError("zip: " + LibzipMessage(&error));
  // Keep the source alive past zip_close, which is when the archive is written into it.
  zip_source_keep(memory);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> memory_owner(memory, zip_source_free);
  zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, &error);
  if (archive == nullptr) return absl::InternalError("zip: " + LibzipMessage(&error));
  zip_error_fini(&error);
  for (const Entry& e : entries) {
    zip_source_t* data = zip_source_buffer(archive, e.data.data(), e.data.size(), 0);
    zip_int64_t index =
        data == nullptr ? -1 : zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (data != nullptr) zip_source_free(data);
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      return absl::InternalError("zip: adding " + e.name + ": " + message);
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) < 0 ||
        zip_file_set_mtime(archive, i, mtime, 0) < 0) {
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      return absl::InternalError("zip: " + e.name + ": " + message);
    }
  }
  if (zip_close(archive) < 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    return absl::InternalError("zip: writing the archive: " + message);
  }
  return SourceBytes(memory);
}

absl::StatusOr<std::vector<Entry>> ReadArchive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return absl::InternalError("zip: " + LibzipMessage(&error));
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    return absl::InvalidArgumentError("not a zip archive: " + LibzipMessage(&error));
  }
  zip_error_fini(&error);
  std::unique_ptr<zip_t, decltype(&zip_discard)> owner(archive, zip_discard);
  std::vector<Entry> out;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, index, 0, &stat) < 0) {
      return absl::InvalidArgumentError(std::string("zip: ") + zip_strerror(archive));
    }
    Entry entry{.name = stat.name, .data = std::string(stat.size, '\0')};
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    if (file == nullptr) {
      return absl::InvalidArgumentError("zip: " + entry.name + ": " + zip_strerror(archive));
    }
    const zip_int64_t read = zip_fread(file, entry.data.data(), stat.size);
    zip_fclose(file);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
      return absl::InvalidArgumentError("zip: " + entry.name + " is damaged");
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace secsched::zip
