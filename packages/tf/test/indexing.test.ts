/**
 * Slicing, one-hot, matvec and the per-example softmax cross entropies in the TensorFlow style.
 * Values are the examples of TensorFlow's documentation or worked out by hand; gradients are
 * checked against float64 finite differences (core.gradcheck) and, for the losses, against
 * their closed forms; errors by TensorFlow's text.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, type Tensor, tf } from '../src/index.js';

const v = (t: Tensor) => t.numpy();
const close = (t: Tensor, want: number[], digits = 5) => {
  const got = t.dataSync();
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
};
const f64 = (x: core.NestedInput) => core.tensor(x, { dtype: 'float64' });
/** Gradcheck of a tf-style function of float64 tensors. */
const check = (f: (...xs: Tensor[]) => Tensor, ...xs: core.Tensor[]) =>
  core.gradcheck((...ts) => f(...ts.map((t) => tf.from(t)))[CORE_TENSOR], xs, {
    eps: 1e-6,
    atol: 1e-6,
    rtol: 1e-5,
  });

const T = tf.constant([
  [
    [1, 1, 1],
    [2, 2, 2],
  ],
  [
    [3, 3, 3],
    [4, 4, 4],
  ],
  [
    [5, 5, 5],
    [6, 6, 6],
  ],
]);

describe('tf.slice', () => {
  it("TensorFlow's examples; size -1 takes the rest", () => {
    expect(v(tf.slice(T, [1, 0, 0], [1, 1, 3]))).toEqual([[[3, 3, 3]]]);
    expect(v(tf.slice(T, [1, 0, 0], [1, 2, 3]))).toEqual([
      [
        [3, 3, 3],
        [4, 4, 4],
      ],
    ]);
    expect(v(tf.slice(T, [1, 0, 0], [2, 1, 3]))).toEqual([[[3, 3, 3]], [[5, 5, 5]]]);
    expect(v(tf.slice(T, [1, 1, 1], [-1, -1, -1]))).toEqual([[[4, 4]], [[6, 6]]]);
    expect(v(tf.slice(tf.range(5), { begin: [3], size: [2] }))).toEqual([3, 4]);
  });

  it('is a view whose gradient is zero-padded back', () => {
    expect(tf.slice(T, [1, 0, 0], [1, 1, 3])[CORE_TENSOR].storage).toBe(T[CORE_TENSOR].storage);
    expect(
      check(
        (x) => tf.slice(x, [0, 1], [2, -1]).pow(2),
        f64([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
      ),
    ).toBe(true);
    const w = tf.Variable([1, 2, 3, 4]);
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.reduce_sum(tf.slice(w, [1], [2]).mul(tf.constant([10, 100]))));
    expect(v(tape.gradient(y, w) as Tensor)).toEqual([0, 10, 100, 0]);
  });

  it("errors by TensorFlow's text", () => {
    expect(() => tf.slice(T, [3, 0, 0], [1, 1, 1])).toThrow(InvalidArgumentError);
    expect(() => tf.slice(T, [3, 0, 0], [1, 1, 1])).toThrow('Expected size[0] in [0, 0], but got 1');
    expect(() => tf.slice(T, [4, 0, 0], [0, 1, 1])).toThrow('Expected begin[0] in [0, 3], but got 4');
    expect(() => tf.slice(T, [1, 0], [1, 1])).toThrow(
      'Expected begin and size arguments to be 1-D tensors of size 3, but got shapes [2] and [2] instead.',
    );
  });
});

describe('tf.strided_slice and x.index(...) (x[...])', () => {
  it("TensorFlow's examples, masks, negative strides", () => {
    expect(v(tf.strided_slice(T, [1, 0, 0], [2, 1, 3], [1, 1, 1]))).toEqual([[[3, 3, 3]]]);
    expect(v(tf.strided_slice(T, [1, 0, 0], [2, 2, 3], [1, 1, 1]))).toEqual([
      [
        [3, 3, 3],
        [4, 4, 4],
      ],
    ]);
    expect(v(tf.strided_slice(T, [1, -1, 0], [2, -3, 3], [1, -1, 1]))).toEqual([
      [
        [4, 4, 4],
        [3, 3, 3],
      ],
    ]);
    // x[1:, ..., 0] with begin_mask, ellipsis_mask and shrink_axis_mask; x[:, None] with new_axis_mask.
    expect(
      v(
        tf.strided_slice(T, [1, 0, 0], [0, 0, 0], [1, 1, 1], {
          end_mask: 1,
          ellipsis_mask: 2,
          shrink_axis_mask: 4,
        }),
      ),
    ).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(
      tf.strided_slice(T, [0, 0], [0, 0], [1, 1], { begin_mask: 1, end_mask: 1, new_axis_mask: 2 }).shape,
    ).toEqual([3, 1, 2, 3]);
  });

  it('x.index: integers, slices, None and ... (Python subscripts)', () => {
    expect(v(T.index('1:', null, '...', 0))).toEqual([[[3, 4]], [[5, 6]]]);
    expect(v(T.index(-1, '::-1', 0))).toEqual([6, 5]);
    expect(v(tf.range(10).index('8:2:-2'))).toEqual([8, 6, 4]);
    expect(v(tf.range(4).index(tf.constant(2, tf.int32)))).toBe(2);
    const w = tf.Variable([1, 2, 3]);
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.reduce_sum(w.index('1:').mul(tf.constant([10, 100]))));
    expect(v(tape.gradient(y, w) as Tensor)).toEqual([0, 10, 100]);
    expect(
      check(
        (x) => tf.exp(x.index('::-1', 1)),
        f64([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(true);
  });

  it('TensorFlow refuses index arrays; out-of-range integers by its text', () => {
    expect(() => T.index([0, 1])).toThrow(
      'Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, got [0, 1]',
    );
    expect(() => T.index(7)).toThrow('slice index 7 of dimension 0 out of bounds.');
    expect(() => tf.strided_slice(T, [5], [6], [1], { shrink_axis_mask: 1 })).toThrow(
      'slice index 5 of dimension 0 out of bounds.',
    );
  });
});

describe('tf.one_hot', () => {
  it("TensorFlow's examples", () => {
    expect(v(tf.one_hot([0, 1, 2], 3))).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(v(tf.one_hot([0, 2, -1, 1], 3, 5.0, 0.0, -1))).toEqual([
      [5, 0, 0],
      [0, 0, 5],
      [0, 0, 0],
      [0, 5, 0],
    ]);
    expect(v(tf.one_hot([0, 2, -1, 1], 3, 5.0, 0.0, 0))).toEqual([
      [5, 0, 0, 0],
      [0, 0, 0, 5],
      [0, 5, 0, 0],
    ]);
    expect(
      v(
        tf.one_hot(
          [
            [0, 2],
            [1, -1],
          ],
          3,
          { on_value: 1.0, off_value: 0.0, axis: -1 },
        ),
      ),
    ).toEqual([
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      [
        [0, 1, 0],
        [0, 0, 0],
      ],
    ]);
  });

  it('dtype: float32 by default, the dtype argument, or on_value tensors', () => {
    expect(tf.one_hot([1], 2).dtype).toBe(tf.float32);
    const i = tf.one_hot(tf.constant([1, 0], tf.int32), 2, { dtype: tf.int32 });
    expect([i.dtype, v(i)]).toEqual([
      tf.int32,
      [
        [0, 1],
        [1, 0],
      ],
    ]);
    expect(tf.one_hot([1], 2, tf.constant(1, tf.float64), tf.constant(0, tf.float64)).dtype).toBe(tf.float64);
  });

  it("errors by TensorFlow's text", () => {
    expect(() => tf.one_hot([1], -1)).toThrow('depth must be non-negative, got: -1');
    expect(() => tf.one_hot(tf.constant([1.0]), 3)).toThrow(
      "Value for attr 'TI' of float32 is not in the list of allowed values: uint8, int8, int32, int64",
    );
    expect(() => tf.one_hot([0], 3, { axis: -2 })).toThrow(
      'Expected axis to be -1 or between [0, 2).  But received: -2',
    );
    expect(() => tf.one_hot([0], 3, tf.constant(1, tf.float64), { dtype: tf.float32 })).toThrow(
      'dtype float64 of on_value does not match dtype parameter float32',
    );
  });
});

describe('tf.linalg.matvec', () => {
  it("TensorFlow's example, transpose_a, batches", () => {
    expect(
      v(
        tf.linalg.matvec(
          tf.constant([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          tf.constant([7, 9, 11]),
        ),
      ),
    ).toEqual([58, 139]);
    expect(
      v(
        tf.linalg.matvec(
          tf.constant([
            [1, 2],
            [3, 4],
          ]),
          tf.constant([1, 1]),
          { transpose_a: true },
        ),
      ),
    ).toEqual([4, 6]);
    const a = tf.reshape(tf.range(12, { dtype: tf.float32 }), [2, 2, 3]);
    expect(
      v(
        tf.linalg.matvec(
          a,
          tf.constant([
            [1, 0, 0],
            [0, 0, 1],
          ]),
        ),
      ),
    ).toEqual([
      [0, 3],
      [8, 11],
    ]);
  });

  it('is the matrix-vector product, with its gradients', () => {
    expect(
      check(
        (a, b) => tf.linalg.matvec(a, b),
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        f64([0.5, -1, 2]),
      ),
    ).toBe(true);
    expect(
      check(
        (a, b) => tf.linalg.matvec(a, b),
        f64([
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ]),
        f64([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(true);
    expect(() => tf.linalg.matvec(tf.constant([1, 2]), tf.constant([1, 2]))).toThrow(
      'Shape must be at least rank 2 but is rank 1',
    );
  });
});

describe('tf.nn.*softmax_cross_entropy_with_logits', () => {
  const logits = tf.constant([
    [4.0, 2.0, 1.0],
    [0.0, 5.0, 1.0],
  ]);

  it("TensorFlow's examples: one loss per example", () => {
    close(
      tf.nn.softmax_cross_entropy_with_logits(
        [
          [1.0, 0.0, 0.0],
          [0.0, 0.8, 0.2],
        ],
        logits,
      ),
      [0.16984604, 0.82474494],
    );
    close(
      tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([0, 1], tf.int32), logits),
      [0.16984604, 0.02474492],
    );
    close(
      tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [2, 0], logits }),
      [3.16984604, 5.02474492],
    );
    expect(
      tf.nn.softmax_cross_entropy_with_logits([[0, 1, 0]], tf.constant([[1, 2, 3]]), { axis: -1 }).shape,
    ).toEqual([1]);
  });

  it('gradients: softmax − labels for the logits, −log softmax for the labels; second order', () => {
    const z = tf.Variable(logits);
    const p = tf.Variable([
      [1, 0, 0],
      [0, 0.8, 0.2],
    ]);
    const tape = new tf.GradientTape();
    const l = tape.record(() => tf.nn.softmax_cross_entropy_with_logits(p, z));
    const [gz, gp] = tape.gradient(l, [z, p]) as Tensor[];
    const s = tf.nn.softmax(logits);
    close(gz, (tf.subtract(s, p).numpy() as number[][]).flat());
    close(gp, (tf.negative(tf.nn.log_softmax(logits)).numpy() as number[][]).flat());
    const zs = f64([
      [1, -2, 0.5],
      [0, 3, -1],
    ]);
    expect(
      check(
        (a, b) => tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(b), a),
        zs,
        f64([
          [0.1, 0.2, 0.3],
          [1, 0, -1],
        ]),
      ),
    ).toBe(true);
    expect(check((a) => tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0], a), zs)).toBe(true);
    expect(
      core.gradgradcheck(
        (t) => tf.nn.sparse_softmax_cross_entropy_with_logits([1, 2], tf.from(t))[CORE_TENSOR],
        [zs],
      ),
    ).toBe(true);
  });

  it("errors by TensorFlow's text", () => {
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits([0, 5], logits)).toThrow(
      'Received a label value of 5 which is outside the valid range of [0, 3).  Label values: 0 5',
    );
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits([-1, 0], logits)).toThrow(
      'Received a label value of -1 which is outside the valid range of [0, 3).',
    );
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits([[0, 1]], logits)).toThrow(
      'Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).',
    );
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits([0, 1, 2], logits)).toThrow(
      'Shape mismatch: The shape of labels (received (3,)) should equal the shape of logits except for the last dimension (received (2, 3)).',
    );
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([0.0, 1.0]), logits)).toThrow(
      "Value for attr 'Tlabels' of float32 is not in the list of allowed values: int32, int64",
    );
    expect(() => tf.nn.softmax_cross_entropy_with_logits([[1, 0]], logits)).toThrow(
      'logits and labels must be broadcastable: logits_size=[2,3] labels_size=[1,2]',
    );
  });
});
