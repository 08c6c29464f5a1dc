import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../index.js';
import * as core from '../index.js';
import { compositeAutograd } from './autograd-composites.js';
import { type SuiteOptions, supports } from './options.js';
import { flat } from './util.js';

const leaf = (v: number[] | number, dtype: core.DType = 'float32') =>
  core.setRequiresGrad(core.tensor(v, { dtype }));
const arr = (t: Tensor | null) => (t ? flat(t) : null);

/** The autograd semantics every facade relies on, checked through core on one backend. */
export function autogradSuite(backend: string, opts: SuiteOptions = {}): void {
  const f64 = supports(opts, 'float64');
  describe(`autograd semantics (${backend})`, () => {
    beforeAll(async () => {
      await core.setBackend(backend);
    });

    describe('PyTorch recorder (grad mode)', () => {
      it('y = 2·xᵀx gives 4x, recorded as MulBackward0', () => {
        const x = leaf([0, 1, 2, 3]);
        const y = core.mul(2, core.dot(x, x));
        expect(y.node?.name).toBe('MulBackward0');
        expect(y.node?.edges[1]?.name).toBe('DotBackward0');
        core.backward(y);
        expect(arr(x.grad)).toEqual([0, 4, 8, 12]);
      });
      it('accumulates into .grad across backward calls, in place', () => {
        const x = leaf([1, 2]);
        core.backward(core.sum(core.mul(x, x)));
        const g = x.grad!;
        core.backward(core.sum(core.mul(x, 3)));
        expect(x.grad).toBe(g);
        expect(arr(x.grad)).toEqual([5, 7]);
      });
      it('refuses a second backward through freed saved tensors, unless retainGraph', () => {
        const x = leaf([1, 2, 3]);
        const y = core.sum(core.mul(x, x));
        core.backward(y, null, { retainGraph: true });
        core.backward(y);
        expect(arr(x.grad)).toEqual([4, 8, 12]);
        expect(() => core.backward(y)).toThrow('Trying to backward through the graph a second time');
      });
      it('a graph with nothing saved may be walked again (as in PyTorch)', () => {
        const x = leaf([1, 2]);
        const y = core.sum(core.add(x, 1));
        core.backward(y);
        core.backward(y);
        expect(arr(x.grad)).toEqual([2, 2]);
      });
      it('names the errors as PyTorch does', () => {
        const c = core.tensor([1, 2]);
        expect(() => core.backward(core.sum(c))).toThrow(
          'element 0 of tensors does not require grad and does not have a grad_fn',
        );
        const x = leaf([1, 2]);
        expect(() => core.backward(core.mul(x, 2))).toThrow(
          'grad can be implicitly created only for scalar outputs',
        );
        const y = core.sum(core.mul(x, 2));
        const z = leaf([5]);
        expect(() => core.grad(y, [x, z])).toThrow(core.UNUSED_INPUT);
        const [gx, gz] = core.grad(y, [x, z], { allowUnused: true });
        expect(arr(gx)).toEqual([2, 2]);
        expect(gz).toBeNull();
      });
      it('grad() returns gradients and leaves .grad alone', () => {
        const x = leaf([1, 2, 3]);
        const [g] = core.grad(core.sum(core.exp(x)), x);
        expect(x.grad).toBeNull();
        expect(arr(g)).toEqual([1, 2, 3].map((v) => Math.fround(Math.exp(v))));
      });
      it.skipIf(!f64)('createGraph gives second and third derivatives', () => {
        const x = leaf([2], 'float64');
        const y = core.sum(core.pow(x, 4)); // y' = 4x³, y'' = 12x², y''' = 24x
        const [g1] = core.grad(y, x, { createGraph: true });
        expect(arr(g1)).toEqual([32]);
        const [g2] = core.grad(core.sum(g1!), x, { createGraph: true });
        expect(arr(g2)).toEqual([48]);
        const [g3] = core.grad(core.sum(g2!), x);
        expect(arr(g3)).toEqual([48]);
      });
      it('explicit head gradient and the inputs restriction', () => {
        const x = leaf([1, 2]);
        const w = leaf([3, 4]);
        const y = core.mul(x, w);
        core.backward(y, core.tensor([1, 10]), { inputs: [w] });
        expect(x.grad).toBeNull();
        expect(arr(w.grad)).toEqual([1, 20]);
      });
      it('hooks see and may replace the gradient; retained non-leaf gradients', () => {
        const x = leaf([1, 2]);
        const h = core.mul(x, 3);
        h.retainsGrad = true;
        const seen: number[][] = [];
        h.hooks = [(g) => (seen.push(flat(g)), core.mul(g, 2))];
        core.backward(core.sum(h));
        expect(seen).toEqual([[1, 1]]);
        expect(arr(h.grad)).toEqual([2, 2]);
        expect(arr(x.grad)).toEqual([6, 6]);
      });
      it('noGrad records nothing; scopes restore on exit and on async settle', async () => {
        const x = leaf([1]);
        const y = core.noGrad(() => core.mul(x, 2));
        expect(y.node).toBeNull();
        const s = core.noGrad();
        expect(core.isGradEnabled()).toBe(false);
        s.exit();
        expect(core.isGradEnabled()).toBe(true);
        const p = core.noGrad(async () => {
          await Promise.resolve();
          return core.isGradEnabled();
        });
        expect(await p).toBe(false);
        expect(core.isGradEnabled()).toBe(true);
      });
      it('detects an in-place change of a saved tensor, and in-place on a leaf', () => {
        const x = leaf([1, 2]);
        const y = core.exp(x);
        const z = core.sum(core.mul(y, y));
        core.inplace(y, core.add, 1);
        expect(() => core.backward(z)).toThrow(
          'one of the variables needed for gradient computation has been modified by an inplace operation',
        );
        expect(() => core.inplace(x, core.add, 1)).toThrow(core.LEAF_INPLACE);
        core.noGrad(() => core.inplace(x, core.sub, 1));
        expect(arr(x)).toEqual([0, 1]);
      });
      it('in-place ops take over the history (y.mul_(3) backprops through both)', () => {
        const x = leaf([1, 2]);
        const y = core.mul(x, 2);
        core.inplace(y, core.mul, 3);
        expect(y.node?.name).toBe('MulBackward0');
        core.backward(core.sum(y));
        expect(arr(x.grad)).toEqual([6, 6]);
      });
      it('toBackend to the same backend is the tensor itself; the move is differentiable', () => {
        const x = leaf([1, 2]);
        expect(core.toBackend(x, x.backend)).toBe(x);
        const y = core.mul(x, 3);
        const [g] = core.grad(core.sum(core.toBackend(y, x.backend)), x);
        expect(arr(g)).toEqual([3, 3]);
      });
      it.skipIf(!f64)('a cast passes the gradient back in the source dtype', () => {
        const x = leaf([0.5, 3], 'float64');
        const [g] = core.grad(core.sum(core.mul(core.cast(x, 'float32'), core.tensor([1, 2]))), x);
        expect(g?.dtype).toBe('float64');
        expect(arr(g)).toEqual([1, 2]);
        expect(x.node).toBeNull();
      });
      it('toDot draws the recorded graph with op names and shapes (seed 000: y = 2·xᵀx)', () => {
        const x = leaf([0, 1, 2, 3]);
        const dot = core.toDot(core.mul(2, core.dot(x, x)));
        expect(dot.startsWith('digraph autograd {')).toBe(true);
        expect(dot).toContain('label="MulBackward0\\n()"');
        expect(dot).toContain('label="DotBackward0\\n()"');
        expect(dot).toContain('label="(4,) float32\\nrequires grad"');
        expect(dot.match(/->/g)?.length).toBe(4); // x→dot twice, dot→mul, 2→mul
      });
      it('detach shares values and drops history', () => {
        const x = leaf([1, 2]);
        const d = core.detach(core.mul(x, x));
        expect(d.node).toBeNull();
        expect(arr(d)).toEqual([1, 4]);
      });
    });

    describe('MXNet recorder (record scope)', () => {
      const attach = (v: number[], req: 'write' | 'add' | 'null' = 'write') =>
        core.attachGrad(core.tensor(v), req);
      it('records only inside record(); isTraining follows the scope', () => {
        const x = attach([0, 1, 2, 3]);
        expect(core.isTraining()).toBe(false);
        const y = core.recordingScope(true, true, () => {
          expect(core.isTraining()).toBe(true);
          return core.mul(2, core.dot(x, x));
        }) as Tensor;
        expect(core.mul(x, x).node).toBeNull();
        core.backward(y, null, { recorder: core.recordScope });
        expect(arr(x.grad)).toEqual([0, 4, 8, 12]);
      });
      it("gradReq 'write' overwrites, 'add' accumulates, 'null' leaves nothing", () => {
        const w = attach([1, 2]);
        const a = attach([1, 2], 'add');
        const n = attach([1, 2], 'null');
        for (let i = 0; i < 2; i++) {
          const y = core.recordingScope(true, true, () => core.sum(core.mul(core.mul(w, a), n))) as Tensor;
          core.backward(y, null, { recorder: core.recordScope });
        }
        expect(arr(w.grad)).toEqual([1, 4]);
        expect(arr(a.grad)).toEqual([2, 8]);
        expect(arr(n.grad)).toEqual([0, 0]);
      });
      it('attachGrad inside record cuts history; graphs through the old node are unchanged (seed 000 §4.3.4)', () => {
        const x = attach([0, 1, 2, 3]);
        const y = core.attachGrad(core.mul(core.ones([4]), 2));
        const [u, w, z] = core.recordingScope(true, true, () => {
          const u = core.mul(x, y);
          const w = core.mul(u, 1); // recorded through u's history before the cut
          core.attachGrad(u);
          return [u, w, core.add(u, x)];
        }) as Tensor[];
        core.backward(z, null, { recorder: core.recordScope });
        expect([arr(x.grad), arr(u.grad), arr(y.grad)]).toEqual([
          [1, 1, 1, 1],
          [1, 1, 1, 1],
          [0, 0, 0, 0],
        ]);
        core.backward(w, null, { recorder: core.recordScope });
        expect(arr(x.grad)).toEqual([2, 2, 2, 2]);
        expect(arr(y.grad)).toEqual([0, 1, 2, 3]);
      });
      it('backward on an array with no history is an error', () => {
        const x = core.tensor([1, 2]);
        expect(() => core.backward(x, null, { recorder: core.recordScope, requireScalar: false })).toThrow(
          core.AutogradError,
        );
      });
    });

    describe('TensorFlow recorder (tapes)', () => {
      it('watches what it is told, records while entered, and is single-use unless persistent', () => {
        const x = core.tensor([0, 1, 2, 3]);
        const t = new core.Tape();
        const y = t.record(() => {
          t.watch(x);
          return core.mul(2, core.dot(x, x));
        });
        expect(arr(t.gradient(y, [x])[0])).toEqual([0, 4, 8, 12]);
        expect(() => t.gradient(y, [x])).toThrow(core.TAPE_USED);
        const p = new core.Tape({ persistent: true });
        const [a, b] = p.record(() => {
          p.watch(x);
          const a = core.mul(x, x);
          return [a, core.sum(a)];
        });
        expect(arr(p.gradient(b, [x])[0])).toEqual([0, 2, 4, 6]);
        expect(arr(p.gradient(a, [x])[0])).toEqual([0, 2, 4, 6]);
      });
      it('an unwatched source is unconnected: null, or zeros when asked', () => {
        const x = core.tensor([1, 2]);
        const c = core.tensor([3, 4]);
        const t = new core.Tape({ persistent: true });
        const y = t.record(() => (t.watch(x), core.sum(core.mul(x, c))));
        expect(t.gradient(y, [c])[0]).toBeNull();
        expect(arr(t.gradient(y, [c], { unconnected: 'zero' })[0])).toEqual([0, 0]);
      });
      it('re-entering an active tape is an error', () => {
        const t = new core.Tape();
        t.enter();
        expect(() => t.enter()).toThrow(core.TAPE_REENTER);
        t.exit();
      });
      it.skipIf(!f64)('nested tapes give second derivatives; stopRecording pauses', () => {
        const x = core.tensor([3], { dtype: 'float64' });
        const outer = new core.Tape();
        const inner = new core.Tape();
        const g = outer.record(() => {
          outer.watch(x);
          return inner.record(() => {
            inner.watch(x);
            const y = core.sum(core.pow(x, 3));
            return inner.gradient(y, [x])[0]!; // 3x² recorded by the outer tape
          });
        });
        expect(arr(g)).toEqual([27]);
        expect(arr(outer.gradient(g, [x])[0])).toEqual([18]);
        const t = new core.Tape();
        const z = t.record(() => {
          t.watch(x);
          return t.stopRecording(() => core.mul(x, 2)) as Tensor;
        });
        expect(z.node).toBeNull();
      });
      it('jacobian and batchJacobian', () => {
        const x = core.tensor([
          [1, 2],
          [3, 4],
        ]);
        const t = new core.Tape({ persistent: true });
        const y = t.record(() => (t.watch(x), core.mul(x, x)));
        const j = t.jacobian(y, x)!;
        expect(j.shape).toEqual([2, 2, 2, 2]);
        expect(flat(j)).toEqual([2, 0, 0, 0, 0, 4, 0, 0, 0, 0, 6, 0, 0, 0, 0, 8]);
        const bj = t.batchJacobian(y, x)!;
        expect(bj.shape).toEqual([2, 2, 2]);
        expect(flat(bj)).toEqual([2, 0, 0, 4, 6, 0, 0, 8]);
      });
      it('integer sources give null', () => {
        const i = core.tensor([1, 2], { dtype: 'int32' });
        const t = new core.Tape();
        const y = t.record(() => (t.watch(i), core.sum(core.mul(i, 2))));
        const warn = console.warn;
        console.warn = () => {};
        try {
          expect(t.gradient(y, [i])[0]).toBeNull();
        } finally {
          console.warn = warn;
        }
      });
      it('a tape and grad mode record the same op independently', () => {
        const x = leaf([1, 2]);
        const t = new core.Tape();
        const y = t.record(() => (t.watch(x), core.sum(core.mul(x, x))));
        expect(y.node?.takers.length).toBe(2);
        expect(arr(t.gradient(y, [x])[0])).toEqual([2, 4]);
        core.backward(core.sum(core.mul(x, 3)));
        expect(arr(x.grad)).toEqual([3, 3]);
      });
    });

    compositeAutograd();

    describe('user-defined functions and functional transforms', () => {
      it.skipIf(!f64)('custom forward/backward with saved tensors, differentiable again', () => {
        const x = leaf([0.5, 1], 'float64');
        const myExp = (t: Tensor) =>
          core.applyCustom(
            'MyExpBackward',
            (ctx, a) => {
              const r = core.exp(a);
              ctx.saveForBackward(r);
              return r;
            },
            (ctx, g) => core.mul(g, ctx.savedTensors[0]),
            [t],
          ) as Tensor;
        const y = myExp(x);
        expect(y.node?.name).toBe('MyExpBackward');
        const [g] = core.grad(core.sum(y), x, { createGraph: true });
        expect(arr(g)).toEqual([Math.exp(0.5), Math.exp(1)]);
      });
      it.skipIf(!f64)('jacobian, hessian, vjp, jvp', () => {
        const x = core.tensor([1, 2], { dtype: 'float64' });
        const f = (t: Tensor) => core.mul(t, core.sum(core.mul(t, t))); // f_i = x_i·|x|²
        const [J] = core.jacobian(f, [x]);
        // ∂f_i/∂x_j = δ_ij |x|² + 2 x_i x_j
        expect(flat(J)).toEqual([5 + 2, 4, 4, 5 + 8]);
        const [[H]] = core.hessian((t) => core.sum(core.pow(t, 3)), [x]);
        expect(flat(H)).toEqual([6, 0, 0, 12]);
        const [, [v]] = core.vjp(f, [x], core.tensor([1, 0], { dtype: 'float64' }));
        expect(flat(v)).toEqual([7, 4]);
        const [, jv] = core.jvp(f, [x], [core.tensor([0, 1], { dtype: 'float64' })]);
        expect(flat(jv)).toEqual([4, 13]);
      });
    });
  });
}
