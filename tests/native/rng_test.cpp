#include <algorithm>
#include <cmath>
#include <vector>

#include "math/rng.hpp"
#include "test_support.hpp"

using optlab::Rng;

TEST_CASE("PCG32 reproduces the reference stream of pcg32-demo (seed 42, stream 54)") {
  // The first outputs printed by O'Neill's pcg32-global-demo with `pcg32_srandom(42u, 54u)`.
  Rng rng(42u, 54u);
  const std::uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e};
  for (std::uint32_t e : expected) CHECK(rng.next_u32() == e);
}

TEST_CASE("one seed and stream give one stream; different streams differ") {
  Rng a(7, optlab::RngStream::Data), b(7, optlab::RngStream::Data), c(7, optlab::RngStream::Init);
  int same_as_c = 0;
  for (int i = 0; i < 1000; ++i) {
    std::uint32_t x = a.next_u32();
    CHECK(x == b.next_u32());
    same_as_c += x == c.next_u32();
  }
  CHECK(same_as_c < 3);
}

TEST_CASE("uniform draws have mean 1/2 and variance 1/12 within 5 standard errors") {
  Rng rng(1);
  const int n = 200000;
  double s = 0, s2 = 0, lo = 1, hi = 0;
  for (int i = 0; i < n; ++i) {
    double u = rng.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    s += u;
    s2 += u * u;
  }
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  const double mean = s / n, var = s2 / n - mean * mean;
  CHECK(std::fabs(mean - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(std::fabs(var - 1.0 / 12) < 5 * std::sqrt(1.0 / 180 / n));  // Var of U² − … ≈ 1/180
}

TEST_CASE("normal draws have mean 0, variance 1 and kurtosis 3 within 5 standard errors") {
  Rng rng(2);
  const int n = 200000;
  double s = 0, s2 = 0, s4 = 0;
  for (int i = 0; i < n; ++i) {
    double z = rng.normal();
    s += z;
    s2 += z * z;
    s4 += z * z * z * z;
  }
  CHECK(std::fabs(s / n) < 5 / std::sqrt(n));
  CHECK(std::fabs(s2 / n - 1) < 5 * std::sqrt(2.0 / n));
  CHECK(std::fabs(s4 / n - 3) < 5 * std::sqrt(96.0 / n));
}

TEST_CASE("below(n) is uniform over [0, n) (chi-square over 10 bins)") {
  Rng rng(3);
  const int n = 100000, k = 10;
  std::vector<int> counts(k, 0);
  for (int i = 0; i < n; ++i) {
    ++counts[std::min<std::uint32_t>(rng.below(k), k - 1)];
  }
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / k) * (c - n / k) / static_cast<double>(n / k);
  CHECK(chi2 < 27.88);  // 99.9% quantile of χ² with 9 degrees of freedom
}

TEST_CASE("shuffle is a permutation and depends on the seed") {
  std::vector<int> a(100), b(100);
  for (int i = 0; i < 100; ++i) a[i] = b[i] = i;
  Rng r1(5), r2(6);
  optlab::shuffle(a.begin(), 100, r1);
  optlab::shuffle(b.begin(), 100, r2);
  std::vector<int> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 100; ++i) CHECK(sorted[i] == i);
  CHECK(a != b);
}
