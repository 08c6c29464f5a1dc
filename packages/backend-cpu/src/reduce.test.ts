import type { DType, ReduceOp, View } from '@polygrad/core';
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import {
  ALL_DTYPES,
  at,
  indices,
  LAYOUTS,
  makeView,
  mismatches,
  outView,
  store,
} from './reference.test.util.js';

const be = new CpuBackend();

const OPS = core.REDUCE_OPS;
const SHAPES = [[], [5], [3, 4], [2, 3, 4], [2, 1, 3], [0], [3, 0], [0, 4], [2, 70], [20, 3]];
/** Small magnitudes so products stay finite often enough to be interesting, plus NaN/±Infinity and ties. */
const POOL = [0, 1, -1, 2, -2, 0.5, 3, -0.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let m = 0; m < 1 << n; m++)
    out.push(Array.from({ length: n }, (_, i) => i).filter((i) => m & (1 << i)));
  return out;
}

function outDTypeFor(op: ReduceOp, x: DType): DType {
  if (op === 'argmax' || op === 'argmin') return 'int32';
  if ((op === 'sum' || op === 'prod') && x === 'bool') return 'int32';
  return x;
}

/** Fold the slice's values in increasing index order, the way the reference semantics define it. */
function refReduce(op: ReduceOp, vals: number[], out: DType): number {
  switch (op) {
    case 'sum':
      return vals.reduce((s, v) => s + v, 0);
    case 'prod':
      if (out === 'int32') return Number(vals.reduce((p, v) => BigInt.asIntN(32, p * BigInt(v)), 1n));
      return vals.reduce((p, v) => p * v, 1);
    case 'max':
      return vals.some(Number.isNaN) ? Number.NaN : Math.max(...vals);
    case 'min':
      return vals.some(Number.isNaN) ? Number.NaN : Math.min(...vals);
    case 'argmax': {
      const nan = vals.findIndex(Number.isNaN);
      return nan >= 0 ? nan : vals.indexOf(Math.max(...vals));
    }
    case 'argmin': {
      const nan = vals.findIndex(Number.isNaN);
      return nan >= 0 ? nan : vals.indexOf(Math.min(...vals));
    }
  }
}

function check(op: ReduceOp, x: View, axes: number[], where: string): void {
  const keep = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const outShape = keep.map((d) => x.shape[d]);
  const outType = outDTypeFor(op, x.dtype);
  const o = outView(outType, outShape);
  be.reduce(op, x, axes, o);
  const expected = (oidx: number[]) => {
    const vals = indices(axes.map((d) => x.shape[d])).map((ridx) => {
      const full = new Array<number>(x.shape.length);
      keep.forEach((d, i) => (full[d] = oidx[i]));
      axes.forEach((d, i) => (full[d] = ridx[i]));
      return at(x, full);
    });
    return store(outType, refReduce(op, vals, outType));
  };
  expect(mismatches(o, expected), where).toEqual([]);
}

describe('reduce', () => {
  for (const op of OPS) {
    it(`${op} over every subset of axes, every dtype and layout`, () => {
      let seed = 1;
      for (const dtype of ALL_DTYPES) {
        for (const shape of SHAPES) {
          for (const layout of LAYOUTS) {
            for (const axes of subsets(shape.length)) {
              const x = makeView(
                dtype,
                shape,
                layout,
                seed++,
                dtype === 'float32' || dtype === 'float64' ? POOL : undefined,
              );
              const empty = axes.some((d) => shape[d] === 0);
              const where = `${op} ${dtype} ${JSON.stringify(shape)} ${layout.name} axes ${JSON.stringify(axes)}`;
              if (empty && op !== 'sum' && op !== 'prod') {
                expect(() => be.reduce(op, x, axes, outView('float64', [])), where).toThrow(/no identity/);
              } else {
                check(op, x, axes, where);
              }
            }
          }
        }
      }
    });
  }

  it('names the shape when an empty reduction has no identity', () => {
    const x = makeView('float32', [3, 0], LAYOUTS[0]);
    expect(() => be.reduce('max', x, [1], outView('float32', [3]))).toThrow(
      /empty tensor has no identity.*\[3, 0\]/,
    );
    expect(() => be.reduce('argmin', x, [0, 1], outView('int32', []))).toThrow(/no identity/);
  });

  it('sum → 0 and prod → 1 over an empty axis', () => {
    const x = makeView('float64', [2, 0], LAYOUTS[0]);
    const o = outView('float64', [2]);
    be.reduce('sum', x, [1], o);
    expect(Array.from(o.buffer as Float64Array)).toEqual([0, 0]);
    be.reduce('prod', x, [1], o);
    expect(Array.from(o.buffer as Float64Array)).toEqual([1, 1]);
  });

  it('arg* pick the first occurrence, a NaN counting as the extreme', () => {
    const v = (arr: number[]): View => ({
      buffer: new Float32Array(arr),
      dtype: 'float32',
      shape: [arr.length],
      strides: [1],
      offset: 0,
    });
    const run = (op: ReduceOp, arr: number[]) => {
      const o = outView('int32', []);
      be.reduce(op, v(arr), [0], o);
      return (o.buffer as Int32Array)[0];
    };
    expect(run('argmax', [1, 3, 3, 2])).toBe(1);
    expect(run('argmax', [1, Number.NaN, 5, Number.NaN])).toBe(1);
    expect(run('argmin', [4, -1, Number.NaN, -1])).toBe(2);
    expect(run('argmax', [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(0);
    expect(run('argmin', [Number.POSITIVE_INFINITY, 2, Number.POSITIVE_INFINITY])).toBe(1);
  });

  it('sums float32 in double precision', () => {
    // 2^24 + 1 + 1 + ... is not representable in float32 step by step, but is exact in doubles
    const arr = new Float32Array(9).fill(1);
    arr[0] = 2 ** 24;
    const o = outView('float64', []);
    be.reduce('sum', { buffer: arr, dtype: 'float32', shape: [9], strides: [1], offset: 0 }, [0], o);
    expect((o.buffer as Float64Array)[0]).toBe(2 ** 24 + 8);
  });
});
