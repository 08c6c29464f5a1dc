import type { Arr } from '../strided.js';

/*
 * Cache-blocked C += A·B for one matrix in doubles, in the GotoBLAS arrangement: a KC×NC
 * panel of B and an MC×KC block of A are packed into contiguous scratch (so any operand
 * layout — row-major, transposed, or general strides — runs the same inner loop), and a
 * 4×4 register-blocked micro-kernel sweeps them. Each C entry accumulates its products in
 * increasing k, so the result is bit-identical to the naive `s += a·b` loop.
 */

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 512;

let packedA: Float64Array = new Float64Array(0);
let packedB: Float64Array = new Float64Array(0);
const edge = new Float64Array(MR * NR);

function grow(buf: Float64Array, size: number): Float64Array {
  return buf.length >= size ? buf : new Float64Array(size);
}

/** A[i0.., k0..] into MR-row panels: panel p holds rows p·MR.. as Ap[p·MR·kc + k·MR + r]; rows ≥ M are zero. */
function packA(
  a: Arr,
  ao: number,
  sm: number,
  sk: number,
  i0: number,
  mc: number,
  k0: number,
  kc: number,
  M: number,
  Ap: Float64Array,
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    for (let r = 0; r < MR; r++) {
      const i = i0 + ir + r;
      let dst = ir * kc + r;
      if (i < M) {
        let src = ao + i * sm + k0 * sk;
        for (let k = 0; k < kc; k++, dst += MR, src += sk) Ap[dst] = a[src];
      } else {
        for (let k = 0; k < kc; k++, dst += MR) Ap[dst] = 0;
      }
    }
  }
}

/** B[k0.., j0..] into NR-column panels: Bp[q·NR·kc + k·NR + c]; columns ≥ N are zero. */
function packB(
  b: Arr,
  bo: number,
  sk: number,
  sn: number,
  k0: number,
  kc: number,
  j0: number,
  nc: number,
  N: number,
  Bp: Float64Array,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    for (let c = 0; c < NR; c++) {
      const j = j0 + jr + c;
      let dst = jr * kc + c;
      if (j < N) {
        let src = bo + k0 * sk + j * sn;
        for (let k = 0; k < kc; k++, dst += NR, src += sk) Bp[dst] = b[src];
      } else {
        for (let k = 0; k < kc; k++, dst += NR) Bp[dst] = 0;
      }
    }
  }
}

/** C[co.., 4×4 tile, row stride ldc] += Ap panel · Bp panel over kc steps; 16 accumulators stay in locals. */
function micro(
  kc: number,
  Ap: Float64Array,
  ap: number,
  Bp: Float64Array,
  bp: number,
  C: Arr,
  co: number,
  ldc: number,
) {
  const r1 = co + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  let c00 = C[co];
  let c01 = C[co + 1];
  let c02 = C[co + 2];
  let c03 = C[co + 3];
  let c10 = C[r1];
  let c11 = C[r1 + 1];
  let c12 = C[r1 + 2];
  let c13 = C[r1 + 3];
  let c20 = C[r2];
  let c21 = C[r2 + 1];
  let c22 = C[r2 + 2];
  let c23 = C[r2 + 3];
  let c30 = C[r3];
  let c31 = C[r3 + 1];
  let c32 = C[r3 + 2];
  let c33 = C[r3 + 3];
  for (let k = 0; k < kc; k++, ap += MR, bp += NR) {
    const a0 = Ap[ap];
    const a1 = Ap[ap + 1];
    const a2 = Ap[ap + 2];
    const a3 = Ap[ap + 3];
    const b0 = Bp[bp];
    const b1 = Bp[bp + 1];
    const b2 = Bp[bp + 2];
    const b3 = Bp[bp + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  C[co] = c00;
  C[co + 1] = c01;
  C[co + 2] = c02;
  C[co + 3] = c03;
  C[r1] = c10;
  C[r1 + 1] = c11;
  C[r1 + 2] = c12;
  C[r1 + 3] = c13;
  C[r2] = c20;
  C[r2 + 1] = c21;
  C[r2 + 2] = c22;
  C[r2 + 3] = c23;
  C[r3] = c30;
  C[r3 + 1] = c31;
  C[r3 + 2] = c32;
  C[r3 + 3] = c33;
}

/** A partial tile at the matrix edge: run the micro-kernel on a padded copy and write back the valid part. */
function microEdge(
  kc: number,
  Ap: Float64Array,
  ap: number,
  Bp: Float64Array,
  bp: number,
  C: Arr,
  co: number,
  ldc: number,
  rows: number,
  cols: number,
): void {
  edge.fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) edge[r * NR + c] = C[co + r * ldc + c];
  micro(kc, Ap, ap, Bp, bp, edge, 0, NR);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) C[co + r * ldc + c] = edge[r * NR + c];
}

/**
 * C[co + i·ldc + j] += Σ_k A[ao + i·asm + k·ask] · B[bo + k·bsk + j·bsn] for an M×N C with unit
 * column stride. C holds the running sums (zero it first for a plain product).
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  a: Arr,
  ao: number,
  asm: number,
  ask: number,
  b: Arr,
  bo: number,
  bsk: number,
  bsn: number,
  C: Arr,
  co: number,
  ldc: number,
): void {
  packedA = grow(packedA, Math.min(KC, K) * (Math.ceil(Math.min(MC, M) / MR) * MR));
  packedB = grow(packedB, Math.min(KC, K) * (Math.ceil(Math.min(NC, N) / NR) * NR));
  const Ap = packedA;
  const Bp = packedB;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      packB(b, bo, bsk, bsn, pc, kc, jc, nc, N, Bp);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packA(a, ao, asm, ask, ic, mc, pc, kc, M, Ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = Math.min(MR, mc - ir);
            const cij = co + (ic + ir) * ldc + jc + jr;
            if (rows === MR && cols === NR) micro(kc, Ap, ir * kc, Bp, jr * kc, C, cij, ldc);
            else microEdge(kc, Ap, ir * kc, Bp, jr * kc, C, cij, ldc, rows, cols);
          }
        }
      }
    }
  }
}

/** Below these sizes packing costs more than it saves. */
export function worthBlocking(M: number, N: number, K: number): boolean {
  return M >= MR && N >= NR && M * N * K >= 512;
}
