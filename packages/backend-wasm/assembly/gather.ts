// gather and scatterAdd. The descriptor walks three operands: the dense side, the int32
// index, and the indexed side with its stride along the axis set to 0 (the index supplies
// that coordinate, times `step`). Indices are validated first, so a bad one changes nothing.

import { BOOL, getF64, setF64, shiftOf } from './convert';
import { collapse, DESC, ERR, innerLen, innerStride, nextRow, rowOffset } from './plan';

/** Returns 1 and stores the first index outside [0, size) at ERR, or returns 0. */
function check(idxp: usize, size: i32): i32 {
  if (collapse(DESC, 3) == 0) return 0;
  const n = innerLen();
  const is = <usize>(innerStride(1) << 2);
  do {
    let p = idxp + ((<usize>rowOffset(1)) << 2);
    for (let i = 0; i < n; i++) {
      const j = load<i32>(p);
      if (j < 0 || j >= size) {
        store<i32>(ERR, j);
        return 1;
      }
      p += is;
    }
  } while (nextRow());
  return 0;
}

/** out[..i, j, k..] = x[..i, index[..i, j, k..], k..]. DESC: out's shape; operands out, index, x. */
export function gather(xdt: i32, xp: usize, idxp: usize, odt: i32, outp: usize, step: i32, size: i32): i32 {
  if (check(idxp, size)) return 1;
  if (collapse(DESC, 3) == 0) return 0;
  const n = innerLen();
  const os = innerStride(0);
  const is = innerStride(1);
  const xs = innerStride(2);
  const xsh = shiftOf(xdt);
  const osh = shiftOf(odt);
  const same = xdt == odt;
  do {
    let o = outp + ((<usize>rowOffset(0)) << osh);
    let ip = idxp + ((<usize>rowOffset(1)) << 2);
    let xo = rowOffset(2);
    for (let i = 0; i < n; i++) {
      const src = xp + ((<usize>(xo + load<i32>(ip) * step)) << xsh);
      if (!same) setF64(odt, o, getF64(xdt, src));
      else if (osh == 2) store<u32>(o, load<u32>(src));
      else if (osh == 3) store<u64>(o, load<u64>(src));
      else store<u8>(o, load<u8>(src));
      o += <usize>(os << osh);
      ip += <usize>(is << 2);
      xo += xs;
    }
  } while (nextRow());
  return 0;
}

/**
 * In place: out[..i, index[..i, j, k..], k..] += src[..i, j, k..]; repeated indices add up
 * in order; a bool out takes logical or. DESC: src's shape; operands src, index, out.
 */
export function scatterAdd(
  odt: i32,
  outp: usize,
  idxp: usize,
  sdt: i32,
  sp: usize,
  step: i32,
  size: i32,
): i32 {
  if (check(idxp, size)) return 1;
  if (collapse(DESC, 3) == 0) return 0;
  const n = innerLen();
  const ss = innerStride(0);
  const is = innerStride(1);
  const os = innerStride(2);
  const ssh = shiftOf(sdt);
  const osh = shiftOf(odt);
  do {
    let s = sp + ((<usize>rowOffset(0)) << ssh);
    let ip = idxp + ((<usize>rowOffset(1)) << 2);
    let oo = rowOffset(2);
    for (let i = 0; i < n; i++) {
      const dst = outp + ((<usize>(oo + load<i32>(ip) * step)) << osh);
      const v = getF64(sdt, s);
      if (odt == BOOL) {
        if (v != 0) store<u8>(dst, 1);
      } else {
        setF64(odt, dst, getF64(odt, dst) + v);
      }
      s += <usize>(ss << ssh);
      ip += <usize>(is << 2);
      oo += os;
    }
  } while (nextRow());
  return 0;
}
