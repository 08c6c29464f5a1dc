// Reductions. x is walked in its own memory order and every element is folded into an
// accumulator laid out like out, which x's walk sees with stride 0 along the reduced axes:
// reducing an inner axis is a scalar loop, reducing an outer axis a vector loop over rows
// of the accumulator, and both stream through x once. Each output's elements are visited
// in increasing index order, so arg* find the first occurrence. Accumulators are doubles
// (int32 for integer products, which wrap).

import { F32, F64, I32, loadRow, shiftOf, storeRow } from './convert';
import {
  CHUNK,
  collapse,
  DESC,
  DESC2,
  descDim,
  descOffset,
  descRank,
  descStride,
  innerLen,
  innerStride,
  nextRow,
  planRank,
  planStride,
  preferLongRows,
  rowOffset,
  setDesc,
  setDescDim,
  setDescOffset,
  setDescStride,
  T0,
} from './plan';

export const SUM: i32 = 0;
export const PROD: i32 = 1;
export const MAX: i32 = 2;
export const MIN: i32 = 3;
export const ARGMAX: i32 = 4;
export const ARGMIN: i32 = 5;

/** Folds n doubles at v into acc (stride as, in elements); arg* also track index r (stride rs). */
function foldChunk(op: i32, v: usize, n: i32, acc: usize, as: i32, idx: usize, r: i32, rs: i32): void {
  const end = v + ((<usize>n) << 3);
  const ba = <usize>(as << 3);
  if (op == SUM) {
    if (as == 0) {
      let s = load<f64>(acc);
      for (; v < end; v += 8) s += load<f64>(v);
      store<f64>(acc, s);
    } else {
      for (; v < end; v += 8, acc += ba) store<f64>(acc, load<f64>(acc) + load<f64>(v));
    }
  } else if (op == PROD) {
    for (; v < end; v += 8, acc += ba) store<f64>(acc, load<f64>(acc) * load<f64>(v));
  } else if (op == MAX) {
    // once the running value is NaN nothing replaces it
    for (; v < end; v += 8, acc += ba) {
      const x = load<f64>(v);
      if (x > load<f64>(acc) || isNaN(x)) store<f64>(acc, x);
    }
  } else if (op == MIN) {
    for (; v < end; v += 8, acc += ba) {
      const x = load<f64>(v);
      if (x < load<f64>(acc) || isNaN(x)) store<f64>(acc, x);
    }
  } else {
    // replace when strictly better or the first NaN; a NaN best is never replaced
    const bi = <usize>(as << 2);
    const max = op == ARGMAX;
    for (; v < end; v += 8, acc += ba, idx += bi, r += rs) {
      const x = load<f64>(v);
      const b = load<f64>(acc);
      if ((max ? !(x <= b) : !(x >= b)) && !isNaN(b)) {
        store<f64>(acc, x);
        store<i32>(idx, r);
      }
    }
  }
}

function prodInt(x: usize, xs: i32, n: i32, acc: usize, as: i32, xdt: i32): void {
  const bx = <usize>(xs << shiftOf(xdt));
  const ba = <usize>(as << 2);
  for (let i = 0; i < n; i++) {
    const v = xdt == I32 ? load<i32>(x) : <i32>load<u8>(x);
    store<i32>(acc, load<i32>(acc) * v);
    x += bx;
    acc += ba;
  }
}

/** Sum of n contiguous floats into one double accumulator, four lanes at a time. */
function sumF32(x: usize, n: i32, acc: usize): void {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3)));
    x += 16;
  }
  const s = f64x2.add(s0, s1);
  let t = load<f64>(acc) + (f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1));
  for (; i < n; i++) {
    t += <f64>load<f32>(x);
    x += 4;
  }
  store<f64>(acc, t);
}

/** acc[i] += x[i] for n contiguous floats into contiguous doubles. */
function addRowF32(x: usize, n: i32, acc: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x);
    v128.store(acc, f64x2.add(v128.load(acc), f64x2.promote_low_f32x4(v)));
    v128.store(
      acc,
      f64x2.add(v128.load(acc, 16), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3))),
      16,
    );
    x += 16;
    acc += 32;
  }
  for (; i < n; i++) {
    store<f64>(acc, load<f64>(acc) + <f64>load<f32>(x));
    x += 4;
    acc += 8;
  }
}

function pick(max: bool, m: f64, z: f64): f64 {
  return (max ? z > m : z < m) || isNaN(z) ? z : m;
}

/** max/min of n contiguous floats folded into one double accumulator (NaN wins). */
function extremeF32(max: bool, x: usize, n: i32, acc: usize): void {
  let m = load<f64>(acc);
  let i = 0;
  if (n >= 8) {
    let v = v128.load(x);
    for (i = 4; i + 4 <= n; i += 4) {
      const w = v128.load(x + ((<usize>i) << 2));
      const better = max ? f32x4.gt(w, v) : f32x4.lt(w, v);
      v = v128.bitselect(w, v, v128.or(better, f32x4.ne(w, w)));
    }
    m = pick(max, m, <f64>f32x4.extract_lane(v, 0));
    m = pick(max, m, <f64>f32x4.extract_lane(v, 1));
    m = pick(max, m, <f64>f32x4.extract_lane(v, 2));
    m = pick(max, m, <f64>f32x4.extract_lane(v, 3));
  }
  for (; i < n; i++) {
    m = pick(max, m, <f64>load<f32>(x + ((<usize>i) << 2)));
  }
  store<f64>(acc, m);
}

/**
 * DESC: x's shape, operand x, then one word per dimension (1 = reduced). acc has room for
 * out's elements (doubles, or int32 for integer products), idx for int32 indices (arg*).
 * The caller has handled empty shapes and empty axes.
 */
export function reduce(op: i32, xdt: i32, xp: usize, odt: i32, outp: usize, acc: usize, idx: usize): void {
  const r = descRank(DESC);
  const maskP = DESC + <usize>((2 + 2 * r) << 2);
  const isArg = op == ARGMAX || op == ARGMIN;
  const intProd = op == PROD && odt == I32;
  setDesc(DESC2, r);
  let keep = 1;
  let red = 1;
  for (let d = r - 1; d >= 0; d--) {
    const n = descDim(DESC, d);
    setDescDim(DESC2, d, n);
  }
  setDescOffset(DESC2, 0, descOffset(DESC, 0));
  setDescOffset(DESC2, 1, 0);
  setDescOffset(DESC2, 2, 0);
  for (let d = r - 1; d >= 0; d--) {
    const n = descDim(DESC, d);
    const reduced = load<i32>(maskP + <usize>(d << 2)) != 0;
    setDescStride(DESC2, 0, d, descStride(DESC, 0, d));
    setDescStride(DESC2, 1, d, reduced ? 0 : keep);
    setDescStride(DESC2, 2, d, reduced ? red : 0);
    if (reduced) red *= n;
    else keep *= n;
  }
  const outSize = keep;
  const init: f64 = op == SUM ? 0 : op == PROD ? 1 : op == MAX || op == ARGMAX ? -Infinity : Infinity;
  for (let i = 0; i < outSize; i++) {
    if (intProd) store<i32>(acc + ((<usize>i) << 2), 1);
    else store<f64>(acc + ((<usize>i) << 3), init);
    if (isArg) store<i32>(idx + ((<usize>i) << 2), 0);
  }

  collapse(DESC2, isArg ? 3 : 2);
  const pr = planRank();
  if (pr >= 2 && (planStride(1, pr - 1) != 0 || planStride(1, pr - 2) != 0)) preferLongRows();
  const n = innerLen();
  const xs = innerStride(0);
  const as = innerStride(1);
  const rs = isArg ? innerStride(2) : 0;
  const xsh = shiftOf(xdt);
  const ash = intProd ? 2 : 3;
  const xstep = <usize>((xs * CHUNK) << xsh);
  const fastF32 =
    xdt == F32 && xs == 1 && ((op == SUM && (as == 0 || as == 1)) || ((op == MAX || op == MIN) && as == 0));
  do {
    let x = xp + ((<usize>rowOffset(0)) << xsh);
    const a = acc + ((<usize>rowOffset(1)) << ash);
    const i0 = isArg ? rowOffset(2) : 0;
    if (intProd) {
      prodInt(x, xs, n, a, as, xdt);
      continue;
    }
    if (fastF32) {
      if (op != SUM) extremeF32(op == MAX, x, n, a);
      else if (as == 0) sumF32(x, n, a);
      else addRowF32(x, n, a);
      continue;
    }
    const ix = idx + ((<usize>rowOffset(1)) << 2);
    for (let i = 0; i < n; i += CHUNK) {
      const m = min(CHUNK, n - i);
      let v = x;
      if (!(xdt == F64 && xs == 1)) {
        loadRow(xdt, x, xs, m, T0);
        v = T0;
      }
      foldChunk(op, v, m, a + ((<usize>(i * as)) << 3), as, ix + ((<usize>(i * as)) << 2), i0 + i * rs, rs);
      x += xstep;
    }
  } while (nextRow());

  if (isArg) memory.copy(outp, idx, (<usize>outSize) << 2);
  else if (intProd) memory.copy(outp, acc, (<usize>outSize) << 2);
  else storeRow(acc, outSize, odt, outp, 1);
}
