/**
 * Autograd of the ops named as PyTorch names them (part of the autograd suite), MXNet's release
 * of a whole graph (`releaseAll`), and a tape's jacobian over several sources.
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../index.js';
import * as core from '../index.js';
import { flat } from './util.js';

const leaf = (v: number[] | number[][] | number) => core.setRequiresGrad(core.tensor(v));
const name = (t: Tensor) => t.node?.name;

export function compositeAutograd(): void {
  describe('composed ops: one node each, named as in PyTorch', () => {
    it('select, stack, matrixTranspose, linear', () => {
      const x = leaf([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const s = core.select(x, 0, 1);
      expect([name(s), s.node?.edges[0]]).toEqual(['SelectBackward0', null]);
      expect(name(core.stack([x, x]))).toBe('StackBackward0');
      expect(name(core.matrixTranspose(x))).toBe('TBackward0');
      expect(name(core.matrixTranspose(core.select(x, 0, 0)))).toBe('TBackward0');
      const y = core.linear(x, leaf([[1, 0, 1]]));
      expect([name(y), y.node?.edges[1]?.name]).toEqual(['MmBackward0', 'TBackward0']);
      core.backward(core.sum(core.mul(core.stack([s, s], 1), 2)));
      expect(flat(x.grad!)).toEqual([0, 0, 0, 4, 4, 4]);
    });
    it('sort, topk, max/min with indices, takeAlong with a name of its own', () => {
      const x = leaf([
        [3, 1, 2],
        [0, 5, 4],
      ]);
      expect(name(core.sort(x)[0])).toBe('SortBackward0');
      expect(name(core.topk(x, 2)[0])).toBe('TopkBackward0');
      expect(name(core.maxWithIndices(x, 1)[0])).toBe('MaxBackward0');
      expect(name(core.minWithIndices(x, 0)[0])).toBe('MinBackward0');
      expect(name(core.takeAlong(x, 1, [[0], [1]], { name: 'MyPickBackward' }))).toBe('MyPickBackward');
      core.backward(core.sum(core.mul(core.topk(x, 2)[0], core.tensor([1, 10]))));
      expect(flat(x.grad!)).toEqual([1, 0, 10, 0, 1, 10]);
    });
    it('clamp (number bounds: ClampBackward1, tensor bounds: ClampBackward0), cumsum, p-norms', () => {
      const x = leaf([-1, 0.5, 2]);
      const lo = leaf(0);
      expect(name(core.clamp(x, 0, 1))).toBe('ClampBackward1');
      const c = core.clamp(x, lo, null);
      expect(name(c)).toBe('ClampBackward0');
      core.backward(core.sum(c));
      expect([flat(x.grad!), flat(lo.grad!)]).toEqual([[0, 1, 1], [1]]);
      expect(name(core.cumsum(x, 0))).toBe('CumsumBackward0');
      expect(name(core.norm(x, 3))).toBe('LinalgVectorNormBackward0');
    });
  });

  describe("MXNet's release of a whole graph (releaseAll)", () => {
    const recorded = (fn: (x: Tensor) => Tensor) => {
      const x = core.attachGrad(core.tensor([1, 2, 3]));
      const y = core.recordingScope(true, true, () => fn(x)) as Tensor;
      return { x, y };
    };
    const mx = { recorder: core.recordScope, requireScalar: false };
    it('a graph that saved nothing cannot be walked again, unless retainGraph', () => {
      const { x, y } = recorded((t) => core.sum(core.add(t, 1)));
      core.backward(y, null, { ...mx, retainGraph: true, releaseAll: true });
      expect(core.inGraph(y, core.recordScope)).toBe(true);
      core.backward(y, null, { ...mx, releaseAll: true });
      expect(flat(x.grad!)).toEqual([1, 1, 1]);
      expect(core.isReleased(y, core.recordScope)).toBe(true);
      expect(core.inGraph(y, core.recordScope)).toBe(false);
      expect(() => core.backward(y, null, mx)).toThrow('Trying to backward through the graph a second time');
      expect(core.inGraph(x, core.recordScope)).toBe(true);
    });
    it('without it such a graph stays walkable (PyTorch); grad releases too', () => {
      const { y } = recorded((t) => core.sum(core.add(t, 1)));
      core.backward(y, null, mx);
      core.backward(y, null, mx);
      const r = recorded((t) => core.mean(t));
      core.grad(r.y, [r.x], { ...mx, releaseAll: true });
      expect(core.inGraph(r.y, core.recordScope)).toBe(false);
      expect(core.isReleased(r.y, core.gradMode)).toBe(false);
    });
  });

  describe('tape jacobian over several sources', () => {
    it('one jacobian per source; unreached null (or zeros); integer sources null; one use', () => {
      const a = core.tensor([1, 2]);
      const b = core.tensor([3, 4, 5]);
      const c = core.tensor([7]);
      const n = core.tensor([1, 2], { dtype: 'int32' });
      const tape = new core.Tape();
      tape.watch([a, b, c]);
      const y = tape.record(() => core.mul(core.sum(b), core.mul(a, a)));
      const [ja, jb, jc, jn] = tape.jacobian(y, [a, b, c, n]);
      expect(ja?.toArray()).toEqual([
        [24, 0],
        [0, 48],
      ]);
      expect(jb?.shape).toEqual([2, 3]);
      expect(flat(jb!)).toEqual([1, 1, 1, 4, 4, 4]);
      expect([jc, jn]).toEqual([null, null]);
      expect(() => tape.jacobian(y, [a])).toThrow(core.TAPE_USED);
      const p = new core.Tape({ persistent: true });
      p.watch([a, c]);
      const z = p.record(() => core.square(a));
      expect(p.jacobian(z, [a, c], { unconnected: 'zero' })[1]?.toArray()).toEqual([[0], [0]]);
      expect(p.jacobian(z, [a])[0]?.shape).toEqual([2, 2]);
    });
  });
}
