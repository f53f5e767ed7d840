// Checksums and the CMake embedding of migration files, without a server.
#include <gtest/gtest.h>

#include "common/pg/migrations.h"
#include "common/pg/testdata/migrations/embedded_migrations.h"

namespace secsched::pg {
namespace {

TEST(Sha256Hex, MatchesKnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(EmbeddedMigrations, CarriesFilesInVersionOrderWithDecimalVersions) {
  const std::vector<MigrationFile> files = test_migrations::Migrations();
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].version, 1);
  EXPECT_EQ(files[0].name, "001_create_rooms.sql");
  EXPECT_EQ(files[1].version, 2);
  EXPECT_EQ(files[1].name, "002_add_room_notes.sql");
  EXPECT_EQ(files[2].version, 10);  // "010" must not be read as octal 8
  EXPECT_EQ(files[2].name, "010_seed_rooms.sql");
}

TEST(EmbeddedMigrations, KeepsSqlByteForByte) {
  const std::vector<MigrationFile> files = test_migrations::Migrations();
  ASSERT_EQ(files.size(), 3u);
  EXPECT_NE(files[0].sql.find("CREATE TABLE rooms ("), std::string::npos);
  // Quotes, a backslash sequence and a ')"' that would end an undelimited raw string.
  const std::string tricky = R"sql(' "' || r.notes || '" \n )" ' || E'\\')sql";
  EXPECT_NE(files[1].sql.find(tricky), std::string::npos);
  EXPECT_NE(files[1].sql.find("$$;"), std::string::npos);
  EXPECT_EQ(files[2].sql.back(), '\n');
}

}  // namespace
}  // namespace secsched::pg
