// Runs a libFuzzer target's LLVMFuzzerTestOneInput once on each file of the given files and
// folders (libFuzzer's regression mode, without libFuzzer), so the normal gcc build replays the
// kept corpus in every test run. A finding aborts (the targets call std::abort on a broken
// invariant), which fails the test; an empty corpus fails too, so a moved folder cannot pass.
//
//   fuzz_csv_corpus tests/fuzz/corpus/fuzz_csv
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void RunOne(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly `size` bytes, so reading past the input is a real overrun under ASan.
  const std::vector<uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  int inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path)) {
        if (!entry.is_regular_file()) continue;
        RunOne(entry.path());
        ++inputs;
      }
    } else if (std::filesystem::is_regular_file(path)) {
      RunOne(path);
      ++inputs;
    } else {
      std::cerr << argv[i] << ": no such file or folder\n";
      return 1;
    }
  }
  std::cout << inputs << " input(s) replayed, none crashed\n";
  return inputs > 0 ? 0 : 1;
}
