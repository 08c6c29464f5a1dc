/**
 * Kernel edge cases beyond the shared suites, each compared with the CPU backend on the same
 * inputs: aliasing (in-place ops), atomics under heavy index collisions, both reduction
 * strategies, batched and strided matmul, ToInt32 casts, negative strides, 0-d and empty.
 */
import '@polygrad/backend-cpu';
import type { DType, Tensor } from '@polygrad/core';
import * as core from '@polygrad/core';
import { values } from '@polygrad/core/testing';
import { describe, expect, it } from 'vitest';
import { gpuAvailable } from './gpu.js';

/** Runs `f` on both backends with inputs made from the same host values; returns [cpu, webgpu]. */
function both(f: (b: string) => Tensor): [number[], number[]] {
  const run = (b: string) => core.tidy(() => Array.from(f(b).dataSync()));
  return [run('cpu'), run('webgpu')];
}

const t = (v: ArrayLike<number>, shape: number[], backend: string, dtype: DType = 'float32') =>
  core.reshape(core.tensor(Array.from(v), { dtype, backend }), shape);

function expectClose(got: number[], want: number[], rtol = 1e-6, atol = 1e-6): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i])) expect(got[i], `[${i}]`).toBeNaN();
    else if (!Number.isFinite(want[i])) expect(got[i], `[${i}]`).toBe(want[i]);
    else
      expect(Math.abs(got[i] - want[i]), `[${i}] ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(
        atol + rtol * Math.abs(want[i]),
      );
  }
}

if (await gpuAvailable('webgpu')) {
  describe('webgpu kernels against cpu', () => {
    it('dense float32 walks read four at a time: maps, broadcast scalars, offsets, in place', () => {
      // 2¹³ + 4 elements: over the vec4 threshold; the views below are aligned and misaligned.
      const n = 8196;
      const cases: [string, (b: string) => Tensor][] = [
        ['exp', (b) => core.exp(t(values(n, 3), [n], b))],
        ['add', (b) => core.add(t(values(n, 4), [n], b), t(values(n, 5), [n], b))],
        ['mul by a scalar', (b) => core.mul(t(values(n, 6), [n], b), 1.5)],
        ['scalar first', (b) => core.div(2, core.add(core.abs(t(values(n, 7), [n], b)), 1))],
        ['aligned slice', (b) => core.exp(core.narrow(t(values(n, 8), [n], b), 0, 4, 8188))],
        ['misaligned slice', (b) => core.neg(core.narrow(t(values(n, 9), [n], b), 0, 2, 8192))],
        [
          'in place',
          (b) =>
            core.noGrad(() => {
              const x = t(values(n, 10), [n], b);
              core.inplace(x, core.sub, core.mul(t(values(n, 11), [n], b), 0.5));
              return x;
            }),
        ],
        ['copy of a slice', (b) => core.contiguous(core.narrow(t(values(n, 12), [n], b), 0, 4, 4096))],
        ['int32 stays scalar', (b) => core.add(t(values(n, 13).map(Math.round), [n], b, 'int32'), 3)],
      ];
      for (const [name, f] of cases) {
        const [c, g] = both(f);
        expect(g.length, name).toBe(c.length);
        expectClose(g, c, 1e-6, 1e-6);
      }
    });

    it('in place: a binary op writing its own input (one binding), and a transposed self-read', () => {
      const [c, g] = both((b) =>
        core.noGrad(() => {
          const x = t(values(12, 1), [3, 4], b);
          core.inplace(x, core.mul, t(values(4, 2), [4], b));
          core.inplace(x, core.sub, 0.5);
          const s = t(values(9, 3), [3, 3], b);
          core.inplace(s, core.add, core.transpose(s));
          return core.concat([core.reshape(x, [-1]), core.reshape(s, [-1])], 0);
        }),
      );
      expectClose(g, c);
    });

    it('scatterAdd with every index colliding: float32 (CAS loop), int32 (atomicAdd), bool', () => {
      const n = 20000;
      const src = values(n, 4, 0, 1);
      for (const dtype of ['float32', 'int32', 'bool'] as DType[]) {
        const [c, g] = both((b) => {
          const idx = t(
            Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : i % 5)),
            [n],
            b,
            'int32',
          );
          const s = t(
            Array.from(src, (v) => (dtype === 'float32' ? v : Math.round(v * 3))),
            [n],
            b,
            dtype,
          );
          return core.scatterAdd(core.zeros([5], { dtype, backend: b }), 0, idx, s);
        });
        expectClose(g, c, dtype === 'float32' ? 1e-5 : 0, 0);
      }
    });

    it('reductions: one workgroup per output (long rows) and one invocation per output (short rows)', () => {
      for (const [shape, axes] of [
        [[3, 5000], [1]],
        [[5000, 3], [0]],
        [[6000, 5], [1]],
        [
          [7, 9, 300],
          [0, 2],
        ],
      ] as [number[], number[]][]) {
        const n = shape.reduce((a, b) => a * b, 1);
        const v = values(n, 5, -3, 3);
        const reducers: [string, (x: Tensor) => Tensor][] = [
          ['sum', (x) => core.sum(x, axes)],
          ['prod', (x) => core.prod(core.div(x, 2.9), axes)],
          ['max', (x) => core.max(x, axes)],
          ['min', (x) => core.min(x, axes)],
        ];
        for (const [name, f] of reducers) {
          const [c, g] = both((b) => f(t(v, shape, b)));
          expectClose(g, c, name === 'sum' ? 1e-6 : 1e-5, 1e-6);
        }
        if (axes.length === 1) {
          for (const f of [core.argmax, core.argmin]) {
            const [c, g] = both((b) => f(t(v, shape, b), axes[0]));
            expect(g).toEqual(c);
          }
        }
      }
    });

    it('arg reductions: NaN wins, ties pick the first, all -Infinity gives 0; int32 products wrap', () => {
      const rows = [
        [1, Number.NaN, 3, Number.NaN],
        [2, 5, 5, 1],
        [-Infinity, -Infinity, -Infinity, -Infinity],
      ];
      const [c, g] = both((b) =>
        core.stack([core.argmax(t(rows.flat(), [3, 4], b), 1), core.argmin(t(rows.flat(), [3, 4], b), 1)], 0),
      );
      expect(g).toEqual(c);
      const big = [65536, 65536, 3, -7, 123456789, 987654321];
      const [ci, gi] = both((b) => core.prod(t(big, [2, 3], b, 'int32'), [1]));
      expect(gi).toEqual(ci);
      const [cs, gs] = both((b) => core.sum(t([1e8, 1, -1e8, 1], [4], b)));
      expect(gs).toEqual(cs); // compensated: 2, where a plain float32 sum gives 0 or 1
    });

    it('matmul: batched with broadcast (zero-stride) batches, transposed and flipped operands, int32', () => {
      const cases: [number[], number[], (a: Tensor, b: Tensor) => Tensor][] = [
        [[2, 1, 33, 70], [3, 70, 17], core.matmul],
        [[70, 33], [17, 70], (a, b) => core.matmul(core.transpose(a), core.transpose(b))],
        [[20, 30], [30, 10], (a, b) => core.matmul(core.flip(a, [0, 1]), core.flip(b, [1]))],
        [[5, 300], [300, 4], core.matmul],
      ];
      for (const [sa, sb, f] of cases) {
        const va = values(
          sa.reduce((x, y) => x * y, 1),
          7,
        );
        const vb = values(
          sb.reduce((x, y) => x * y, 1),
          8,
        );
        const [c, g] = both((b) => f(t(va, sa, b), t(vb, sb, b)));
        expectClose(g, c, 1e-5, 1e-5);
        const [ci, gi] = both((b) =>
          f(
            t(
              va.map((x) => Math.round(x * 9)),
              sa,
              b,
              'int32',
            ),
            t(
              vb.map((x) => Math.round(x * 9)),
              sb,
              b,
              'int32',
            ),
          ),
        );
        expect(gi).toEqual(ci);
      }
    });

    it('casts: float to int32 wraps like ToInt32 (NaN and ±Infinity to 0), to bool by truthiness', () => {
      const v = [3e9, -3e9, 2.7, -2.7, Number.NaN, Infinity, -Infinity, 2147483520, -2147483648, 1e20, -0];
      for (const to of ['int32', 'bool'] as DType[]) {
        const [c, g] = both((b) => core.cast(t(v, [v.length], b), to));
        expect(g).toEqual(c);
      }
      const [c, g] = both((b) => core.cast(core.cast(t(v.slice(0, 4), [4], b), 'int32'), 'float32'));
      expect(g).toEqual(c);
    });

    it('negative strides, offsets, zero strides, 0-d and empty tensors', () => {
      const [c, g] = both((b) => {
        const x = t(values(24, 9), [2, 3, 4], b);
        const f = core.flip(core.slice(x, 2, 1, null, 2), [0, 2]);
        const e = core.expand(core.select(x, 1, 1), [5, 2, 4]);
        const z = core.add(core.tensor(2, { backend: b }), core.tensor(3, { backend: b }));
        const empty = core.mul(core.zeros([0, 4], { backend: b }), 2);
        return core.concat(
          [
            core.reshape(core.exp(f), [-1]),
            core.reshape(core.square(e), [-1]),
            core.reshape(z, [1]),
            core.reshape(empty, [-1]),
          ],
          0,
        );
      });
      expectClose(g, c, 2e-7, 0);
    });

    it('integer arithmetic wraps and divides like the CPU backend', () => {
      const a = [2147483647, -2147483648, 7, -7, 0, 46341];
      const bv = [1, -1, 2, 2, 0, 46341];
      for (const op of [core.add, core.sub, core.mul, core.maximum, core.minimum] as ((
        x: Tensor,
        y: Tensor,
      ) => Tensor)[]) {
        const [c, g] = both((b) => op(t(a, [6], b, 'int32'), t(bv, [6], b, 'int32')));
        expect(g).toEqual(c);
      }
      const [c, g] = both((b) => core.square(t(a, [6], b, 'int32')));
      expect(g).toEqual(c);
    });

    it('measures the round trip of a tiny scalar readback (one kernel, then item() / await data())', async () => {
      const x = core.keep(core.tensor(1));
      const n = 200;
      core.add(x, 1).item();
      let t0 = performance.now();
      for (let k = 0; k < n; k++) core.tidy(() => core.add(x, k).item());
      const sync = (performance.now() - t0) / n;
      t0 = performance.now();
      for (let k = 0; k < n; k++) {
        const y = core.add(x, k);
        await y.data();
        y.dispose();
      }
      const async = (performance.now() - t0) / n;
      console.log(
        `[backend-webgpu] worker scalar round trip: item() ${sync.toFixed(3)} ms, await data() ${async.toFixed(3)} ms`,
      );
      expect(sync).toBeLessThan(50);
      x.dispose();
    });
  });
}
