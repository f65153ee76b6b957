// Elementary functions that return the same bits in every build: the native one (glibc's libm) and
// the WebAssembly one (musl's libm) would each round differently in the last place, and a chaotic
// run (conjugate gradient on a network) turns one ulp into a different result. Every function here
// uses only IEEE-754 double +, −, ×, /, comparisons, std::floor and integer bit manipulation —
// operations that are correctly rounded or exact on every conforming platform — with the build's
// -ffp-contract=off keeping the compiler from fusing a multiply and an add on one side only. So a
// call gives identical bits natively (x86-64 SSE2) and in wasm (f64 ops).
//
// Algorithms (all double precision). "Max" is the largest error in ulps of the result that
// tests/native/portable_math_test.cpp measured over 10⁶ points per function across its domain,
// against glibc's long double functions (a 64-bit significand: their own error is ~1/2000 ulp of a
// double); the test asserts each bound (1 ulp; 2.5 for tanh, 2 for cosh):
//
//   exp(x)     x = k·ln2 + r, |r| ≤ ln2/2, with ln2 in two parts (the first has 32 significant bits,
//              so k·ln2_hi and x − k·ln2_hi are exact; the rounding error of r is carried as a
//              correction c); e^r − 1 by its Taylor series to r¹³/13! (truncation < 5·10⁻¹⁸;
//              Horner for the leading terms, Estrin for the rest),
//              e^x = 2^k·(1 + (p + c·(1 + p))). Overflow to +∞ above 709.782712893384, 0 below
//              −745.1332191019412; subnormal results are rounded twice. Max error 0.75 ulp.
//   expm1(x)   the same reduction; 2^k·(p + c′) + (2^k − 1) arranged so that no cancellation
//              occurs (k = 0: the series alone; −1 ≤ k ≤ 53: 2^k·((1 − 2^−k) + p)). Max 0.86 ulp.
//   log(x)     x = 2^k·m, m ∈ [√2/2, √2), f = m − 1 (exact), s = f/(2 + f);
//              log(1 + f) = 2·atanh(s) = f − (f²/2 − s·(f²/2 + R)), R = Σ_{j=1..10} 2s^{2j}/(2j+1)
//              (|s| < 0.1716, truncation < 10⁻¹⁸); + k·ln2 in two parts. Max 0.83 ulp.
//   log1p(x)   as log on u = 1 + x, plus the exact rounding error of 1 + x divided by u; for
//              −0.29 < x < 0.41 the kernel runs on f = x itself. Max 0.81 ulp.
//   sin, cos   x = n·π/2 + y: for |x| < 2^20·π/2 Cody–Waite with π/2 in four parts (three of
//              33 bits, so n·part is exact), summed with exact two-sums; above, Payne–Hanek: the
//              53-bit significand times a 224-bit window of the binary expansion of 2/π (integer
//              arithmetic, table in portable_math.cpp) gives the quadrant and the fraction exactly
//              to 2⁻¹³⁰. y is carried as y0 + y1 (double-double). Kernels on |y| ≤ π/4: Taylor
//              series to y¹⁹/19! (sin) and y¹⁸/18! (cos), with cos's 1 − y²/2 rounding error
//              recovered exactly. Max 0.76 ulp (sin), 0.77 ulp (cos) for |x| < 2¹⁶; for huge x within
//              1 ulp of glibc — which is itself 8 ulp off at the worst case 5.319372648326541e255,
//              where these are exact.
//   tanh(x)    |x| < 2⁻²⁸: x; |x| ≥ 22: ±1; |x| ≥ 1: 1 − 2/(expm1(2|x|) + 2);
//              else −t/(t + 2), t = expm1(−2|x|). Max 2.3 ulp.
//   cosh(x)    |x| < ln2/2: 1 + t²/(2(1 + t)), t = expm1(|x|); |x| < 22: (e^|x| + e^−|x|)/2;
//              up to log(DBL_MAX): e^|x|/2; up to the overflow threshold 710.4758600739439:
//              (e^{|x|/2}/2)·e^{|x|/2}. Max 1.8 ulp.
//   pow(x, y)  ln|x| in double-double (the atanh series of log to s⁴¹, evaluated with error-free
//              transformations: Dekker's product via Veltkamp's split, Knuth's two-sum), times y
//              in double-double, then exp of hi + lo with lo fed into exp's correction term:
//              the error does not grow with |y·ln x|. Max 0.62 ulp. Special cases as C99 Annex F
//              (pow(x, ±0) = 1, pow(1, y) = 1, negative x with integer y signed by parity, NaN
//              for negative x with non-integer y, the ±0 and ±∞ cases).
//
// NaN in gives NaN out; ±0 and ±∞ follow C99 Annex F for each function. These are not the
// correctly rounded results (no libm here guarantees that either): they are the same results.
#pragma once

namespace optlab::portable {

double exp(double x);
double expm1(double x);
double log(double x);
double log1p(double x);
double sin(double x);
double cos(double x);
double tanh(double x);
double cosh(double x);
double pow(double x, double y);

}  // namespace optlab::portable
