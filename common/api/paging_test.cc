#include "common/api/paging.h"

#include <gtest/gtest.h>

namespace secsched::api {
namespace {

TEST(Paging, PageSizeDefaultsAndBounds) {
  EXPECT_EQ(*PageSize(0), kDefaultPageSize);
  EXPECT_EQ(*PageSize(7), 7);
  EXPECT_EQ(*PageSize(kMaxPageSize), kMaxPageSize);
  EXPECT_EQ(PageSize(-1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PageSize(kMaxPageSize + 1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Paging, TokensRoundTripAndRejectForgeries) {
  std::string token = EncodePageToken("ENG9/section 3");
  EXPECT_NE(token, "ENG9/section 3");  // opaque
  EXPECT_EQ(*DecodePageToken(token), "ENG9/section 3");
  EXPECT_EQ(EncodePageToken(""), "");
  EXPECT_EQ(*DecodePageToken(""), "");
  EXPECT_EQ(DecodePageToken("ENG9").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("!!!").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Paging, TrimToPageDropsTheLookAheadItemAndNamesTheLastKept) {
  std::vector<std::string> fetched = {"a", "b", "c"};  // LIMIT size + 1 with size 2
  EXPECT_EQ(TrimToPage(fetched, 2, [](const std::string& s) { return s; }), "b");
  EXPECT_EQ(fetched, (std::vector<std::string>{"a", "b"}));
  std::vector<std::string> last_page = {"x"};
  EXPECT_EQ(TrimToPage(last_page, 2, [](const std::string& s) { return s; }), "");
  EXPECT_EQ(last_page.size(), 1u);
}

}  // namespace
}  // namespace secsched::api
