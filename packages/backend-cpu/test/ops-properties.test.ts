import '../src/index.js';
import * as core from '@polygrad/core';
import { flat, unravel } from '@polygrad/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Ops over random shapes and views, against naive index arithmetic on plain arrays.
const dims = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 });
const strides = (shape: number[]) => {
  const s = new Array(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
};
const valuesOf = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => ((i * 37 + seed * 11) % 23) - 11);

describe('op properties (cpu)', () => {
  it('broadcast add equals naive index arithmetic', () => {
    fc.assert(
      fc.property(dims, fc.array(fc.boolean(), { maxLength: 4 }), fc.nat(100), (shape, ones, seed) => {
        const other = shape.map((d, i) => (ones[i] ? 1 : d)).slice(ones.length % 2);
        const a = core.reshape(
          core.tensor(
            valuesOf(
              shape.reduce((p, q) => p * q, 1),
              seed,
            ),
          ),
          shape,
        );
        const b = core.reshape(
          core.tensor(
            valuesOf(
              other.reduce((p, q) => p * q, 1),
              seed + 1,
            ),
          ),
          other,
        );
        const out = core.add(a, b);
        expect(out.shape).toEqual(shape);
        const av = flat(a);
        const bv = flat(b);
        const sb = strides(other);
        const off = shape.length - other.length;
        const expected = av.map((x, i) => {
          const idx = unravel(i, shape);
          const j = other.reduce((acc, d, k) => acc + (d === 1 ? 0 : idx[k + off]) * sb[k], 0);
          return x + bv[j];
        });
        expect(flat(out)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('permute then reshape reads elements at the permuted positions', () => {
    fc.assert(
      fc.property(
        dims.filter((s) => s.length > 0),
        fc.nat(1000),
        (shape, seed) => {
          const n = shape.reduce((p, q) => p * q, 1);
          const perm = shape.map((_, i) => i).sort((x, y) => ((x * 7 + seed) % 5) - ((y * 7 + seed) % 5));
          const x = core.reshape(core.tensor(valuesOf(n, seed)), shape);
          const p = core.permute(x, perm);
          const pShape = perm.map((d) => shape[d]);
          const xs = flat(x);
          const st = strides(shape);
          const expected = Array.from({ length: n }, (_, i) => {
            const pi = unravel(i, pShape);
            return xs[perm.reduce((acc, d, k) => acc + pi[k] * st[d], 0)];
          });
          expect(flat(core.reshape(p, [n]))).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sum and max over random axes of a strided slice match a naive fold', () => {
    fc.assert(
      fc.property(
        dims.filter((s) => s.length > 0),
        fc.nat(1000),
        fc.nat(15),
        (shape, seed, axisBits) => {
          const big = shape.map((d) => d * 2);
          const n = big.reduce((p, q) => p * q, 1);
          let x = core.reshape(core.tensor(valuesOf(n, seed)), big);
          for (let a = 0; a < shape.length; a++) x = core.slice(x, a, 1, null, 2);
          const axes = shape.map((_, i) => i).filter((i) => axisBits & (1 << i));
          const xs = flat(x);
          const outShape = shape.filter((_, i) => !axes.includes(i));
          const sums = new Map<number, number>();
          const maxs = new Map<number, number>();
          xs.forEach((v, i) => {
            const idx = unravel(i, shape).filter((_, k) => !axes.includes(k));
            const o = idx.reduce((acc, d, k) => acc * outShape[k] + d, 0);
            sums.set(o, (sums.get(o) ?? 0) + v);
            maxs.set(o, Math.max(maxs.get(o) ?? Number.NEGATIVE_INFINITY, v));
          });
          const size = outShape.reduce((p, q) => p * q, 1);
          expect(flat(core.sum(x, axes))).toEqual(Array.from({ length: size }, (_, o) => sums.get(o)));
          expect(flat(core.max(x, axes))).toEqual(Array.from({ length: size }, (_, o) => maxs.get(o)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('errors name the dtype', () => {
    expect(() => core.mean(core.tensor([true]))).toThrow('Got: bool');
    expect(() => core.normal([2], 0, 1, { dtype: 'int32' })).toThrow(
      'expected a floating point dtype but got int32',
    );
    expect(() => core.setRequiresGrad(core.tensor([1], { dtype: 'int32' }))).toThrow(
      'only Tensors of floating point dtype can require gradients',
    );
    expect(() => core.tensor([1], { dtype: 'int64' as core.DType })).toThrow('unknown dtype "int64"');
  });
});
