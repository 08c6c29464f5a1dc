import type { DType, View } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import {
  at,
  LAYOUTS,
  type Layout,
  makeView,
  mismatches,
  outside,
  outView,
  rng,
} from './reference.test.util.js';

const be = new CpuBackend();

/** Random values in [-1, 1) (ints in ±2^19, bools 30% true); float32 products are exact in doubles. */
function randomView(dtype: DType, shape: number[], layout: Layout, seed: number): View {
  const v = makeView(dtype, shape, layout, seed, [0]);
  const r = rng(seed);
  const buf = v.buffer as Float32Array;
  for (let i = 0; i < buf.length; i++) {
    buf[i] =
      dtype === 'int32' ? Math.floor(r() * 2 ** 20) - 2 ** 19 : dtype === 'bool' ? +(r() < 0.3) : r() * 2 - 1;
  }
  return v;
}

/**
 * The naive triple loop: each entry summed in increasing k in doubles (float32 rounded once);
 * int32 with exact BigInt arithmetic wrapped to 32 bits; bool as "any a∧b".
 */
function naive(a: View, b: View, outType: DType): (idx: number[]) => number {
  const r = a.shape.length;
  const K = a.shape[r - 1];
  return (idx) => {
    const ai = idx.slice();
    const bi = idx.slice();
    if (outType === 'int32' || outType === 'bool') {
      let s = 0n;
      for (let k = 0; k < K; k++) {
        ai[r - 1] = k;
        bi[r - 2] = k;
        s += BigInt(at(a, ai)) * BigInt(at(b, bi));
      }
      return outType === 'bool' ? +(s !== 0n) : Number(BigInt.asIntN(32, s));
    }
    let s = 0;
    for (let k = 0; k < K; k++) {
      ai[r - 1] = k;
      bi[r - 2] = k;
      s += at(a, ai) * at(b, bi);
    }
    return outType === 'float32' ? Math.fround(s) : s;
  };
}

const ROW: Layout = LAYOUTS[0];
const COL: Layout = LAYOUTS[2];
const GENERAL: Layout = LAYOUTS[1]; // gaps in both dims: neither stride is 1
const LAYOUT_CASES: readonly [string, Layout, Layout][] = [
  ['A·B', ROW, ROW],
  ['Aᵀ·B', COL, ROW],
  ['A·Bᵀ', ROW, COL],
  ['Aᵀ·Bᵀ', COL, COL],
  ['general', GENERAL, LAYOUTS[3]],
];

// [M, K, N]: tiny, edge tiles (not multiples of 4), past the k-block (256), the m-block (64) and the n-block (512)
const SIZES: readonly [number, number, number][] = [
  [1, 1, 1],
  [2, 3, 4],
  [1, 40, 9],
  [9, 40, 1],
  [4, 4, 4],
  [33, 17, 65],
  [70, 300, 9],
  [67, 261, 38],
  [130, 40, 520],
];

function run(a: View, b: View, outType: DType, shape: number[]): View {
  const o = outView(outType, shape);
  be.matmul(a, b, o);
  return o;
}

describe('matmul', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`${dtype}: every layout and size equals the naive triple loop exactly`, () => {
      let seed = 1;
      for (const [M, K, N] of SIZES) {
        for (const [name, la, lb] of LAYOUT_CASES) {
          const a = randomView(dtype, [M, K], la, seed++);
          const b = randomView(dtype, [K, N], lb, seed++);
          const o = run(a, b, dtype, [M, N]);
          expect(mismatches(o, naive(a, b, dtype)), `${name} ${M}×${K}×${N}`).toEqual([]);
        }
      }
    });
  }

  for (const dtype of ['int32', 'bool'] as const) {
    it(`${dtype}: wraps / ors like the exact product`, () => {
      let seed = 50;
      for (const [M, K, N] of SIZES.slice(0, 7)) {
        for (const [name, la, lb] of LAYOUT_CASES) {
          const a = randomView(dtype, [M, K], la, seed++);
          const b = randomView(dtype, [K, N], lb, seed++);
          const o = run(a, b, dtype, [M, N]);
          expect(mismatches(o, naive(a, b, dtype)), `${name} ${M}×${K}×${N}`).toEqual([]);
        }
      }
    });
  }

  it('batched with broadcast batch dimensions (zero strides) on either side', () => {
    for (const [M, K, N] of [
      [3, 5, 2],
      [20, 30, 24],
    ]) {
      for (const dtype of ['float64', 'float32'] as const) {
        // a is [2, 1, M, K] broadcast to [2, 3, M, K]; b is [1, 3, K, N] broadcast, transposed
        const a = randomView(dtype, [2, 3, M, K], { name: 'a', zero: [1] }, 1);
        const b = randomView(dtype, [2, 3, K, N], { name: 'b', zero: [0], reverse: true, offset: 4 }, 2);
        const o = run(a, b, dtype, [2, 3, M, N]);
        expect(mismatches(o, naive(a, b, dtype)), `${dtype} ${M}×${K}×${N}`).toEqual([]);
      }
    }
  });

  it('writes a strided float64 output window and leaves the rest alone', () => {
    const a = randomView('float64', [40, 40], ROW, 3);
    const b = randomView('float64', [40, 40], COL, 4);
    const o = makeView('float64', [40, 40], { name: 'out', gap: 2, offset: 1 }, 5, [7]);
    be.matmul(a, b, o);
    expect(mismatches(o, naive(a, b, 'float64'))).toEqual([]);
    const buf = o.buffer as Float64Array;
    for (let i = 0; i < buf.length; i += 2) expect(buf[i]).toBe(7);
  });

  it('edge tiles never write past the last row or column of a padded output', () => {
    // float64 with unit column stride accumulates in place; M, N not multiples of 4 and
    // infinities in A and B make any write to padding visible (0·Infinity is NaN)
    const [M, K, N] = [41, 30, 37];
    const a = randomView('float64', [M, K], ROW, 11);
    const b = randomView('float64', [K, N], COL, 12);
    (a.buffer as Float64Array)[5] = Number.NEGATIVE_INFINITY;
    (b.buffer as Float64Array)[7] = Number.POSITIVE_INFINITY;
    const buffer = new Float64Array(2 + (M + 2) * (N + 3)).fill(7);
    const o: View = { buffer, dtype: 'float64', shape: [M, N], strides: [N + 3, 1], offset: 2 };
    const untouched = outside(o);
    be.matmul(a, b, o);
    expect(mismatches(o, naive(a, b, 'float64'))).toEqual([]);
    expect(outside(o)).toEqual(untouched);
  });

  it('K = 0 gives zeros; empty M or N does nothing', () => {
    const o = run(makeView('float32', [3, 0], ROW), makeView('float32', [0, 4], ROW), 'float32', [3, 4]);
    expect(Array.from(o.buffer as Float32Array)).toEqual(new Array(12).fill(0));
    const e = run(makeView('float32', [0, 5], ROW), makeView('float32', [5, 4], ROW), 'float32', [0, 4]);
    expect((e.buffer as Float32Array).length).toBe(0);
  });

  it('propagates NaN and Infinity like the naive loop', () => {
    const a = randomView('float64', [8, 64], ROW, 9);
    const b = randomView('float64', [64, 8], COL, 10);
    (a.buffer as Float64Array)[5] = Number.NaN;
    (b.buffer as Float64Array)[3] = Number.POSITIVE_INFINITY;
    const o = run(a, b, 'float64', [8, 8]);
    expect(mismatches(o, naive(a, b, 'float64'))).toEqual([]);
  });
});
