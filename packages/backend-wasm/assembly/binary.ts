// out = op(a, b) and out = cond ? a : b over strided views (broadcasting through zero
// strides). float32 rows whose operands are contiguous or scalar take SIMD loops.

import { BOOL, F32, F64, getF64, I32, loadRow, shiftOf, storeRow, toInt32 } from './convert';
import { ADD, binaryOp, DIV, EQ, GE, GT, LE, LT, MAXIMUM, MINIMUM, MUL, NE, SUB } from './math';
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
  T2,
  T3,
} from './plan';

/** dst[i] = op(a[i], b[i]) for n contiguous doubles. */
function binaryChunk(op: i32, a: usize, b: usize, dst: usize, n: i32): void {
  const end = a + ((<usize>n) << 3);
  switch (op) {
    case ADD:
      for (; a < end; a += 8, b += 8, dst += 8) store<f64>(dst, load<f64>(a) + load<f64>(b));
      return;
    case SUB:
      for (; a < end; a += 8, b += 8, dst += 8) store<f64>(dst, load<f64>(a) - load<f64>(b));
      return;
    case MUL:
      for (; a < end; a += 8, b += 8, dst += 8) store<f64>(dst, load<f64>(a) * load<f64>(b));
      return;
    case DIV:
      for (; a < end; a += 8, b += 8, dst += 8) store<f64>(dst, load<f64>(a) / load<f64>(b));
      return;
    default:
      for (; a < end; a += 8, b += 8, dst += 8) store<f64>(dst, binaryOp(op, load<f64>(a), load<f64>(b)));
  }
}

// float32 SIMD loops are generic over an operation class, so each op gets its own loop
// with the operation inlined (a switch inside the loop costs more than the arithmetic).
// v: four lanes; s: one element (same result as the double-precision rule, rounded).

class AddF {
  v(a: v128, b: v128): v128 {
    return f32x4.add(a, b);
  }
  s(a: f32, b: f32): f32 {
    return a + b;
  }
}
class SubF {
  v(a: v128, b: v128): v128 {
    return f32x4.sub(a, b);
  }
  s(a: f32, b: f32): f32 {
    return a - b;
  }
}
class MulF {
  v(a: v128, b: v128): v128 {
    return f32x4.mul(a, b);
  }
  s(a: f32, b: f32): f32 {
    return a * b;
  }
}
class DivF {
  v(a: v128, b: v128): v128 {
    return f32x4.div(a, b);
  }
  s(a: f32, b: f32): f32 {
    return a / b;
  }
}
/** a > b or a is NaN ? a : b, as the scalar rule (which also fixes the sign of zero ties). */
class MaxF {
  v(a: v128, b: v128): v128 {
    return v128.bitselect(a, b, v128.or(f32x4.gt(a, b), f32x4.ne(a, a)));
  }
  s(a: f32, b: f32): f32 {
    return a > b || isNaN(a) ? a : b;
  }
}
class MinF {
  v(a: v128, b: v128): v128 {
    return v128.bitselect(a, b, v128.or(f32x4.lt(a, b), f32x4.ne(a, a)));
  }
  s(a: f32, b: f32): f32 {
    return a < b || isNaN(a) ? a : b;
  }
}
const ADD_F = new AddF();
const SUB_F = new SubF();
const MUL_F = new MulF();
const DIV_F = new DivF();
const MAX_F = new MaxF();
const MIN_F = new MinF();

/** o = a ∘ b for n floats; as/bs are 1 (contiguous) or 0 (one value broadcast), not both 0. */
function loopF32<O>(f: O, a: usize, as: i32, b: usize, bs: i32, o: usize, n: i32): void {
  const end = o + ((<usize>(n & ~7)) << 2);
  if (as == 1 && bs == 1) {
    for (; o < end; a += 32, b += 32, o += 32) {
      v128.store(o, f.v(v128.load(a), v128.load(b)));
      v128.store(o, f.v(v128.load(a, 16), v128.load(b, 16)), 16);
    }
  } else if (bs == 0) {
    const bv = v128.load32_splat(b);
    for (; o < end; a += 32, o += 32) {
      v128.store(o, f.v(v128.load(a), bv));
      v128.store(o, f.v(v128.load(a, 16), bv), 16);
    }
  } else {
    const av = v128.load32_splat(a);
    for (; o < end; b += 32, o += 32) {
      v128.store(o, f.v(av, v128.load(b)));
      v128.store(o, f.v(av, v128.load(b, 16)), 16);
    }
  }
  const ba = <usize>(as << 2);
  const bb = <usize>(bs << 2);
  for (let i = n & ~7; i < n; i++, a += ba, b += bb, o += 4) store<f32>(o, f.s(load<f32>(a), load<f32>(b)));
}

class EqF {
  v(a: v128, b: v128): v128 {
    return f32x4.eq(a, b);
  }
  s(a: f32, b: f32): bool {
    return a == b;
  }
}
class NeF {
  v(a: v128, b: v128): v128 {
    return f32x4.ne(a, b);
  }
  s(a: f32, b: f32): bool {
    return a != b;
  }
}
class LtF {
  v(a: v128, b: v128): v128 {
    return f32x4.lt(a, b);
  }
  s(a: f32, b: f32): bool {
    return a < b;
  }
}
class LeF {
  v(a: v128, b: v128): v128 {
    return f32x4.le(a, b);
  }
  s(a: f32, b: f32): bool {
    return a <= b;
  }
}
class GtF {
  v(a: v128, b: v128): v128 {
    return f32x4.gt(a, b);
  }
  s(a: f32, b: f32): bool {
    return a > b;
  }
}
class GeF {
  v(a: v128, b: v128): v128 {
    return f32x4.ge(a, b);
  }
  s(a: f32, b: f32): bool {
    return a >= b;
  }
}
const EQ_F = new EqF();
const NE_F = new NeF();
const LT_F = new LtF();
const LE_F = new LeF();
const GT_F = new GtF();
const GE_F = new GeF();

/** Loads 4 floats at p, or splats the one at p when the stride is 0. */
function load4(p: usize, s: i32): v128 {
  return s == 0 ? v128.load32_splat(p) : v128.load(p);
}

/** Comparison of float32 rows (unit or zero strides) into a contiguous bool row, 16 at a time. */
function cmpF32<O>(f: O, a: usize, as: i32, b: usize, bs: i32, o: usize, n: i32): void {
  const sa = <usize>(as << 4);
  const sb = <usize>(bs << 4);
  const one = i8x16.splat(1);
  const end = o + <usize>(n & ~15);
  for (; o < end; o += 16) {
    const m0 = f.v(load4(a, as), load4(b, bs));
    const m1 = f.v(load4(a + sa, as), load4(b + sb, bs));
    const m2 = f.v(load4(a + 2 * sa, as), load4(b + 2 * sb, bs));
    const m3 = f.v(load4(a + 3 * sa, as), load4(b + 3 * sb, bs));
    const w = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(o, v128.and(w, one));
    a += 4 * sa;
    b += 4 * sb;
  }
  const ba = <usize>(as << 2);
  const bb = <usize>(bs << 2);
  for (let i = n & ~15; i < n; i++, a += ba, b += bb, o += 1)
    store<u8>(o, f.s(load<f32>(a), load<f32>(b)) ? 1 : 0);
}

/** float32 rows with unit or zero strides into a contiguous float32 (or bool for comparisons) out. */
function binaryF32(op: i32, a: usize, as: i32, b: usize, bs: i32, o: usize, n: i32): void {
  switch (op) {
    case ADD:
      loopF32<AddF>(ADD_F, a, as, b, bs, o, n);
      break;
    case SUB:
      loopF32<SubF>(SUB_F, a, as, b, bs, o, n);
      break;
    case MUL:
      loopF32<MulF>(MUL_F, a, as, b, bs, o, n);
      break;
    case DIV:
      loopF32<DivF>(DIV_F, a, as, b, bs, o, n);
      break;
    case MAXIMUM:
      loopF32<MaxF>(MAX_F, a, as, b, bs, o, n);
      break;
    case MINIMUM:
      loopF32<MinF>(MIN_F, a, as, b, bs, o, n);
      break;
    case EQ:
      cmpF32<EqF>(EQ_F, a, as, b, bs, o, n);
      break;
    case NE:
      cmpF32<NeF>(NE_F, a, as, b, bs, o, n);
      break;
    case LT:
      cmpF32<LtF>(LT_F, a, as, b, bs, o, n);
      break;
    case LE:
      cmpF32<LeF>(LE_F, a, as, b, bs, o, n);
      break;
    case GT:
      cmpF32<GtF>(GT_F, a, as, b, bs, o, n);
      break;
    default:
      cmpF32<GeF>(GE_F, a, as, b, bs, o, n);
  }
}

/** int32 products wrap like int32 arithmetic (other inputs are converted with ToInt32 first). */
function mulInt(adt: i32, a: usize, as: i32, bdt: i32, b: usize, bs: i32, o: usize, os: i32, n: i32): void {
  const ba = <usize>(as << shiftOf(adt));
  const bb = <usize>(bs << shiftOf(bdt));
  const bo = <usize>(os << 2);
  for (let i = 0; i < n; i++) {
    const x = adt == I32 ? load<i32>(a) : toInt32(getF64(adt, a));
    const y = bdt == I32 ? load<i32>(b) : toInt32(getF64(bdt, b));
    store<i32>(o, x * y);
    a += ba;
    b += bb;
    o += bo;
  }
}

function binaryRow(
  op: i32,
  adt: i32,
  a: usize,
  as: i32,
  bdt: i32,
  b: usize,
  bs: i32,
  odt: i32,
  o: usize,
  os: i32,
  n: i32,
): void {
  const astep = <usize>((as * CHUNK) << shiftOf(adt));
  const bstep = <usize>((bs * CHUNK) << shiftOf(bdt));
  const ostep = <usize>((os * CHUNK) << shiftOf(odt));
  for (let i = 0; i < n; i += CHUNK) {
    const m = min(CHUNK, n - i);
    let pa = a;
    if (!(adt == F64 && as == 1)) {
      loadRow(adt, a, as, m, T0);
      pa = T0;
    }
    let pb = b;
    if (!(bdt == F64 && bs == 1)) {
      loadRow(bdt, b, bs, m, T1);
      pb = T1;
    }
    const direct = odt == F64 && os == 1;
    const dst = direct ? o : T2;
    binaryChunk(op, pa, pb, dst, m);
    if (!direct) storeRow(T2, m, odt, o, os);
    a += astep;
    b += bstep;
    o += ostep;
  }
}

function unitOrZero(s: i32): bool {
  return s == 0 || s == 1;
}

/** DESC: out's shape; operands a, b, out. */
export function binary(op: i32, adt: i32, ap: usize, bdt: i32, bp: usize, odt: i32, outp: usize): void {
  if (collapse(DESC, 3) == 0) return;
  preferLongRows();
  const n = innerLen();
  const as = innerStride(0);
  const bs = innerStride(1);
  const os = innerStride(2);
  const ash = shiftOf(adt);
  const bsh = shiftOf(bdt);
  const osh = shiftOf(odt);
  const cmp = op >= EQ && op <= GE && odt == BOOL;
  const f32 =
    adt == F32 &&
    bdt == F32 &&
    (odt == F32 ? op <= DIV || op == MAXIMUM || op == MINIMUM : cmp) &&
    unitOrZero(as) &&
    unitOrZero(bs) &&
    as + bs > 0 &&
    os == 1;
  const intMul = op == MUL && odt == I32;
  do {
    const a = ap + ((<usize>rowOffset(0)) << ash);
    const b = bp + ((<usize>rowOffset(1)) << bsh);
    const o = outp + ((<usize>rowOffset(2)) << osh);
    if (f32) binaryF32(op, a, as, b, bs, o, n);
    else if (intMul) mulInt(adt, a, as, bdt, b, bs, o, os, n);
    else binaryRow(op, adt, a, as, bdt, b, bs, odt, o, os, n);
  } while (nextRow());
}

function whereChunk(c: usize, a: usize, b: usize, dst: usize, n: i32): void {
  const end = c + ((<usize>n) << 3);
  for (; c < end; c += 8, a += 8, b += 8, dst += 8) {
    store<f64>(dst, load<f64>(c) != 0 ? load<f64>(a) : load<f64>(b));
  }
}

/** float32 a/b (unit or zero strides), bool cond (unit or zero stride), contiguous float32 out. */
function whereF32(c: usize, cs: i32, a: usize, as: i32, b: usize, bs: i32, o: usize, n: i32): void {
  const zero = i32x4.splat(0);
  const sa = <usize>(as << 4);
  const sb = <usize>(bs << 4);
  const sc = <usize>(cs << 2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const cv =
      cs == 0
        ? i32x4.splat(<i32>load<u8>(c))
        : i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(c)));
    const m = i32x4.ne(cv, zero);
    v128.store(o, v128.bitselect(load4(a, as), load4(b, bs), m));
    a += sa;
    b += sb;
    c += sc;
    o += 16;
  }
  for (; i < n; i++) {
    store<f32>(o, load<u8>(c) != 0 ? load<f32>(a) : load<f32>(b));
    a += <usize>(as << 2);
    b += <usize>(bs << 2);
    c += <usize>cs;
    o += 4;
  }
}

/** DESC: out's shape; operands cond, a, b, out. cond is read as a number (nonzero is true). */
export function where(
  cdt: i32,
  cp: usize,
  adt: i32,
  ap: usize,
  bdt: i32,
  bp: usize,
  odt: i32,
  outp: usize,
): void {
  if (collapse(DESC, 4) == 0) return;
  preferLongRows();
  const n = innerLen();
  const cs = innerStride(0);
  const as = innerStride(1);
  const bs = innerStride(2);
  const os = innerStride(3);
  const csh = shiftOf(cdt);
  const ash = shiftOf(adt);
  const bsh = shiftOf(bdt);
  const osh = shiftOf(odt);
  const f32 =
    cdt == BOOL &&
    adt == F32 &&
    bdt == F32 &&
    odt == F32 &&
    unitOrZero(cs) &&
    unitOrZero(as) &&
    unitOrZero(bs) &&
    os == 1;
  const cstep = <usize>((cs * CHUNK) << csh);
  const astep = <usize>((as * CHUNK) << ash);
  const bstep = <usize>((bs * CHUNK) << bsh);
  const ostep = <usize>((os * CHUNK) << osh);
  do {
    let c = cp + ((<usize>rowOffset(0)) << csh);
    let a = ap + ((<usize>rowOffset(1)) << ash);
    let b = bp + ((<usize>rowOffset(2)) << bsh);
    let o = outp + ((<usize>rowOffset(3)) << osh);
    if (f32) {
      whereF32(c, cs, a, as, b, bs, o, n);
      continue;
    }
    for (let i = 0; i < n; i += CHUNK) {
      const m = min(CHUNK, n - i);
      loadRow(cdt, c, cs, m, T0);
      loadRow(adt, a, as, m, T1);
      loadRow(bdt, b, bs, m, T2);
      whereChunk(T0, T1, T2, T3, m);
      storeRow(T3, m, odt, o, os);
      c += cstep;
      a += astep;
      b += bstep;
      o += ostep;
    }
  } while (nextRow());
}
