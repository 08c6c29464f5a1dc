/** Creation, ops, devices, random and memory; expected values are worked out by hand. */
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { memory, type Tensor, tf, tidy } from '../src/index.js';

const v = (t: Tensor) => t.numpy();
const close = (t: Tensor, want: number[], digits = 5) => {
  const got = t.dataSync();
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
};
const M = tf.constant([
  [1, 2],
  [3, 4],
]);

describe('creation', () => {
  it('constant: float32 for numbers, bool for booleans, dtype and shape options', () => {
    expect(tf.constant([1, 2]).dtype).toBe(tf.float32);
    expect(tf.constant([true]).dtype).toBe(tf.bool);
    expect(tf.constant([1, 2], { dtype: tf.int32 }).dtype).toBe(tf.int32);
    expect(tf.constant([1, 2], 'float64').dtype).toBe(tf.float64);
    expect(v(tf.constant(7, { shape: [2, 2] }))).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(tf.constant([1, 2, 3, 4, 5, 6], { shape: [2, 3] }).shape).toEqual([2, 3]);
    expect(() => tf.constant([1, 2, 3], { shape: [2, 2] })).toThrow('has 3 elements');
  });

  it('range: int32 for integers, float32 for fractions or when asked', () => {
    expect(v(tf.range(4))).toEqual([0, 1, 2, 3]);
    expect(tf.range(4).dtype).toBe(tf.int32);
    expect(tf.range(4, { dtype: tf.float32 }).dtype).toBe(tf.float32);
    expect(v(tf.range(2, 8, 2))).toEqual([2, 4, 6]);
    expect(v(tf.range(0, 1, 0.25))).toEqual([0, 0.25, 0.5, 0.75]);
    expect(tf.range(0, 1, 0.25).dtype).toBe(tf.float32);
    expect(v(tf.range(5, { limit: 1, delta: -2 }))).toEqual([5, 3]);
  });

  it('ones, zeros, fill, *_like, eye, linspace', () => {
    expect(v(tf.ones([2]))).toEqual([1, 1]);
    expect(tf.zeros(3, tf.int32).dtype).toBe(tf.int32);
    expect(v(tf.fill([2], 9))).toEqual([9, 9]);
    expect(v(tf.ones_like(M))).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(tf.zeros_like(M, { dtype: tf.int32 }).dtype).toBe(tf.int32);
    expect(v(tf.eye(2, 3))).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(tf.eye(2, { batch_shape: [3] }).shape).toEqual([3, 2, 2]);
    expect(v(tf.linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('Variable: dtype, name, trainable, shape checks on assign', () => {
    const w = tf.Variable([1, 2], { dtype: tf.float64, name: 'w', trainable: false });
    expect(w.dtype).toBe(tf.float64);
    expect(w.name).toBe('w:0');
    expect(w.trainable).toBe(false);
    expect(tf.Variable(() => tf.ones([2])).numpy()).toEqual([1, 1]);
    const x = tf.Variable([1, 2, 3, 4]);
    expect(() => x.assign([1, 2, 3])).toThrow(
      "Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape (4,), and the assigned value shape (3,) are incompatible.",
    );
    expect(() => x.assign_add(1)).toThrow(
      'Cannot update variable with shape [4] using a Tensor with shape [], shapes must be equal.',
    );
    const before = x[core.CORE_TENSOR].version;
    x.assign_sub([1, 1, 1, 1]);
    expect(x.numpy()).toEqual([0, 1, 2, 3]);
    expect(x[core.CORE_TENSOR].version).toBe(before + 1);
    expect(x.assign([4, 3, 2, 1], { read_value: false })).toBeNull();
    expect(x.numpy()).toEqual([4, 3, 2, 1]);
  });

  it('random: set_seed makes draws repeatable; shapes, ranges and dtypes', () => {
    tf.random.set_seed(42);
    const a = tf.random.normal([3]).dataSync();
    const u1 = tf.random.uniform([100], { minval: 2, maxval: 3 }).dataSync();
    tf.random.setSeed(42);
    expect(tf.random.normal([3]).dataSync()).toEqual(a);
    expect(tf.random.uniform([100], 2, 3).dataSync()).toEqual(u1);
    expect(u1.every((x) => x >= 2 && x < 3)).toBe(true);
    const ints = tf.random.uniform([50], 0, 4, tf.int32);
    expect(ints.dtype).toBe(tf.int32);
    expect(ints.dataSync().every((x) => x >= 0 && x < 4)).toBe(true);
    expect(() => tf.random.uniform([2], { dtype: tf.int32 })).toThrow('Must specify maxval');
    expect(tf.random.normal([2, 3], { stddev: 2, dtype: tf.float64 }).dtype).toBe(tf.float64);
  });

  it('int64 does not exist and says what to use', () => {
    expect(() => (tf as any).int64).toThrow('use tf.int32');
    expect(() => tf.cast(M, 'int64' as any)).toThrow('use tf.int32');
  });
});

describe('math', () => {
  it('elementwise arithmetic with broadcasting and JS scalars', () => {
    const r = tf.constant([10, 20]);
    expect(v(tf.add(M, r))).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(v(tf.subtract(M, 1))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(v(tf.multiply(2, M))).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(v(tf.divide(M, 4))).toEqual([
      [0.25, 0.5],
      [0.75, 1],
    ]);
    expect(v(tf.pow(M, 2))).toEqual([
      [1, 4],
      [9, 16],
    ]);
    expect(v(tf.maximum([1, 5], [3, 2]))).toEqual([3, 5]);
    expect(v(tf.minimum([1, 5], [3, 2]))).toEqual([1, 2]);
    expect(v(M.sub(1).mul(2).div(2).add(1).neg())).toEqual([
      [-1, -2],
      [-3, -4],
    ]);
  });

  it('unary math', () => {
    expect(v(tf.square([3, -2]))).toEqual([9, 4]);
    expect(v(tf.sqrt([9, 16]))).toEqual([3, 4]);
    close(tf.exp([0, 1]), [1, Math.E]);
    close(tf.math.log([1, Math.E]), [0, 1]);
    close(tf.log([1]), [0]);
    expect(v(tf.abs([-1.5, 2]))).toEqual([1.5, 2]);
    expect(v(tf.negative([1, -2]))).toEqual([-1, 2]);
    close(tf.math.tanh([0, 1]), [0, Math.tanh(1)]);
    close(tf.sigmoid([0]), [0.5]);
  });

  it('comparisons give bool', () => {
    const c = M.gt(2);
    expect(c.dtype).toBe(tf.bool);
    expect(v(c)).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(v(tf.equal([1, 2], [1, 3]))).toEqual([true, false]);
    expect(v(M.eq(M).ne(true))).toEqual([
      [false, false],
      [false, false],
    ]);
  });

  it('reductions: axis, keepdims, integer mean', () => {
    expect(v(tf.reduce_sum(M))).toBe(10);
    expect(v(tf.reduce_sum(M, 0))).toEqual([4, 6]);
    expect(v(tf.reduce_sum(M, 1, true))).toEqual([[3], [7]]);
    expect(v(tf.reduce_mean(M, { axis: [0, 1] }))).toBe(2.5);
    expect(v(tf.reduce_max(M, -1))).toEqual([2, 4]);
    // TensorFlow's integer mean truncates: (1 + 2) / 2 = 1, (-1 + -2) / 2 = -1
    expect(v(tf.reduce_mean(tf.constant([1, 2], { dtype: tf.int32 })))).toBe(1);
    expect(v(tf.reduce_mean(tf.constant([-1, -2], { dtype: tf.int32 })))).toBe(-1);
    expect(v(tf.math.argmax(M))).toEqual([1, 1]); // axis 0 by default
  });
});

describe('linear algebra', () => {
  it('matmul, with transposes', () => {
    // [[1,2],[3,4]]² = [[7,10],[15,22]]; Mᵀ M = [[10,14],[14,20]]; M Mᵀ = [[5,11],[11,25]]
    expect(v(tf.matmul(M, M))).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(v(tf.matmul(M, M, { transpose_a: true }))).toEqual([
      [10, 14],
      [14, 20],
    ]);
    expect(v(tf.matmul(M, M, false, true))).toEqual([
      [5, 11],
      [11, 25],
    ]);
    expect(v(M.matmul(M))).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });

  it('tensordot with int and pair axes', () => {
    expect(v(tf.tensordot([1, 2, 3], [4, 5, 6], 1))).toBe(32); // 4 + 10 + 18
    expect(v(tf.tensordot([1, 2], [3, 4], 0))).toEqual([
      [3, 4],
      [6, 8],
    ]);
    expect(v(tf.tensordot(M, M, { axes: 1 }))).toEqual([
      [7, 10],
      [15, 22],
    ]);
    // Contracting axis 0 with axis 0: Mᵀ M
    expect(v(tf.tensordot(M, M, [[0], [0]]))).toEqual([
      [10, 14],
      [14, 20],
    ]);
    // Both axes: Σ M∘M = 1 + 4 + 9 + 16
    expect(
      v(
        tf.tensordot(M, M, [
          [0, 1],
          [0, 1],
        ]),
      ),
    ).toBe(30);
    const a = tf.reshape(tf.range(24, { dtype: tf.float32 }), [2, 3, 4]);
    expect(
      tf.tensordot(a, tf.ones([4, 3, 5]), [
        [1, 2],
        [1, 0],
      ]).shape,
    ).toEqual([2, 5]);
  });

  it('tensordot is differentiable: d/dA Σ (A·B) = 1·Bᵀ summed', () => {
    const A = tf.Variable([
      [1, 2],
      [3, 4],
    ]);
    const B = tf.constant([
      [5, 6],
      [7, 8],
    ]);
    const t = new tf.GradientTape();
    const y = t.record(() => tf.reduce_sum(tf.tensordot(A, B, 1)));
    // ∂/∂A_ik Σ_ij A_ik B_kj = Σ_j B_kj: row sums of B → [11, 15] for every i
    expect(v(t.gradient(y, A) as Tensor)).toEqual([
      [11, 15],
      [11, 15],
    ]);
  });

  it('norm: vector norms, matrix norms, keepdims', () => {
    expect(v(tf.norm([3, 4]))).toBe(5);
    expect(v(tf.norm([3, -4], { ord: 1 }))).toBe(7);
    expect(v(tf.norm([3, -4], { ord: Number.POSITIVE_INFINITY }))).toBe(4);
    close(tf.norm([1, 2], { ord: 3 }), [9 ** (1 / 3)]);
    expect((v(tf.norm(M, { axis: 1 })) as number[]).map((x) => x * x)).toEqual(
      [5, 25].map((x) => expect.closeTo(x, 4)),
    );
    expect(tf.norm(M, { keepdims: true }).shape).toEqual([1, 1]);
    close(tf.norm(M), [Math.sqrt(30)]);
    expect(v(tf.norm(M, 1, [0, 1]))).toBe(6); // max column |.| sum: max(1+3, 2+4)
    expect(v(tf.norm(M, 'inf', [0, 1]))).toBe(7); // max row sum: max(1+2, 3+4)
    close(tf.linalg.norm(M, 'fro', [0, 1]), [Math.sqrt(30)]);
    expect(() => tf.norm(M, 2, [0, 1])).toThrow('not supported');
  });
});

describe('array ops and nn', () => {
  it('reshape, transpose, concat, stack, expand_dims, squeeze, tile, gather', () => {
    expect(tf.reshape(tf.range(6), [2, -1]).shape).toEqual([2, 3]);
    expect(v(tf.transpose(M))).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(tf.transpose(tf.zeros([2, 3, 4]), [1, 0, 2]).shape).toEqual([3, 2, 4]);
    expect(v(tf.concat([M, M], 1))).toEqual([
      [1, 2, 1, 2],
      [3, 4, 3, 4],
    ]);
    expect(() => tf.concat([M, M])).toThrow("missing 1 required positional argument: 'axis'");
    expect(v(tf.stack([tf.constant([1, 2]), tf.constant([3, 4])], { axis: 1 }))).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(tf.expand_dims(M, -1).shape).toEqual([2, 2, 1]);
    expect(tf.squeeze(tf.zeros([1, 2, 1])).shape).toEqual([2]);
    expect(() => tf.squeeze(tf.zeros([1, 2]), 1)).toThrow('Can not squeeze dim[1]');
    expect(v(tf.tile([1, 2], [2]))).toEqual([1, 2, 1, 2]);
    expect(v(tf.gather(M, [1, 0, 1]))).toEqual([
      [3, 4],
      [1, 2],
      [3, 4],
    ]);
    expect(v(tf.gather(M, [[1]], { axis: 1 }))).toEqual([[[2]], [[4]]]);
    expect(v(tf.shape(tf.zeros([2, 3])))).toEqual([2, 3]);
  });

  it('where with three arguments broadcasts; with one it lists coordinates', () => {
    expect(v(tf.where(M.gt(2), M, 0))).toEqual([
      [0, 0],
      [3, 4],
    ]);
    expect(v(tf.where(M.gt(1)))).toEqual([
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(() => tf.where(M, M)).toThrow('x and y must both be non-None or both be None.');
  });

  it('cast truncates toward zero; float ↔ float is differentiable', () => {
    const c = tf.cast([1.7, -1.7, 0], tf.int32);
    expect(c.dtype).toBe(tf.int32);
    expect(v(c)).toEqual([1, -1, 0]);
    expect(v(tf.cast([0, 2], 'bool'))).toEqual([false, true]);
    const x = tf.Variable([1, 2]);
    const t = new tf.GradientTape();
    const y = t.record(() => tf.reduce_sum(tf.cast(x, tf.float64).mul(3)));
    expect(v(t.gradient(y, x) as Tensor)).toEqual([3, 3]);
  });

  it('nn.relu, nn.sigmoid, nn.softmax', () => {
    expect(v(tf.nn.relu([-1, 0, 2]))).toEqual([0, 0, 2]);
    close(tf.nn.sigmoid([0, Math.log(3)]), [0.5, 0.75]); // 1/(1+1/3)
    close(tf.nn.softmax([0, Math.log(3)]), [0.25, 0.75]); // [1, 3] / 4
    close(tf.nn.softmax([[0, Math.log(3)]], { axis: 0 }), [1, 1]);
    close(tf.nn.leaky_relu([-10, 1]), [-2, 1]); // TF's alpha is 0.2
  });
});

describe('devices and memory', () => {
  it('tf.device("/CPU:0") places new tensors on the CPU backend', () => {
    const t = tf.device('/CPU:0', () => tf.constant([1]));
    expect(t.device).toBe('/job:localhost/replica:0/task:0/device:CPU:0');
    expect(tf.device('/job:localhost/replica:0/task:0/device:CPU:0', () => 3)).toBe(3);
    const scope = tf.device('cpu');
    expect(tf.ones([1]).device).toContain('CPU:0');
    scope.exit();
  });

  it('tf.device("/GPU:0") without the WebGPU backend names the package to install', () => {
    expect(() => tf.device('/GPU:0', () => tf.constant([1]))).toThrow('@polygrad/backend-webgpu');
    expect(() => tf.device('/TPU:0', () => 1)).toThrow("Could not parse device specification '/TPU:0'");
  });

  it('a training loop in tidy runs at a flat footprint and fits w = 2', () => {
    const w = tf.Variable(0);
    const xs = tf.constant([1, 2, 3]);
    const ys = tf.constant([2, 4, 6]);
    const step = () =>
      tidy(() => {
        const tape = new tf.GradientTape();
        const loss = tape.record(() => tf.reduce_mean(tf.square(w.mul(xs).sub(ys))));
        w.assign_sub((tape.gradient(loss, w) as Tensor).mul(0.05));
      });
    step();
    const after = memory().tensors;
    for (let i = 0; i < 99; i++) step();
    expect(memory().tensors).toBe(after);
    expect(w.numpy() as number).toBeCloseTo(2, 4);
  });

  it('a Variable made from JS values holds one tensor and frees it on dispose', () => {
    const before = memory().tensors;
    for (const init of [[1, 2, 3], 4, [[1], [2]]]) {
      const v = tf.Variable(init);
      expect(memory().tensors).toBe(before + 1);
      v.dispose();
      expect(memory().tensors).toBe(before);
    }
    const c = tf.constant([1, 2]);
    const v = tf.Variable(c); // a copy: the variable owns its value
    expect(memory().tensors).toBe(before + 2);
    v.dispose();
    c.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('tidy frees intermediates, keeps what it returns and keeps variables', () => {
    const before = memory().tensors;
    const keptVar = tidy(() => {
      const w = tf.Variable([1, 2]);
      tf.exp(tf.ones([100]));
      return w;
    });
    const r = tidy(() => tf.add(tf.ones([3]), tf.ones([3])));
    expect(r.numpy()).toEqual([2, 2, 2]);
    expect(memory().tensors).toBe(before + 2);
    expect(keptVar.numpy()).toEqual([1, 2]);
    r.dispose();
    keptVar.dispose();
    expect(memory().tensors).toBe(before);
    expect(memory().backend).toBe('cpu');
  });
});
