// out = op(x) over strided views. Rows of contiguous float32 take SIMD loops; every other
// row goes through double chunks: load (any dtype, any stride), compute, store.

import { F32, F64, getF64, I32, loadRow, shiftOf, storeRow, toInt32 } from './convert';
import {
  ABS,
  CEIL,
  EXP,
  FLOOR,
  NEG,
  RECIPROCAL,
  RELU,
  ROUND,
  SIGMOID,
  SQRT,
  SQUARE,
  TANH,
  TRUNC,
  unaryOp,
} from './math';
import {
  CHUNK,
  collapse,
  DESC,
  innerLen,
  innerStride,
  nextRow,
  preferLongRows,
  rowOffset,
  T0,
  T1,
} from './plan';
import { expF32x4, sigmoidF64x2, tanhF64x2 } from './simdmath';

/** dst[i] = op(src[i]) for n contiguous doubles. */
function unaryChunk(op: i32, src: usize, dst: usize, n: i32): void {
  const end = src + ((<usize>n) << 3);
  switch (op) {
    case NEG:
      for (; src < end; src += 8, dst += 8) store<f64>(dst, -load<f64>(src));
      return;
    case SQUARE:
      for (; src < end; src += 8, dst += 8) {
        const v = load<f64>(src);
        store<f64>(dst, v * v);
      }
      return;
    case EXP:
      for (; src < end; src += 8, dst += 8) store<f64>(dst, Math.exp(load<f64>(src)));
      return;
    default:
      for (; src < end; src += 8, dst += 8) store<f64>(dst, unaryOp(op, load<f64>(src)));
  }
}

/** Four float32 lanes through a double-precision function, rounded once. */
function viaF64(op: i32, v: v128): v128 {
  let lo = f64x2.promote_low_f32x4(v);
  let hi = f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3));
  if (op == SIGMOID) {
    lo = sigmoidF64x2(lo);
    hi = sigmoidF64x2(hi);
  } else {
    lo = tanhF64x2(lo);
    hi = tanhF64x2(hi);
  }
  return i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/**
 * Contiguous float32 rows: SIMD loops (one per op, so the dispatch stays outside the loop)
 * and a scalar tail. Returns false when op has no SIMD loop.
 */
function unaryF32(op: i32, x: usize, o: usize, n: i32): bool {
  const end = x + ((<usize>(n & ~3)) << 2);
  switch (op) {
    case NEG:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.neg(v128.load(x)));
      break;
    case ABS:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.abs(v128.load(x)));
      break;
    case SQRT:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.sqrt(v128.load(x)));
      break;
    case SQUARE:
      for (; x < end; x += 16, o += 16) {
        const v = v128.load(x);
        v128.store(o, f32x4.mul(v, v));
      }
      break;
    case RECIPROCAL: {
      const one = f32x4.splat(1);
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.div(one, v128.load(x)));
      break;
    }
    case RELU: {
      // max(v, 0) with NaN kept, as Math.max
      const zero = f32x4.splat(0);
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.max(v128.load(x), zero));
      break;
    }
    case EXP:
      for (; x < end; x += 16, o += 16) v128.store(o, expF32x4(v128.load(x)));
      break;
    case FLOOR:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.floor(v128.load(x)));
      break;
    case CEIL:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.ceil(v128.load(x)));
      break;
    case ROUND:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.nearest(v128.load(x)));
      break;
    case TRUNC:
      for (; x < end; x += 16, o += 16) v128.store(o, f32x4.trunc(v128.load(x)));
      break;
    case SIGMOID:
    case TANH:
      for (; x < end; x += 16, o += 16) v128.store(o, viaF64(op, v128.load(x)));
      break;
    default:
      return false;
  }
  for (let i = n & ~3; i < n; i++) {
    store<f32>(o, <f32>unaryOp(op, <f64>load<f32>(x)));
    x += 4;
    o += 4;
  }
  return true;
}

/** int32 squares wrap like int32 arithmetic (other inputs are converted with ToInt32 first). */
function squareInt(xdt: i32, x: usize, xs: i32, o: usize, os: i32, n: i32): void {
  const bx = <usize>(xs << shiftOf(xdt));
  const bo = <usize>(os << 2);
  for (let i = 0; i < n; i++) {
    const v = xdt == I32 ? load<i32>(x) : toInt32(getF64(xdt, x));
    store<i32>(o, v * v);
    x += bx;
    o += bo;
  }
}

/** One row through double chunks. */
function unaryRow(op: i32, xdt: i32, x: usize, xs: i32, odt: i32, o: usize, os: i32, n: i32): void {
  const xstep = <usize>((xs * CHUNK) << shiftOf(xdt));
  const ostep = <usize>((os * CHUNK) << shiftOf(odt));
  for (let i = 0; i < n; i += CHUNK) {
    const m = min(CHUNK, n - i);
    let src = x;
    if (!(xdt == F64 && xs == 1)) {
      loadRow(xdt, x, xs, m, T0);
      src = T0;
    }
    const direct = odt == F64 && os == 1;
    const dst = direct ? o : T1;
    unaryChunk(op, src, dst, m);
    if (!direct) storeRow(T1, m, odt, o, os);
    x += xstep;
    o += ostep;
  }
}

/** out = op(x); DESC holds out's shape and the strides of x (operand 0) and out (operand 1). */
export function unary(op: i32, xdt: i32, xp: usize, odt: i32, op_: usize): void {
  if (collapse(DESC, 2) == 0) return;
  preferLongRows();
  const n = innerLen();
  const xs = innerStride(0);
  const os = innerStride(1);
  const xsh = shiftOf(xdt);
  const osh = shiftOf(odt);
  const f32 = xdt == F32 && odt == F32 && xs == 1 && os == 1;
  const intSquare = op == SQUARE && odt == I32;
  do {
    const x = xp + ((<usize>rowOffset(0)) << xsh);
    const o = op_ + ((<usize>rowOffset(1)) << osh);
    if (intSquare) squareInt(xdt, x, xs, o, os, n);
    else if (!(f32 && unaryF32(op, x, o, n))) unaryRow(op, xdt, x, xs, odt, o, os, n);
  } while (nextRow());
}
