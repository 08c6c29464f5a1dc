/**
 * 2. The same program written in each style (MXNet nd, MXNet np, PyTorch, TensorFlow) gives
 * bitwise identical gradients on the CPU backend (compared with Object.is per element), and those
 * gradients agree with float64 finite differences of a plain-JavaScript version of the program.
 */
import { autograd, nd, np, npx } from '@polygrad/mxnet';
import { tf } from '@polygrad/tf';
import { torch } from '@polygrad/torch';
import { describe, expect, it } from 'vitest';
import {
  expectBitwise,
  expectClose,
  expXPlusSquare,
  finiteDiff,
  finiteDiff2,
  flat,
  type MlpShape,
  mlpLoss,
  raw,
  rows,
  tanhXSquared,
  twoXtX,
  values,
} from './reference.js';

const F = torch.nn.functional;

describe('y = 2·xᵀx', () => {
  const x0 = [0, 1, 2, 3];

  function all() {
    // MXNet 1.x (seed notebook 000): x = nd.arange(4); x.attach_grad(); with record: y = 2 * nd.dot(x, x)
    const xn = nd.arange(4);
    xn.attach_grad();
    autograd.record(() => nd.dot(xn, xn).mul(2)).backward();
    // MXNet numpy
    const xp = np.arange(4.0);
    xp.attach_grad();
    autograd.record(() => np.dot(xp, xp).mul(2)).backward();
    // PyTorch
    const xt = torch.arange(4.0, { requires_grad: true });
    torch.dot(xt, xt).mul(2).backward();
    // TensorFlow
    const xf = tf.Variable(tf.range(4, { dtype: tf.float32 }));
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.multiply(2, tf.tensordot(xf, xf, { axes: 1 })));
    const gf = tape.gradient(y, xf);
    return { 'mxnet nd': raw(xn.grad), 'mxnet np': raw(xp.grad), torch: raw(xt.grad), tf: raw(gf) };
  }

  it('has bitwise identical gradients in the four styles', () => expectBitwise(all()));

  it('is 4x, exactly, and agrees with finite differences', () => {
    const g = all();
    expect(Array.from(g.torch)).toEqual([0, 4, 8, 12]);
    expectClose(g.torch, finiteDiff(twoXtX, x0));
  });
});

describe('sum(exp(x)·x + x·x)', () => {
  const x0 = values(6, 7, -2, 2);
  const expected = x0.map((v) => Math.exp(v) * (1 + v) + 2 * v);

  function all() {
    const xn = nd.array(x0);
    xn.attach_grad();
    autograd.record(() => nd.sum(nd.exp(xn).mul(xn).add(xn.mul(xn)))).backward();
    const xp = np.array(x0);
    xp.attach_grad();
    autograd.record(() => np.sum(np.add(np.multiply(np.exp(xp), xp), np.multiply(xp, xp)))).backward();
    const xt = torch.tensor(x0, { requiresGrad: true });
    torch.exp(xt).mul(xt).add(xt.mul(xt)).sum().backward();
    const xf = tf.Variable(x0);
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.reduce_sum(tf.add(tf.multiply(tf.exp(xf), xf), tf.multiply(xf, xf))));
    return {
      'mxnet nd': raw(xn.grad),
      'mxnet np': raw(xp.grad),
      torch: raw(xt.grad),
      tf: raw(tape.gradient(y, xf)),
    };
  }

  it('has bitwise identical gradients in the four styles', () => expectBitwise(all()));

  it('is exp(x)(1 + x) + 2x and agrees with finite differences', () => {
    const g = all();
    expectClose(g.torch, expected);
    expectClose(g.torch, finiteDiff(expXPlusSquare, x0));
  });
});

describe('a two-layer MLP with a softmax cross-entropy loss', () => {
  const s: MlpShape = { n: 4, d: 3, h: 5, c: 3 };
  const X = values(s.n * s.d, 11);
  const labels = [0, 2, 1, 2];
  const onehot = labels.map((l) => Array.from({ length: s.c }, (_, j) => (j === l ? 1 : 0)));
  const W1 = values(s.d * s.h, 12);
  const b1 = values(s.h, 13, -0.1, 0.1);
  const W2 = values(s.h * s.c, 14);
  const b2 = values(s.c, 15, -0.1, 0.1);
  const init = [rows(W1, s.h), b1, rows(W2, s.c), b2];
  const params0 = [...W1, ...b1, ...W2, ...b2];
  const split = (g: number[]) => {
    const ends = [W1.length, b1.length, W2.length, b2.length];
    let at = 0;
    return ends.map((n) => g.slice(at, (at += n)));
  };

  // loss = -mean(sum(log_softmax(relu(X W1 + b1) W2 + b2) * onehot, axis 1)), in each style.
  function mxnetNd() {
    const [w1, c1, w2, c2] = init.map((v) => nd.array(v));
    for (const p of [w1, c1, w2, c2]) p.attach_grad();
    const loss = autograd.record(() => {
      const h = nd.relu(nd.dot(nd.array(rows(X, s.d)), w1).add(c1));
      const z = nd.dot(h, w2).add(c2);
      return nd.mean(nd.sum(nd.log_softmax(z, 1).mul(nd.array(onehot)), { axis: 1 })).neg();
    });
    loss.backward();
    return [w1, c1, w2, c2].map((p) => raw(p.grad));
  }
  function mxnetNp() {
    const [w1, c1, w2, c2] = init.map((v) => np.array(v));
    for (const p of [w1, c1, w2, c2]) p.attach_grad();
    const loss = autograd.record(() => {
      const h = npx.relu(np.add(np.matmul(np.array(rows(X, s.d)), w1), c1));
      const z = np.add(np.matmul(h, w2), c2);
      return np.negative(np.mean(np.sum(np.multiply(npx.log_softmax(z, 1), np.array(onehot)), { axis: 1 })));
    });
    loss.backward();
    return [w1, c1, w2, c2].map((p) => raw(p.grad));
  }
  function pytorch() {
    const ps = init.map((v) => torch.tensor(v, { requiresGrad: true }));
    const [w1, c1, w2, c2] = ps;
    const h = F.relu(torch.tensor(rows(X, s.d)).matmul(w1).add(c1));
    const z = h.matmul(w2).add(c2);
    F.log_softmax(z, 1).mul(torch.tensor(onehot)).sum(1).mean().neg().backward();
    return ps.map((p) => raw(p.grad));
  }
  function tensorflow() {
    const ps = init.map((v) => tf.Variable(v));
    const [w1, c1, w2, c2] = ps;
    const tape = tf.GradientTape();
    const loss = tape.record(() => {
      const h = tf.nn.relu(tf.add(tf.matmul(tf.constant(rows(X, s.d)), w1), c1));
      const z = tf.add(tf.matmul(h, w2), c2);
      return tf.negative(tf.reduce_mean(tf.reduce_sum(tf.multiply(tf.nn.log_softmax(z, 1), onehot), 1)));
    });
    return tape.gradient(loss, ps).map((g) => raw(g));
  }

  it('has bitwise identical gradients (W1, b1, W2, b2) in the four styles', () => {
    const [a, b, c, d] = [mxnetNd(), mxnetNp(), pytorch(), tensorflow()];
    for (let k = 0; k < 4; k++) expectBitwise({ 'mxnet nd': a[k], 'mxnet np': b[k], torch: c[k], tf: d[k] });
  });

  it('agrees with finite differences of the float64 program', () => {
    const fd = split(finiteDiff((p) => mlpLoss(s, X, labels, p), params0));
    const g = pytorch();
    for (let k = 0; k < 4; k++) expectClose(g[k], fd[k]);
  });

  it('F.cross_entropy gives the same loss gradient (to float32 rounding)', () => {
    const ps = init.map((v) => torch.tensor(v, { requiresGrad: true }));
    const [w1, c1, w2, c2] = ps;
    const z = F.relu(torch.tensor(rows(X, s.d)).matmul(w1).add(c1))
      .matmul(w2)
      .add(c2);
    F.cross_entropy(z, torch.tensor(labels, { dtype: torch.int32 })).backward();
    const fd = split(finiteDiff((p) => mlpLoss(s, X, labels, p), params0));
    ps.forEach((p, k) => expectClose(flat(p.grad), fd[k]));
  });
});

describe('a second derivative: d²/dx² sum(tanh(x)·x²)', () => {
  const x0 = values(5, 21, -2, 2);
  const sech2 = (v: number) => 1 / Math.cosh(v) ** 2;
  const expected = x0.map((v) => -2 * sech2(v) * Math.tanh(v) * v * v + 4 * v * sech2(v) + 2 * Math.tanh(v));

  function all() {
    // MXNet: autograd.grad(create_graph=True) inside record, then backward on the gradient.
    const xn = nd.array(x0);
    xn.attach_grad();
    const gn = autograd.record(() => {
      const y = nd.sum(nd.tanh(xn).mul(xn.mul(xn)));
      return autograd.grad(y, [xn], null, { create_graph: true })[0];
    });
    gn.backward();
    const xp = np.array(x0);
    xp.attach_grad();
    const gp = autograd.record(() => {
      const y = np.sum(np.multiply(np.tanh(xp), np.multiply(xp, xp)));
      return autograd.grad(y, [xp], null, { create_graph: true })[0];
    });
    gp.backward();
    // PyTorch: torch.autograd.grad(create_graph=True), then backward of its sum.
    const xt = torch.tensor(x0, { requiresGrad: true });
    const [gt] = torch.autograd.grad(torch.tanh(xt).mul(xt.mul(xt)).sum(), xt, { create_graph: true });
    gt!.sum().backward();
    // TensorFlow: nested tapes.
    const xf = tf.Variable(x0);
    const outer = tf.GradientTape();
    const gf = outer.record(() => {
      const inner = tf.GradientTape();
      const y = inner.record(() => tf.reduce_sum(tf.multiply(tf.tanh(xf), tf.multiply(xf, xf))));
      return inner.gradient(y, xf);
    });
    const g2f = outer.gradient(gf!, xf);
    return { 'mxnet nd': raw(xn.grad), 'mxnet np': raw(xp.grad), torch: raw(xt.grad), tf: raw(g2f) };
  }

  it('has bitwise identical second derivatives in the four styles', () => expectBitwise(all()));

  it('is -2 sech²x tanh x · x² + 4x sech²x + 2 tanh x and agrees with second differences', () => {
    const g = all();
    expectClose(g.torch, expected);
    expectClose(g.torch, finiteDiff2(tanhXSquared, x0), 1e-3, 1e-4);
  });
});
