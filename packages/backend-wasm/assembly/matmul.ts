// Batched matmul: walks the (broadcast) batch dimensions and runs one product per entry.

import { BOOL, F32, F64, shiftOf } from './convert';
import { gemm, gemmInt, gemmRank1 } from './gemm';
import {
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
  rowOffset,
  setDesc,
  setDescDim,
  setDescOffset,
  setDescStride,
} from './plan';

/** One product: the sub-problem of a batch entry that part `part` of `parts` computes. */
function product(
  dt: i32,
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  crs: i32,
  ccs: i32,
  part: i32,
  parts: i32,
): void {
  if (parts > 1) {
    // split the longer side of C in multiples of a micro-tile (16 columns or 2 rows)
    const sz = 1 << shiftOf(dt);
    if (N >= M) {
      const units = (N + 15) >> 4;
      const j0 = min(N, ((units * part) / parts) << 4);
      const j1 = min(N, ((units * (part + 1)) / parts) << 4);
      if (j1 <= j0) return;
      b += <usize>(j0 * bcs * sz);
      c += <usize>(j0 * ccs * sz);
      N = j1 - j0;
    } else {
      const units = (M + 1) >> 1;
      const i0 = min(M, ((units * part) / parts) << 1);
      const i1 = min(M, ((units * (part + 1)) / parts) << 1);
      if (i1 <= i0) return;
      a += <usize>(i0 * ars * sz);
      c += <usize>(i0 * crs * sz);
      M = i1 - i0;
    }
  }
  const rank1 = acs == 0 || brs == 0;
  if (dt == F32 && rank1) gemmRank1<f32>(M, N, K, a, ars, acs, b, brs, bcs, c, crs);
  else if (dt == F64 && rank1) gemmRank1<f64>(M, N, K, a, ars, acs, b, brs, bcs, c, crs);
  else if (dt == F32) gemm<f32>(M, N, K, a, ars, acs, b, brs, bcs, c, crs);
  else if (dt == F64) gemm<f64>(M, N, K, a, ars, acs, b, brs, bcs, c, crs);
  else gemmInt(dt == BOOL, M, N, K, a, ars, acs, b, brs, bcs, c, crs, ccs);
}

/**
 * out[..., m, n] = Σ_k a[..., m, k]·b[..., k, n]. DESC: out's shape [..., M, N] and the
 * strides of a, b and out (a's last dimension has length K). out has a unit column stride
 * for float dtypes. K > 0. With parts > 1 this call computes only its share (part) of
 * every product, so several threads can run it on one descriptor.
 */
export function matmul(dt: i32, ap: usize, bp: usize, outp: usize, K: i32, part: i32, parts: i32): void {
  const r = descRank(DESC);
  const M = descDim(DESC, r - 2);
  const N = descDim(DESC, r - 1);
  const ars = descStride(DESC, 0, r - 2);
  const acs = descStride(DESC, 0, r - 1);
  const brs = descStride(DESC, 1, r - 2);
  const bcs = descStride(DESC, 1, r - 1);
  const crs = descStride(DESC, 2, r - 2);
  const ccs = descStride(DESC, 2, r - 1);
  setDesc(DESC2, r - 2);
  for (let d = 0; d < r - 2; d++) setDescDim(DESC2, d, descDim(DESC, d));
  for (let k = 0; k < 3; k++) {
    setDescOffset(DESC2, k, descOffset(DESC, k));
    for (let d = 0; d < r - 2; d++) setDescStride(DESC2, k, d, descStride(DESC, k, d));
  }
  if (collapse(DESC2, 3) == 0) return;
  const n = innerLen();
  const sa = innerStride(0);
  const sb = innerStride(1);
  const so = innerStride(2);
  const sh = shiftOf(dt);
  do {
    let ao = rowOffset(0);
    let bo = rowOffset(1);
    let oo = rowOffset(2);
    for (let i = 0; i < n; i++) {
      const a = ap + ((<usize>ao) << sh);
      const b = bp + ((<usize>bo) << sh);
      const c = outp + ((<usize>oo) << sh);
      product(dt, M, N, K, a, ars, acs, b, brs, bcs, c, crs, ccs, part, parts);
      ao += sa;
      bo += sb;
      oo += so;
    }
  } while (nextRow());
}
