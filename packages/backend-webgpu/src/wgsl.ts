/**
 * WGSL building blocks shared by every kernel: storage types, conversions between them, and a
 * float32 math library that keeps NaN/±Inf semantics explicit (bit tests instead of relying on
 * the driver's IEEE behaviour) and reaches about 1 ulp where WGSL's builtins promise far less
 * (sin/cos are only absolutely accurate to 2^-11 in the spec; exp/log/pow are "inherited").
 *
 * Storage: float32 → f32, int32 → i32, bool → u32 holding 0 or 1 (one 32-bit word per element;
 * WGSL has no 8-bit storage). Compute types are f32, i32, or WGSL `bool` for predicates.
 */

export type DT = 'float32' | 'int32' | 'bool';
/** WGSL element type of a stored dtype. */
export type ST = 'f32' | 'i32' | 'u32';
/** A computed value's type: f32, i32, or a predicate. */
export type CT = 'f32' | 'i32' | 'bool';

export function storageType(d: DT): ST {
  return d === 'float32' ? 'f32' : d === 'int32' ? 'i32' : 'u32';
}

/** The compute type a stored value is read as when no op forces another. */
export function naturalType(d: DT): CT {
  return d === 'float32' ? 'f32' : 'i32';
}

/** WGSL expression converting `e` of compute type `from` to compute type `to`. */
export function convert(e: string, from: CT | 'u32', to: CT): string {
  if (from === to) return e;
  switch (to) {
    case 'f32':
      return from === 'bool' ? `select(0.0, 1.0, ${e})` : `f32(${e})`;
    case 'i32':
      if (from === 'f32') return `to_i32(${e})`;
      return from === 'bool' ? `select(0, 1, ${e})` : `i32(${e})`;
    case 'bool':
      if (from === 'f32') return `truthy(${e})`;
      return from === 'u32' ? `(${e} != 0u)` : `(${e} != 0)`;
  }
}

/** WGSL expression storing compute value `e` (type `from`) into an element of storage type `to`. */
export function store(e: string, from: CT, to: ST): string {
  if (to === 'u32') return `select(0u, 1u, ${convert(e, from, 'bool')})`;
  return convert(e, from, to);
}

/** Reads stored element `e` (storage type `st`) as compute type `ct`. */
export function load(e: string, st: ST, ct: CT): string {
  if (st === 'u32') return ct === 'bool' ? `(${e} != 0u)` : ct === 'f32' ? `f32(${e})` : `i32(${e})`;
  return convert(e, st, ct);
}

/** Identity value of compute type `t` as WGSL. */
export function zero(t: CT | ST): string {
  return t === 'f32' ? '0.0' : t === 'i32' ? '0' : t === 'u32' ? '0u' : 'false';
}

/**
 * The math prelude. Inf and NaN are made at run time from a private zero: a const-expression
 * that evaluates to a non-finite value is a shader-creation error in WGSL.
 * Polynomials are Cephes' single-precision ones (sinf, cosf, tanf, expf, logf, tanhf, atanf).
 */
export const PRELUDE = /* wgsl */ `
var<private> RT_ZERO: u32 = 0u;
fn inf() -> f32 { return bitcast<f32>(0x7f800000u | RT_ZERO); }
fn nan() -> f32 { return bitcast<f32>(0x7fc00000u | RT_ZERO); }
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
fn truthy(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) != 0u; }
fn neg_bit(x: f32) -> bool { return (bitcast<u32>(x) >> 31u) != 0u; }
fn with_sign(m: f32, neg: bool) -> f32 { return select(m, -m, neg); }

// JavaScript's ToInt32: truncate, wrap modulo 2^32, non-finite → 0 (what the CPU backend stores).
fn to_i32(x: f32) -> i32 {
  if (!finite(x)) { return 0; }
  let t = trunc(x);
  if (abs(t) < 2147483648.0) { return i32(t); }
  let m = t - floor(t / 4294967296.0) * 4294967296.0;
  return bitcast<i32>(u32(m));
}

fn ldexp2(p: f32, n: i32) -> f32 {
  let h = n / 2;
  return ldexp(ldexp(p, h), n - h);
}

fn m_exp(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (x > 88.72283935546875) { return inf(); }
  if (x < -103.97208404541016) { return 0.0; }
  let n = round(x * 1.4426950408889634);
  let r = (x - n * 0.693359375) - n * -2.12194440e-4;
  let p = (((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r
    + 1.6666665459e-1) * r + 5.0000001201e-1) * (r * r) + r + 1.0;
  return ldexp2(p, i32(n));
}

fn m_log(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (x < 0.0) { return nan(); }
  if (x == 0.0) { return -inf(); }
  if (is_inf(x)) { return x; }
  let fr = frexp(x);
  var m = fr.fract;
  var e = fr.exp;
  if (m < 0.70710678118654752) { e = e - 1; m = m + m - 1.0; } else { m = m - 1.0; }
  let z = m * m;
  var y = ((((((((7.0376836292e-2 * m - 1.1514610310e-1) * m + 1.1676998740e-1) * m - 1.2420140846e-1) * m
    + 1.4249322787e-1) * m - 1.6668057665e-1) * m + 2.0000714765e-1) * m - 2.4999993993e-1) * m
    + 3.3333331174e-1) * m * z;
  let fe = f32(e);
  y = y + -2.12194440e-4 * fe;
  y = y + -0.5 * z;
  return m + y + 0.693359375 * fe;
}

fn m_log1p(x: f32) -> f32 {
  if (is_nan(x) || (is_inf(x) && x > 0.0)) { return x; }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  if (u <= 0.0) { return m_log(u); }
  return m_log(u) * (x / (u - 1.0));
}

fn m_expm1(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  let u = m_exp(x);
  if (is_inf(u)) { return u; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  if (um1 == 0.0) { return x; }
  return um1 * x / m_log(u);
}

fn m_sqrt(x: f32) -> f32 {
  if (is_nan(x) || x < 0.0) { return select(nan(), x, is_nan(x)); }
  if (x == 0.0 || is_inf(x)) { return x; }
  return sqrt(x);
}

fn sin_poly(r: f32) -> f32 {
  let z = r * r;
  return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
}
fn cos_poly(r: f32) -> f32 {
  let z = r * r;
  return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
}
fn tan_poly(r: f32) -> f32 {
  let z = r * r;
  if (abs(r) < 1e-4) { return r; }
  return (((((9.38540185543e-3 * z + 3.11992232697e-3) * z + 2.44301354525e-2) * z + 5.34112807005e-2) * z
    + 1.33387994085e-1) * z + 3.33331568548e-1) * z * r + r;
}
// x = q·π/2 + r, |r| <= π/4 (Cody–Waite, three parts of π/2; exact products for |q| < 2^12).
fn quadrant(x: f32) -> f32 { return round(x * 0.63661977236758134); }
fn reduce_pio2(x: f32, q: f32) -> f32 {
  return ((x - q * 1.5703125) - q * 4.837512969970703125e-4) - q * 7.549789948768648e-8;
}
fn m_sin(x: f32) -> f32 {
  if (!finite(x)) { return nan(); }
  let q = quadrant(x);
  let r = reduce_pio2(x, q);
  let k = i32(q) & 3;
  let v = select(sin_poly(r), cos_poly(r), (k & 1) == 1);
  return select(v, -v, k >= 2);
}
fn m_cos(x: f32) -> f32 {
  if (!finite(x)) { return nan(); }
  let q = quadrant(x);
  let r = reduce_pio2(x, q);
  let k = i32(q) & 3;
  let v = select(cos_poly(r), sin_poly(r), (k & 1) == 1);
  return select(v, -v, k == 1 || k == 2);
}
fn m_tan(x: f32) -> f32 {
  if (!finite(x)) { return nan(); }
  let q = quadrant(x);
  let t = tan_poly(reduce_pio2(x, q));
  return select(t, -1.0 / t, (i32(q) & 1) == 1);
}

fn m_tanh(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let a = abs(x);
  if (a > 10.0) { return with_sign(1.0, x < 0.0); }
  if (a >= 0.625) {
    let s = m_exp(2.0 * a);
    return with_sign(1.0 - 2.0 / (s + 1.0), x < 0.0);
  }
  let z = x * x;
  return ((((-5.70498872745e-3 * z + 2.06390887954e-2) * z - 5.37397155531e-2) * z + 1.33314422036e-1) * z
    - 3.33332819422e-1) * z * x + x;
}

fn m_sigmoid(x: f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + m_exp(-x)); }
  let e = m_exp(x);
  return e / (1.0 + e);
}

// The CPU backend's three regimes, in single precision.
fn m_erf(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let a = abs(x);
  if (a >= 4.0) { return with_sign(1.0, x < 0.0); }
  let x2 = x * x;
  if (a < 0.5) {
    var term = 1.0;
    var s = 1.0;
    for (var k = 1; k < 12; k++) {
      term = term * (-x2 / f32(k));
      s = s + term / f32(2 * k + 1);
    }
    return 1.1283791670955126 * x * s;
  }
  if (a < 2.0) {
    var p = 1.0;
    for (var k = i32(ceil(8.0 + 14.0 * a)); k >= 1; k--) { p = 1.0 + p * 2.0 * x2 / f32(2 * k + 1); }
    return 1.1283791670955126 * m_exp(-x2) * x * p;
  }
  var f = a;
  for (var k = i32(ceil(10.0 + 60.0 / a)); k >= 1; k--) { f = a + f32(k) * 0.5 / f; }
  let erfc = 0.5641895835477563 * m_exp(-x2) / f;
  return select(erfc - 1.0, 1.0 - erfc, x > 0.0);
}

fn m_atan(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let a = abs(x);
  var y0 = 0.0;
  var t = a;
  if (a > 2.414213562373095) { y0 = 1.5707963267948966; t = -1.0 / a; }
  else if (a > 0.4142135623730950) { y0 = 0.7853981633974483; t = (a - 1.0) / (a + 1.0); }
  let z = t * t;
  let y = (((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * t + t;
  return with_sign(y0 + y, x < 0.0);
}

// Math.atan2 (y, x), every signed zero and infinity case included.
fn m_atan2(y: f32, x: f32) -> f32 {
  if (is_nan(x) || is_nan(y)) { return nan(); }
  let yn = neg_bit(y);
  if (y == 0.0) {
    return with_sign(select(0.0, 3.141592653589793, neg_bit(x)), yn);
  }
  if (x == 0.0) { return with_sign(1.5707963267948966, yn); }
  if (is_inf(y)) {
    if (is_inf(x)) { return with_sign(select(0.7853981633974483, 2.356194490192345, x < 0.0), yn); }
    return with_sign(1.5707963267948966, yn);
  }
  if (is_inf(x)) { return with_sign(select(0.0, 3.141592653589793, x < 0.0), yn); }
  let ay = abs(y);
  let ax = abs(x);
  var t: f32;
  if (ay > ax) { t = 1.5707963267948966 - m_atan(ax / ay); } else { t = m_atan(ay / ax); }
  if (x < 0.0) { t = 3.141592653589793 - t; }
  return with_sign(t, yn);
}

fn powi(b: f32, n: u32) -> f32 {
  var r = 1.0;
  var p = b;
  var k = n;
  loop {
    if ((k & 1u) == 1u) { r = r * p; }
    k = k >> 1u;
    if (k == 0u) { break; }
    p = p * p;
  }
  return r;
}

// JavaScript's ** (the CPU backend's semantics): 1 ** NaN is NaN, (±1) ** ±Infinity is NaN.
fn m_pow(a: f32, b: f32) -> f32 {
  if (is_nan(b)) { return b; }
  if (b == 0.0) { return 1.0; }
  if (is_nan(a)) { return a; }
  let aa = abs(a);
  if (is_inf(b)) {
    if (aa == 1.0) { return nan(); }
    return select(0.0, inf(), (aa > 1.0) == (b > 0.0));
  }
  let ab = abs(b);
  let integral = trunc(b) == b;
  let odd = integral && ab < 16777216.0 && (u32(ab) & 1u) == 1u;
  let neg = odd && neg_bit(a);
  if (aa == 0.0 || is_inf(aa)) {
    return with_sign(select(0.0, inf(), (aa > 1.0) == (b > 0.0)), neg);
  }
  if (a < 0.0 && !integral) { return nan(); }
  var r: f32;
  if (b == 0.5) { r = sqrt(aa); }
  else if (b == -0.5) { r = 1.0 / sqrt(aa); }
  else if (integral && ab <= 64.0) {
    r = powi(aa, u32(ab));
    if (b < 0.0) { r = 1.0 / r; }
  } else { r = m_exp(b * m_log(aa)); }
  return with_sign(r, neg);
}

fn f_max(a: f32, b: f32) -> f32 {
  if (is_nan(a)) { return a; }
  if (is_nan(b)) { return b; }
  return select(b, a, a > b);
}
fn f_min(a: f32, b: f32) -> f32 {
  if (is_nan(a)) { return a; }
  if (is_nan(b)) { return b; }
  return select(b, a, a < b);
}
fn f_sign(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  return select(select(0.0, -1.0, x < 0.0), 1.0, x > 0.0);
}
fn f_round(x: f32) -> f32 {
  if (!finite(x)) { return x; }
  let f = floor(x);
  let d = x - f;
  if (d > 0.5) { return f + 1.0; }
  if (d < 0.5) { return f; }
  return select(f + 1.0, f, f - 2.0 * floor(f * 0.5) == 0.0);
}
fn i_div(a: i32, b: i32) -> i32 { return select(a / b, 0, b == 0); }
fn i_pow(a: i32, b: i32) -> i32 {
  if (b < 0) { return select(select(0, 1, a == 1), select(-1, 1, (b & 1) == 0), a == -1); }
  var r = 1;
  var p = a;
  var k = u32(b);
  loop {
    if ((k & 1u) == 1u) { r = r * p; }
    k = k >> 1u;
    if (k == 0u) { break; }
    p = p * p;
  }
  return r;
}
`;

type Fn = (...args: string[]) => string;

/** Unary ops: f32 form (always) and i32 form (where integer arithmetic is exact). */
export const UNARY_F32: Partial<Record<string, Fn>> = {
  neg: (x) => `-${x}`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `f_sign(${x})`,
  exp: (x) => `m_exp(${x})`,
  log: (x) => `m_log(${x})`,
  log1p: (x) => `m_log1p(${x})`,
  expm1: (x) => `m_expm1(${x})`,
  sqrt: (x) => `m_sqrt(${x})`,
  rsqrt: (x) => `(1.0 / m_sqrt(${x}))`,
  square: (x) => `(${x} * ${x})`,
  reciprocal: (x) => `(1.0 / ${x})`,
  sin: (x) => `m_sin(${x})`,
  cos: (x) => `m_cos(${x})`,
  tan: (x) => `m_tan(${x})`,
  tanh: (x) => `m_tanh(${x})`,
  sigmoid: (x) => `m_sigmoid(${x})`,
  relu: (x) => `select(0.0, ${x}, ${x} > 0.0 || is_nan(${x}))`,
  erf: (x) => `m_erf(${x})`,
  floor: (x) => `select(${x}, floor(${x}), finite(${x}))`,
  ceil: (x) => `select(${x}, ceil(${x}), finite(${x}))`,
  round: (x) => `f_round(${x})`,
  trunc: (x) => `select(${x}, trunc(${x}), finite(${x}))`,
};

export const UNARY_I32: Partial<Record<string, Fn>> = {
  neg: (x) => `-${x}`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `sign(${x})`,
  square: (x) => `(${x} * ${x})`,
  relu: (x) => `max(${x}, 0)`,
  floor: (x) => x,
  ceil: (x) => x,
  round: (x) => x,
  trunc: (x) => x,
};

/** Predicates: the input's compute type in, WGSL bool out. */
export const PREDICATE: Partial<Record<string, { f32: Fn; i32: Fn }>> = {
  not: { f32: (x) => `!truthy(${x})`, i32: (x) => `(${x} == 0)` },
  isnan: { f32: (x) => `is_nan(${x})`, i32: (x) => `(${x} != ${x})` },
  eq: { f32: (a, b) => `(!is_nan(${a}) && ${a} == ${b})`, i32: (a, b) => `(${a} == ${b})` },
  ne: { f32: (a, b) => `(is_nan(${a}) || is_nan(${b}) || ${a} != ${b})`, i32: (a, b) => `(${a} != ${b})` },
  lt: { f32: (a, b) => `(!is_nan(${a}) && !is_nan(${b}) && ${a} < ${b})`, i32: (a, b) => `(${a} < ${b})` },
  le: { f32: (a, b) => `(!is_nan(${a}) && !is_nan(${b}) && ${a} <= ${b})`, i32: (a, b) => `(${a} <= ${b})` },
  gt: { f32: (a, b) => `(!is_nan(${a}) && !is_nan(${b}) && ${a} > ${b})`, i32: (a, b) => `(${a} > ${b})` },
  ge: { f32: (a, b) => `(!is_nan(${a}) && !is_nan(${b}) && ${a} >= ${b})`, i32: (a, b) => `(${a} >= ${b})` },
  and: { f32: (a, b) => `(truthy(${a}) && truthy(${b}))`, i32: (a, b) => `(${a} != 0 && ${b} != 0)` },
  or: { f32: (a, b) => `(truthy(${a}) || truthy(${b}))`, i32: (a, b) => `(${a} != 0 || ${b} != 0)` },
};

export const BINARY_F32: Partial<Record<string, Fn>> = {
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `(${a} / ${b})`,
  pow: (a, b) => `m_pow(${a}, ${b})`,
  maximum: (a, b) => `f_max(${a}, ${b})`,
  minimum: (a, b) => `f_min(${a}, ${b})`,
  atan2: (a, b) => `m_atan2(${a}, ${b})`,
};

export const BINARY_I32: Partial<Record<string, Fn>> = {
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `i_div(${a}, ${b})`,
  pow: (a, b) => `i_pow(${a}, ${b})`,
  maximum: (a, b) => `max(${a}, ${b})`,
  minimum: (a, b) => `min(${a}, ${b})`,
};
