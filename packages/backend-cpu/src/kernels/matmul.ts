import { isFloat, type View } from '@polygrad/core';
import { type Arr, bufferOf, collapse, eachRow, innerLen, innerStride, sizeOfShape } from '../strided.js';
import { fill } from './copy.js';
import { gemm, worthBlocking } from './gemm.js';

/** Strides of one matrix operand: rows (m or k) and columns (k or n). */
interface Mat {
  buf: Arr;
  off: number;
  rs: number;
  cs: number;
}

let accum: Float64Array = new Float64Array(0);

/**
 * Small or thin float products: plain loops that still sum each entry in increasing k (so
 * results match the blocked kernel bit for bit). With row-major B and N ≥ 8 the i-k-j order
 * streams B's rows into a row of running sums; otherwise entries are dot products.
 */
function smallFloat(M: number, N: number, K: number, A: Mat, B: Mat, O: Mat): void {
  const { buf: a, rs: asm, cs: ask } = A;
  const { buf: b, rs: bsk, cs: bsn } = B;
  const { buf: o, rs: osm, cs: osn } = O;
  if (bsn === 1 && N >= 8) {
    if (accum.length < N) accum = new Float64Array(N);
    const acc = accum;
    for (let i = 0; i < M; i++) {
      acc.fill(0, 0, N);
      const ai = A.off + i * asm;
      for (let k = 0; k < K; k++) {
        const aik = a[ai + k * ask];
        const bk = B.off + k * bsk;
        for (let j = 0; j < N; j++) acc[j] += aik * b[bk + j];
      }
      const oi = O.off + i * osm;
      for (let j = 0; j < N; j++) o[oi + j * osn] = acc[j];
    }
    return;
  }
  // four rows at a time: four independent sums hide the latency of each sum's add chain
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const ai = A.off + i * asm;
    for (let j = 0; j < N; j++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0, ak = ai, bk = B.off + j * bsn; k < K; k++, ak += ask, bk += bsk) {
        const bv = b[bk];
        s0 += a[ak] * bv;
        s1 += a[ak + asm] * bv;
        s2 += a[ak + 2 * asm] * bv;
        s3 += a[ak + 3 * asm] * bv;
      }
      const oj = O.off + i * osm + j * osn;
      o[oj] = s0;
      o[oj + osm] = s1;
      o[oj + 2 * osm] = s2;
      o[oj + 3 * osm] = s3;
    }
  }
  for (; i < M; i++) {
    const ai = A.off + i * asm;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, ak = ai, bk = B.off + j * bsn; k < K; k++, ak += ask, bk += bsk) s += a[ak] * b[bk];
      o[O.off + i * osm + j * osn] = s;
    }
  }
}

function blockedFloat(M: number, N: number, K: number, A: Mat, B: Mat, O: Mat): void {
  // float64 with unit column stride accumulates in place; otherwise via a double scratch
  const direct = O.buf instanceof Float64Array && O.cs === 1;
  let C: Arr = O.buf;
  let co = O.off;
  let ldc = O.rs;
  if (direct) {
    for (let i = 0; i < M; i++) C.fill(0, co + i * ldc, co + i * ldc + N);
  } else {
    if (accum.length < M * N) accum = new Float64Array(M * N);
    C = accum;
    co = 0;
    ldc = N;
    C.fill(0, 0, M * N);
  }
  gemm(M, N, K, A.buf, A.off, A.rs, A.cs, B.buf, B.off, B.rs, B.cs, C, co, ldc);
  if (direct) return;
  const o = O.buf;
  for (let i = 0; i < M; i++) {
    const oi = O.off + i * O.rs;
    for (let j = 0; j < N; j++) o[oi + j * O.cs] = C[i * N + j];
  }
}

/** int32 (wrapping like int32 arithmetic) and bool (any a∧b) products. */
function smallInt(M: number, N: number, K: number, A: Mat, B: Mat, O: Mat, bool: boolean): void {
  const { buf: a, rs: asm, cs: ask } = A;
  const { buf: b, rs: bsk, cs: bsn } = B;
  const { buf: o, rs: osm, cs: osn } = O;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, ak = A.off + i * asm, bk = B.off + j * bsn; k < K; k++, ak += ask, bk += bsk) {
        s = (s + Math.imul(a[ak], b[bk])) | 0;
      }
      o[O.off + i * osm + j * osn] = bool ? (s !== 0 ? 1 : 0) : s;
    }
  }
}

/**
 * out[..., m, n] = Σ_k a[..., m, k]·b[..., k, n]. Float products run in doubles (float32
 * results are rounded once at the end); each batch entry is an independent product.
 */
export function matmul(a: View, b: View, out: View): void {
  const r = out.shape.length;
  const M = out.shape[r - 2];
  const N = out.shape[r - 1];
  const K = a.shape[r - 1];
  if (sizeOfShape(out.shape) === 0) return;
  if (K === 0) {
    fill(out, 0);
    return;
  }
  const float = isFloat(out.dtype);
  const bool = out.dtype === 'bool';
  const blocked = float && worthBlocking(M, N, K);
  const A: Mat = { buf: bufferOf(a), off: 0, rs: a.strides[r - 2], cs: a.strides[r - 1] };
  const B: Mat = { buf: bufferOf(b), off: 0, rs: b.strides[r - 2], cs: b.strides[r - 1] };
  const O: Mat = { buf: bufferOf(out), off: 0, rs: out.strides[r - 2], cs: out.strides[r - 1] };
  const one = (ao: number, bo: number, oo: number) => {
    A.off = ao;
    B.off = bo;
    O.off = oo;
    if (blocked) blockedFloat(M, N, K, A, B, O);
    else if (float) smallFloat(M, N, K, A, B, O);
    else smallInt(M, N, K, A, B, O, bool);
  };
  if (r === 2) {
    one(a.offset, b.offset, out.offset);
    return;
  }
  const batch = out.shape.slice(0, r - 2);
  const p = collapse(batch, [
    a.strides.slice(0, r - 2),
    b.strides.slice(0, r - 2),
    out.strides.slice(0, r - 2),
  ]);
  const n = innerLen(p);
  const [sa, sb, so] = [0, 1, 2].map((k) => innerStride(p, k));
  eachRow(p, [a.offset, b.offset, out.offset], (o) => {
    for (let i = 0; i < n; i++) one(o[0] + i * sa, o[1] + i * sb, o[2] + i * so);
  });
}
