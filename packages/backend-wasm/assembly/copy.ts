// copy (with dtype conversion, into strided windows) and fill.

import { copyRowRaw, F32, F64, I32, loadRow, shiftOf, storeRow, toInt32 } from './convert';
import {
  CHUNK,
  collapse,
  DESC,
  innerLen,
  innerStride,
  nextRow,
  planRank,
  planShape,
  planStride,
  preferLongRows,
  rowOffset,
  T0,
} from './plan';

/** Rows shorter than this go through a tiled transpose when the strides call for it. */
const TILE: i32 = 16;

/**
 * A 2-D float32/int32 copy whose source walks its inner row with a large stride while the
 * destination is contiguous (a transposed view made contiguous): copied in TILE×TILE tiles
 * so both sides stay in cache.
 */
function transpose32(x: usize, xr: i32, xc: i32, o: usize, or: i32, rows: i32, cols: i32): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = min(rows, i0 + TILE);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = min(cols, j0 + TILE);
      for (let j = j0; j < j1; j++) {
        let xp = x + ((<usize>(i0 * xr + j * xc)) << 2);
        let op = o + ((<usize>(i0 * or + j)) << 2);
        const bx = <usize>(xr << 2);
        const bo = <usize>(or << 2);
        for (let i = i0; i < i1; i++) {
          store<u32>(op, load<u32>(xp));
          xp += bx;
          op += bo;
        }
      }
    }
  }
}

/** DESC: out's shape; operands x, out. */
export function copy(xdt: i32, xp: usize, odt: i32, outp: usize): void {
  if (collapse(DESC, 2) == 0) return;
  const xsh = shiftOf(xdt);
  const osh = shiftOf(odt);
  const same = xdt == odt;
  if (
    same &&
    xsh == 2 &&
    planRank() == 2 &&
    planStride(1, 1) == 1 &&
    planStride(0, 1) != 1 &&
    planStride(0, 0) == 1
  ) {
    // out[i, j] = x[j·xs1 + i]: walk both in tiles
    transpose32(
      xp + ((<usize>rowOffset(0)) << 2),
      planStride(0, 0),
      planStride(0, 1),
      outp + ((<usize>rowOffset(1)) << 2),
      planStride(1, 0),
      planShape(0),
      planShape(1),
    );
    return;
  }
  preferLongRows();
  const n = innerLen();
  const xs = innerStride(0);
  const os = innerStride(1);
  const xstep = <usize>((xs * CHUNK) << xsh);
  const ostep = <usize>((os * CHUNK) << osh);
  do {
    let x = xp + ((<usize>rowOffset(0)) << xsh);
    let o = outp + ((<usize>rowOffset(1)) << osh);
    if (same) {
      copyRowRaw(xsh, x, xs, o, os, n);
      continue;
    }
    for (let i = 0; i < n; i += CHUNK) {
      const m = min(CHUNK, n - i);
      loadRow(xdt, x, xs, m, T0);
      storeRow(T0, m, odt, o, os);
      x += xstep;
      o += ostep;
    }
  } while (nextRow());
}

function fillRow32(o: usize, os: i32, n: i32, bits: u32): void {
  let i = 0;
  if (os == 1) {
    const v = i32x4.splat(<i32>bits);
    for (; i + 4 <= n; i += 4) {
      v128.store(o, v);
      o += 16;
    }
  }
  const bo = <usize>(os << 2);
  for (; i < n; i++) {
    store<u32>(o, bits);
    o += bo;
  }
}

/** DESC: out's shape; operand out. Sets every element to value (converted to out's dtype). */
export function fill(odt: i32, outp: usize, value: f64): void {
  if (collapse(DESC, 1) == 0) return;
  preferLongRows();
  const n = innerLen();
  const os = innerStride(0);
  const osh = shiftOf(odt);
  do {
    const o = outp + ((<usize>rowOffset(0)) << osh);
    if (odt == F32) fillRow32(o, os, n, reinterpret<u32>(<f32>value));
    else if (odt == I32) fillRow32(o, os, n, <u32>toInt32(value));
    else if (odt == F64) {
      const bo = <usize>(os << 3);
      let p = o;
      for (let i = 0; i < n; i++) {
        store<f64>(p, value);
        p += bo;
      }
    } else {
      const b: u8 = value != 0 ? 1 : 0;
      if (os == 1) memory.fill(o, b, <usize>n);
      else for (let i = 0; i < n; i++) store<u8>(o + <usize>(i * os), b);
    }
  } while (nextRow());
}
