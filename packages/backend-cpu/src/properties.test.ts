import type { BinaryOp, DType, ReduceOp } from '@polygrad/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import { at, indices, type Layout, makeView, mismatches, outView, store } from './reference.test.util.js';

const be = new CpuBackend();

/** A random shape (rank 0–4, dims 0–4). */
const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });

/** A random layout for `rank` dims: any memory order, gaps, broadcast dims, offset. */
function layoutArb(rank: number, broadcast = true): fc.Arbitrary<Layout> {
  const dims = Array.from({ length: rank }, (_, i) => i);
  return fc.record({
    name: fc.constant('random'),
    order: fc.shuffledSubarray(dims, { minLength: rank, maxLength: rank }),
    gap: fc.integer({ min: 1, max: 3 }),
    offset: fc.integer({ min: 0, max: 5 }),
    zero: broadcast ? fc.subarray(dims) : fc.constant([]),
  });
}

const dtypeArb = fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool');
const seedArb = fc.integer({ min: 1, max: 1_000_000 });

describe('properties over random shapes and strides', () => {
  it('binary ops match the reference', () => {
    const arb = shapeArb.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        layoutArb(shape.length),
        layoutArb(shape.length),
        dtypeArb,
        fc.constantFrom<BinaryOp>('add', 'sub', 'maximum', 'lt', 'or'),
        seedArb,
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, la, lb, dtype, op, seed]) => {
        const a = makeView(dtype, shape, la, seed);
        const b = makeView(dtype, shape, lb, seed + 1);
        const outType: DType = op === 'lt' || op === 'or' ? 'bool' : dtype;
        const o = outView(outType, shape);
        be.binary(op, a, b, o);
        const ref = (x: number, y: number) => {
          if (op === 'add') return x + y;
          if (op === 'sub') return x - y;
          if (op === 'maximum') return Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y);
          if (op === 'lt') return +(x < y);
          return +(x !== 0 || y !== 0);
        };
        expect(mismatches(o, (idx) => store(outType, ref(at(a, idx), at(b, idx))))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('copy between random views matches', () => {
    const arb = shapeArb.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        layoutArb(shape.length),
        layoutArb(shape.length, false),
        dtypeArb,
        dtypeArb,
        seedArb,
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, lx, lo, from, to, seed]) => {
        const x = makeView(from, shape, lx, seed);
        const o = makeView(to, shape, lo, seed + 1);
        be.copy(x, o);
        expect(mismatches(o, (idx) => store(to, at(x, idx)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('sum and argmax over random axes match the reference', () => {
    const arb = shapeArb.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        layoutArb(shape.length),
        fc.subarray(Array.from({ length: shape.length }, (_, i) => i)),
        fc.constantFrom<ReduceOp>('sum', 'argmax'),
        fc.constantFrom<DType>('float64', 'float32', 'int32'),
        seedArb,
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, layout, axes, op, dtype, seed]) => {
        const x = makeView(dtype, shape, layout, seed);
        if (op === 'argmax' && axes.some((d) => shape[d] === 0)) {
          expect(() => be.reduce(op, x, axes, outView('int32', []))).toThrow(/no identity/);
          return;
        }
        const keep = shape.map((_, d) => d).filter((d) => !axes.includes(d));
        const outType: DType = op === 'argmax' ? 'int32' : dtype;
        const o = outView(
          outType,
          keep.map((d) => shape[d]),
        );
        be.reduce(op, x, axes, o);
        const expected = (oidx: number[]) => {
          const vals = indices(axes.map((d) => shape[d])).map((ridx) => {
            const full = new Array<number>(shape.length);
            keep.forEach((d, i) => (full[d] = oidx[i]));
            axes.forEach((d, i) => (full[d] = ridx[i]));
            return at(x, full);
          });
          if (op === 'sum')
            return store(
              outType,
              vals.reduce((s, v) => s + v, 0),
            );
          const nan = vals.findIndex(Number.isNaN);
          return nan >= 0 ? nan : vals.indexOf(Math.max(...vals));
        };
        expect(mismatches(o, expected)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('float64 matmul of random sizes and layouts equals the naive loop exactly', () => {
    const dim = fc.integer({ min: 1, max: 40 });
    const arb = fc.tuple(dim, dim, dim, layoutArb(2, false), layoutArb(2, false), seedArb);
    fc.assert(
      fc.property(arb, ([M, K, N, la, lb, seed]) => {
        const pool = [0.5, -1.25, 3, 0.1, -0.7, 2.2, 1e-3];
        const a = makeView('float64', [M, K], la, seed, pool);
        const b = makeView('float64', [K, N], lb, seed + 1, pool);
        const o = outView('float64', [M, N]);
        be.matmul(a, b, o);
        const expected = ([i, j]: number[]) => {
          let s = 0;
          for (let k = 0; k < K; k++) s += at(a, [i, k]) * at(b, [k, j]);
          return s;
        };
        expect(mismatches(o, expected)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
