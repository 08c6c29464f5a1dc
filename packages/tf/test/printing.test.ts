/** TensorFlow 2's str/repr of tensors, variables and dtypes (NumPy 1.x number formatting). */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repr, str, tf } from '../src/index.js';

describe('tensor str and repr', () => {
  it('the API.md examples', () => {
    const x = tf.constant([0, 4, 8, 12]);
    expect(str(x)).toBe('tf.Tensor([ 0.  4.  8. 12.], shape=(4,), dtype=float32)');
    expect(String(x)).toBe(str(x));
    expect(repr(x)).toBe(
      '<tf.Tensor: shape=(4,), dtype=float32, numpy=array([ 0.,  4.,  8., 12.], dtype=float32)>',
    );
    expect(inspect(x)).toBe(repr(x));
  });

  it('0-d tensors print as NumPy scalars', () => {
    expect(str(tf.constant(28))).toBe('tf.Tensor(28.0, shape=(), dtype=float32)');
    expect(repr(tf.constant(28))).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=28.0>');
    expect(repr(tf.constant(0.1))).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=0.1>');
    expect(repr(tf.constant(3, { dtype: tf.int32 }))).toBe('<tf.Tensor: shape=(), dtype=int32, numpy=3>');
    expect(str(tf.constant(true))).toBe('tf.Tensor(True, shape=(), dtype=bool)');
    expect(repr(tf.constant(false))).toBe('<tf.Tensor: shape=(), dtype=bool, numpy=False>');
  });

  it('multi-line values start on a new line', () => {
    const m = tf.constant([
      [1, 2],
      [3, 4],
    ]);
    expect(str(m)).toBe('tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)');
    expect(repr(m)).toBe(
      '<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>',
    );
    const cube = tf.reshape(tf.range(8), [2, 2, 2]);
    expect(str(cube)).toBe(
      'tf.Tensor(\n[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]], shape=(2, 2, 2), dtype=int32)',
    );
    // NumPy wraps at 75 characters: 18 four-character items fit on the first line.
    expect(str(tf.range(30, { dtype: tf.float32 }))).toBe(
      'tf.Tensor(\n[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n' +
        ' 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.], shape=(30,), dtype=float32)',
    );
  });

  it('int32, bool, float64 and empty tensors', () => {
    expect(str(tf.range(4))).toBe('tf.Tensor([0 1 2 3], shape=(4,), dtype=int32)');
    expect(repr(tf.range(3))).toBe(
      '<tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 1, 2], dtype=int32)>',
    );
    expect(str(tf.constant([true, false]))).toBe('tf.Tensor([ True False], shape=(2,), dtype=bool)');
    expect(repr(tf.constant([true, false]))).toBe(
      '<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>',
    );
    const d = tf.constant([1.5, 2], { dtype: tf.float64 });
    expect(str(d)).toBe('tf.Tensor([1.5 2. ], shape=(2,), dtype=float64)');
    expect(repr(d)).toBe('<tf.Tensor: shape=(2,), dtype=float64, numpy=array([1.5, 2. ])>');
    const e = tf.zeros([0]);
    expect(str(e)).toBe('tf.Tensor([], shape=(0,), dtype=float32)');
    expect(repr(e)).toBe('<tf.Tensor: shape=(0,), dtype=float32, numpy=array([], dtype=float32)>');
    expect(str(tf.constant([0.5, -1.25]))).toBe('tf.Tensor([ 0.5  -1.25], shape=(2,), dtype=float32)');
  });
});

describe('variables', () => {
  it('repr (which is also str) names the variable', () => {
    const v = tf.Variable(tf.range(4, { dtype: tf.float32 }));
    const text =
      "<tf.Variable 'Variable:0' shape=(4,) dtype=float32, numpy=array([0., 1., 2., 3.], dtype=float32)>";
    expect(repr(v)).toBe(text);
    expect(str(v)).toBe(text);
    expect(inspect(v)).toBe(text);
    expect(repr(tf.Variable(2, { name: 'w' }))).toBe("<tf.Variable 'w:0' shape=() dtype=float32, numpy=2.0>");
    expect(
      repr(
        tf.Variable([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(
      "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>",
    );
  });

  it('every unnamed variable is Variable:0, as in eager TensorFlow; assign returns an UnreadVariable', () => {
    expect(tf.Variable(1).name).toBe('Variable:0');
    expect(tf.Variable(2).name).toBe('Variable:0');
    const v = tf.Variable([1, 2]);
    expect(repr(v.assign([3, 4]))).toBe(
      "<tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, numpy=array([3., 4.], dtype=float32)>",
    );
    expect(v.name).toBe('Variable:0');
  });
});

describe('dtypes, shapes and Python values', () => {
  it('dtypes print as TensorFlow prints them', () => {
    expect(repr(tf.float32)).toBe('tf.float32');
    expect(str(tf.int32)).toBe("<dtype: 'int32'>");
    expect(tf.constant(1).dtype).toBe(tf.float32);
    expect(tf.range(2).dtype).toBe(tf.int32);
  });

  it('shapes print as TensorShape tuples; print() follows Python', () => {
    expect(str(tf.zeros([2, 3]).shape)).toBe('(2, 3)');
    expect(str(tf.zeros([4]).shape)).toBe('(4,)');
    expect(str(null)).toBe('None');
    expect(str([tf.constant(1), true])).toBe('(<tf.Tensor: shape=(), dtype=float32, numpy=1.0>, True)');
  });
});
