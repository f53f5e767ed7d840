#include "common/zip/zip_archive.h"

#include <gtest/gtest.h>

namespace secsched::zip {
namespace {

using std::chrono::system_clock;

const system_clock::time_point kWhen = system_clock::from_time_t(1796000000);

TEST(ZipArchiveTest, EntriesComeBackInOrderWithTheirBytes) {
  std::string big(200000, 'x');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  absl::StatusOr<std::string> bytes =
      WriteArchive({{"b.csv", "x,y\r\n1,2\r\n"}, {"a.csv", ""}, {"dir/big.txt", big}}, kWhen);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(bytes->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_LT(bytes->size(), big.size());  // deflated
  absl::StatusOr<std::vector<Entry>> back = ReadArchive(*bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[0].name, "b.csv");
  EXPECT_EQ((*back)[0].data, "x,y\r\n1,2\r\n");
  EXPECT_EQ((*back)[1].name, "a.csv");
  EXPECT_EQ((*back)[1].data, "");
  EXPECT_EQ((*back)[2].name, "dir/big.txt");
  EXPECT_EQ((*back)[2].data, big);
}

TEST(ZipArchiveTest, SameEntriesAndTimeGiveTheSameBytes) {
  std::vector<Entry> entries = {{"manifest.csv", "propertyName,value\r\n"}, {"users.csv", "a"}};
  absl::StatusOr<std::string> first = WriteArchive(entries, kWhen);
  absl::StatusOr<std::string> second = WriteArchive(entries, kWhen);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  absl::StatusOr<std::string> later = WriteArchive(entries, kWhen + std::chrono::hours(30));
  ASSERT_TRUE(later.ok());
  EXPECT_NE(*first, *later);  // the timestamp is in the archive
}

TEST(ZipArchiveTest, RefusesRepeatedOrEmptyNamesAndGarbage) {
  EXPECT_EQ(WriteArchive({{"a", "1"}, {"a", "2"}}, kWhen).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteArchive({{"", "1"}}, kWhen).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadArchive("not a zip at all").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace secsched::zip
