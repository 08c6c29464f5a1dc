import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../index.js';
import * as core from '../index.js';
import type { SuiteOptions } from './options.js';
import { rand } from './util.js';

/** Memory stays flat in a training loop; errors and disposal leave nothing behind. */
export function memorySuite(backend: string, _opts: SuiteOptions = {}): void {
  describe(`memory (${backend})`, () => {
    beforeAll(async () => {
      await core.setBackend(backend);
    });

    it('1000 steps of a small MLP under tidy keep tensors and bytes flat', () => {
      const params = [
        rand([8, 4], 1, { dtype: 'float32' }),
        rand([8], 2, { dtype: 'float32' }),
        rand([3, 8], 3, { dtype: 'float32' }),
        rand([3], 4, { dtype: 'float32' }),
      ].map((p) => core.keep(core.setRequiresGrad(p)));
      const x = core.keep(rand([16, 4], 5, { dtype: 'float32' }));
      const y = core.keep(
        core.tensor(
          Array.from({ length: 16 }, (_, i) => i % 3),
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
              core.inplace(p, core.sub, core.mul(p.grad!, 0.1));
              core.assign(p.grad!, 0);
            }
          });
          return loss.item() as number;
        });
      const first = step();
      for (let i = 0; i < 10; i++) step();
      const before = core.memory(backend);
      let last = first;
      for (let i = 0; i < 1000; i++) last = step();
      expect(core.memory(backend)).toEqual(before);
      expect(last).toBeLessThan(first);
    });

    it('dispose frees storage once its last view goes; use after dispose names the tensor', () => {
      const before = core.memory(backend);
      const x = core.ones([10]);
      const v = core.reshape(x, [2, 5]);
      x.dispose();
      expect(core.memory(backend).bytes).toBe(before.bytes + 40);
      v.dispose();
      expect(core.memory(backend)).toEqual(before);
      expect(() => core.exp(x)).toThrow(/Tensor #\d+ \(shape \[10\], float32\) was used after dispose\(\)/);
    });

    it('tidy keeps what it returns and what is kept; async tidy too', async () => {
      const before = core.memory(backend).tensors;
      let kept: Tensor | null = null;
      const r = core.tidy(() => {
        const a = core.ones([3]);
        kept = core.keep(core.mul(a, 2));
        return { out: core.add(a, 1) };
      });
      expect(core.memory(backend).tensors).toBe(before + 2);
      r.out.dispose();
      kept!.dispose();
      const p = await core.tidy(async () => {
        const a = core.ones([3]);
        await Promise.resolve();
        return core.mul(a, 3);
      });
      expect(core.memory(backend).tensors).toBe(before + 1);
      p.dispose();
    });

    it('a failing op leaves no node and no buffer behind', () => {
      const x = core.setRequiresGrad(core.ones([2, 3]));
      const other = core.ones([3, 3]);
      const before = core.memory(backend);
      expect(() => core.matmul(x, x)).toThrow('2x3 and 2x3');
      expect(() => core.concat([x, other], 1)).toThrow('Sizes of tensors must match');
      expect(() => core.add(x, other)).toThrow('[2, 3] and [3, 3]');
      expect(core.memory(backend)).toEqual(before);
      expect(x.node).toBeNull();
    });

    it('a recorded graph that is never backpropagated is freed with its handles, not by GC', () => {
      const w = core.keep(core.setRequiresGrad(rand([4, 8], 6, { dtype: 'float32' })));
      const x = core.keep(rand([16, 4], 7, { dtype: 'float32' }));
      const t = core.keep(
        core.tensor(
          Array.from({ length: 16 }, (_, i) => i % 8),
          { dtype: 'int32' },
        ),
      );
      // An evaluation pass left in grad mode: nothing calls backward on it.
      const evaluate = () => {
        core.crossEntropy(core.gelu(core.matmul(x, w)), t);
      };
      core.tidy(evaluate);
      const before = core.memory(backend);
      for (let i = 0; i < 20; i++) core.tidy(evaluate);
      expect(core.memory(backend)).toEqual(before);
      // A graph a live tensor still reaches keeps what its backward needs.
      const h = core.tidy(() => core.gelu(core.matmul(x, w)));
      const loss = core.crossEntropy(h, t);
      h.dispose();
      const [g] = core.grad(loss, [w]);
      const want = core.tidy(() => core.grad(core.crossEntropy(core.gelu(core.matmul(x, w)), t), [w])[0]);
      expect(Array.from(g!.dataSync())).toEqual(Array.from(want!.dataSync()));
      for (const d of [loss, g!, want!, w, x, t]) d.dispose();
    });

    it("linear's weight gradient comes out dense, laid out like the weight (no strided accumulation)", () => {
      core.tidy(() => {
        const w = core.setRequiresGrad(rand([5, 3], 8, { dtype: 'float32' }));
        const x = rand([4, 3], 9, { dtype: 'float32' });
        const [g] = core.grad(core.sum(core.linear(x, w)), [w]);
        expect(g!.isContiguous).toBe(true);
        // Same values as the plain formula dW = Σ_rows x (every output's gradient is 1).
        const want = core.matmul(core.ones([5, 4]), x);
        Array.from(want.dataSync()).forEach((v, i) => expect(g!.dataSync()[i]).toBeCloseTo(v, 5));
      });
    });

    it('backward releases saved tensors', () => {
      const x = core.setRequiresGrad(core.ones([100]));
      const before = core.memory(backend);
      core.tidy(() => {
        const y = core.sum(core.exp(core.mul(x, x)));
        core.backward(y);
      });
      x.grad!.dispose();
      x.grad = null;
      expect(core.memory(backend)).toEqual(before);
    });
  });
}
