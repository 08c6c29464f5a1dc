/**
 * The backend on the calling thread's device (what browsers get): no synchronous readback, so
 * everything here reads with `await t.data()`. This file's process registers 'webgpu' with the
 * direct factory (vitest runs each file in its own fork).
 */
import '@polygrad/backend-cpu';
import type { DType, Tensor } from '@polygrad/core';
import * as core from '@polygrad/core';
import { values } from '@polygrad/core/testing';
import { describe, expect, it } from 'vitest';
import { createDirectBackend, SmallOnHost, type WebGPUBackend } from '../src/index.js';
import { gpuAvailable } from './gpu.js';

core.registerBackend('webgpu', () => createDirectBackend());
core.registerBackend('webgpu-tiled', () => createDirectBackend({ matmul: 'tiled' }));
core.registerBackend('webgpu-rows', () => createDirectBackend({ matmul: 'rows' }));
core.registerBackend('webgpu-small', async () => new SmallOnHost(await createDirectBackend()));

const read = async (t: core.Tensor) => Array.from(await t.data());

if (await gpuAvailable('webgpu')) {
  const backend = core.backendInstance('webgpu') as WebGPUBackend;

  describe('direct WebGPU backend (async reads only)', () => {
    it('synchronous readers throw an error that names `await t.data()`', () => {
      const t = core.tensor([1, 2, 3]);
      expect((backend as core.Backend).readSync).toBeUndefined();
      for (const f of [() => t.dataSync(), () => t.toArray(), () => core.sum(t).item()]) {
        expect(f).toThrow('await t.data()');
        expect(f).toThrow("'webgpu'");
      }
    });

    it('after `await t.data()`, dataSync() and printing read the host copy until a write', async () => {
      // tidy: nothing may be left for the finalizer to free during the pool test below.
      await core.tidy(async () => {
        const x = core.reshape(core.arange(6), [2, 3]);
        expect(() => x.dataSync()).toThrow('await t.data()');
        expect(await read(x)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(Array.from(x.dataSync())).toEqual([0, 1, 2, 3, 4, 5]);
        // Views of the same storage gather from the same host copy.
        expect(core.transpose(x).toArray()).toEqual([
          [0, 3],
          [1, 4],
          [2, 5],
        ]);
        // An in-place write makes the copy stale: synchronous reads throw again until the next read.
        core.inplace(x, core.add, 1);
        expect(() => x.dataSync()).toThrow('await t.data()');
        expect(await read(core.select(x, 0, 1))).toEqual([4, 5, 6]);
        expect(Array.from(x.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
        // A fresh tensor has no host copy.
        expect(() => core.add(x, 1).dataSync()).toThrow('await t.data()');
      });
    });

    it('small tensors on the host read synchronously; device tensors after one read, until written', async () => {
      await core.setBackend('webgpu-small');
      try {
        await core.tidy(async () => {
          const small = core.mul(core.tensor([1, 2, 3]), 2);
          expect(Array.from(small.dataSync())).toEqual([2, 4, 6]); // never left the host
          const big = core.add(core.arange(1000), 1); // on the device
          expect(() => big.dataSync()).toThrow(core.SyncReadError);
          // A read overtaken by a write must not leave its stale copy behind.
          const pending = big.data();
          core.inplace(big, core.mul, 2);
          expect((await pending)[999]).toBe(1000);
          expect(() => big.dataSync()).toThrow('await t.data()');
          expect((await big.data())[999]).toBe(2000);
          expect(big.dataSync()[999]).toBe(2000);
          // Small and device operands together run on the device, uploading the small one.
          const mixed = core.add(big, core.tensor(1));
          expect((await mixed.data())[0]).toBe(3);
        });
      } finally {
        await core.setBackend('webgpu');
      }
    });

    it('float64 is a clear error naming the dtype and the backends that have it', () => {
      for (const f of [
        () => core.tensor([1], { dtype: 'float64' }),
        () => core.zeros([2], { dtype: 'float64' }),
        () => core.cast(core.tensor([1]), 'float64'),
      ]) {
        expect(f).toThrow(/float64/);
        expect(f).toThrow(/'cpu' or 'wasm'/);
      }
    });

    it('computes with async reads: elementwise, reductions, matmul, indexing', async () => {
      const x = core.reshape(core.arange(12), [3, 4]);
      expect(await read(core.sum(x, [1]))).toEqual([6, 22, 38]);
      expect(await read(core.argmax(core.transpose(x), 1))).toEqual([2, 2, 2, 2]);
      expect(await read(core.matmul(x, core.transpose(x)))).toEqual([14, 38, 62, 38, 126, 214, 62, 214, 366]);
      expect(await read(core.gt(x, 5.5))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
      const i = core.tensor(
        [
          [2, 0],
          [1, 1],
          [0, 3],
        ],
        { dtype: 'int32' },
      );
      expect(await read(core.gather(x, 1, i))).toEqual([2, 0, 5, 5, 8, 11]);
      expect(await read(core.exp(core.tensor(0)))).toEqual([1]);
      expect(await read(core.exp(core.zeros([0, 3])))).toEqual([]);
    });

    it('a 2-D dispatch grid: more than 65535 × 256 elements', async () => {
      const n = 4100 * 4100; // > 16,776,960 invocations of one row of workgroups
      const x = core.full([n], 1);
      const y = core.mul(x, 3);
      const last = core.slice(y, 0, n - 3);
      expect(await read(last)).toEqual([3, 3, 3]);
      expect(await read(core.sum(y))).toEqual([3 * n]);
      for (const t of [x, y, last]) t.dispose();
    });

    it('reuses pooled buffers: alloc/free cycles create nothing new', async () => {
      const step = () => core.tidy(() => core.sum(core.mul(core.exp(core.ones([64, 64])), 2)));
      const first = step();
      await first.data();
      first.dispose();
      const before = backend.stats();
      for (let k = 0; k < 50; k++) step().dispose();
      await backend.idle();
      const after = backend.stats();
      expect(after.created).toBe(before.created);
      // Not toBe: the finalizer may free a tensor an earlier test left behind meanwhile.
      expect(after.live).toBeLessThanOrEqual(before.live);
    });

    it('measures the round trip of a tiny scalar readback (one kernel, then await data())', async () => {
      const x = core.keep(core.tensor(1));
      await core.add(x, 1).data();
      const n = 200;
      const t0 = performance.now();
      for (let k = 0; k < n; k++) {
        const y = core.add(x, k);
        await y.data();
        y.dispose();
      }
      const ms = (performance.now() - t0) / n;
      console.log(`[backend-webgpu] direct scalar round trip: await data() ${ms.toFixed(3)} ms`);
      expect(ms).toBeLessThan(50);
      x.dispose();
    });
  });

  describe('both matmul kernels against the CPU backend', () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[1, 1], [1, 1], false, false],
      [[13, 37], [37, 19], false, false],
      [[13, 37], [37, 19], true, true],
      [[70, 65], [65, 130], false, true],
      [[2, 1, 67, 33], [3, 33, 66], true, false],
      [[3, 0], [0, 5], false, false],
    ];
    for (const kind of ['webgpu-tiled', 'webgpu-rows']) {
      for (const dtype of ['float32', 'int32'] as DType[]) {
        it(`${kind} ${dtype}`, async () => {
          await core.setBackend(kind);
          for (const [sa, sb, ta, tb] of cases) {
            const mk = (shape: number[], seed: number, tr: boolean, b: string): Tensor => {
              const s = tr
                ? [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]]
                : shape;
              const v = Array.from(
                values(
                  s.reduce((x, y) => x * y, 1),
                  seed,
                  -2,
                  2,
                ),
                (x) => (dtype === 'int32' ? Math.round(x * 5) : x),
              );
              const t = core.reshape(core.tensor(v, { dtype, backend: b }), s);
              return tr ? core.transpose(t, -1, -2) : t;
            };
            const run = (b: string) => core.matmul(mk(sa, 1, ta, b), mk(sb, 2, tb, b));
            const want = Array.from(run('cpu').dataSync());
            const got = Array.from(await run(kind).data());
            expect(got.length).toBe(want.length);
            for (let i = 0; i < want.length; i++) {
              expect(
                Math.abs(got[i] - want[i]),
                `${JSON.stringify([sa, sb, ta, tb])}[${i}]`,
              ).toBeLessThanOrEqual(dtype === 'int32' ? 0 : 1e-5 + 1e-5 * Math.abs(want[i]));
            }
          }
        });
      }
    }
  });
}
