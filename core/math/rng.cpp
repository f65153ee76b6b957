#include "math/rng.hpp"

#include <cmath>

#include "math/portable_math.hpp"

namespace optlab {

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  // pcg32_srandom_r: the increment must be odd.
  inc_ = (stream << 1u) | 1u;
  state_ = 0u;
  next_u32();
  state_ += seed;
  next_u32();
}

std::uint32_t Rng::next_u32() {
  std::uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  auto rot = static_cast<std::uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

double Rng::uniform() {
  std::uint64_t hi = next_u32() >> 5;  // 27 bits
  std::uint64_t lo = next_u32() >> 6;  // 26 bits
  return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

std::uint32_t Rng::below(std::uint32_t n) {
  std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
  auto low = static_cast<std::uint32_t>(m);
  if (low < n) {
    std::uint32_t threshold = (0u - n) % n;
    while (low < threshold) {
      m = static_cast<std::uint64_t>(next_u32()) * n;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();
  double u2 = uniform();
  double r = std::sqrt(-2.0 * portable::log(u1));
  double t = 6.283185307179586476925 * u2;
  spare_ = r * portable::sin(t);
  has_spare_ = true;
  return r * portable::cos(t);
}

}  // namespace optlab
