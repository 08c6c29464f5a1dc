import type { BinaryOp, DType } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import {
  ALL_DTYPES,
  at,
  LAYOUTS,
  type Layout,
  makeView,
  mismatches,
  outView,
  store,
} from './reference.test.util.js';

const be = new CpuBackend();

const ARITH: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'atan2'];
const LOGIC: readonly BinaryOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or'];
const SHAPES = [[], [0], [6], [3, 4], [2, 3, 4], [2, 0, 3], [1, 4, 1]];

/** Pairs of layouts: dense, broadcasts on either side (incl. a scalar), transposed, offset views. */
const PAIRS: readonly [Layout, Layout][] = [
  [LAYOUTS[0], LAYOUTS[0]],
  [LAYOUTS[0], LAYOUTS[6]],
  [LAYOUTS[6], LAYOUTS[1]],
  [LAYOUTS[1], LAYOUTS[2]],
  [LAYOUTS[3], LAYOUTS[4]],
  [LAYOUTS[5], LAYOUTS[4]],
  [LAYOUTS[2], LAYOUTS[3]],
];

/** The double result; int32 products go through BigInt so wrapping is exact. */
function refBinary(op: BinaryOp, a: number, b: number, out: DType): number {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return out === 'int32' ? Number(BigInt.asIntN(32, BigInt(a) * BigInt(b))) : a * b;
    case 'div':
      return a / b;
    case 'pow':
      return a ** b;
    case 'maximum':
      return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b);
    case 'minimum':
      return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b);
    case 'atan2':
      return Math.atan2(a, b);
    case 'eq':
      return +(a === b);
    case 'ne':
      return +(a !== b);
    case 'lt':
      return +(a < b);
    case 'le':
      return +(a <= b);
    case 'gt':
      return +(a > b);
    case 'ge':
      return +(a >= b);
    case 'and':
      return +(a !== 0 && b !== 0); // NaN is nonzero, so true
    case 'or':
      return +(a !== 0 || b !== 0);
  }
}

describe('binary', () => {
  for (const op of [...ARITH, ...LOGIC]) {
    it(`${op} matches the reference for every dtype, broadcast and layout`, () => {
      let seed = 100;
      for (const dtype of ALL_DTYPES) {
        const out: DType = LOGIC.includes(op) ? 'bool' : dtype;
        for (const shape of SHAPES) {
          for (const [la, lb] of PAIRS) {
            const a = makeView(dtype, shape, la, seed++);
            const b = makeView(dtype, shape, lb, seed++);
            const o = outView(out, shape);
            be.binary(op, a, b, o);
            const bad = mismatches(o, (idx) => store(out, refBinary(op, at(a, idx), at(b, idx), out)));
            expect(bad, `${op} ${dtype}→${out} ${JSON.stringify(shape)} ${la.name}/${lb.name}`).toEqual([]);
          }
        }
      }
    });
  }

  it('reads mixed input dtypes as numbers', () => {
    const a = makeView('int32', [3, 4], LAYOUTS[2], 7);
    const b = makeView('float64', [3, 4], LAYOUTS[4], 8);
    for (const op of ['add', 'lt'] as const) {
      const out: DType = op === 'lt' ? 'bool' : 'float32';
      const o = outView(out, [3, 4]);
      be.binary(op, a, b, o);
      expect(mismatches(o, (idx) => store(out, refBinary(op, at(a, idx), at(b, idx), out)))).toEqual([]);
    }
  });

  it('int32 division truncates toward zero and int32 products wrap', () => {
    const v = (arr: number[]) => ({
      buffer: new Int32Array(arr),
      dtype: 'int32' as const,
      shape: [4],
      strides: [1],
      offset: 0,
    });
    const o = outView('int32', [4]);
    be.binary('div', v([7, -7, 7, 1]), v([2, 2, -2, 0]), o);
    expect(Array.from(o.buffer as Int32Array)).toEqual([3, -3, -3, 0]);
    be.binary('mul', v([65537, 2147483647, -2147483648, 46341]), v([65537, 2, -1, 46341]), o);
    expect(Array.from(o.buffer as Int32Array)).toEqual([131073, -2, -2147483648, -2147479015]);
  });

  it('maximum and minimum propagate NaN from either side', () => {
    const v = (arr: number[]) => ({
      buffer: new Float32Array(arr),
      dtype: 'float32' as const,
      shape: [3],
      strides: [1],
      offset: 0,
    });
    const o = outView('float32', [3]);
    be.binary('maximum', v([Number.NaN, 1, 2]), v([1, Number.NaN, 3]), o);
    expect(Array.from(o.buffer as Float32Array)).toEqual([Number.NaN, Number.NaN, 3]);
    be.binary('minimum', v([Number.NaN, 1, 2]), v([1, Number.NaN, 3]), o);
    expect(Array.from(o.buffer as Float32Array)).toEqual([Number.NaN, Number.NaN, 2]);
  });
});

describe('where', () => {
  const SHAPES_W = [[], [0], [5], [3, 4], [2, 3, 2]];
  it('selects elementwise for every dtype, cond dtype and layout', () => {
    let seed = 500;
    for (const dtype of ALL_DTYPES) {
      for (const condType of ['bool', 'float32'] as const) {
        for (const shape of SHAPES_W) {
          for (const [lc, la, lb] of [
            [LAYOUTS[0], LAYOUTS[0], LAYOUTS[0]],
            [LAYOUTS[2], LAYOUTS[6], LAYOUTS[1]],
            [LAYOUTS[4], LAYOUTS[3], LAYOUTS[5]],
            [LAYOUTS[6], LAYOUTS[5], LAYOUTS[2]],
          ]) {
            const c = makeView(condType, shape, lc, seed++);
            const a = makeView(dtype, shape, la, seed++);
            const b = makeView(dtype, shape, lb, seed++);
            const o = outView(dtype, shape);
            be.where(c, a, b, o);
            // a NaN condition is nonzero, so it selects a
            const bad = mismatches(o, (idx) => (at(c, idx) !== 0 ? at(a, idx) : at(b, idx)));
            expect(
              bad,
              `${dtype} cond ${condType} ${JSON.stringify(shape)} ${lc.name}/${la.name}/${lb.name}`,
            ).toEqual([]);
          }
        }
      }
    }
  });

  it('casts into a bool output when the branches are numbers', () => {
    const c = {
      buffer: new Uint8Array([1, 0, 1]),
      dtype: 'bool' as const,
      shape: [3],
      strides: [1],
      offset: 0,
    };
    const a = {
      buffer: new Float32Array([2, 5, 0]),
      dtype: 'float32' as const,
      shape: [3],
      strides: [1],
      offset: 0,
    };
    const o = outView('bool', [3]);
    be.where(c, a, a, o);
    expect(Array.from(o.buffer as Uint8Array)).toEqual([1, 1, 0]);
  });
});
