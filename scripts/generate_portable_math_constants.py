#!/usr/bin/env python3
"""Prints the constants of core/math/portable_math.cpp, computed with exact integer and rational
arithmetic (no floating-point library involved): π by Machin's formula, ln 2 by its series
Σ 1/(k·2^k), both to 1600 bits; the split constants (ln 2 in a 32-bit head and a tail, π/2 in
three 33-bit pieces and a tail), double-double pairs, the 1280-bit expansion of 2/π, and the exact
reduction of the classic hard case x = 6381956970095103·2^797 used by the test.
Run: python3 scripts/generate_portable_math_constants.py"""
import math
from fractions import Fraction

P = 1600  # bits of the fixed-point computations


def atan_inv(n):
    """atan(1/n)·2^P by its Taylor series."""
    s, t, k, sign = 0, (1 << P) // n, 1, 1
    while t:
        s += sign * (t // k)
        t //= n * n
        k += 2
        sign = -sign
    return s


PI = Fraction(16 * atan_inv(5) - 4 * atan_inv(239), 1 << P)
LN2 = Fraction(sum((1 << P) // (k << k) for k in range(1, P + 8)), 1 << P)


def head(v, bits):
    """The leading `bits` significant bits of v > 0, as a double (exact)."""
    e = math.floor(math.log2(v))
    while Fraction(2) ** e > v:
        e -= 1
    while Fraction(2) ** (e + 1) <= v:
        e += 1
    ulp = Fraction(2) ** (e - bits + 1)
    return float(math.floor(v / ulp) * ulp)


def show(name, v):
    print(f"{name} = {v!r}  ({v.hex()})")


ln2_hi32 = head(LN2, 32)
show("kLn2Hi32", ln2_hi32)
show("kLn2Lo32", float(LN2 - Fraction(ln2_hi32)))
show("kLn2Hi", float(LN2))
show("kLn2Lo", float(LN2 - Fraction(float(LN2))))
show("kInvLn2", float(1 / LN2))
rest = PI / 2
for i in range(1, 4):
    piece = head(rest, 33)
    show(f"kPio2_{i}", piece)
    rest -= Fraction(piece)
show("kPio2_4", float(rest))
show("kPio2Hi", float(PI / 2))
show("kPio2Lo", float(PI / 2 - Fraction(float(PI / 2))))
show("kTwoOverPi", float(2 / PI))
two_over_pi = (2 << (2 * P)) // (16 * atan_inv(5) - 4 * atan_inv(239))  # ⌊2/π · 2^P⌋
words = [(two_over_pi >> (P - 32 * (j + 1))) & 0xFFFFFFFF for j in range(40)]
print("kTwoOverPiBits =", ", ".join(f"0x{w:08X}" for w in words))
x = Fraction(6381956970095103 * 2**797)
n = math.floor(x * 2 / PI + Fraction(1, 2))
y = (x - n * PI / 2)
print(f"x = {float(x)!r}: quadrant {n % 4}, remainder {float(y)!r}; "
      f"cos x = -sin(remainder) = {float(-(y - y**3 / 6))!r}")
