/**
 * GPU memory stays flat in a training loop: after warm-up, the pool hands out the same number of
 * live buffers at every step and creates no new GPUBuffers (freed ones are reused by size class).
 */
import * as core from '@polygrad/core';
import { rand } from '@polygrad/core/testing';
import { describe, expect, it } from 'vitest';
import type { WorkerBackend } from '../src/index.js';
import { gpuAvailable } from './gpu.js';

if (await gpuAvailable('webgpu')) {
  describe('webgpu memory', () => {
    it('a training loop keeps the live buffer count, the pool and core.memory() flat', () => {
      const backend = core.backendInstance('webgpu') as WorkerBackend;
      const params = [
        rand([32, 16], 1, { dtype: 'float32' }),
        rand([32], 2, { dtype: 'float32' }),
        rand([4, 32], 3, { dtype: 'float32' }),
        rand([4], 4, { dtype: 'float32' }),
      ].map((p) => core.keep(core.setRequiresGrad(core.mul(p, 0.3))));
      const x = core.keep(rand([64, 16], 5, { dtype: 'float32' }));
      const y = core.keep(
        core.tensor(
          Array.from({ length: 64 }, (_, i) => i % 4),
          { dtype: 'int32' },
        ),
      );
      const step = () =>
        core.tidy(() => {
          const [w1, b1, w2, b2] = params;
          const h = core.relu(core.linear(x, w1, b1));
          const loss = core.crossEntropy(core.linear(h, w2, b2), y);
          core.backward(loss);
          core.noGrad(() => {
            for (const p of params) {
              core.inplace(p, core.sub, core.mul(p.grad!, 0.5));
              core.assign(p.grad!, 0);
            }
          });
          return loss.item() as number;
        });
      const first = step();
      for (let i = 0; i < 10; i++) step();
      const mem = core.memory('webgpu');
      const pool = backend.stats();
      const live: number[] = [];
      let last = first;
      for (let i = 0; i < 300; i++) {
        last = step();
        if (i % 50 === 0) live.push(backend.stats().live);
      }
      const after = backend.stats();
      expect(core.memory('webgpu')).toEqual(mem);
      expect(new Set(live).size).toBe(1);
      expect(after.live).toBe(pool.live);
      expect(after.handles).toBe(pool.handles);
      expect(after.created).toBe(pool.created);
      expect(after.pooledBytes).toBe(pool.pooledBytes);
      expect(last).toBeLessThan(first);
    });
  });
}
