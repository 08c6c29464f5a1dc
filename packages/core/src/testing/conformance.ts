import { beforeAll, describe, expect, it } from 'vitest';
import type { DType, Tensor } from '../index.js';
import * as core from '../index.js';
import { compositeConformance } from './conformance-composites.js';
import { only, type SuiteOptions, supports } from './options.js';
import { flat, unravel, values } from './util.js';

const F32 = Math.fround;

/** Values of a (possibly strided) tensor at a multi-index, read through toArray (independent of kernels). */
function at(nested: unknown, idx: number[]): number {
  let v = nested;
  for (const i of idx) v = (v as unknown[])[i];
  return Number(v);
}

function close(actual: number[], expected: number[], rtol: number, atol = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) expect(a, `element ${i}`).toBeNaN();
    else if (!Number.isFinite(e)) expect(a, `element ${i}`).toBe(e);
    else expect(Math.abs(a - e), `element ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(atol + rtol * Math.abs(e));
  }
}

const round = (d: DType, v: number) =>
  d === 'float32' ? F32(v) : d === 'int32' ? v | 0 : d === 'bool' ? (v ? 1 : 0) : v;

const special = [
  0,
  -0,
  1.5,
  -2.25,
  3,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e-8,
  -7,
];

/** Every kernel, every dtype, strided and broadcast inputs, NaN/±Inf and empty tensors. */
export function conformanceSuite(backend: string, opts: SuiteOptions = {}): void {
  describe(`conformance (${backend})`, () => {
    beforeAll(async () => {
      await core.setBackend(backend);
    });

    const unaryRefs: [string, (x: Tensor) => Tensor, (v: number) => number][] = [
      ['neg', core.neg, (v) => -v],
      ['abs', core.abs, Math.abs],
      ['sign', core.sign, (v) => (Number.isNaN(v) ? v : Math.sign(v))],
      ['exp', core.exp, Math.exp],
      ['log', core.log, Math.log],
      ['log1p', core.log1p, Math.log1p],
      ['expm1', core.expm1, Math.expm1],
      ['sqrt', core.sqrt, Math.sqrt],
      ['rsqrt', core.rsqrt, (v) => 1 / Math.sqrt(v)],
      ['square', core.square, (v) => v * v],
      ['reciprocal', core.reciprocal, (v) => 1 / v],
      ['sin', core.sin, Math.sin],
      ['cos', core.cos, Math.cos],
      ['tan', core.tan, Math.tan],
      ['tanh', core.tanh, Math.tanh],
      ['sigmoid', core.sigmoid, (v) => 1 / (1 + Math.exp(-v))],
      ['relu', core.relu, (v) => (Number.isNaN(v) ? v : Math.max(v, 0))],
      ['floor', core.floor, Math.floor],
      ['ceil', core.ceil, Math.ceil],
      ['trunc', core.trunc, Math.trunc],
      [
        'round (half to even)',
        core.round,
        (v) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v)),
      ],
    ];

    describe('unary', () => {
      for (const dtype of only(opts, ['float32', 'float64'] as const)) {
        for (const [name, op, ref] of unaryRefs) {
          it(`${name} ${dtype} on specials and a transposed view`, () => {
            const vals = [...special, ...values(14, 3, -3, 3), 0.5, 2.5, -1.5];
            const x = core.tensor(vals, { dtype });
            close(
              flat(op(x)),
              vals.map((v) => round(dtype, ref(round(dtype, v)))),
              dtype === 'float32' ? 2e-7 : 1e-15,
              1e-300,
            );
            const m = core.transpose(core.reshape(core.slice(x, 0, 0, 24), [4, 6]));
            const expected = [];
            for (let i = 0; i < 6; i++)
              for (let j = 0; j < 4; j++) expected.push(round(dtype, ref(round(dtype, vals[j * 6 + i]))));
            close(flat(op(m)), expected, dtype === 'float32' ? 2e-7 : 1e-15, 1e-300);
          });
        }
      }
      it('int32 keeps integer arithmetic; float-only ops promote', () => {
        const x = core.tensor([-3, 0, 5], { dtype: 'int32' });
        expect(core.neg(x).dtype).toBe('int32');
        expect(flat(core.abs(x))).toEqual([3, 0, 5]);
        expect(flat(core.square(x))).toEqual([9, 0, 25]);
        expect(core.exp(x).dtype).toBe('float32');
        expect(flat(core.sign(x))).toEqual([-1, 0, 1]);
      });
      it('logical not and isnan write bool', () => {
        const b = core.tensor([true, false]);
        expect(core.logicalNot(b).toArray()).toEqual([false, true]);
        expect(core.isnan(core.tensor([1, Number.NaN])).toArray()).toEqual([false, true]);
      });
      it('empty and 0-d', () => {
        expect(core.exp(core.zeros([0, 3])).shape).toEqual([0, 3]);
        expect(core.exp(core.tensor(0)).toArray()).toBe(1);
      });
    });

    const binRefs: [string, (a: Tensor, b: Tensor) => Tensor, (a: number, b: number) => number][] = [
      ['add', core.add, (a, b) => a + b],
      ['sub', core.sub, (a, b) => a - b],
      ['mul', core.mul, (a, b) => a * b],
      ['div', core.div, (a, b) => a / b],
      ['pow', core.pow, (a, b) => a ** b],
      ['maximum', core.maximum, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b))],
      ['minimum', core.minimum, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b))],
      ['atan2', core.atan2, Math.atan2],
    ];
    const cmpRefs: [string, (a: Tensor, b: Tensor) => Tensor, (a: number, b: number) => boolean][] = [
      ['eq', core.eq, (a, b) => a === b],
      ['ne', core.ne, (a, b) => a !== b],
      ['lt', core.lt, (a, b) => a < b],
      ['le', core.le, (a, b) => a <= b],
      ['gt', core.gt, (a, b) => a > b],
      ['ge', core.ge, (a, b) => a >= b],
    ];

    /** a [2,1,5] strided (sliced from a bigger tensor) against b [3,1] broadcast to [2,3,5]. */
    function broadcastPair(dtype: DType) {
      const av = [...special, ...values(10, 5, -4, 4)].map((v) =>
        dtype === 'int32' ? Math.trunc(Number.isFinite(v) ? v : 2) : v,
      );
      const bv = [2, -0.5, Number.NaN].map((v) =>
        dtype === 'int32' ? (Number.isNaN(v) ? 3 : Math.trunc(v) || 1) : v,
      );
      const big = core.reshape(core.tensor(av, { dtype }), [2, 2, 5]);
      const a = core.slice(big, 1, 1, 2); // [2,1,5], offset view
      const b = core.reshape(core.tensor(bv, { dtype }), [3, 1]);
      const aN = a.toArray();
      const bN = b.toArray();
      const expected = (f: (x: number, y: number) => number) =>
        Array.from({ length: 30 }, (_, i) => {
          const [p, q, r] = unravel(i, [2, 3, 5]);
          return f(at(aN, [p, 0, r]), at(bN, [q, 0]));
        });
      return { a, b, expected };
    }

    describe('binary with broadcasting', () => {
      for (const dtype of only(opts, ['float32', 'float64', 'int32'] as const)) {
        for (const [name, op, ref] of binRefs) {
          if (dtype === 'int32' && (name === 'pow' || name === 'atan2')) continue;
          it(`${name} ${dtype}`, () => {
            const { a, b, expected } = broadcastPair(dtype);
            const out = op(a, b);
            expect(out.shape).toEqual([2, 3, 5]);
            const outDType =
              name === 'div' || name === 'atan2' ? (dtype === 'int32' ? 'float32' : dtype) : dtype;
            expect(out.dtype).toBe(outDType);
            close(
              flat(out),
              expected(ref).map((v) => round(outDType, v)),
              outDType === 'float32' ? 4e-7 : 1e-15,
              1e-30,
            );
          });
        }
        for (const [name, op, ref] of cmpRefs) {
          it(`${name} ${dtype} writes bool`, () => {
            const { a, b, expected } = broadcastPair(dtype);
            const out = op(a, b);
            expect(out.dtype).toBe('bool');
            expect(flat(out)).toEqual(expected((x, y) => (ref(x, y) ? 1 : 0)));
          });
        }
      }
      it('logical and/or, and scalars as weak operands', () => {
        const a = core.tensor([true, true, false]);
        const b = core.tensor([true, false, false]);
        expect(core.logicalAnd(a, b).toArray()).toEqual([true, false, false]);
        expect(core.logicalOr(a, b).toArray()).toEqual([true, true, false]);
        const i = core.tensor([1, 2], { dtype: 'int32' });
        expect(core.mul(i, 2).dtype).toBe('int32');
        expect(core.mul(i, 2.5).dtype).toBe('float32');
        if (supports(opts, 'float64'))
          expect(core.add(core.tensor([1], { dtype: 'float64' }), 1).dtype).toBe('float64');
        expect(flat(core.add(a, b))).toEqual([2, 1, 0]);
      });
      it('a shape mismatch names both shapes and leaves nothing behind', () => {
        const a = core.ones([2, 3]);
        const b = core.ones([4]);
        const before = core.memory(backend);
        expect(() => core.add(a, b)).toThrow('[2, 3] and [4]');
        expect(core.memory(backend)).toEqual(before);
      });
    });

    describe('where and cast', () => {
      it('where broadcasts all three', () => {
        const c = core.tensor([[true], [false]]);
        expect(core.where(c, core.tensor([1, 2, 3]), -1).toArray()).toEqual([
          [1, 2, 3],
          [-1, -1, -1],
        ]);
      });
      it.skipIf(!supports(opts, 'float64'))('casts between every pair of dtypes', () => {
        const x = core.tensor([-1.7, 0, 2.5, 3]);
        expect(core.cast(x, 'int32').toArray()).toEqual([-1, 0, 2, 3]);
        expect(core.cast(x, 'bool').toArray()).toEqual([true, false, true, true]);
        expect(core.cast(core.cast(x, 'bool'), 'float64').toArray()).toEqual([1, 0, 1, 1]);
        expect(core.cast(core.tensor([1 / 3], { dtype: 'float64' }), 'float32').toArray()).toEqual([
          F32(1 / 3),
        ]);
      });
    });

    describe('reductions', () => {
      const shape = [3, 4, 2];
      const v = values(24, 9, -5, 5);
      for (const dtype of only(opts, ['float32', 'float64', 'int32'] as const)) {
        const data = v.map((x) => round(dtype, dtype === 'int32' ? Math.round(x) : x));
        const ops: [string, (t: Tensor, ax: number[]) => Tensor, (xs: number[]) => number][] = [
          ['sum', (t, ax) => core.sum(t, ax), (xs) => xs.reduce((a, b) => a + b, 0)],
          ['prod', (t, ax) => core.prod(t, ax), (xs) => xs.reduce((a, b) => a * b, 1)],
          ['max', (t, ax) => core.max(t, ax), (xs) => Math.max(...xs)],
          ['min', (t, ax) => core.min(t, ax), (xs) => Math.min(...xs)],
          ['argmax', (t, ax) => core.argmax(t, ax[0]), (xs) => xs.indexOf(Math.max(...xs))],
          ['argmin', (t, ax) => core.argmin(t, ax[0]), (xs) => xs.indexOf(Math.min(...xs))],
        ];
        for (const [name, op, ref] of ops) {
          for (const axes of [[0], [1], [2], [0, 2]]) {
            if (name.startsWith('arg') && axes.length > 1) continue;
            it(`${name} ${dtype} over ${JSON.stringify(axes)} of a permuted view`, () => {
              const base = core.reshape(core.tensor(data, { dtype }), shape);
              const t = core.permute(base, [2, 0, 1]); // shape [2,3,4], strided
              const tShape = [2, 3, 4];
              const nested = t.toArray();
              const out = op(t, axes);
              const outShape = tShape.filter((_, i) => !axes.includes(i));
              expect(out.shape).toEqual(outShape);
              const expected = Array.from({ length: outShape.reduce((a, b) => a * b, 1) }, (_, o) => {
                const oi = unravel(o, outShape);
                const xs: number[] = [];
                const redShape = axes.map((a) => tShape[a]);
                const n = redShape.reduce((a, b) => a * b, 1);
                for (let r = 0; r < n; r++) {
                  const ri = unravel(r, redShape);
                  const full: number[] = [];
                  let k = 0;
                  let m = 0;
                  for (let d = 0; d < 3; d++) full.push(axes.includes(d) ? ri[m++] : oi[k++]);
                  xs.push(at(nested, full));
                }
                return ref(xs);
              });
              close(
                flat(out),
                expected.map((e) => (name.startsWith('arg') ? e : round(dtype, e))),
                dtype === 'float32' ? 1e-6 : 1e-14,
              );
            });
          }
        }
      }
      it('NaN propagates through max and sum; empty sum is 0 and empty max is an error', () => {
        const x = core.tensor([1, Number.NaN, 3]);
        expect(core.max(x).toArray()).toBeNaN();
        expect(core.sum(x).toArray()).toBeNaN();
        expect(core.sum(core.zeros([0, 2]), [0]).toArray()).toEqual([0, 0]);
        expect(() => core.max(core.zeros([0]))).toThrow('non-zero size');
      });
      it('keepdim, mean, full reductions to 0-d', () => {
        const x = core.reshape(core.arange(6), [2, 3]);
        expect(core.sum(x, [1], true).toArray()).toEqual([[3], [12]]);
        expect(core.mean(x).toArray()).toBe(2.5);
        expect(core.sum(core.tensor([true, true, false])).toArray()).toBe(2);
        expect(() => core.mean(core.tensor([1], { dtype: 'int32' }))).toThrow('Got: int32');
      });
    });

    describe('matmul', () => {
      const naive = (a: number[][], b: number[][]) =>
        a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
      for (const dtype of only(opts, ['float32', 'float64', 'int32'] as const)) {
        for (const [ta, tb] of [
          [false, false],
          [true, false],
          [false, true],
          [true, true],
        ]) {
          it(`${dtype} ${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'} at odd sizes`, () => {
            const m = 13;
            const k = 37;
            const n = 19;
            const gen = (r: number, c: number, s: number) =>
              core.reshape(
                core.tensor(
                  Array.from(values(r * c, s, -2, 2), (x) => (dtype === 'int32' ? Math.round(x * 3) : x)),
                  { dtype },
                ),
                [r, c],
              );
            const a = ta ? core.transpose(gen(k, m, 1)) : gen(m, k, 1);
            const b = tb ? core.transpose(gen(n, k, 2)) : gen(k, n, 2);
            const out = core.matmul(a, b);
            const e = naive(a.toArray() as number[][], b.toArray() as number[][]).flat();
            close(
              flat(out),
              e.map((x) => round(dtype, x)),
              dtype === 'float32' ? 1e-5 : 1e-13,
              1e-5,
            );
          });
        }
      }
      it('batched with broadcast batch dimensions, and vector cases', () => {
        const a = core.reshape(core.arange(2 * 1 * 2 * 3), [2, 1, 2, 3]);
        const b = core.reshape(core.arange(3 * 3 * 2), [3, 3, 2]);
        const out = core.matmul(a, b);
        expect(out.shape).toEqual([2, 3, 2, 2]);
        const an = a.toArray() as number[][][][];
        const bn = b.toArray() as number[][][];
        const e = [0, 1].flatMap((i) => [0, 1, 2].flatMap((j) => naive(an[i][0], bn[j]).flat()));
        expect(flat(out)).toEqual(e);
        const v = core.tensor([1, 2, 3]);
        expect(core.matmul(v, v).toArray()).toBe(14);
        expect(core.matmul(core.reshape(core.arange(6), [2, 3]), v).toArray()).toEqual([8, 26]);
        expect(core.matmul(v, core.reshape(core.arange(6), [3, 2])).toArray()).toEqual([16, 22]);
      });
      it('names both shapes on mismatch', () => {
        expect(() => core.matmul(core.ones([2, 3]), core.ones([4, 2]))).toThrow(
          'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)',
        );
      });
      it('empty inner dimension gives zeros', () => {
        expect(core.matmul(core.ones([2, 0]), core.ones([0, 3])).toArray()).toEqual([
          [0, 0, 0],
          [0, 0, 0],
        ]);
      });
    });

    describe('movement, gather and scatter', () => {
      it('views share storage; contiguous copies when needed', () => {
        const x = core.reshape(core.arange(12), [3, 4]);
        const t = core.transpose(x);
        expect(t.storage).toBe(x.storage);
        expect(core.reshape(t, [12]).toArray()).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
        expect(core.slice(x, 1, 0, null, 3).toArray()).toEqual([
          [0, 3],
          [4, 7],
          [8, 11],
        ]);
        expect(core.expand(core.tensor([[1], [2]]), [2, 3]).toArray()).toEqual([
          [1, 1, 1],
          [2, 2, 2],
        ]);
        expect(core.flip(x, 1).toArray()).toEqual([
          [3, 2, 1, 0],
          [7, 6, 5, 4],
          [11, 10, 9, 8],
        ]);
        expect(core.concat([x, x], 0).shape).toEqual([6, 4]);
        expect(core.stack([x, x], 2).shape).toEqual([3, 4, 2]);
        expect(core.pad(core.tensor([1, 2]), [1, 2], 9).toArray()).toEqual([9, 1, 2, 9, 9]);
        expect(core.tile(core.tensor([1, 2]), [2]).toArray()).toEqual([1, 2, 1, 2]);
        expect(core.repeatInterleave(core.tensor([1, 2]), 2).toArray()).toEqual([1, 1, 2, 2]);
        expect(core.split(core.arange(5), 2).map((p) => p.toArray())).toEqual([[0, 1], [2, 3], [4]]);
      });
      it('gather and scatterAdd on every dtype, and index errors', () => {
        for (const dtype of only(opts, ['float32', 'float64', 'int32', 'bool'] as const)) {
          const x = core.cast(core.reshape(core.arange(6), [2, 3]), dtype);
          const idx = core.tensor(
            [
              [2, 0],
              [1, 1],
            ],
            { dtype: 'int32' },
          );
          const g = core.gather(x, 1, idx);
          expect(flat(g)).toEqual([2, 0, 4, 4].map((v) => round(dtype, v)));
        }
        const z = core.scatterAdd(
          core.zeros([2, 3]),
          1,
          core.tensor(
            [
              [0, 0],
              [2, 1],
            ],
            { dtype: 'int32' },
          ),
          core.tensor([
            [1, 2],
            [3, 4],
          ]),
        );
        expect(z.toArray()).toEqual([
          [3, 0, 0],
          [0, 4, 3],
        ]);
        expect(() => core.gather(core.ones([2, 3]), 1, core.tensor([[3]], { dtype: 'int32' }))).toThrow(
          'index 3 is out of bounds for dimension 1 with size 3',
        );
        expect(() => core.gather(core.ones([2]), 0, core.tensor([0.5]))).toThrow(
          'Expected dtype int32 for index',
        );
      });
      it('in-place arithmetic outside recording: broadcast operand, overlapping view, versions', () => {
        core.noGrad(() => {
          const x = core.reshape(core.arange(4), [2, 2]);
          const v0 = x.version;
          core.inplace(x, core.mul, core.tensor([10, 100]));
          expect(x.toArray()).toEqual([
            [0, 100],
            [20, 300],
          ]);
          core.inplace(x, core.add, core.transpose(x)); // reads a view of itself
          expect(x.toArray()).toEqual([
            [0, 120],
            [120, 600],
          ]);
          expect(x.version).toBe(v0 + 2);
        });
      });
      it('in-place copy into a strided window bumps the version', () => {
        const x = core.zeros([2, 3]);
        const col = core.select(x, 1, 1);
        const v0 = x.version;
        core.assign(col, core.tensor([5, 6]));
        expect(x.toArray()).toEqual([
          [0, 5, 0],
          [0, 6, 0],
        ]);
        expect(x.version).toBe(v0 + 1);
      });
    });

    describe('python indexing, take, pick, one_hot', () => {
      it('basic items give views; negative steps and arrays give copies (NumPy rules)', () => {
        const x = core.reshape(core.arange(24), [2, 3, 4]);
        const v = core.pyIndex(x, [1, '1:', null, '::2']);
        expect(v.storage).toBe(x.storage);
        expect(v.toArray()).toEqual([[[16, 18]], [[20, 22]]]);
        expect(core.pyIndex(x, [1, '::-1', -1]).toArray()).toEqual([23, 19, 15]);
        expect(core.pyIndex(x, ['...', 0]).toArray()).toEqual([
          [0, 4, 8],
          [12, 16, 20],
        ]);
        expect(core.pyIndex(x, [0, ':', [1, 2]]).shape).toEqual([2, 3]);
        expect(core.pyIndex(x, [0, ':', [1, 2]], { dialect: 'torch' }).shape).toEqual([3, 2]);
        expect(core.pyIndex(x, [[0, 1], null, [1, 2]]).toArray()).toEqual([
          [[4, 5, 6, 7]],
          [[20, 21, 22, 23]],
        ]);
        expect(core.pyIndex(x, [core.gt(x, 20)]).toArray()).toEqual([21, 22, 23]);
        expect(core.pyIndex(core.arange(10), ['-1:-20:-3']).toArray()).toEqual([9, 6, 3, 0]);
        expect(() => core.pyIndex(x, [5])).toThrow('index 5 is out of bounds for axis 0 with size 2');
        expect(() => core.pyIndex(x, [':', [-4]])).toThrow(
          'index -4 is out of bounds for axis 1 with size 3',
        );
        expect(() => core.pyIndex(x, [0, 0, 0, 0])).toThrow(
          'too many indices for array: array is 3-dimensional, but 4 were indexed',
        );
        expect(() => core.pyIndex(x, ['::-1'], { dialect: 'torch' })).toThrow(
          'step must be greater than zero',
        );
      });
      it('take and pick on every dtype, with modes', () => {
        for (const dtype of only(opts, ['float32', 'float64', 'int32', 'bool'] as const)) {
          const x = core.cast(core.tensor([4, 3, 5, 7, 0, 8]), dtype);
          const r = (vs: number[]) => vs.map((v) => round(dtype, v));
          expect(flat(core.take(x, [0, 1, 4, -1]))).toEqual(r([4, 3, 0, 8]));
          expect(flat(core.take(x, [-1, 9], { mode: 'clip' }))).toEqual(r([4, 8]));
          expect(flat(core.take(x, [-7, 13], { mode: 'wrap' }))).toEqual(r([8, 3]));
          const m = core.reshape(x, [3, 2]);
          expect(flat(core.pick(m, core.tensor([0, 1, 5], { dtype: 'int32' }), 1))).toEqual(r([4, 7, 8]));
        }
        expect(() => core.take(core.ones([3]), [3])).toThrow(
          'index 3 is out of bounds for axis 0 with size 3',
        );
        expect(() => core.take(core.ones([3]), [-1], { negative: false })).toThrow(
          'index -1 is out of bounds',
        );
        expect(() => core.pick(core.ones([3, 2]), core.tensor([0, 1], { dtype: 'int32' }))).toThrow(
          'does not fit data of shape [3, 2]',
        );
      });
      it('one_hot: axis, values, dtype; indices out of range give a row of off values', () => {
        const i = core.tensor([0, 2, -1, 5], { dtype: 'int32' });
        expect(core.oneHot(i, 3).toArray()).toEqual([
          [1, 0, 0],
          [0, 0, 1],
          [0, 0, 0],
          [0, 0, 0],
        ]);
        const j = core.oneHot(core.tensor([0, 2], { dtype: 'int32' }), 3, {
          axis: 0,
          onValue: 5,
          offValue: -1,
          dtype: 'int32',
        });
        expect(j.dtype).toBe('int32');
        expect(j.toArray()).toEqual([
          [5, -1],
          [-1, -1],
          [-1, 5],
        ]);
        expect(core.oneHot(core.tensor([1], { dtype: 'int32' }), 2, { dtype: 'bool' }).toArray()).toEqual([
          [false, true],
        ]);
        expect(() => core.oneHot(core.tensor([1]), 2)).toThrow('expected int32 indices');
        expect(() => core.oneHot(i, -1)).toThrow('depth must be a non-negative integer');
      });
    });

    compositeConformance(opts);

    describe('creation and random', () => {
      it('full, arange, linspace, eye', () => {
        expect(core.eye(3, 4, { k: 1 }).toArray()).toEqual([
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ]);
        expect(core.eye(3, 2, { k: -1 }).toArray()).toEqual([
          [0, 0],
          [1, 0],
          [0, 1],
        ]);
        expect(core.full([2], 7, { dtype: 'int32' }).toArray()).toEqual([7, 7]);
        expect(core.arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
        expect(core.linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
        expect(core.eye(2, 3).toArray()).toEqual([
          [1, 0, 0],
          [0, 1, 0],
        ]);
      });
      it.skipIf(!supports(opts, 'float64'))(
        'one seed gives the same numbers; normals have the right moments',
        () => {
          core.seed(42);
          const a = flat(core.uniform([5]));
          core.seed(42);
          expect(flat(core.uniform([5]))).toEqual(a);
          core.seed(7);
          const n = flat(core.normal([20000], 1, 2, { dtype: 'float64' }));
          const mean = n.reduce((s, v) => s + v, 0) / n.length;
          const sd = Math.sqrt(n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length);
          expect(Math.abs(mean - 1)).toBeLessThan(0.05);
          expect(Math.abs(sd - 2)).toBeLessThan(0.05);
        },
      );
    });
  });
}
