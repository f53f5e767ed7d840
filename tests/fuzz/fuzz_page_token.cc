// libFuzzer target: page-token decoding (common/api/paging.h) on arbitrary tokens and page sizes,
// and any key must survive encode → decode. (Base64 accepts more than one spelling of a token,
// e.g. with or without padding, so decode → encode is not expected to give the input back.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/api/paging.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<std::string> key = secsched::api::DecodePageToken(bytes);
  if (key.ok() && !bytes.empty() && key->empty()) std::abort();  // only "" is the first page
  int page_size = 0;
  if (size >= 4)
    page_size = static_cast<int>(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
  (void)secsched::api::ParsePageRequest(page_size, bytes);

  if (!bytes.empty()) {  // the input as a sort key
    absl::StatusOr<std::string> back =
        secsched::api::DecodePageToken(secsched::api::EncodePageToken(bytes));
    if (!back.ok() || *back != bytes) std::abort();
  }
  return 0;
}
