import type { DType, View } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import {
  ALL_DTYPES,
  at,
  LAYOUTS,
  type Layout,
  makeView,
  mismatches,
  outside,
  outView,
  store,
} from './reference.test.util.js';

const be = new CpuBackend();

const SHAPES = [[], [0], [5], [3, 4], [2, 3, 4], [1, 3, 1], [70, 3], [3, 100]];
/** Output windows: only layouts without broadcasting (an output never has zero strides). */
const OUT_LAYOUTS: readonly Layout[] = [LAYOUTS[0], LAYOUTS[1], LAYOUTS[2], LAYOUTS[3]];

describe('copy', () => {
  it('converts between every pair of dtypes, from any view into any window', () => {
    let seed = 900;
    for (const from of ALL_DTYPES) {
      for (const to of ALL_DTYPES) {
        for (const shape of SHAPES) {
          for (const lx of LAYOUTS) {
            for (const lo of OUT_LAYOUTS) {
              const x = makeView(from, shape, lx, seed++);
              const o = makeView(to, shape, lo, seed++);
              const untouched = outside(o);
              be.copy(x, o);
              const where = `${from}→${to} ${JSON.stringify(shape)} ${lx.name}→${lo.name}`;
              expect(
                mismatches(o, (idx) => store(to, at(x, idx))),
                where,
              ).toEqual([]);
              expect(outside(o), `${where}: wrote outside the window`).toEqual(untouched);
            }
          }
        }
      }
    }
  });

  it('casts to bool by truthiness (NaN is true, 256 is true) and to int32 by truncation', () => {
    const x: View = {
      buffer: new Float64Array([0, -0, 256, 0.1, Number.NaN, -2.9, 2.9]),
      dtype: 'float64',
      shape: [7],
      strides: [1],
      offset: 0,
    };
    const b = outView('bool', [7]);
    be.copy(x, b);
    expect(Array.from(b.buffer as Uint8Array)).toEqual([0, 0, 1, 1, 1, 1, 1]);
    const i = outView('int32', [7]);
    be.copy(x, i);
    expect(Array.from(i.buffer as Int32Array)).toEqual([0, 0, 256, 0, 0, -2, 2]);
  });
});

describe('fill', () => {
  for (const dtype of ALL_DTYPES) {
    it(`sets every element of a ${dtype} view, and nothing else`, () => {
      for (const value of [0, 1, -2.5, 256, Number.NaN, Number.POSITIVE_INFINITY]) {
        for (const shape of [[], [0], [4], [3, 5]]) {
          for (const layout of OUT_LAYOUTS) {
            const o = makeView(dtype as DType, shape, layout, 3);
            const untouched = outside(o);
            be.fill(o, value);
            expect(
              mismatches(o, () => store(dtype, value)),
              `${value} ${JSON.stringify(shape)} ${layout.name}`,
            ).toEqual([]);
            expect(outside(o)).toEqual(untouched);
          }
        }
      }
    });
  }
});
