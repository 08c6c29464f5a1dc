// Scalar element functions in double precision, with the CPU backend's semantics
// (JavaScript's Math where it has the function, PyTorch's conventions otherwise).

// Unary op codes (the order of UnaryOp in core).
export const NEG: i32 = 0;
export const ABS: i32 = 1;
export const SIGN: i32 = 2;
export const EXP: i32 = 3;
export const LOG: i32 = 4;
export const LOG1P: i32 = 5;
export const EXPM1: i32 = 6;
export const SQRT: i32 = 7;
export const RSQRT: i32 = 8;
export const SQUARE: i32 = 9;
export const RECIPROCAL: i32 = 10;
export const SIN: i32 = 11;
export const COS: i32 = 12;
export const TAN: i32 = 13;
export const TANH: i32 = 14;
export const SIGMOID: i32 = 15;
export const RELU: i32 = 16;
export const ERF: i32 = 17;
export const FLOOR: i32 = 18;
export const CEIL: i32 = 19;
export const ROUND: i32 = 20;
export const TRUNC: i32 = 21;
export const NOT: i32 = 22;
export const ISNAN: i32 = 23;

// Binary op codes (the order of BinaryOp in core).
export const ADD: i32 = 0;
export const SUB: i32 = 1;
export const MUL: i32 = 2;
export const DIV: i32 = 3;
export const POW: i32 = 4;
export const MAXIMUM: i32 = 5;
export const MINIMUM: i32 = 6;
export const ATAN2: i32 = 7;
export const EQ: i32 = 8;
export const NE: i32 = 9;
export const LT: i32 = 10;
export const LE: i32 = 11;
export const GT: i32 = 12;
export const GE: i32 = 13;
export const AND: i32 = 14;
export const OR: i32 = 15;

const TWO_OVER_SQRT_PI: f64 = 1.1283791670955126;
const INV_SQRT_PI: f64 = 0.5641895835477563;

/**
 * The error function, absolute error below 1e-15: the Taylor series for |x| < 0.5, the
 * positive series 2/√π·e^(−x²)·Σ (2x²)ⁿ·x/(2n+1)!! for |x| < 2, and 1 − erfc(x) with erfc's
 * continued fraction beyond. Exactly ±1 once |x| ≥ 6.
 */
function erf(x: f64): f64 {
  const ax = Math.abs(x);
  if (!(ax < 6)) return isNaN(x) ? x : x > 0 ? 1 : -1;
  const x2 = x * x;
  if (ax < 0.5) {
    let term: f64 = 1;
    let sum: f64 = 1;
    for (let k = 1; k < 40; k++) {
      term *= -x2 / <f64>k;
      const c = term / <f64>(2 * k + 1);
      sum += c;
      if (Math.abs(c) < 1e-17) break;
    }
    return TWO_OVER_SQRT_PI * x * sum;
  }
  if (ax < 2) {
    const n = <i32>Math.ceil(8 + 14 * ax);
    let p: f64 = 1;
    for (let k = n; k >= 1; k--) p = 1 + (p * 2 * x2) / <f64>(2 * k + 1);
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * x * p;
  }
  let f = ax;
  for (let k = <i32>Math.ceil(10 + 60 / ax); k >= 1; k--) f = ax + <f64>k / 2 / f;
  const erfc = (INV_SQRT_PI * Math.exp(-x2)) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

/** 1/(1+e^−x) without overflow. */
function sigmoid(x: f64): f64 {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** JavaScript's `a ** b`: unlike C's pow, 1 ** NaN and (±1) ** ±Infinity are NaN. */
function powJS(a: f64, b: f64): f64 {
  if (isNaN(b)) return NaN;
  if (Math.abs(a) == 1 && !isFinite(b)) return NaN;
  return a ** b;
}

export function unaryOp(op: i32, v: f64): f64 {
  switch (op) {
    case NEG:
      return -v;
    case ABS:
      return Math.abs(v);
    case SIGN:
      return v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : v;
    case EXP:
      return Math.exp(v);
    case LOG:
      return Math.log(v);
    case LOG1P:
      return Math.log1p(v);
    case EXPM1:
      return Math.expm1(v);
    case SQRT:
      return Math.sqrt(v);
    case RSQRT:
      return 1 / Math.sqrt(v);
    case SQUARE:
      return v * v;
    case RECIPROCAL:
      return 1 / v;
    case SIN:
      return Math.sin(v);
    case COS:
      return Math.cos(v);
    case TAN:
      return Math.tan(v);
    case TANH:
      return Math.tanh(v);
    case SIGMOID:
      return sigmoid(v);
    case RELU:
      return v > 0 ? v : isNaN(v) ? v : 0;
    case ERF:
      return erf(v);
    case FLOOR:
      return Math.floor(v);
    case CEIL:
      return Math.ceil(v);
    case ROUND:
      return nearest<f64>(v);
    case TRUNC:
      return Math.trunc(v);
    case NOT:
      return v == 0 ? 1 : 0;
    default:
      return isNaN(v) ? 1 : 0;
  }
}

export function binaryOp(op: i32, a: f64, b: f64): f64 {
  switch (op) {
    case ADD:
      return a + b;
    case SUB:
      return a - b;
    case MUL:
      return a * b;
    case DIV:
      return a / b;
    case POW:
      return powJS(a, b);
    case MAXIMUM:
      return a > b || isNaN(a) ? a : b;
    case MINIMUM:
      return a < b || isNaN(a) ? a : b;
    case ATAN2:
      return Math.atan2(a, b);
    case EQ:
      return a == b ? 1 : 0;
    case NE:
      return a != b ? 1 : 0;
    case LT:
      return a < b ? 1 : 0;
    case LE:
      return a <= b ? 1 : 0;
    case GT:
      return a > b ? 1 : 0;
    case GE:
      return a >= b ? 1 : 0;
    case AND:
      return a != 0 && b != 0 ? 1 : 0;
    default:
      return a != 0 || b != 0 ? 1 : 0;
  }
}
