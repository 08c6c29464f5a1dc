import type { View } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import {
  ALL_DTYPES,
  at,
  contents,
  indices,
  LAYOUTS,
  type Layout,
  makeView,
  mismatches,
  outside,
  outView,
  position,
  rng,
  store,
} from './reference.test.util.js';

const be = new CpuBackend();

/** An int32 index view of `shape` with entries in [0, size). */
function indexView(shape: number[], size: number, layout: Layout, seed: number): View {
  const v = makeView('int32', shape, layout, seed, [0]);
  const r = rng(seed);
  const buf = v.buffer as Int32Array;
  for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(r() * size);
  return v;
}

// [x shape, index (= out/src) shape]: the index may be smaller than x off the axis, as in torch
const CASES: readonly [number[], number[]][] = [
  [[5], [3]],
  [[5], [8]],
  [
    [4, 5, 3],
    [4, 2, 3],
  ],
  [
    [4, 5, 3],
    [2, 5, 3],
  ],
  [
    [4, 5, 3],
    [3, 4, 1],
  ],
  [
    [3, 4],
    [0, 4],
  ],
];

describe('gather', () => {
  it('out[..i, j, k..] = x[..i, index, k..] for every dtype, axis and layout', () => {
    let seed = 1;
    for (const dtype of ALL_DTYPES) {
      for (const [xs, is] of CASES) {
        for (let axis = 0; axis < xs.length; axis++) {
          if (is.some((n, d) => d !== axis && n > xs[d])) continue;
          for (const [lx, li] of [
            [LAYOUTS[0], LAYOUTS[0]],
            [LAYOUTS[2], LAYOUTS[1]],
            [LAYOUTS[3], LAYOUTS[5]],
          ]) {
            const x = makeView(dtype, xs, lx, seed++);
            const index = indexView(is, xs[axis], li, seed++);
            const o = outView(dtype, is);
            be.gather(x, index, axis, o);
            const expected = (idx: number[]) => {
              const src = idx.slice();
              src[axis] = at(index, idx);
              return at(x, src);
            };
            expect(
              mismatches(o, expected),
              `${dtype} ${xs}/${is} axis ${axis} ${lx.name}/${li.name}`,
            ).toEqual([]);
          }
        }
      }
    }
  });

  it('rejects out-of-range and negative indices, naming the dimension', () => {
    const x = makeView('float32', [2, 3], LAYOUTS[0]);
    const bad = {
      buffer: new Int32Array([0, 3]),
      dtype: 'int32' as const,
      shape: [2, 1],
      strides: [1, 1],
      offset: 0,
    };
    expect(() => be.gather(x, bad, 1, outView('float32', [2, 1]))).toThrow(
      /index 3 is out of bounds for dimension 1 with size 3/,
    );
    const neg = { ...bad, buffer: new Int32Array([-1, 0]) };
    expect(() => be.gather(x, neg, 1, outView('float32', [2, 1]))).toThrow(RangeError);
  });
});

describe('scatterAdd', () => {
  it('accumulates repeated indices into a strided window for every dtype', () => {
    let seed = 300;
    for (const dtype of ALL_DTYPES) {
      for (const [os, ss] of CASES) {
        for (let axis = 0; axis < os.length; axis++) {
          if (ss.some((n, d) => d !== axis && n > os[d])) continue;
          for (const [lo, li, ls] of [
            [LAYOUTS[0], LAYOUTS[0], LAYOUTS[0]],
            [LAYOUTS[1], LAYOUTS[2], LAYOUTS[4]],
            [LAYOUTS[3], LAYOUTS[5], LAYOUTS[6]],
          ]) {
            const out = makeView(dtype, os, lo, seed++);
            const index = indexView(ss, os[axis], li, seed++);
            const src = makeView(dtype, ss, ls, seed++);
            // reference: start from out's contents and add each src element in row-major order
            const want = new Map<number, number>();
            for (const idx of indices(os)) want.set(position(out, idx), at(out, idx));
            for (const idx of indices(ss)) {
              const dst = idx.slice();
              dst[axis] = at(index, idx);
              const p = position(out, dst);
              want.set(p, store(dtype, want.get(p)! + at(src, idx)));
            }
            const untouched = outside(out);
            be.scatterAdd(out, index, axis, src);
            const where = `${dtype} ${os}/${ss} axis ${axis} ${lo.name}/${li.name}/${ls.name}`;
            expect(
              mismatches(out, (idx) => want.get(position(out, idx))!),
              where,
            ).toEqual([]);
            expect(outside(out), where).toEqual(untouched);
          }
        }
      }
    }
  });

  it('sums duplicates exactly and validates before writing', () => {
    const out: View = { buffer: new Float64Array(3), dtype: 'float64', shape: [3], strides: [1], offset: 0 };
    const idx = {
      buffer: new Int32Array([2, 0, 2, 2]),
      dtype: 'int32' as const,
      shape: [4],
      strides: [1],
      offset: 0,
    };
    const src: View = {
      buffer: new Float64Array([1, 2, 3, 4]),
      dtype: 'float64',
      shape: [4],
      strides: [1],
      offset: 0,
    };
    be.scatterAdd(out, idx, 0, src);
    expect(contents(out)).toEqual([2, 0, 8]);
    const bad = { ...idx, buffer: new Int32Array([0, 1, 2, 3]) };
    expect(() => be.scatterAdd(out, bad, 0, src)).toThrow(/out of bounds/);
    expect(contents(out)).toEqual([2, 0, 8]);
  });
});
