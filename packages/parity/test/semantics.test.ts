/**
 * 3. Framework-specific autograd semantics, one test each, with values worked out by hand:
 * tapes, watching, unconnected gradients, grad_req, pause, accumulation, retain_graph,
 * higher derivatives, jacobians and custom functions. Where two frameworks express the same
 * computation, their numbers are also compared bitwise.
 */
import { autograd, nd, np } from '@polygrad/mxnet';
import { tf } from '@polygrad/tf';
import { torch } from '@polygrad/torch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectBitwise, expectClose, flat, raw } from './reference.js';

const TAPE_USED =
  'A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)';
const TAPE_REENTER =
  'Tape is still recording, This can happen if you try to re-enter an already-active tape.';
const TORCH_SECOND_BACKWARD = 'Trying to backward through the graph a second time';
const TORCH_UNUSED =
  'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.';
const MX_NOT_IN_GRAPH =
  'Cannot differentiate node because it is not in a computational graph. You need to set is_recording to true or use autograd.record() to save computational graphs for backward. If you want to differentiate the same graph twice, you need to pass retain_graph=True to backward.';
const MX_NO_INPUTS = 'There are no inputs in computation graph that require gradients.';
const MX_FUNCTION_USED = 'Each Function instance can only be called once. Please create another instance.';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('TensorFlow: tape persistence', () => {
  it('a non-persistent tape gives one set of gradients, then raises TensorFlow’s error', () => {
    const x = tf.Variable([1, 2, 3]);
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.reduce_sum(tf.multiply(x, x)));
    expect(flat(tape.gradient(y, x))).toEqual([2, 4, 6]);
    expect(() => tape.gradient(y, x)).toThrow(TAPE_USED);
  });

  it('a persistent tape gives as many as asked, also of different targets', () => {
    const x = tf.Variable([1, 2, 3]);
    const tape = tf.GradientTape({ persistent: true });
    const [y, z] = tape.record(() => {
      const sq = tf.multiply(x, x);
      return [tf.reduce_sum(sq), tf.reduce_sum(tf.multiply(sq, x))];
    });
    expect(flat(tape.gradient(y, x))).toEqual([2, 4, 6]);
    expect(flat(tape.gradient(z, x))).toEqual([3, 12, 27]);
    expect(flat(tape.gradient(y, x))).toEqual([2, 4, 6]);
  });

  it('re-entering a tape that is recording raises TensorFlow’s error', () => {
    const tape = tf.GradientTape();
    tape.record(() => {
      expect(() => tape.enter()).toThrow(TAPE_REENTER);
    });
  });
});

describe('TensorFlow: watch rules', () => {
  it('trainable variables are watched automatically, constants only after watch()', () => {
    const v = tf.Variable([1, 2]);
    const c = tf.constant([3, 4]);
    const t1 = tf.GradientTape({ persistent: true });
    const y1 = t1.record(() => tf.reduce_sum(tf.multiply(v, c)));
    expect(flat(t1.gradient(y1, v))).toEqual([3, 4]);
    expect(t1.gradient(y1, c)).toBeNull();
    const t2 = tf.GradientTape();
    const y2 = t2.record(() => {
      t2.watch(c);
      return tf.reduce_sum(tf.multiply(v, c));
    });
    const [gv, gc] = t2.gradient(y2, [v, c]);
    expect(flat(gv)).toEqual([3, 4]);
    expect(flat(gc)).toEqual([1, 2]);
  });

  it('non-trainable variables, and every variable under watch_accessed_variables=False, need watch()', () => {
    const frozen = tf.Variable([1, 2], { trainable: false });
    const v = tf.Variable([5, 6]);
    const t1 = tf.GradientTape();
    const y1 = t1.record(() => tf.reduce_sum(tf.multiply(frozen, v)));
    const [gFrozen, gv] = t1.gradient(y1, [frozen, v]);
    expect(gFrozen).toBeNull();
    expect(flat(gv)).toEqual([1, 2]);
    const t2 = tf.GradientTape({ watch_accessed_variables: false });
    const y2 = t2.record(() => {
      t2.watch(v);
      return tf.reduce_sum(tf.multiply(frozen, v));
    });
    expect(t2.watched_variables()).toEqual([v]);
    expect(flat(t2.gradient(y2, v))).toEqual([1, 2]);
  });

  it('integer sources get no gradient, with TensorFlow’s warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const i = tf.constant([1, 2], { dtype: tf.int32 });
    const tape = tf.GradientTape();
    const y = tape.record(() => {
      tape.watch(i);
      return tf.reduce_sum(tf.cast(i, tf.float32));
    });
    expect(warn).toHaveBeenCalled();
    expect(tape.gradient(y, i)).toBeNull();
  });
});

describe('unconnected gradients', () => {
  it('TensorFlow: None by default, zeros with unconnected_gradients=ZERO', () => {
    const x = tf.Variable([1, 2]);
    const u = tf.Variable([7, 8, 9]);
    const tape = tf.GradientTape({ persistent: true });
    const y = tape.record(() => tf.reduce_sum(tf.square(x)));
    const [gx, gu] = tape.gradient(y, [x, u]);
    expect(flat(gx)).toEqual([2, 4]);
    expect(gu).toBeNull();
    const [, gz] = tape.gradient(y, [x, u], { unconnected_gradients: tf.UnconnectedGradients.ZERO });
    expect(flat(gz)).toEqual([0, 0, 0]);
    expect(gz!.shape).toEqual([3]);
  });

  it('PyTorch: autograd.grad raises unless allow_unused (then None); backward leaves .grad None', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const u = torch.tensor([7, 8, 9], { requires_grad: true });
    const y = x.mul(x).sum();
    expect(() => torch.autograd.grad(y, [x, u], { retain_graph: true })).toThrow(TORCH_UNUSED);
    const [gx, gu] = torch.autograd.grad(y, [x, u], { allow_unused: true, retain_graph: true });
    expect(flat(gx)).toEqual([2, 4]);
    expect(gu).toBeNull();
    y.backward();
    expect(flat(x.grad)).toEqual([2, 4]);
    expect(u.grad).toBeNull();
  });

  it('MXNet: autograd.grad gives zeros; backward leaves .grad at its zeros', () => {
    const x = nd.array([1, 2]);
    const u = nd.array([7, 8, 9]);
    x.attach_grad();
    u.attach_grad();
    const y = autograd.record(() => nd.sum(x.mul(x)));
    const [gx, gu] = autograd.grad(y, [x, u], null, { retain_graph: true });
    expect(flat(gx)).toEqual([2, 4]);
    expect(flat(gu)).toEqual([0, 0, 0]);
    y.backward();
    expect(flat(x.grad)).toEqual([2, 4]);
    expect(flat(u.grad)).toEqual([0, 0, 0]);
  });
});

describe('MXNet: grad_req', () => {
  const twoPasses = (req: 'write' | 'add' | 'null') => {
    const x = nd.array([1, 2, 3]);
    x.attach_grad(req);
    autograd.record(() => nd.sum(x.mul(x))).backward(); // 2x
    autograd.record(() => nd.sum(x.mul(3))).backward(); // 3
    return x.grad;
  };

  it("'write' keeps only the last backward", () => {
    expect(flat(twoPasses('write'))).toEqual([3, 3, 3]);
  });

  it("'add' accumulates the backwards", () => {
    expect(flat(twoPasses('add'))).toEqual([5, 7, 9]);
  });

  it("'null' computes no gradient for that array (its buffer stays zeros), the others get theirs", () => {
    const x = nd.array([1, 2, 3]);
    const z = nd.array([4, 5, 6]);
    x.attach_grad('null');
    z.attach_grad();
    autograd.record(() => nd.sum(x.mul(z))).backward();
    expect(flat(x.grad)).toEqual([0, 0, 0]);
    expect(flat(z.grad)).toEqual([1, 2, 3]);
  });

  // MXNet 1.x records ops on grad_req='null' variables, and its backward then fails with
  // "There are no inputs in computation graph that require gradients." (imperative.cc).
  it("'null' everywhere: backward raises MXNet's no-inputs error", () => {
    expect(() => twoPasses('null')).toThrow(MX_NO_INPUTS);
  });
});

describe('recording paused inside a recorded block', () => {
  // y = c · x where c = 3x is computed without recording: dy/dx = c = 3x (not 6x).
  const x0 = [1, 2];

  it('MXNet: autograd.pause() inside record()', () => {
    const x = nd.array(x0);
    x.attach_grad();
    const y = autograd.record(() => {
      expect(autograd.is_recording()).toBe(true);
      expect(autograd.is_training()).toBe(true);
      const c = autograd.pause(() => {
        expect(autograd.is_recording()).toBe(false);
        return x.mul(3);
      });
      return nd.sum(c.mul(x));
    });
    expect(autograd.is_recording()).toBe(false);
    y.backward();
    expect(flat(x.grad)).toEqual([3, 6]);
  });

  it('MXNet: an array computed only under pause() has no graph (MXNet’s error)', () => {
    const x = nd.array(x0);
    x.attach_grad();
    const z = autograd.record(() => autograd.pause(() => nd.sum(x.mul(3))));
    expect(() => z.backward()).toThrow(MX_NOT_IN_GRAPH);
  });

  it('PyTorch: torch.no_grad() inside a differentiated computation', () => {
    const x = torch.tensor(x0, { requires_grad: true });
    const c = torch.no_grad(() => x.mul(3));
    expect(c.requires_grad).toBe(false);
    c.mul(x).sum().backward();
    expect(flat(x.grad)).toEqual([3, 6]);
  });

  it('TensorFlow: tape.stop_recording()', () => {
    const x = tf.Variable(x0);
    const tape = tf.GradientTape();
    const y = tape.record(() => {
      const c = tape.stop_recording(() => tf.multiply(x, 3));
      return tf.reduce_sum(tf.multiply(c, x));
    });
    expect(flat(tape.gradient(y, x))).toEqual([3, 6]);
  });
});

describe('gradients across backward calls', () => {
  it('PyTorch accumulates into .grad until zero_() or grad = None', () => {
    const x = torch.tensor([1, 2, 3], { requires_grad: true });
    x.mul(x).sum().backward();
    const g = x.grad!;
    x.mul(3).sum().backward();
    expect(flat(x.grad)).toEqual([5, 7, 9]);
    expect(x.grad).toBe(g); // accumulated in place
    x.grad!.zero_();
    x.mul(x).sum().backward();
    expect(flat(x.grad)).toEqual([2, 4, 6]);
    x.grad = null;
    x.mul(3).sum().backward();
    expect(flat(x.grad)).toEqual([3, 3, 3]);
  });

  it('MXNet (grad_req write, the default) overwrites .grad', () => {
    const x = np.array([1, 2, 3]);
    x.attach_grad();
    autograd.record(() => np.sum(np.multiply(x, x))).backward();
    expect(flat(x.grad)).toEqual([2, 4, 6]);
    autograd.record(() => np.sum(np.multiply(x, 3))).backward();
    expect(flat(x.grad)).toEqual([3, 3, 3]);
  });
});

describe('non-scalar heads', () => {
  it('PyTorch needs a gradient for a non-scalar output (PyTorch’s error); MXNet and TensorFlow sum it', () => {
    const xt = torch.tensor([1, 2, 3], { requires_grad: true });
    expect(() => xt.mul(xt).backward()).toThrow('grad can be implicitly created only for scalar outputs');
    xt.mul(xt).backward(torch.ones_like(xt));
    const xn = nd.array([1, 2, 3]);
    xn.attach_grad();
    autograd.record(() => xn.mul(xn)).backward();
    const xf = tf.Variable([1, 2, 3]);
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.multiply(xf, xf));
    const gf = tape.gradient(y, xf);
    expect(flat(xt.grad)).toEqual([2, 4, 6]);
    expectBitwise({ torch: raw(xt.grad), mxnet: raw(xn.grad), tf: raw(gf) });
  });
});

describe('retain_graph', () => {
  it('PyTorch: a second backward raises PyTorch’s error; retain_graph=True allows it', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.exp().sum(); // exp saves its result: the graph holds a buffer
    y.backward({ retain_graph: true });
    y.backward();
    expectClose(raw(x.grad), [2 * Math.E, 2 * Math.exp(2)], 1e-6);
    expect(() => y.backward()).toThrow(TORCH_SECOND_BACKWARD);
  });

  it('MXNet: a second backward raises MXNet’s error; retain_graph=True allows it', () => {
    const x = nd.array([1, 2]);
    x.attach_grad();
    const y = autograd.record(() => nd.sum(nd.exp(x)));
    y.backward({ retain_graph: true });
    y.backward(); // write: the same value again
    expectClose(raw(x.grad), [Math.E, Math.exp(2)], 1e-6);
    expect(() => y.backward()).toThrow(MX_NOT_IN_GRAPH);
  });
});

describe('second and third derivatives of sum(x³)', () => {
  // d/dx = 3x², d²/dx² = 6x, d³/dx³ = 6 (each taken of the sum of the previous).
  const x0 = [1, 2, 3];

  function pytorch() {
    const x = torch.tensor(x0, { requires_grad: true });
    const [g1] = torch.autograd.grad(x.pow(3).sum(), x, { create_graph: true });
    const [g2] = torch.autograd.grad(g1!.sum(), x, { create_graph: true });
    const [g3] = torch.autograd.grad(g2!.sum(), x);
    return [g1, g2, g3].map(raw);
  }
  function mxnet() {
    const x = nd.array(x0);
    x.attach_grad();
    const [g1, g2] = autograd.record(() => {
      const [a] = autograd.grad(nd.sum(x.pow(3)), [x], null, { create_graph: true });
      const [b] = autograd.grad(a, [x], null, { create_graph: true });
      return [a, b];
    });
    g2.backward();
    return [raw(g1), raw(g2), raw(x.grad)];
  }
  function tensorflow() {
    const x = tf.Variable(x0);
    const t3 = tf.GradientTape();
    const [g1, g2] = t3.record(() => {
      const t2 = tf.GradientTape();
      const a = t2.record(() => {
        const t1 = tf.GradientTape();
        const y = t1.record(() => tf.reduce_sum(tf.pow(x, 3)));
        return t1.gradient(y, x);
      });
      return [a, t2.gradient(a!, x)!];
    });
    return [raw(g1), raw(g2), raw(t3.gradient(g2, x))];
  }

  it('PyTorch: torch.autograd.grad(create_graph=True), twice', () => {
    const [g1, g2, g3] = pytorch();
    expect(Array.from(g1)).toEqual([3, 12, 27]);
    expect(Array.from(g2)).toEqual([6, 12, 18]);
    expect(Array.from(g3)).toEqual([6, 6, 6]);
  });

  it('MXNet: autograd.grad(create_graph=True) inside record, twice, then backward', () => {
    const [g1, g2, g3] = mxnet();
    expect(Array.from(g1)).toEqual([3, 12, 27]);
    expect(Array.from(g2)).toEqual([6, 12, 18]);
    expect(Array.from(g3)).toEqual([6, 6, 6]);
  });

  it('TensorFlow: three nested tapes', () => {
    const [g1, g2, g3] = tensorflow();
    expect(Array.from(g1)).toEqual([3, 12, 27]);
    expect(Array.from(g2)).toEqual([6, 12, 18]);
    expect(Array.from(g3)).toEqual([6, 6, 6]);
  });

  it('are bitwise identical in the three styles', () => {
    const [a, b, c] = [pytorch(), mxnet(), tensorflow()];
    for (let k = 0; k < 3; k++) expectBitwise({ torch: a[k], mxnet: b[k], tf: c[k] });
  });
});

describe('jacobians', () => {
  const x0 = [0.5, -1, 2].map(Math.fround);
  const softmax64 = (v: readonly number[]) => {
    const e = v.map((a) => Math.exp(a - Math.max(...v)));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((a) => a / s);
  };
  /** d softmax_i / d x_j = s_i (δ_ij - s_j). */
  const softmaxJacobian = (v: readonly number[]) => {
    const s = softmax64(v);
    return s.flatMap((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj)));
  };

  it('tape.jacobian and torch.autograd.functional.jacobian give the same numbers (softmax)', () => {
    const tx = tf.Variable(x0);
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.nn.softmax(tx));
    const jt = tape.jacobian(y, tx);
    const jp = torch.autograd.functional.jacobian((x) => torch.softmax(x, 0), torch.tensor(x0)) as any;
    expect(jt!.shape).toEqual([3, 3]);
    expect([...jp.shape]).toEqual([3, 3]);
    expectBitwise({ tf: raw(jt), torch: raw(jp) });
    expectClose(raw(jt), softmaxJacobian(x0), 1e-6, 1e-7);
  });

  it('tape.batch_jacobian is the block diagonal of the full jacobian', () => {
    const B = [
      [0.5, -1, 2, 0],
      [1, 1, -2, 0.25],
      [0, 3, -1, 1],
    ];
    const tx = tf.Variable(B);
    const tape = tf.GradientTape({ persistent: true });
    const y = tape.record(() => tf.nn.softmax(tx, -1));
    const jb = tape.batch_jacobian(y, tx)!;
    expect(jb.shape).toEqual([3, 4, 4]);
    const full = torch.autograd.functional.jacobian((x) => torch.softmax(x, -1), torch.tensor(B)) as any;
    expect([...full.shape]).toEqual([3, 4, 3, 4]);
    const f = raw(full);
    const diag: number[] = [];
    for (let b = 0; b < 3; b++) {
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          for (let c = 0; c < 3; c++) {
            const v = f[((b * 4 + i) * 3 + c) * 4 + j];
            if (c === b) diag.push(v);
            else expect(v).toBe(0);
          }
        }
      }
    }
    expectBitwise({
      'tf batch_jacobian': raw(jb),
      'torch jacobian (block diagonal)': Float32Array.from(diag),
    });
    expectClose(raw(jb), B.flatMap(softmaxJacobian), 1e-6, 1e-7);
    const jfull = tape.jacobian(y, tx)!;
    expectBitwise({ 'tf jacobian': raw(jfull), 'torch jacobian': f });
  });
});

describe('gradients at ties', () => {
  // maximum(x, y) with x = [1, 2, 3], y = [1, 0, 3]: ties at 0 and 2.
  const x0 = [1, 2, 3];
  const y0 = [1, 0, 3];
  // max over [2, 5, 5, 1]: the maximum 5 is tied at 1 and 2.
  const m0 = [2, 5, 5, 1];

  it('PyTorch: maximum splits a tie in halves; amax splits among ties; max(x, dim) takes the first', () => {
    const x = torch.tensor(x0, { requires_grad: true });
    const y = torch.tensor(y0, { requires_grad: true });
    torch.maximum(x, y).sum().backward();
    expect(flat(x.grad)).toEqual([0.5, 1, 0.5]);
    expect(flat(y.grad)).toEqual([0.5, 0, 0.5]);
    const a = torch.tensor(m0, { requires_grad: true });
    torch.amax(a, 0).backward();
    expect(flat(a.grad)).toEqual([0, 0.5, 0.5, 0]);
    const b = torch.tensor(m0, { requires_grad: true });
    torch.max(b, 0).values.backward();
    expect(flat(b.grad)).toEqual([0, 1, 0, 0]);
  });

  it('TensorFlow: reduce_max splits among ties (math_grad.py _MinOrMaxGrad)', () => {
    const v = tf.Variable(m0);
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.reduce_max(v));
    expect(flat(tape.gradient(y, v))).toEqual([0, 0.5, 0.5, 0]);
  });

  // TensorFlow's Maximum gradient selects with greater_equal(x, y): x gets the whole
  // gradient at a tie, y none (core.maximum(x, y, 'first')).
  it('TensorFlow: maximum gives x the whole gradient at a tie (math_grad.py _MaximumGrad)', () => {
    const x = tf.Variable(x0);
    const y = tf.Variable(y0);
    const tape = tf.GradientTape();
    const z = tape.record(() => tf.reduce_sum(tf.maximum(x, y)));
    const [gx, gy] = tape.gradient(z, [x, y]);
    expect(flat(gx)).toEqual([1, 1, 1]);
    expect(flat(gy)).toEqual([0, 0, 0]);
  });

  // MXNet's maximum backward is BinaryBroadcastBackwardUseIn<ge, lt>: the lhs gets the
  // whole gradient at a tie.
  it('MXNet: np.maximum gives the lhs the whole gradient at a tie', () => {
    const x = np.array(x0);
    const y = np.array(y0);
    x.attach_grad();
    y.attach_grad();
    autograd.record(() => np.sum(np.maximum(x, y))).backward();
    expect(flat(x.grad)).toEqual([1, 1, 1]);
    expect(flat(y.grad)).toEqual([0, 0, 0]);
  });

  // MXNet's max backward is ograd * (x == max) (ReduceAxesBackwardUseInOut<eq>,
  // _backward_np_max): every tied maximum gets the whole gradient (core.max(..., 'all')).
  it('MXNet: np.max gives every tied maximum the whole gradient', () => {
    const x = np.array(m0);
    x.attach_grad();
    autograd.record(() => np.max(x)).backward();
    expect(flat(x.grad)).toEqual([0, 1, 1, 0]);
  });
});

describe('custom functions: y = x² with the custom gradient 3x (not 2x), saved input', () => {
  // loss = sum(f(x) · w): the custom rule gives dloss/dx = 3 x w.
  const x0 = [1, 2, 3];
  const w0 = [1, -1, 2];
  const expected = [3, -6, 18];

  function pytorch() {
    class ScaledSquare extends torch.autograd.Function {
      static override forward(ctx: any, x: any) {
        ctx.save_for_backward(x);
        return x.mul(x);
      }
      static override backward(ctx: any, g: any) {
        const [x] = ctx.saved_tensors;
        return g.mul(x).mul(3);
      }
    }
    const x = torch.tensor(x0, { requires_grad: true });
    const y = ScaledSquare.apply(x);
    expect(flat(y)).toEqual([1, 4, 9]);
    expect(y.grad_fn?.name()).toBe('ScaledSquareBackward');
    y.mul(torch.tensor(w0)).sum().backward();
    return raw(x.grad);
  }
  class MxScaledSquare extends autograd.Function {
    override forward(x: any) {
      this.save_for_backward(x);
      return x.mul(x);
    }
    override backward(dy: any) {
      const [x] = this.saved_tensors as any[];
      return dy.mul(x).mul(3);
    }
  }
  function mxnet() {
    const x = nd.array(x0);
    x.attach_grad();
    const f = new MxScaledSquare();
    const y = autograd.record(() => {
      const out = f.apply(x);
      expect(flat(out)).toEqual([1, 4, 9]);
      return nd.sum(out.mul(nd.array(w0)));
    });
    y.backward();
    expect(() => autograd.record(() => f.apply(x))).toThrow(MX_FUNCTION_USED);
    return raw(x.grad);
  }
  function tensorflow() {
    const scaledSquare = tf.custom_gradient((x: any) => [
      tf.multiply(x, x),
      (dy: any) => tf.multiply(tf.multiply(dy, x), 3),
    ]);
    const x = tf.Variable(x0);
    const tape = tf.GradientTape();
    const y = tape.record(() => {
      const out = scaledSquare(x);
      expect(flat(out)).toEqual([1, 4, 9]);
      return tf.reduce_sum(tf.multiply(out, w0));
    });
    return raw(tape.gradient(y, x));
  }

  it('torch.autograd.Function', () => expect(Array.from(pytorch())).toEqual(expected));
  it('mxnet autograd.Function (one call per instance)', () => expect(Array.from(mxnet())).toEqual(expected));
  it('tf.custom_gradient', () => expect(Array.from(tensorflow())).toEqual(expected));
  it('are bitwise identical in the three styles', () =>
    expectBitwise({ torch: pytorch(), mxnet: mxnet(), tf: tensorflow() }));
});
