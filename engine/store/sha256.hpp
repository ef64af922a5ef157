// SHA-256 (FIPS 180-4) of a byte stream: the name a result file is stored under and its checksum.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace roadmap::store {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // 64 lowercase hex digits; the object is spent afterwards.
  std::string hex();

 private:
  void block(const unsigned char* p);
  std::array<std::uint32_t, 8> h_;
  unsigned char buf_[64];
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;
};

inline std::string sha256_hex(std::string_view bytes) {
  Sha256 s;
  s.update(bytes);
  return s.hex();
}

}  // namespace roadmap::store
