// Seed 003: D2L "Automatic Differentiation" in three frameworks, the TensorFlow cells.
// Run: node src/seed003-tf.js   (prints what these cells printed in the notebook)
//
// Python lines are kept as comments where the JavaScript differs: `with tf.GradientTape() as t:`
// is a tape object whose `record` runs the block. Each section is a function so that
// side-by-side.js can run it next to the MXNet and PyTorch ports; `cell(n)` marks the notebook's
// cells (it prints nothing here).

// In [2]:
// import tensorflow as tf
import { print, tf } from '@polygrad/tf';
import { cell, isMain } from './notebook.js';

// ### A Simple Example
export function aSimpleExample() {
  // In [9]:
  cell(9);
  let x = tf.range(4, { dtype: tf.float32 }); // x = tf.range(4, dtype=tf.float32)
  x = tf.Variable(x);

  // In [10]:
  cell(10);
  // Record all computations onto a tape
  // with tf.GradientTape() as t:
  //     y = 2 * tf.tensordot(x, x, axes=1)
  const t = new tf.GradientTape();
  const y = t.record(() => tf.tensordot(x, x, { axes: 1 }).mul(2));
  print(y);

  // In [11]:
  cell(11);
  print(t.gradient(y, x));
}

// ### Backward for Non-Scalar Variables
export function backwardForNonScalarVariables() {
  // In [17]:
  cell(17);
  let x = tf.range(4, { dtype: tf.float32 }); // x = tf.range(4, dtype=tf.float32)
  x = tf.Variable(x);

  // In [18]:
  cell(18);
  // with tf.GradientTape() as t:
  //     y = x * x
  const t = new tf.GradientTape();
  const y = t.record(() => x.mul(x));
  print(t.gradient(y, x)); // Same as `y = tf.reduce_sum(x * x)`
}

// ### Detaching Computation
export function detachingComputation() {
  // In [27]:
  cell(27);
  let x = tf.range(4, { dtype: tf.float32 }); // x = tf.range(4, dtype=tf.float32)
  x = tf.Variable(x);
  print(x);

  // In [28]:
  cell(28);
  // Set `persistent=True` to run `t.gradient` more than once
  // with tf.GradientTape(persistent=True) as t:
  //     y = x * x
  //     u = tf.stop_gradient(y)
  //     z = u * x
  const t = new tf.GradientTape({ persistent: true });
  let y;
  let z;
  t.record(() => {
    y = x.mul(x);
    const u = tf.stop_gradient(y);
    z = u.mul(x);
  });

  // In [29]:
  cell(29);
  print(t.gradient(z, x));

  // In [30]:
  cell(30);
  print(t.gradient(y, x));
}

export const sections = [aSimpleExample, backwardForNonScalarVariables, detachingComputation];

if (isMain(import.meta.url)) for (const section of sections) section();
