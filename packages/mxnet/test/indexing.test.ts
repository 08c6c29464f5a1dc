/**
 * Indexing in the MXNet style: `x.index(...)` (Python's x[...]), `x.setitem(...)` (x[...] = v),
 * np.take / nd.take, npx.pick / nd.pick, npx.one_hot / nd.one_hot, np.eye / nd.eye. Values are
 * the examples of MXNet's documentation and NumPy's results (worked out by hand); gradients
 * against float64 finite differences (core.gradcheck); errors by MXNet's (or NumPy's) text.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { autograd, MXNetError, nd, np, npx, repr } from '../src/index.js';

const f64 = (v: core.NestedInput) => core.tensor(v, { dtype: 'float64' });
/** Gradcheck of an np-style function of one float64 array. */
const check = (f: (x: any) => any, x: core.Tensor) =>
  core.gradcheck((t) => f(np.from(t))[CORE_TENSOR], [x], { eps: 1e-6, atol: 1e-6, rtol: 1e-5 });

describe('x.index(...): x[...] with NumPy rules', () => {
  const x = np.arange(24).reshape(2, 3, 4);

  it('integers, slices (negative steps too), None and ... ', () => {
    expect(x.index(1, '1:', null, '::2').asnumpy()).toEqual([[[16, 18]], [[20, 22]]]);
    expect(x.index(1, '::-1', -1).asnumpy()).toEqual([23, 19, 15]);
    expect(x.index('...', 0).asnumpy()).toEqual([
      [0, 4, 8],
      [12, 16, 20],
    ]);
    expect(repr(x.index(0, 1, 2))).toBe('array(6.)');
    expect(np.arange(10).index('8:2:-2').asnumpy()).toEqual([8, 6, 4]);
    expect(x.index(1, '1:').shape).toEqual([2, 4]);
  });

  it('basic indexing gives a view; index arrays and masks give copies', () => {
    const v = x.index(0);
    expect(v[CORE_TENSOR].storage).toBe(x[CORE_TENSOR].storage);
    expect(x.index([1, 0])[CORE_TENSOR].storage).not.toBe(x[CORE_TENSOR].storage);
  });

  it('index arrays (int or MXNet float arrays), integers among them, masks', () => {
    expect(x.index([0, 1], ':', [1, 2]).asnumpy()).toEqual([
      [1, 5, 9],
      [14, 18, 22],
    ]);
    // NumPy: an integer among index arrays is a 0-d array; the arrays are apart, so their
    // dimension goes first: shape (2, 3), not (3, 2).
    expect(x.index(0, ':', [1, 2]).shape).toEqual([2, 3]);
    expect(x.index(np.array([1, 0])).shape).toEqual([2, 3, 4]);
    expect(x.index(x.gt(20)).asnumpy()).toEqual([21, 22, 23]);
    expect(
      x
        .index(
          ':',
          np.array([
            [true, false, false, false],
            [false, false, false, true],
            [false, false, false, false],
          ]),
        )
        .asnumpy(),
    ).toEqual([
      [0, 7],
      [12, 19],
    ]);
  });

  it('nd: a result that would be 0-d has shape (1,), as in MXNet 1.x', () => {
    const v = nd.arange(4);
    expect(v.index(2).shape).toEqual([1]);
    expect(v.index(nd.array([3, 1])).asnumpy()).toEqual([3, 1]);
  });

  it('gradients flow through views, negative steps and index arrays (recorded)', () => {
    const w = np.array([1, 2, 3]);
    w.attach_grad();
    const l = autograd.record(() =>
      w
        .index('::-1')
        .mul(np.array([1, 10, 100]))
        .sum()
        .add(w.index([0, 0, 2]).sum()),
    );
    l.backward();
    expect(w.grad!.asnumpy()).toEqual([102, 10, 2]);
    const t = f64([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(check((a) => a.index('::-1', [2, 0, 2]).pow(2), t)).toBe(true);
    expect(check((a) => a.index(a.gt(2.5)).exp(), t)).toBe(true);
  });

  it("errors are NumPy's (MXNet's np indexing raises them)", () => {
    expect(() => x.index(5)).toThrow('index 5 is out of bounds for axis 0 with size 2');
    expect(() => x.index(':', [3])).toThrow('index 3 is out of bounds for axis 1 with size 3');
    expect(() => x.index(0, 0, 0, 0)).toThrow(
      'too many indices for array: array is 3-dimensional, but 4 were indexed',
    );
    expect(() => x.index('::0')).toThrow('slice step cannot be zero');
    expect(() => x.index(1.5)).toThrow('only integers, slices');
  });
});

describe('x.setitem(...): x[...] = value', () => {
  it('writes in place through basic keys, broadcast and cast', () => {
    const z = np.zeros([2, 3]);
    z.setitem(':', 5);
    z.setitem(0, '1:', np.array([1, 2]));
    expect(z.asnumpy()).toEqual([
      [5, 1, 2],
      [5, 5, 5],
    ]);
    const n = nd.zeros([2, 2], { dtype: 'int32' });
    n.setitem(1, 7.9);
    expect(n.asnumpy()).toEqual([
      [0, 0],
      [7, 7],
    ]);
  });

  it('param[:] = param - lr * grad (the SGD step) is not recorded', () => {
    const p = np.array([1, 2]);
    p.attach_grad();
    autograd.record(() => p.mul(p).sum()).backward();
    p.setitem(':', p.sub(p.grad!.mul(0.5)));
    expect(p.asnumpy()).toEqual([0, 0]);
    expect(autograd.isRecording()).toBe(false);
  });

  it('refuses index arrays and negative steps', () => {
    expect(() => np.zeros([3]).setitem([0, 1], 1)).toThrow('can be assigned to');
    expect(() => np.zeros([3]).setitem('::-1', 1)).toThrow('a negative step cannot be assigned to');
  });
});

describe('np.take / nd.take', () => {
  const a = np.array([4, 3, 5, 7, 6, 8]);

  it('np.take: the flattened array by default; the indices shape the result', () => {
    expect(np.take(a, np.array([0, 1, 4])).asnumpy()).toEqual([4, 3, 6]);
    expect(
      np
        .take(
          a,
          np.array([
            [0, 1],
            [2, 3],
          ]),
        )
        .asnumpy(),
    ).toEqual([
      [4, 3],
      [5, 7],
    ]);
    expect(repr(np.take(a, 2))).toBe('array(5.)');
    const m = np.arange(6).reshape(2, 3);
    expect(np.take(m, [2, 0], 1).asnumpy()).toEqual([
      [2, 0],
      [5, 3],
    ]);
    expect(m.take([1], { axis: 0 }).asnumpy()).toEqual([[3, 4, 5]]);
    expect(np.take(a, [-1, 7], { mode: 'wrap' }).asnumpy()).toEqual([8, 3]);
    expect(a.take([9, -2], { mode: 'clip' }).asnumpy()).toEqual([8, 4]);
  });

  it("mode 'raise' (np's default) refuses indices outside [0, n), negative ones too, with MXNet's error", () => {
    expect(() => np.take(a, [6])).toThrow(MXNetError);
    expect(() => np.take(a, [6])).toThrow('Take indices contains indices out of bound');
    expect(() => np.take(a, [-1])).toThrow('Take indices contains indices out of bound');
    expect(() => np.take(a, [0], { mode: 'fast' })).toThrow("function take does not support mode 'fast'");
  });

  it("nd.take: axis 0 and mode 'clip' by default (MXNet's examples)", () => {
    const x = nd.array([4, 5, 6]);
    expect(nd.take(x, nd.array([1])).asnumpy()).toEqual([5]);
    expect(nd.take(x, nd.array([3]), { axis: -1, mode: 'clip' }).asnumpy()).toEqual([6]);
    const m = nd.array([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(
      nd
        .take(
          m,
          nd.array([
            [0, 1],
            [1, 2],
          ]),
        )
        .asnumpy(),
    ).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [3, 4],
        [5, 6],
      ],
    ]);
    expect(
      nd
        .take(
          m,
          nd.array([
            [0, 3],
            [-1, -2],
          ]),
          { axis: 1, mode: 'wrap' },
        )
        .asnumpy(),
    ).toEqual([
      [
        [1, 2],
        [2, 1],
      ],
      [
        [3, 4],
        [4, 3],
      ],
      [
        [5, 6],
        [6, 5],
      ],
    ]);
    expect(m.take(nd.array([5])).asnumpy()).toEqual([[5, 6]]);
  });

  it('gradients are scattered back, summed over repeats', () => {
    expect(
      check(
        (x) =>
          np.take(x, [
            [0, 5],
            [3, 3],
          ]),
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toBe(true);
    expect(check((x) => np.take(x, [-1, 4], { axis: 1, mode: 'wrap' }).square(), f64([[1, 2, 3]]))).toBe(
      true,
    );
    const w = np.array([1, 2, 3]);
    w.attach_grad();
    autograd.record(() => np.take(w, [2, 2, 0]).sum()).backward();
    expect(w.grad!.asnumpy()).toEqual([1, 0, 2]);
  });
});

describe('npx.pick / nd.pick', () => {
  const x = nd.array([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  it("MXNet's examples: along axis 0 and 1, keepdims, and clipped indices", () => {
    expect(nd.pick(x, nd.array([0, 1]), 0).asnumpy()).toEqual([1, 4]);
    expect(nd.pick(x, nd.array([0, 1, 0]), 1).asnumpy()).toEqual([1, 4, 5]);
    expect(nd.pick(x, nd.array([[1], [0], [2]]), { axis: 1, keepdims: true }).asnumpy()).toEqual([
      [2],
      [3],
      [6],
    ]);
    expect(x.pick(nd.array([-1, 5, 1])).asnumpy()).toEqual([1, 4, 6]);
    expect(nd.pick(x, nd.array([-1, 5, 1]), { mode: 'wrap' }).asnumpy()).toEqual([2, 4, 6]);
    expect(npx.pick(np.from(x[CORE_TENSOR]), np.array([1, 1, 0])).asnumpy()).toEqual([2, 4, 5]);
    expect(npx.pick(np.array([1, 2, 3]), np.array(2)).asnumpy()).toBe(3);
  });

  it('gradients go to the picked elements', () => {
    expect(
      check(
        (t) => npx.pick(t, np.array([2, 0, 7]), 1).square(),
        f64([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
      ),
    ).toBe(true);
    const w = np.array([
      [1, 2],
      [3, 4],
    ]);
    w.attach_grad();
    autograd.record(() => npx.pick(w, np.array([1, 0])).sum()).backward();
    expect(w.grad!.asnumpy()).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("errors: index shape and mode, by MXNet's texts", () => {
    expect(() => nd.pick(x, nd.array([0, 1]))).toThrow(
      'Shape inconsistent, Provided = [2], inferred shape=[3]',
    );
    expect(() => nd.pick(x, nd.array([0, 1, 0]), { mode: 'raise' })).toThrow(
      "Invalid Input: 'raise', valid values are: {'clip', 'wrap'}",
    );
  });
});

describe('npx.one_hot / nd.one_hot', () => {
  it("MXNet's examples; out-of-range indices give a row of off_value", () => {
    expect(nd.one_hot(nd.array([1, 0, 2, 0]), 3).asnumpy()).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    const i = nd.one_hot(nd.array([1, 0, 2, 0]), 3, { on_value: 8, off_value: 1, dtype: 'int32' });
    expect([i.dtype, i.asnumpy()]).toEqual([
      'int32',
      [
        [1, 8, 1],
        [8, 1, 1],
        [1, 1, 8],
        [8, 1, 1],
      ],
    ]);
    expect(
      nd.one_hot(
        nd.array([
          [1, 0],
          [2, 0],
        ]),
        3,
      ).shape,
    ).toEqual([2, 2, 3]);
    expect(npx.one_hot(np.array([0, -1, 3]), 3).asnumpy()).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(nd.array([2, 0]).one_hot(3).asnumpy()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(npx.one_hot(np.array([1]), 2).dtype).toBe('float32');
  });

  it('a negative depth is an error', () => {
    expect(() => npx.one_hot(np.array([1]), -1)).toThrow('depth must be a non-negative integer, got -1');
  });
});

describe('np.eye / nd.eye', () => {
  it('N, M, k; float32; nd treats M=0 as N', () => {
    expect(np.eye(2, 3, 1).asnumpy()).toEqual([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(repr(np.eye(3, { k: -1 }))).toBe(
      'array([[0., 0., 0.],\n       [1., 0., 0.],\n       [0., 1., 0.]])',
    );
    expect(np.eye(2).dtype).toBe('float32');
    expect(np.eye(2, { dtype: 'int32' }).dtype).toBe('int32');
    expect(nd.eye(2).asnumpy()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(nd.eye(2, 3, -1).asnumpy()).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
    expect(np.eye(3).index(1).asnumpy()).toEqual([0, 1, 0]);
  });
});
