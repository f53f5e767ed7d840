#include "common/api/paging.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

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

TEST(Paging, ParsePageRequestChecksBothFields) {
  absl::StatusOr<PageRequest> first = ParsePageRequest(0, "", 100);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size, 100);
  EXPECT_EQ(first->after, "");
  absl::StatusOr<PageRequest> next = ParsePageRequest(5, EncodePageToken("k7"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->size, 5);
  EXPECT_EQ(next->after, "k7");
  EXPECT_EQ(FieldViolationsOf(ParsePageRequest(-1, "").status()).at(0).field, "page_size");
  EXPECT_EQ(FieldViolationsOf(ParsePageRequest(1, "42").status()).at(0).field, "page_token");
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
