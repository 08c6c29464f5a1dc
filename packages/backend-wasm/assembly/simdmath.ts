// Vector approximations of exp, sigmoid and tanh for float32 results.
//
// Constants come from tables in memory: V8 materialises each v128.const with three
// instructions, a table load is one (and Binaryen cannot fold it back into a constant).

/** float32 constants for expF32x4, each repeated in four lanes. */
const EXPF: usize = memory.data<f32>(
  [
    -104.0,
    -104.0,
    -104.0,
    -104.0, // 0: lower clamp (e^x underflows float32 below)
    89.0,
    89.0,
    89.0,
    89.0, // 16: upper clamp (overflows above)
    1.4426950408889634,
    1.4426950408889634,
    1.4426950408889634,
    1.4426950408889634, // 32: 1/ln2
    12582912.0,
    12582912.0,
    12582912.0,
    12582912.0, // 48: 1.5·2^23 rounds to integers
    0.693359375,
    0.693359375,
    0.693359375,
    0.693359375, // 64: ln2, high part (exact products)
    -2.1219444e-4,
    -2.1219444e-4,
    -2.1219444e-4,
    -2.1219444e-4, // 80: ln2, low part
    1.0 / 5040.0,
    1.0 / 5040.0,
    1.0 / 5040.0,
    1.0 / 5040.0, // 96
    1.0 / 720.0,
    1.0 / 720.0,
    1.0 / 720.0,
    1.0 / 720.0, // 112
    1.0 / 120.0,
    1.0 / 120.0,
    1.0 / 120.0,
    1.0 / 120.0, // 128
    1.0 / 24.0,
    1.0 / 24.0,
    1.0 / 24.0,
    1.0 / 24.0, // 144
    1.0 / 6.0,
    1.0 / 6.0,
    1.0 / 6.0,
    1.0 / 6.0, // 160
    0.5,
    0.5,
    0.5,
    0.5, // 176
    1.0,
    1.0,
    1.0,
    1.0, // 192
  ],
  16,
);

/** float64 constants for the two-lane functions, each repeated in two lanes. */
const EXPD: usize = memory.data<f64>(
  [
    -110.0,
    -110.0, // 0: clamps (beyond ±110 every float32 result is 0, 1 or ±Infinity)
    110.0,
    110.0, // 16
    1.4426950408889634,
    1.4426950408889634, // 32: 1/ln2
    6755399441055744.0,
    6755399441055744.0, // 48: 1.5·2^52 rounds to integers
    0.6931471803691238,
    0.6931471803691238, // 64: ln2, high part (exact products)
    1.9082149292705877e-10,
    1.9082149292705877e-10, // 80: ln2, low part
    1.0 / 39916800.0,
    1.0 / 39916800.0, // 96: Taylor coefficients 1/11! .. 1/1!
    1.0 / 3628800.0,
    1.0 / 3628800.0, // 112
    1.0 / 362880.0,
    1.0 / 362880.0, // 128
    1.0 / 40320.0,
    1.0 / 40320.0, // 144
    1.0 / 5040.0,
    1.0 / 5040.0, // 160
    1.0 / 720.0,
    1.0 / 720.0, // 176
    1.0 / 120.0,
    1.0 / 120.0, // 192
    1.0 / 24.0,
    1.0 / 24.0, // 208
    1.0 / 6.0,
    1.0 / 6.0, // 224
    0.5,
    0.5, // 240
    1.0,
    1.0, // 256
    2.0,
    2.0, // 272
    40.0,
    40.0, // 288: tanh(20) is 1 in double
    0.17,
    0.17, // 304: below this tanh uses e^r − 1 directly
  ],
  16,
);

function cf(off: usize): v128 {
  return v128.load(EXPF + off);
}

function cd(off: usize): v128 {
  return v128.load(EXPD + off);
}

/**
 * e^x in float32, four lanes: k = round(x/ln2), r = x − k·ln2 (Cody–Waite split), e^r by
 * its degree-7 Taylor polynomial summed as 1 + (r + r²·q(r)), then scaled by 2^k in two
 * steps (so results that underflow to subnormals round once). Error below 1 ulp. pmin/pmax
 * keep NaN (it is their first operand).
 */
export function expF32x4(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, cf(0)), cf(16));
  const t = f32x4.add(f32x4.mul(x, cf(32)), cf(48));
  const k = f32x4.sub(t, cf(48));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(k, cf(64))), f32x4.mul(k, cf(80)));
  let q = f32x4.add(f32x4.mul(cf(96), r), cf(112));
  q = f32x4.add(f32x4.mul(q, r), cf(128));
  q = f32x4.add(f32x4.mul(q, r), cf(144));
  q = f32x4.add(f32x4.mul(q, r), cf(160));
  q = f32x4.add(f32x4.mul(q, r), cf(176));
  const p = f32x4.add(cf(192), f32x4.add(r, f32x4.mul(f32x4.mul(r, r), q)));
  // the low bits of t hold k; 2^k = 2^(k>>1) · 2^(k − (k>>1)), each a normal float
  const ki = i32x4.shr_s(i32x4.shl(t, 10), 10);
  const k1 = i32x4.shr_s(ki, 1);
  const k2 = i32x4.sub(ki, k1);
  const s1 = i32x4.shl(i32x4.add(k1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(k2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/** e^r − 1 for |r| ≤ 0.35 (Taylor to r^11: relative error below 1e-14). */
function expm1Poly(r: v128): v128 {
  let p = f64x2.add(f64x2.mul(cd(96), r), cd(112));
  p = f64x2.add(f64x2.mul(p, r), cd(128));
  p = f64x2.add(f64x2.mul(p, r), cd(144));
  p = f64x2.add(f64x2.mul(p, r), cd(160));
  p = f64x2.add(f64x2.mul(p, r), cd(176));
  p = f64x2.add(f64x2.mul(p, r), cd(192));
  p = f64x2.add(f64x2.mul(p, r), cd(208));
  p = f64x2.add(f64x2.mul(p, r), cd(224));
  p = f64x2.add(f64x2.mul(p, r), cd(240));
  p = f64x2.add(f64x2.mul(p, r), cd(256));
  return f64x2.mul(p, r);
}

/** e^x in double precision (relative error near 1e-14) for x clamped to [−110, 110]. */
function expF64x2(x: v128): v128 {
  x = f64x2.pmin(f64x2.pmax(x, cd(0)), cd(16));
  const t = f64x2.add(f64x2.mul(x, cd(32)), cd(48));
  const k = f64x2.sub(t, cd(48));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, cd(64))), f64x2.mul(k, cd(80)));
  const p = f64x2.add(expm1Poly(r), cd(256));
  // the low bits of t hold k; (k + 1023) << 52 is the double 2^k
  return f64x2.mul(p, i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52));
}

/** 1/(1 + e^−x) in double precision. */
export function sigmoidF64x2(x: v128): v128 {
  return f64x2.div(cd(256), f64x2.add(cd(256), expF64x2(f64x2.neg(x))));
}

/** tanh as q/(q + 2) with q = e^(2|x|) − 1, from the polynomial directly for small |x|. */
export function tanhF64x2(x: v128): v128 {
  const sign = v128.and(x, i64x2.splat(0x8000000000000000));
  const ax = f64x2.abs(x);
  const y = f64x2.pmin(f64x2.add(ax, ax), cd(288));
  const q = v128.bitselect(expm1Poly(y), f64x2.sub(expF64x2(y), cd(256)), f64x2.lt(ax, cd(304)));
  return v128.or(f64x2.div(q, f64x2.add(q, cd(272))), sign);
}
