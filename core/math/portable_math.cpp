// Portable elementary functions; the algorithms and their measured accuracy are described in
// portable_math.hpp. Constants were generated with exact rational arithmetic by
// scripts/generate_portable_math_constants.py (π by Machin's formula, ln 2 by its series).
#include "math/portable_math.hpp"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

// Every double operation must round once to double: no x87 extended precision.
static_assert(FLT_EVAL_METHOD == 0, "portable_math needs double arithmetic evaluated in double");

namespace optlab::portable {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t bits_of(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
double from_bits(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}
// 2^n for −1022 ≤ n ≤ 1023, exactly.
double pow2(int n) { return from_bits(static_cast<std::uint64_t>(n + 1023) << 52); }
// y·2^k for any k the callers need (−1100 ≤ k ≤ 1100), with a single rounding into the subnormals.
double scale(double y, int k) {
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  if (k < -1021) return y * pow2(k + 1000) * pow2(-1000);
  return y * pow2(k);
}
// v rounded to the nearest integer (ties to even), for |v| < 2^51: adding 1.5·2^52 leaves no
// fraction bits (a function call to floor natively without SSE4.1 costs more than all of exp).
double nearest_integer(double v) {
  constexpr double kShift = 6755399441055744.0;  // 1.5·2^52
  return (v + kShift) - kShift;
}

// ---- error-free transformations (no FMA: Veltkamp's split and Dekker's product) -------------
struct DD {
  double hi, lo;
};
// a + b = s + e exactly (Knuth).
constexpr DD two_sum(double a, double b) {
  const double s = a + b, bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
// a + b = s + e exactly when |a| ≥ |b| (Dekker).
constexpr DD fast_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}
constexpr DD split(double a) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  const double hi = c - (c - a);
  return {hi, a - hi};
}
// a·b = p + e exactly (|a|, |b| < 2^996).
constexpr DD two_prod(double a, double b) {
  const double p = a * b;
  const DD as = split(a), bs = split(b);
  return {p, ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo};
}
DD dd_add(DD a, DD b) {
  const DD s = two_sum(a.hi, b.hi);
  return fast_two_sum(s.hi, s.lo + (a.lo + b.lo));
}
DD dd_mul(DD a, DD b) {
  const DD p = two_prod(a.hi, b.hi);
  return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

// ---- exp ------------------------------------------------------------------------------------
constexpr double kInvLn2 = 1.4426950408889634;
constexpr double kLn2Hi32 = 0.6931471803691238;     // 0x1.62e42fee00000p-1: 32 significant bits
constexpr double kLn2Lo32 = 1.9082149292705877e-10;  // ln 2 − kLn2Hi32
constexpr double kLn2Hi = 0.6931471805599453;        // ln 2 as a double-double
constexpr double kLn2Lo = 2.3190468138462996e-17;
constexpr double kExpOverflow = 709.782712893384;      // largest x with e^x ≤ DBL_MAX
constexpr double kExpUnderflow = -745.1332191019412;   // below: e^x < 2^−1075, rounds to 0

// Series coefficients, evaluated at compile time (IEEE division of exact integers: the same double
// under every compiler). kInvFactorial[n] = 1/n! (n! is exact in a double up to 22!).
template <int N>
struct Table {
  double v[N];
};
constexpr double factorial(int n) { return n <= 1 ? 1.0 : n * factorial(n - 1); }
constexpr Table<20> kInvFactorial = [] {
  Table<20> t{};
  for (int n = 0; n < 20; ++n) t.v[n] = 1.0 / factorial(n);
  return t;
}();
// kLogSeries[j] = 2/(2j + 1), the coefficients of R in log_kernel.
constexpr Table<11> kLogSeries = [] {
  Table<11> t{};
  for (int j = 0; j < 11; ++j) t.v[j] = 2.0 / (2 * j + 1);
  return t;
}();
// 1/(2j + 1) as double-doubles (hi, lo interleaved), the coefficients of log_dd's series.
constexpr Table<42> kInvOddDD = [] {
  Table<42> t{};
  for (int j = 0; j < 21; ++j) {
    const double den = 2 * j + 1, hi = 1.0 / den;
    const DD e = two_prod(hi, den);  // hi·den = 1 − lo·den exactly
    t.v[2 * j] = hi;
    t.v[2 * j + 1] = ((1.0 - e.hi) - e.lo) / den;
  }
  return t;
}();

// e^r − 1 − r for |r| ≤ 0.35: r²·(1/2! + r/3! + … + r¹¹/13!).
// P(r) = Σ_{j=2..13} r^{j−2}/j!: the two leading terms by Horner (they carry the rounding that
// matters), the rest by Estrin's scheme (independent products, so it pipelines).
double expm1_series_tail(double r) {
  const double* c = kInvFactorial.v;
  const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const double p0 = (c[4] + c[5] * r) + (c[6] + c[7] * r) * r2;
  const double p1 = (c[8] + c[9] * r) + (c[10] + c[11] * r) * r2;
  const double p2 = c[12] + c[13] * r;
  return r2 * (c[2] + r * (c[3] + r * ((p0 + p1 * r4) + p2 * r8)));
}

// The reduction shared by exp, expm1 and pow: x + xt = k·ln2 + r + c, and
// e^{r + c} − 1 = r + tail, kept unsummed so that callers add r to their leading term exactly.
struct Reduced {
  int k;
  double r, tail;
};
Reduced reduce_exp(double x, double xt) {
  const double kd = nearest_integer(x * kInvLn2);
  const double hi = x - kd * kLn2Hi32;  // exact
  const double lo = kd * kLn2Lo32 - xt;
  const double r = hi - lo;
  const double c = (hi - r) - lo;
  const double t = expm1_series_tail(r);
  return {static_cast<int>(kd), r, t + c * (1.0 + (r + t))};
}

// a + e^{r+c} − 1 + b = a + r + tail + b with a + r summed exactly (|a| ≥ |r|, b small).
double add_expm1(double a, const Reduced& e, double b = 0.0) {
  const DD s = fast_two_sum(a, e.r);
  return s.hi + (s.lo + (e.tail + b));
}

// e^{x + xt} with |xt| ≤ ulp(x) for finite x between the thresholds.
double exp_kernel(double x, double xt) {
  const Reduced e = reduce_exp(x, xt);
  return scale(add_expm1(1.0, e), e.k);
}

// ---- log --------------------------------------------------------------------------------------
constexpr double kSqrt2 = 1.4142135623730951;

// x = 2^k·(1 + f) with 1 + f in [√2/2, √2), for finite x > 0.
struct LogParts {
  int k;
  double f;
};
LogParts log_parts(double x) {
  int k = 0;
  if (x < 2.2250738585072014e-308) {  // subnormal: make it normal first
    x *= 18014398509481984.0;        // 2^54
    k = -54;
  }
  const std::uint64_t u = bits_of(x);
  k += static_cast<int>(u >> 52) - 1023;
  double m = from_bits((u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);  // in [1, 2)
  if (m > kSqrt2) {
    m *= 0.5;
    ++k;
  }
  return {k, m - 1.0};
}

// log(1 + f) + k·ln 2 + t, for |f| ≤ 0.415 and a small correction t.
double log_kernel(int k, double f, double t) {
  const double s = f / (2.0 + f);
  const double z = s * s;
  double r = kLogSeries.v[10];
  for (int j = 9; j >= 1; --j) r = r * z + kLogSeries.v[j];
  r *= z;  // R = Σ_{j=1..10} 2z^j/(2j + 1)
  const double hfsq = 0.5 * f * f;
  const double dk = k;
  return dk * kLn2Hi32 - ((hfsq - (s * (hfsq + r) + (dk * kLn2Lo32 + t))) - f);
}

// ln x as a double-double to about 2⁻¹⁰⁰ relative, for finite x > 0 (pow's first half).
DD log_dd(double x) {
  const LogParts p = log_parts(x);
  // s = f/(2 + f) as a double-double.
  const DD d = two_sum(2.0, p.f);
  const double sh = p.f / d.hi;
  const DD q = two_prod(sh, d.hi);
  const DD s = fast_two_sum(sh, ((p.f - q.hi) - q.lo - sh * d.lo) / d.hi);
  const DD z = dd_mul(s, s);
  // 1 + z/3 + z²/5 + … + z²⁰/41 (truncation < 10⁻³²), Horner in double-double.
  DD poly{kInvOddDD.v[40], kInvOddDD.v[41]};
  for (int j = 19; j >= 0; --j) poly = dd_add(dd_mul(poly, z), DD{kInvOddDD.v[2 * j], kInvOddDD.v[2 * j + 1]});
  const DD two_atanh = dd_mul(DD{2.0 * s.hi, 2.0 * s.lo}, poly);
  const DD kln2 = dd_mul(DD{static_cast<double>(p.k), 0.0}, DD{kLn2Hi, kLn2Lo});
  return dd_add(kln2, two_atanh);
}

// ---- sin, cos -------------------------------------------------------------------------------
constexpr double kTwoOverPi = 0.6366197723675814;
constexpr double kPio2_1 = 1.5707963267341256;    // π/2 in 33-bit pieces: 0x1.921fb544p+0
constexpr double kPio2_2 = 6.077100506303966e-11;  // 0x1.0b4611a6p-34
constexpr double kPio2_3 = 2.0222662487111665e-21;  // 0x1.3198a2ep-69
constexpr double kPio2_4 = 8.4784276603689e-32;     // the rest, rounded
constexpr double kPio2Hi = 1.5707963267948966;     // π/2 as a double-double
constexpr double kPio2Lo = 6.123233995736766e-17;

// The binary expansion of 2/π, 32 bits a word: 2/π = Σ_j kTwoOverPiBits[j]·2^{−32(j+1)}; 1280 bits
// cover the largest double's reduction (bits up to 971 + 194 are read).
constexpr std::uint32_t kTwoOverPiBits[] = {
    0xA2F9836E, 0x4E441529, 0xFC2757D1, 0xF534DDC0, 0xDB629599, 0x3C439041, 0xFE5163AB, 0xDEBBC561,
    0xB7246E3A, 0x424DD2E0, 0x06492EEA, 0x09D1921C, 0xFE1DEB1C, 0xB129A73E, 0xE88235F5, 0x2EBB4484,
    0xE99C7026, 0xB45F7E41, 0x3991D639, 0x835339F4, 0x9C845F8B, 0xBDF9283B, 0x1FF897FF, 0xDE05980F,
    0xEF2F118B, 0x5A0A6D1F, 0x6D367ECF, 0x27CB09B7, 0x4F463F66, 0x9E5FEA2D, 0x7527BAC7, 0xEBE5F17B,
    0x3D0739F7, 0x8A5292EA, 0x6BFB5FB1, 0x1F8D5D08, 0x56033046, 0xFC7B6BAB, 0xF0CFBC20, 0x9AF4361D};
constexpr int kTwoOverPiWords = sizeof kTwoOverPiBits / sizeof kTwoOverPiBits[0];

// 32 bits of 2/π starting at bit q (bit 0 is the first after the binary point; bits before it are 0).
std::uint32_t two_over_pi_bits(int q) {
  const int j = q >= 0 ? q / 32 : -((31 - q) / 32);
  const int sh = q - 32 * j;
  auto word = [](int i) -> std::uint64_t { return i >= 0 && i < kTwoOverPiWords ? kTwoOverPiBits[i] : 0u; };
  const std::uint64_t two = (word(j) << 32) | word(j + 1);
  return static_cast<std::uint32_t>((two << sh) >> 32);
}

struct Quadrant {
  int n;   // x = (4m + n)·π/2 + y, n in 0..3
  DD y;    // |y| ≤ π/4 (+ a rounding)
};

// Payne–Hanek for |x| ≥ 2^20·π/2: x = M·2^e with M a 53-bit integer. x·2/π mod 4 is M times the
// bits of 2/π whose weight times 2^e is below 2³² (bits of weight ≥ 4 only add multiples of 4):
// a 224-bit window W, and x·2/π ≡ M·W·2⁻¹⁹² (mod 4) up to < 2⁻¹³⁹ from the bits left out.
Quadrant reduce_large(double ax) {
  const std::uint64_t u = bits_of(ax);
  const int e = static_cast<int>(u >> 52) - 1023 - 52;
  const std::uint64_t m = (u & 0x000fffffffffffffULL) | 0x0010000000000000ULL;
  std::uint32_t w[7];  // least significant limb first; its top bit has weight 2³¹ after scaling
  for (int t = 0; t < 7; ++t) w[6 - t] = two_over_pi_bits(e - 32 + 32 * t);
  const std::uint64_t ml[2] = {m & 0xffffffffULL, m >> 32};
  std::uint32_t p[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // M·W mod 2²⁵⁶
  for (int i = 0; i < 2; ++i) {
    std::uint64_t carry = 0;
    for (int t = 0; t < 7 && i + t < 8; ++t) {
      const std::uint64_t cur = ml[i] * w[t] + p[i + t] + carry;
      p[i + t] = static_cast<std::uint32_t>(cur);
      carry = cur >> 32;
    }
    if (i + 7 < 8) p[i + 7] = static_cast<std::uint32_t>(p[i + 7] + carry);
  }
  // Product scaled by 2⁻¹⁹²: p[6] holds the integer part (mod 4 in its two low bits), p[0..5] the
  // fraction. A fraction ≥ 1/2 rounds the quadrant up and is replaced by its complement.
  int n = static_cast<int>(p[6] & 3u);
  double sign = 1.0;
  if (p[5] & 0x80000000u) {
    n = (n + 1) & 3;
    sign = -1.0;
    std::uint64_t borrow = 1;  // two's complement of the 192-bit fraction
    for (int t = 0; t < 6; ++t) {
      const std::uint64_t cur = static_cast<std::uint64_t>(static_cast<std::uint32_t>(~p[t])) + borrow;
      p[t] = static_cast<std::uint32_t>(cur);
      borrow = cur >> 32;
    }
  }
  DD f{0.0, 0.0};
  double weight = pow2(-192);
  for (int t = 0; t < 6; ++t, weight *= 4294967296.0) f = dd_add(f, DD{p[t] * weight, 0.0});
  const DD y = dd_mul(f, DD{kPio2Hi, kPio2Lo});
  return {n, DD{sign * y.hi, sign * y.lo}};
}

Quadrant reduce_pio2(double x) {
  const double ax = std::fabs(x);
  Quadrant q;
  if (ax < 1647099.3291652855) {  // 2^20·π/2: n < 2^20, so n·kPio2_k is exact
    const double nd = nearest_integer(ax * kTwoOverPi);
    const double t = ax - nd * kPio2_1;  // exact
    const DD a = two_sum(t, -nd * kPio2_2);
    const DD b = two_sum(a.hi, -nd * kPio2_3);
    q.y = fast_two_sum(b.hi, (a.lo + b.lo) - nd * kPio2_4);
    q.n = static_cast<int>(static_cast<std::int64_t>(nd) & 3);
  } else {
    q = reduce_large(ax);
  }
  if (x < 0) {
    q.n = (4 - q.n) & 3;
    q.y = DD{-q.y.hi, -q.y.lo};
  }
  return q;
}

// sin(y0 + y1), |y0| ≤ π/4, |y1| ≤ ulp(y0).
double sin_kernel(double y0, double y1) {
  const double z = y0 * y0;
  double p = -kInvFactorial.v[19];
  double sign = 1.0;
  for (int j = 17; j >= 3; j -= 2) p = p * z + sign * kInvFactorial.v[j], sign = -sign;
  // p = −1/3! + z/5! − … ; sin y0 = y0 + y0³·p, and + y1·cos y0 ≈ y1·(1 − z/2)
  return y0 + ((z * y0) * p + (y1 - 0.5 * z * y1));
}

// cos(y0 + y1), |y0| ≤ π/4, |y1| ≤ ulp(y0).
double cos_kernel(double y0, double y1) {
  const double z = y0 * y0;
  double q = -kInvFactorial.v[18];
  double sign = 1.0;
  for (int j = 16; j >= 4; j -= 2) q = q * z + sign * kInvFactorial.v[j], sign = -sign;
  // cos y0 = 1 − z/2 + z²·q; − y1·sin y0 ≈ − y0·y1. 1 − z/2 is rounded to w and its error
  // ((1 − w) − z/2) recovered exactly.
  const double hz = 0.5 * z, w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * z * q - y0 * y1));
}

}  // namespace

double exp(double x) {
  if (x != x) return x + x;
  if (x > kExpOverflow) return kInf;
  if (x < kExpUnderflow) return 0.0;
  if (std::fabs(x) < 5.551115123125783e-17) return 1.0 + x;  // 2^−54
  return exp_kernel(x, 0.0);
}

double expm1(double x) {
  if (x != x) return x + x;
  if (x > kExpOverflow) return kInf;
  if (x < -40.0) return -1.0;  // e^x < 2⁻⁵⁷: −1 + e^x rounds to −1
  if (std::fabs(x) < 5.551115123125783e-17) return x;
  const Reduced e = reduce_exp(x, 0.0);
  if (e.k == 0) return e.r + e.tail;
  if (e.k < -1) return scale(add_expm1(1.0, e), e.k) - 1.0;  // result in (−1, −0.6]
  // 2^k·(1 + p) − 1 = 2^k·((1 − 2^−k) + p); 1 − 2^−k is exact up to k = 53, beyond it 2^−k is
  // added to p's small part.
  if (e.k <= 53) return scale(add_expm1(1.0 - pow2(-e.k), e), e.k);
  return scale(add_expm1(1.0, e, e.k > 1000 ? 0.0 : -pow2(-e.k)), e.k);
}

double log(double x) {
  if (x != x) return x + x;
  if (x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (x == kInf) return x;
  const LogParts p = log_parts(x);
  return log_kernel(p.k, p.f, 0.0);
}

double log1p(double x) {
  if (x != x) return x + x;
  if (x < -1.0) return kNaN;
  if (x == -1.0) return -kInf;
  if (x == kInf) return x;
  if (std::fabs(x) < 5.551115123125783e-17) return x;
  if (x > -0.2928932188134524 && x < 0.41421356237309503) return log_kernel(0, x, 0.0);
  const DD u = two_sum(1.0, x);  // 1 + x = u.hi + u.lo exactly
  const LogParts p = log_parts(u.hi);
  return log_kernel(p.k, p.f, u.lo / u.hi);
}

double sin(double x) {
  if (x != x || std::fabs(x) == kInf) return x - x;  // NaN
  if (std::fabs(x) < 1.4901161193847656e-08) return x;  // 2⁻²⁶: x³/6 < ulp(x)/2
  if (std::fabs(x) <= 0.7853981633974483) return sin_kernel(x, 0.0);
  const Quadrant q = reduce_pio2(x);
  switch (q.n) {
    case 0: return sin_kernel(q.y.hi, q.y.lo);
    case 1: return cos_kernel(q.y.hi, q.y.lo);
    case 2: return -sin_kernel(q.y.hi, q.y.lo);
    default: return -cos_kernel(q.y.hi, q.y.lo);
  }
}

double cos(double x) {
  if (x != x || std::fabs(x) == kInf) return x - x;
  if (std::fabs(x) < 7.450580596923828e-09) return 1.0;  // 2⁻²⁷: x²/2 < ulp(1)/4
  if (std::fabs(x) <= 0.7853981633974483) return cos_kernel(x, 0.0);
  const Quadrant q = reduce_pio2(x);
  switch (q.n) {
    case 0: return cos_kernel(q.y.hi, q.y.lo);
    case 1: return -sin_kernel(q.y.hi, q.y.lo);
    case 2: return -cos_kernel(q.y.hi, q.y.lo);
    default: return sin_kernel(q.y.hi, q.y.lo);
  }
}

double tanh(double x) {
  if (x != x) return x + x;
  const double ax = std::fabs(x);
  if (ax < 3.725290298461914e-09) return x;  // 2⁻²⁸: x³/3 < ulp(x)/2
  double t;
  if (ax >= 22.0) {
    t = 1.0;  // 1 − 2e^{−44} rounds to 1
  } else if (ax >= 1.0) {
    t = 1.0 - 2.0 / (expm1(2.0 * ax) + 2.0);
  } else {
    const double e = expm1(-2.0 * ax);
    t = -e / (e + 2.0);
  }
  return x < 0 ? -t : t;
}

double cosh(double x) {
  if (x != x) return x * x;
  const double ax = std::fabs(x);
  if (ax < 0.34657359027997264) {  // ln2/2
    if (ax < 5.551115123125783e-17) return 1.0;
    const double t = expm1(ax), w = 1.0 + t;
    return 1.0 + (t * t) / (w + w);
  }
  if (ax < 22.0) {
    const double t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax <= kExpOverflow) return 0.5 * exp(ax);
  if (ax <= 710.4758600739439) {
    const double w = exp(0.5 * ax), t = 0.5 * w;
    return t * w;
  }
  return kInf;
}

double pow(double x, double y) {
  if (y == 0.0 || x == 1.0) return 1.0;
  if (x != x || y != y) return x + y;
  const double ax = std::fabs(x), ay = std::fabs(y);
  // y an integer? odd? (every double ≥ 2^53 is an even integer)
  const bool y_int = std::floor(y) == y;
  const bool y_odd = y_int && ay < 9007199254740992.0 && std::floor(0.5 * y) != 0.5 * y;
  if (ay == kInf) {
    if (ax == 1.0) return 1.0;
    return (ax > 1.0) == (y > 0) ? kInf : 0.0;
  }
  if (ax == 0.0 || ax == kInf) {
    // |x|^y is 0 or ∞; the sign is x's when y is an odd integer.
    const double mag = (ax == 0.0) == (y < 0) ? kInf : 0.0;
    return y_odd && std::signbit(x) ? -mag : mag;
  }
  if (x < 0 && !y_int) return kNaN;
  const double sign = x < 0 && y_odd ? -1.0 : 1.0;
  const DD l = log_dd(ax);
  const double rough = y * l.hi;
  if (rough > 710.0) return sign * kInf;
  if (rough < -746.0) return sign * 0.0;
  const DD p = two_prod(y, l.hi);
  const DD yl = fast_two_sum(p.hi, p.lo + y * l.lo);
  return sign * exp_kernel(yl.hi, yl.lo);
}

}  // namespace optlab::portable
