/** nd (MXNet 1.x) versus np (NumPy) results, argument conventions, printing and contexts. */
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { autograd, MXNetError, memory, mx, nd, np, repr, str, tidy } from '../src/index.js';

const f32 = (xs: number[]) => xs.map(Math.fround);

describe('nd: MXNet 1.x results', () => {
  it('full reductions and vector dot have shape (1,); comparisons are float 0/1', () => {
    const x = nd.arange(4);
    expect(nd.sum(x).shape).toEqual([1]);
    expect(x.mean().asnumpy()).toEqual([1.5]);
    expect(nd.dot(x, x).asnumpy()).toEqual([14]);
    expect(nd.norm(x).shape).toEqual([1]);
    const c = x.gt(1);
    expect([c.dtype, c.asnumpy()]).toEqual(['float32', [0, 0, 1, 1]]);
    expect(nd.equal(x, 2).asnumpy()).toEqual([0, 0, 1, 0]);
    expect(x.sum(0).shape).toEqual([1]);
  });

  it('sum over axes: axis=() is all, keepdims, exclude', () => {
    const x = nd.array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(nd.sum(x, { axis: [] }).asnumpy()).toEqual([21]);
    expect(nd.sum(x, 1).asnumpy()).toEqual([6, 15]);
    expect(nd.sum(x, 1, true).shape).toEqual([2, 1]);
    expect(nd.sum(x, { axis: 1, exclude: true }).asnumpy()).toEqual([5, 7, 9]);
  });

  it('dot: matrices, transposes, and N-D (last axis against first)', () => {
    const a = nd.array([
      [1, 2],
      [3, 4],
    ]);
    const b = nd.array([
      [5, 6],
      [7, 8],
    ]);
    expect(nd.dot(a, b).asnumpy()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(nd.dot(a, b, { transpose_a: true }).asnumpy()).toEqual([
      [26, 30],
      [38, 44],
    ]);
    const t = nd.ones([2, 3, 4]);
    const u = nd.ones([4, 5]);
    expect(nd.dot(t, u).shape).toEqual([2, 3, 5]);
  });

  it('concat joins along dim=1 by default; stack along a new axis 0', () => {
    const a = nd.ones([2, 1]);
    const b = nd.zeros([2, 2]);
    expect(nd.concat(a, b).asnumpy()).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(nd.concat(nd.ones(2), nd.zeros(2), { dim: 0 }).asnumpy()).toEqual([1, 1, 0, 0]);
    expect(nd.stack(nd.ones(2), nd.zeros(2)).shape).toEqual([2, 2]);
    expect(nd.stack([nd.ones(2), nd.zeros(2)], { axis: 1 }).shape).toEqual([2, 2]);
  });

  it("reshape with MXNet's special values, broadcast_to with 0, transpose, flatten", () => {
    const x = nd.zeros([2, 3, 4]);
    expect(nd.reshape(x, [0, -1]).shape).toEqual([2, 12]);
    expect(x.reshape(-3, 0).shape).toEqual([6, 4]);
    expect(x.reshape([0, -4, 1, 3, 0]).shape).toEqual([2, 1, 3, 4]);
    expect(x.reshape({ shape: [-2] }).shape).toEqual([2, 3, 4]);
    expect(nd.broadcast_to(nd.ones([1, 3]), [2, 0]).shape).toEqual([2, 3]);
    expect(x.T.shape).toEqual([4, 3, 2]);
    expect(nd.transpose(x, [1, 0, 2]).shape).toEqual([3, 2, 4]);
    expect(x.flatten().shape).toEqual([2, 12]);
  });

  it('creation: arange with repeat, full, ones_like, dtype and ctx', () => {
    expect(nd.arange(0, 3, 1, 2).asnumpy()).toEqual([0, 0, 1, 1, 2, 2]);
    expect(nd.full([2], 7).asnumpy()).toEqual([7, 7]);
    expect(nd.ones_like(nd.zeros([2, 2])).asnumpy()).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const i = nd.array([1, 2], { dtype: 'int32', ctx: mx.cpu() });
    expect([i.dtype, String(i.context)]).toEqual(['int32', 'cpu(0)']);
    expect(nd.array([1.5]).dtype).toBe('float32');
  });

  it('elementwise functions match the math', () => {
    const x = nd.array([-1, 0.5, 2]);
    expect(nd.relu(x).asnumpy()).toEqual([0, 0.5, 2]);
    expect(nd.abs(x).asnumpy()).toEqual([1, 0.5, 2]);
    expect(nd.square(x).asnumpy()).toEqual([1, 0.25, 4]);
    expect(nd.maximum(x, 0).asnumpy()).toEqual([0, 0.5, 2]);
    expect(nd.minimum(x, nd.array([0, 0, 0])).asnumpy()).toEqual([-1, 0, 0]);
    expect(nd.exp(x).asnumpy()).toEqual(f32([-1, 0.5, 2].map(Math.exp)));
    expect(nd.sigmoid(x).asnumpy()).toEqual(f32([-1, 0.5, 2].map((t) => 1 / (1 + Math.exp(-t)))));
    expect(nd.where(nd.array([1, 0, 1]), x, nd.zeros(3)).asnumpy()).toEqual([-1, 0, 2]);
    const s = nd.softmax(nd.array([[1, 2, 3]])).asnumpy() as number[][];
    const e = [1, 2, 3].map(Math.exp);
    const tot = e.reduce((a, b) => a + b);
    s[0].forEach((v, k) => expect(v).toBeCloseTo(e[k] / tot, 6));
    const ls = nd.log_softmax(nd.array([1, 2, 3])).asnumpy() as number[];
    ls.forEach((v, k) => expect(v).toBeCloseTo(Math.log(e[k] / tot), 6));
  });

  it('random: shapes, seeds repeat, nd.random.normal with no shape is (1,)', () => {
    mx.random.seed(42);
    const a = nd.random.normal(0, 1, [2, 3]).asnumpy();
    mx.random.seed(42);
    const b = nd.random_normal({ shape: [2, 3] }).asnumpy();
    expect(a).toEqual(b);
    expect(nd.random.normal().shape).toEqual([1]);
    const u = nd.random.uniform(2, 3, 100).asnumpy() as number[];
    expect(u.every((t) => t >= 2 && t < 3)).toBe(true);
    expect(nd.random_uniform({ shape: [4] }).shape).toEqual([4]);
  });

  it('asscalar needs shape (1,)', () => {
    expect(nd.array([3]).asscalar()).toBe(3);
    expect(() => nd.array([1, 2]).asscalar()).toThrow(MXNetError);
    expect(() => nd.array([1, 2]).asscalar()).toThrow('The current array is not a scalar');
  });
});

describe('np: NumPy results', () => {
  it('0-d reductions and dot, bool comparisons', () => {
    const x = np.arange(4.0);
    expect(np.sum(x).shape).toEqual([]);
    expect(np.dot(x, x).item()).toBe(14);
    expect(np.linalg.norm(x).shape).toEqual([]);
    const c = x.gt(1);
    expect([c.dtype, c.asnumpy()]).toEqual(['bool', [false, false, true, true]]);
    expect(np.matmul(np.ones([2, 3]), np.ones([3])).asnumpy()).toEqual([3, 3]);
    expect(np.sum(np.ones([2, 3]), { axis: 0, keepdims: true }).shape).toEqual([1, 3]);
    expect(np.dot(np.ones([2, 3, 4]), np.ones([5, 4, 6])).shape).toEqual([2, 3, 5, 6]);
  });

  it('np.linalg.norm: vector, Frobenius, ord 1', () => {
    expect(np.linalg.norm(np.array([3, 4])).item()).toBe(5);
    expect(
      np.linalg
        .norm(
          np.array([
            [1, 2],
            [2, 4],
          ]),
        )
        .item(),
    ).toBe(5);
    expect(np.linalg.norm(np.array([3, -4]), 1).item()).toBe(7);
    expect(
      np.linalg
        .norm(
          np.array([
            [1, 2],
            [2, 4],
          ]),
          'fro',
        )
        .item(),
    ).toBe(5);
    expect(() => np.linalg.norm(np.ones([2, 2]), 2)).toThrow('matrix norm');
    expect(
      nd
        .norm(
          nd.array([
            [1, 2],
            [2, 4],
          ]),
          2,
        )
        .asnumpy(),
    ).toEqual([5]);
    expect(
      np.linalg
        .norm(
          np.array([
            [3, 4],
            [6, 8],
          ]),
          { axis: 1 },
        )
        .asnumpy(),
    ).toEqual([5, 10]);
  });

  it('np.random.normal with no size is 0-d; with size, that shape', () => {
    expect(np.random.normal().shape).toEqual([]);
    expect(np.random.uniform(0, 1, [2, 2]).shape).toEqual([2, 2]);
  });

  it('np.arange(4.0) is float32; np.concatenate joins along axis 0', () => {
    expect(np.arange(4.0).dtype).toBe('float32');
    expect(np.concatenate([np.ones(2), np.zeros(1)]).asnumpy()).toEqual([1, 1, 0]);
  });
});

describe('printing', () => {
  it('nd: str and repr alike, shape with x, dtype not shown', () => {
    const x = nd.array([
      [4, 8],
      [12, 16],
    ]);
    expect(str(x)).toBe('\n[[ 4.  8.]\n [12. 16.]]\n<NDArray 2x2 @cpu(0)>');
    expect(repr(x)).toBe(str(x));
    expect(String(nd.arange(4))).toBe('\n[0. 1. 2. 3.]\n<NDArray 4 @cpu(0)>');
    expect(repr(nd.array([1, 2], { dtype: 'int32' }))).toBe('\n[1 2]\n<NDArray 2 @cpu(0)>');
  });

  it('np: float32 hidden, float64 and int32 shown, 0-d repr, str', () => {
    expect(repr(np.arange(4))).toBe('array([0., 1., 2., 3.])');
    expect(str(np.arange(4))).toBe('[0. 1. 2. 3.]');
    expect(repr(np.dot(np.arange(4), np.arange(4)).mul(2))).toBe('array(28.)');
    expect(repr(np.array([1, 2], { dtype: 'float64' }))).toBe('array([1., 2.], dtype=float64)');
    expect(repr(np.array([1, 2], { dtype: 'int32' }))).toBe('array([1, 2], dtype=int32)');
    expect(repr(np.array([true, false]))).toBe('array([ True, False])');
    expect(repr(np.zeros([0]))).toBe('array([])');
  });

  it('numbers print as NumPy prints float32', () => {
    const x = np.array([0, 1, 2, 3]);
    expect(str(x.div(np.linalg.norm(x)))).toBe('[0.         0.26726124 0.5345225  0.8017837 ]');
  });

  it('np.set_printoptions: precision (shared with core), legacy 1.13', () => {
    np.set_printoptions(3);
    try {
      expect(str(np.array([1 / 3]))).toBe('[0.333]');
    } finally {
      np.set_printoptions({ precision: 8 });
    }
    np.set_printoptions({ legacy: '1.13' });
    try {
      expect(str(np.array([0, 1, 2, 3]))).toBe('[ 0.  1.  2.  3.]');
      expect(repr(np.array([1.5, 2, 3]))).toBe('array([ 1.5,  2. ,  3. ])');
    } finally {
      np.set_printoptions({ legacy: false });
    }
    expect(() => np.set_printoptions({ legacy: '1.21' })).toThrow(RangeError);
  });
});

describe('contexts and devices', () => {
  it('cpu(0) is the current context; as_in_context on the same context is the array itself', () => {
    const x = nd.ones(2);
    expect(String(x.context)).toBe('cpu(0)');
    expect(x.ctx.equals(mx.cpu())).toBe(true);
    expect(x.as_in_context(mx.cpu())).toBe(x);
    const y = x.copyto(mx.cpu());
    expect(y).not.toBe(x);
    expect(mx.context.num_gpus()).toBe(0);
  });

  it('gpu() runs on WebGPU: without the package installed, using it names @polygrad/backend-webgpu', () => {
    const g = mx.gpu();
    expect(String(g)).toBe('gpu(0)');
    expect(() => nd.ones(2, g)).toThrow('@polygrad/backend-webgpu');
    expect(() => nd.ones(2).as_in_context(g)).toThrow(MXNetError);
  });
});

describe('conventions', () => {
  it('scalars and nested arrays are accepted where an array goes', () => {
    expect(nd.add([1, 2], 1).asnumpy()).toEqual([2, 3]);
    expect(np.multiply(2, [1, 2]).asnumpy()).toEqual([2, 4]);
    expect(nd.arange(3).rsub(1).asnumpy()).toEqual([1, 0, -1]);
  });

  it('a one-element array converts to a number (x < 1000, +x)', () => {
    const n = nd.norm(nd.array([3, 4]));
    expect(+n).toBe(5);
    expect(n < (6 as unknown as typeof n)).toBe(true);
    expect(() => +nd.ones(2)).toThrow(MXNetError);
  });

  it('nd.from / np.from wrap a core tensor without copying; arrays expose it to tidy', () => {
    const t = core.tensor([1, 2]);
    expect(nd.from(t)[core.CORE_TENSOR]).toBe(t);
    expect(np.from(nd.from(t))[core.CORE_TENSOR]).toBe(t);
    const before = memory().tensors;
    const kept = tidy(() => {
      const a = nd.ones(3).mul(2);
      a.add(1);
      return a;
    });
    expect(memory().tensors).toBe(before + 1);
    kept.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('a training loop in record() runs at a flat memory footprint', () => {
    const w = nd.array([0.5, -0.5]);
    w.attachGrad();
    const x = nd.array([1, 2]);
    const step = () =>
      tidy(() => {
        autograd.record(() => w.mul(x).sum().square()).backward();
        w.sub(w.grad!.mul(0.01)).copyto(w); // w[:] = w - lr * w.grad
      });
    step();
    const before = memory().tensors;
    for (let i = 0; i < 50; i++) step();
    expect(memory().tensors).toBe(before);
  });
});
