/** The MXNet autograd semantics API.md lists, each checked on its own. */
import { describe, expect, it } from 'vitest';
import { autograd, MXNetError, type NDArray, NOT_IN_GRAPH, type NpArray, nd, np } from '../src/index.js';

const v = (a: { asnumpy(): unknown } | null) => a?.asnumpy() ?? null;

describe('recording and training scopes', () => {
  it('records only inside record(); isTraining is true inside record() and false outside', () => {
    const x = nd.array([1, 2]);
    x.attachGrad();
    expect([autograd.isRecording(), autograd.isTraining()]).toEqual([false, false]);
    const inside = autograd.record(() => [autograd.isRecording(), autograd.isTraining()]);
    expect(inside).toEqual([true, true]);
    expect(autograd.record(() => autograd.isTraining(), false)).toBe(false);
    expect(autograd.record(() => autograd.isTraining(), { train_mode: false })).toBe(false);
    const outside = x.mul(x);
    expect(() => outside.backward()).toThrow(NOT_IN_GRAPH);
  });

  it('pause() stops recording inside record() (train_mode false by default)', () => {
    const x = nd.array([1, 2]);
    x.attachGrad();
    const [y, paused, state] = autograd.record(() => {
      const y = x.mul(3);
      const p = autograd.pause(() => x.mul(5));
      const s = autograd.pause(() => [autograd.isRecording(), autograd.isTraining()]);
      return [y, p, s] as const;
    });
    expect(state).toEqual([false, false]);
    expect(autograd.record(() => autograd.pause(() => autograd.isTraining(), true))).toBe(true);
    expect(() => paused.backward()).toThrow(MXNetError);
    y.backward();
    expect(v(x.grad)).toEqual([3, 3]);
  });

  it('trainMode / predictMode change only the training flag', () => {
    expect(autograd.trainMode(() => [autograd.isRecording(), autograd.isTraining()])).toEqual([false, true]);
    expect(
      autograd.record(() => autograd.predictMode(() => [autograd.isRecording(), autograd.isTraining()])),
    ).toEqual([true, false]);
  });

  it('setRecording / setTraining return the previous value', () => {
    expect(autograd.setRecording(true)).toBe(false);
    expect(autograd.set_recording(false)).toBe(true);
    expect(autograd.setTraining(true)).toBe(false);
    expect(autograd.set_training(false)).toBe(true);
  });

  it('without a callback: a scope object with exit() and Symbol.dispose', () => {
    const s = autograd.record();
    expect(autograd.isRecording()).toBe(true);
    s.exit();
    s.exit(); // idempotent
    expect(autograd.isRecording()).toBe(false);
    {
      using _r = autograd.record(false);
      expect([autograd.isRecording(), autograd.isTraining()]).toEqual([true, false]);
    }
    expect(autograd.isRecording()).toBe(false);
    const p = autograd.predict_mode();
    expect(autograd.isTraining()).toBe(false);
    p[Symbol.dispose]();
  });

  it('async callbacks keep the scope until they settle', async () => {
    const x = nd.array([2]);
    x.attachGrad();
    const y = await autograd.record(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return x.mul(x);
    });
    expect(autograd.isRecording()).toBe(false);
    y.backward();
    expect(v(x.grad)).toEqual([4]);
  });
});

describe('gradients', () => {
  it('a non-scalar head is summed (head gradient of ones)', () => {
    const x = nd.array([1, 2, 3]);
    x.attachGrad();
    autograd.record(() => x.mul(x)).backward();
    expect(v(x.grad)).toEqual([2, 4, 6]);
  });

  it("gradReq 'write' overwrites, 'add' accumulates, 'null' keeps zeros", () => {
    const w = nd.array([1, 2]);
    const a = nd.array([1, 2]);
    const n = nd.array([1, 2]);
    w.attachGrad();
    a.attach_grad('add');
    n.attachGrad({ grad_req: 'null' });
    for (let i = 0; i < 2; i++) autograd.record(() => w.mul(a).mul(n).sum()).backward();
    // d/dw = a·n = [1, 4]; d/da = w·n = [1, 4], twice.
    expect([v(w.grad), v(a.grad), v(n.grad)]).toEqual([
      [1, 4],
      [2, 8],
      [0, 0],
    ]);
    expect(() => w.attachGrad('sometimes')).toThrow(MXNetError);
  });

  it('grad is null until attachGrad, then zeros; .grad keeps its identity across backward', () => {
    const x = np.array([1, 2]);
    expect(x.grad).toBeNull();
    x.attachGrad();
    const g = x.grad;
    expect(v(g)).toEqual([0, 0]);
    autograd.record(() => x.mul(3)).backward();
    expect(x.grad).toBe(g);
    expect(v(g)).toEqual([3, 3]);
  });

  it('attachGrad inside record cuts the array from its history; graphs already through it are unchanged', () => {
    const x = nd.array([1, 2]);
    x.attachGrad();
    let u!: NDArray;
    let w!: NDArray;
    const z = autograd.record(() => {
      u = x.mul(3);
      w = u.mul(u); // recorded through u before the cut
      u.attachGrad();
      return u.mul(2);
    });
    z.backward();
    expect([v(u.grad), v(x.grad)]).toEqual([
      [2, 2],
      [0, 0],
    ]);
    w.backward(); // w = 9x², reaching x through u's old history
    expect(v(x.grad)).toEqual([18, 36]);
    expect(v(u.grad)).toEqual([2, 2]);
  });

  it('detach() shares the value and has no history', () => {
    const x = nd.array([1, 2]);
    x.attachGrad();
    const [y, d] = autograd.record(() => {
      const y = x.mul(2);
      return [y, y.detach()];
    });
    expect(() => d.backward()).toThrow(NOT_IN_GRAPH);
    nd.array([7, 8]).copyto(d);
    expect(v(y)).toEqual([7, 8]);
  });

  it('backward frees the graph unless retainGraph; a graph not reached stays usable', () => {
    const x = nd.array([1, 2]);
    x.attachGrad();
    const [y, z, other] = autograd.record(() => {
      const y = x.mul(x);
      return [y, y.sum(), x.add(1)];
    });
    z.backward(undefined, { retainGraph: true });
    z.backward({ retain_graph: true });
    z.backward();
    expect(v(x.grad)).toEqual([2, 4]);
    expect(() => z.backward()).toThrow(NOT_IN_GRAPH);
    expect(() => y.backward()).toThrow(MXNetError); // y was part of z's graph
    other.backward();
    expect(v(x.grad)).toEqual([1, 1]);
  });

  it('backward on an array with no recorded history raises MXNet’s error', () => {
    const x = nd.array([1, 2]);
    expect(() => x.backward()).toThrow(MXNetError);
    expect(() => x.backward()).toThrow(
      'Cannot differentiate node because it is not in a computational graph. You need to set is_recording to true or use autograd.record() to save computational graphs for backward.',
    );
  });

  it('explicit head gradients, and autograd.backward over several heads', () => {
    const x = np.array([1, 2]);
    x.attachGrad();
    const [a, b] = autograd.record(() => [x.mul(2), x.mul(x)]);
    autograd.backward([a, b], [np.array([1, 10]), null]);
    // 2·[1, 10] + 2x
    expect(v(x.grad)).toEqual([4, 24]);
    const c = autograd.record(() => x.mul(5));
    expect(() => c.backward(np.array([1, 2, 3]))).toThrow(MXNetError);
  });

  it('backward trainMode sets isTraining while the backward runs', () => {
    class Probe extends autograd.Function {
      seen: boolean[] = [];
      override forward(x: NDArray) {
        return x.mul(1);
      }
      override backward(g: NDArray) {
        this.seen.push(autograd.isTraining());
        return g;
      }
    }
    const x = nd.array([1]);
    x.attachGrad();
    const p1 = new Probe();
    autograd.record(() => p1.apply(x)).backward();
    const p2 = new Probe();
    autograd.record(() => p2.apply(x)).backward({ trainMode: false });
    expect([p1.seen, p2.seen]).toEqual([[true], [false]]);
  });
});

describe('autograd.grad', () => {
  it('returns new arrays and leaves .grad untouched', () => {
    const x = nd.array([1, 2, 3]);
    x.attachGrad();
    const y = autograd.record(() => x.exp().sum());
    const [g] = autograd.grad(y, [x]);
    expect(v(x.grad)).toEqual([0, 0, 0]);
    expect(g.asnumpy()).toEqual([1, 2, 3].map((t) => Math.fround(Math.exp(t))));
    expect(g).toBeInstanceOf(nd.NDArray);
  });

  it('createGraph gives second and third derivatives', () => {
    const x = np.array([2, 3], { dtype: 'float64' });
    x.attachGrad();
    const [g1, g2, s2] = autograd.record(() => {
      const y = x.pow(3).sum(); // 3x², 6x, 6
      const [g1] = autograd.grad(y, [x], { createGraph: true });
      const [g2] = autograd.grad(g1.sum(), [x], null, true, true);
      return [g1, g2, g2.sum()];
    });
    expect([v(g1), v(g2)]).toEqual([
      [12, 27],
      [12, 18],
    ]);
    const [g3] = autograd.grad(s2, x);
    expect(v(g3)).toEqual([6, 6]);
    expect(v(x.grad)).toEqual([0, 0]);
  });

  it('an unreached variable gets zeros; an array without attach_grad is an error', () => {
    const x = nd.array([1, 2]);
    const w = nd.array([5]);
    x.attachGrad();
    w.attachGrad();
    const y = autograd.record(() => x.mul(2).sum());
    const [gx, gw] = autograd.grad(y, [x, w], undefined, { retainGraph: true });
    expect([v(gx), v(gw)]).toEqual([[2, 2], [0]]);
    expect(() => autograd.grad(y, [nd.array([1, 2])])).toThrow(
      'Cannot differentiate with respect to the 1-th variable because it does not require gradient.',
    );
  });
});

describe('autograd.Function', () => {
  class Sigmoid extends autograd.Function {
    override forward(x: NDArray) {
      const y = nd.ones_like(x).div(nd.ones_like(x).add(x.neg().exp()));
      this.save_for_backward(y);
      return y;
    }
    override backward(dy: NDArray) {
      const [y] = this.savedTensors as NDArray[];
      return dy.mul(y).mul(nd.ones_like(y).sub(y));
    }
  }

  it('custom forward/backward with saved tensors (the MXNet docs sigmoid)', () => {
    const x = nd.array([0, 1, -2]);
    x.attachGrad();
    const f = new Sigmoid();
    const y = autograd.record(() => f.apply(x) as NDArray);
    y.backward();
    const s = (t: number) => 1 / (1 + Math.exp(-t));
    const got = x.grad!.asnumpy() as number[];
    [0, 1, -2].forEach((t, i) => expect(got[i]).toBeCloseTo(s(t) * (1 - s(t)), 6));
  });

  it('forward runs with recording off, and an instance may be called once', () => {
    class Spy extends autograd.Function {
      recording: boolean | null = null;
      override forward(x: NpArray) {
        this.recording = autograd.isRecording();
        return [x.mul(2), x.mul(3)];
      }
      override backward(a: NpArray, b: NpArray) {
        return a.mul(2).add(b.mul(3));
      }
    }
    const x = np.array([1, 2]);
    x.attachGrad();
    const f = new Spy();
    const [a, b] = autograd.record(() => f.apply(x) as NpArray[]);
    expect(f.recording).toBe(false);
    autograd.backward([a, b]);
    expect(v(x.grad)).toEqual([5, 5]);
    class Identity extends autograd.Function {
      override forward(t: NpArray) {
        return t;
      }
      override backward(g: NpArray) {
        return g.mul(10);
      }
    }
    const w = np.array([1]);
    w.attachGrad();
    const out = autograd.record(() => new Identity().apply(w) as NpArray);
    expect(out).not.toBe(w);
    out.backward();
    expect(v(w.grad)).toEqual([10]);
    expect(() => f.apply(x)).toThrow(
      'Each Function instance can only be called once. Please create another instance.',
    );
  });
});

describe('autograd.markVariables', () => {
  it('attaches your own gradient buffers, by gradReq', () => {
    const x = nd.array([1, 2]);
    const gx = nd.zeros(2);
    const w = nd.array([3]);
    const gw = nd.array([100]);
    autograd.mark_variables([x, w], [gx, gw], ['write', 'add']);
    expect(x.grad).toBe(gx);
    autograd.record(() => x.mul(w).sum()).backward();
    expect([v(gx), v(gw)]).toEqual([[3, 3], [103]]);
    autograd.markVariables(x, nd.zeros(2), 'null');
    autograd.record(() => x.mul(w).sum()).backward();
    expect([v(x.grad), v(gw)]).toEqual([[0, 0], [106]]);
    expect(v(gx)).toEqual([3, 3]); // the replaced buffer is still yours
  });

  it('attach_grad again gives a fresh zero buffer; a .grad you hold stays readable', () => {
    const x = nd.array([1, 2]);
    x.attachGrad();
    autograd.record(() => x.mul(4)).backward();
    const old = x.grad!;
    x.attachGrad();
    expect([v(old), v(x.grad)]).toEqual([
      [4, 4],
      [0, 0],
    ]);
  });
});
