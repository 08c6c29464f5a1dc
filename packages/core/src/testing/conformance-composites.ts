/**
 * Conformance of the ops core composes or computes on the host (part of the conformance suite):
 * sorting (the host sort and the comparison ranking for asynchronous backends agree), max/min
 * with indices, argwhere, all/any, isclose, cumsum, clamp, dropout, the float64 accumulation
 * option, TensorFlow's integer mean, tensordot's axes, and vector and matrix norms.
 */
import { describe, expect, it } from 'vitest';
import type { DType, Tensor } from '../index.js';
import * as core from '../index.js';
import { only, type SuiteOptions, supports } from './options.js';
import { flat, values } from './util.js';

const nan = Number.NaN;
const inf = Number.POSITIVE_INFINITY;

/** A JS reference for one row: stable, NaN last ascending and first descending. */
function refOrder(row: number[], descending: boolean): number[] {
  const key = (v: number) => (Number.isNaN(v) ? inf : descending ? -v : v);
  const rank = (v: number) => (Number.isNaN(v) ? (descending ? 0 : 2) : 1);
  return row
    .map((_, i) => i)
    .sort((i, j) => {
      const a = row[i];
      const b = row[j];
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      if (Number.isNaN(a)) return 0;
      return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    });
}

function rowsOf(t: Tensor): number[][] {
  return t.toArray() as number[][];
}

export function compositeConformance(opts: SuiteOptions): void {
  describe('sorting, selections and composed ops', () => {
    const rows = (dtype: DType) => {
      const v = Array.from(values(24, 11, -3, 3), (x) => Math.round(x * 2) / 2); // ties
      if (dtype !== 'int32') v[3] = v[17] = nan;
      return core.reshape(core.tensor(dtype === 'int32' ? v.map((x) => x | 0) : v, { dtype }), [4, 6]);
    };

    for (const dtype of only(opts, ['float32', 'float64', 'int32'] as const)) {
      it(`argsort / sort ${dtype}: stable, NaN last (first descending); host and ranking agree`, () => {
        core.tidy(() => {
          const x = rows(dtype);
          for (const descending of [false, true]) {
            for (const axis of [1, 0]) {
              const idx = core.argsort(x, axis, { descending });
              expect(idx.dtype).toBe('int32');
              expect(flat(core.argsortByComparison(x, axis, { descending }))).toEqual(flat(idx));
              const xs = axis === 1 ? rowsOf(x) : rowsOf(core.contiguous(core.transpose(x, 0, 1)));
              const want = xs.map((r) => refOrder(r, descending));
              const got = axis === 1 ? rowsOf(idx) : rowsOf(core.contiguous(core.transpose(idx, 0, 1)));
              expect(got).toEqual(want);
              const [v, i] = core.sort(x, axis, { descending });
              expect(flat(i)).toEqual(flat(idx));
              expect(flat(v)).toEqual(flat(core.gather(x, axis, idx)));
            }
          }
        });
      });
    }

    it('sort of a transposed view, bool, 0-d and empty rows; topk', () => {
      core.tidy(() => {
        const x = core.transpose(
          core.tensor([
            [3, 1],
            [2, 2],
            [1, 3],
          ]),
          0,
          1,
        ); // [[3, 2, 1], [1, 2, 3]]
        expect(core.argsort(x).toArray()).toEqual([
          [2, 1, 0],
          [0, 1, 2],
        ]);
        expect(core.argsort(core.tensor([true, false, true, false])).toArray()).toEqual([1, 3, 0, 2]);
        const [v0, i0] = core.sort(core.tensor(2.5));
        expect([v0.toArray(), i0.toArray()]).toEqual([2.5, 0]);
        expect(core.sort(core.zeros([2, 0]), 1)[0].shape).toEqual([2, 0]);
        const [tv, ti] = core.topk(
          core.tensor([
            [1, 5, 3, 5],
            [0, -1, 2, 7],
          ]),
          2,
        );
        expect(tv.toArray()).toEqual([
          [5, 5],
          [7, 2],
        ]);
        expect(ti.toArray()).toEqual([
          [1, 3],
          [3, 2],
        ]);
        expect(core.topk(core.tensor([4, 1, 3]), 2, 0, { largest: false })[1].toArray()).toEqual([1, 2]);
        expect(core.topk(core.tensor([4, 1, 3]), 0)[0].shape).toEqual([0]);
        expect(() => core.topk(core.tensor([4, 1, 3]), 4)).toThrow('selected index k out of range');
      });
    });

    it('max / min with indices: the first extreme, NaN wins, keepdim', () => {
      core.tidy(() => {
        const x = core.tensor([
          [1, 4, 4, 0],
          [nan, 2, 9, 9],
        ]);
        const [v, i] = core.maxWithIndices(x, 1);
        expect(flat(v)).toEqual([4, nan]);
        expect(i.toArray()).toEqual([1, 0]);
        const [mv, mi] = core.minWithIndices(x, 0, true);
        expect(mv.shape).toEqual([1, 4]);
        expect(mi.toArray()).toEqual([[1, 1, 0, 0]]);
        const [sv, si] = core.maxWithIndices(core.tensor(3), 0);
        expect([sv.toArray(), si.toArray(), si.dtype]).toEqual([3, 0, 'int32']);
      });
    });

    it('argwhere: row-major coordinates of nonzero values (NaN counts, -0 does not)', async () => {
      const m = core.tensor([
        [0, -0, 2],
        [nan, 0, -1],
      ]);
      expect(core.argwhere(m).toArray()).toEqual([
        [0, 2],
        [1, 0],
        [1, 2],
      ]);
      expect((await core.argwhereAsync(core.gt(m, 0))).toArray()).toEqual([[0, 2]]);
      expect(core.argwhere(core.tensor(true)).shape).toEqual([1, 0]);
      expect(core.argwhere(core.tensor(false)).shape).toEqual([0, 0]);
      expect(core.argwhere(core.zeros([0, 3])).shape).toEqual([0, 2]);
      expect(core.argwhere(core.tensor([0, 3, 0], { dtype: 'int32' })).dtype).toBe('int32');
    });

    it('all / any over axes; NaN is nonzero; empty: all true, any false', () => {
      const m = core.tensor([
        [1, 0, nan],
        [2, 3, 4],
      ]);
      expect(core.all(m).toArray()).toBe(false);
      expect(core.all(m, 1).toArray()).toEqual([false, true]);
      expect(core.any(m, 0, true).toArray()).toEqual([[true, true, true]]);
      expect(core.any(core.zeros([2, 2]), [0, 1]).toArray()).toBe(false);
      expect(core.all(core.zeros([0])).toArray()).toBe(true);
      expect(core.any(core.zeros([0])).toArray()).toBe(false);
      expect(core.all(core.tensor([true, true])).dtype).toBe('bool');
    });

    it('isclose: tolerances, infinities, NaN with equalNan', () => {
      const a = core.tensor([1, 1e-9, inf, -inf, nan, 100]);
      const b = core.tensor([1 + 1e-6, 0, inf, inf, nan, 100.5]);
      expect(core.isclose(a, b).toArray()).toEqual([true, true, true, false, false, false]);
      expect(core.isclose(a, b, { equalNan: true, rtol: 0.01 }).toArray()).toEqual([
        true,
        true,
        true,
        false,
        true,
        true,
      ]);
      expect(core.isclose(a, b, { atol: 0, rtol: 0 }).toArray()).toEqual([
        false,
        false,
        true,
        false,
        false,
        false,
      ]);
    });

    it('cumsum along either axis of a view, reverse, int32 and bool (as int32), 0-d, empty', () => {
      core.tidy(() => {
        const x = core.transpose(
          core.tensor([
            [1, 2],
            [3, 4],
            [5, 6],
          ]),
          0,
          1,
        ); // [[1, 3, 5], [2, 4, 6]]
        expect(core.cumsum(x, 1).toArray()).toEqual([
          [1, 4, 9],
          [2, 6, 12],
        ]);
        expect(core.cumsum(x, 0).toArray()).toEqual([
          [1, 3, 5],
          [3, 7, 11],
        ]);
        expect(core.cumsum(x, -1, { reverse: true }).toArray()).toEqual([
          [9, 8, 5],
          [12, 10, 6],
        ]);
        const i = core.cumsum(core.tensor([2, -1, 5], { dtype: 'int32' }), 0);
        expect([i.dtype, i.toArray()]).toEqual(['int32', [2, 1, 6]]);
        const b = core.cumsum(core.tensor([true, false, true]), 0);
        expect([b.dtype, b.toArray()]).toEqual(['int32', [1, 1, 2]]);
        expect(core.cumsum(core.tensor(4), 0).toArray()).toBe(4);
        expect(core.cumsum(core.zeros([2, 0]), 1).shape).toEqual([2, 0]);
      });
    });

    it('clamp: number and tensor bounds, one bound, min > max, NaN stays, int promotes', () => {
      const x = core.tensor([-2, 0.5, 3, nan]);
      expect(flat(core.clamp(x, 0, 1))).toEqual([0, 0.5, 1, nan]);
      expect(flat(core.clamp(x, null, 0))).toEqual([-2, 0, 0, nan]);
      expect(flat(core.clamp(x, 2, 1))).toEqual([1, 1, 1, nan]);
      expect(flat(core.clamp(x, core.tensor([0, 1, 0, 0]), core.tensor(2)))).toEqual([0, 1, 2, nan]);
      const i = core.clamp(core.tensor([1, 5], { dtype: 'int32' }), 2.5);
      expect([i.dtype, i.toArray()]).toEqual(['float32', [2.5, 5]]);
      expect(() => core.clamp(x)).toThrow("At least one of 'min' or 'max' must not be None");
    });

    it('dropout: a seed repeats the mask; kept values are scaled; p = 0, p = 1, not training', () => {
      const x = core.ones([400]);
      core.seed(3);
      const a = flat(core.dropout(x, 0.25));
      core.seed(3);
      expect(flat(core.dropout(x, 0.25))).toEqual(a);
      expect(new Set(a)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
      const kept = a.filter((v) => v !== 0).length / a.length;
      expect(Math.abs(kept - 0.75)).toBeLessThan(0.1);
      expect(core.dropout(x, 0)).toBe(x);
      expect(core.dropout(x, 0.5, false)).toBe(x);
      expect(flat(core.dropout(x, 1))).toEqual(new Array(400).fill(0));
      expect(() => core.dropout(x, 1.5)).toThrow('dropout probability has to be between 0 and 1');
    });

    it('accumulate: float64 reduces float32 and rounds once where the backend has float64', () => {
      const v = [1, 2, 3].map((k) => k / 7);
      const x = core.tensor(v);
      const wide = supports(opts, 'float64') && core.backendSupports(x.backend, 'float64');
      const n = Math.sqrt(v.map(Math.fround).reduce((s, k) => s + k * k, 0));
      const y = core.norm(x, 2, null, false, { accumulate: 'float64' });
      expect(y.dtype).toBe('float32');
      if (wide) expect(y.toArray()).toBe(Math.fround(n));
      else expect(Math.abs((y.toArray() as number) - n)).toBeLessThan(1e-6);
      const s = core.sum(x, 0, false, { accumulate: 'float64' });
      expect(Math.abs((s.toArray() as number) - 6 / 7)).toBeLessThan(1e-6);
      expect(core.mean(x, null, true, { accumulate: 'float64' }).shape).toEqual([1]);
    });

    it("integer mean: 'truncate' divides the sum by the count toward zero; an error by default", () => {
      const i = core.tensor(
        [
          [-7, 2],
          [5, 4],
        ],
        { dtype: 'int32' },
      );
      const m = core.mean(i, 1, false, { integer: 'truncate' });
      expect([m.dtype, m.toArray()]).toEqual(['int32', [-2, 4]]);
      expect(core.mean(i, null, false, { integer: 'truncate' }).toArray()).toBe(1);
      expect(() => core.mean(i)).toThrow('Input dtype must be either a floating point');
    });

    it('tensordot: a count of axes, lists or single axes (negative too); mismatches name both', () => {
      const a = core.reshape(core.arange(24), [2, 3, 4]);
      expect(
        core.tensordot(a, core.ones([4, 3, 5]), [
          [1, 2],
          [1, 0],
        ]).shape,
      ).toEqual([2, 5]);
      expect(core.tensordot(a, core.ones([4, 5]), 1).shape).toEqual([2, 3, 5]);
      expect(core.tensordot(core.tensor([1, 2]), core.tensor([3, 4]), 0).toArray()).toEqual([
        [3, 4],
        [6, 8],
      ]);
      expect(core.tensordot(a, core.ones([4]), [-1, 0]).shape).toEqual([2, 3]);
      expect(() => core.tensordot(a, core.ones([5]), [2, 0])).toThrow('does not match');
      expect(() => core.tensordot(a, a, 4)).toThrow("'axes' must not be larger");
    });

    it('norms: p-norms, matrix norms over two axes, keepdim', () => {
      const m = core.tensor([
        [1, -2],
        [3, 4],
      ]);
      const close = (t: Tensor, v: number) =>
        expect(Math.abs((t.toArray() as number) - v)).toBeLessThan(1e-5);
      close(core.norm(m, 3), (1 + 8 + 27 + 64) ** (1 / 3));
      close(core.norm(m, 0.5), (1 + Math.SQRT2 + Math.sqrt(3) + 2) ** 2);
      expect(core.matrixNorm(m, 1).toArray()).toBe(6);
      expect(core.matrixNorm(m, -1).toArray()).toBe(4);
      expect(core.matrixNorm(m, inf).toArray()).toBe(7);
      expect(core.matrixNorm(m, -inf).toArray()).toBe(3);
      close(core.matrixNorm(m, 'fro'), Math.sqrt(30));
      expect(core.matrixNorm(core.stack([m, m]), 1, [-2, -1], true).shape).toEqual([2, 1, 1]);
      expect(() => core.matrixNorm(m, 2)).toThrow('not supported');
      expect(() => core.norm(m, 0)).toThrow('unsupported ord');
    });

    it('select, matrixTranspose and stack: views and copies with the right shapes', () => {
      const m = core.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const s = core.select(m, 1, -1);
      expect([s.toArray(), s.storage === m.storage]).toEqual([[3, 6], true]);
      expect(() => core.select(m, 0, 2)).toThrow(
        'select(): index 2 out of range for tensor of size [2, 3] at dimension 0',
      );
      expect(core.matrixTranspose(m).toArray()).toEqual([
        [1, 4],
        [2, 5],
        [3, 6],
      ]);
      expect(() => core.matrixTranspose(core.zeros([1, 1, 1]))).toThrow(
        't() expects a tensor with <= 2 dimensions',
      );
      const st = core.stack([core.tensor([1, 2], { dtype: 'int32' }), core.tensor([0.5, 1.5])], 1);
      expect([st.dtype, st.toArray()]).toEqual([
        'float32',
        [
          [1, 0.5],
          [2, 1.5],
        ],
      ]);
    });
  });
}
