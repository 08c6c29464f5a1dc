// TensorFlow style: tf.Variable, a GradientTape per step, tape.gradient, assign_sub.
import { tf } from '@polygrad/tf';
import { loadIris } from './data.js';
import { initParams } from './init.js';
import { DEFAULTS, runEpochs } from './loop.js';

const crossEntropy = (labels, logits) =>
  tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits));

export async function train(options = {}) {
  const { epochs, lr, hidden, seed, onEpoch } = { ...DEFAULTS, ...options };
  const data = loadIris();
  const X = tf.constant(data.xTrain);
  const y = tf.constant(data.yTrain, tf.int32);
  const Xt = tf.constant(data.xTest);
  const yt = tf.constant(data.yTest, tf.int32);
  // tf.tidy frees the constants tf.Variable converts the JS arrays to (Variables survive tidy).
  const params = tf.tidy(() =>
    initParams({ sizes: [4, hidden, 3], seed }).flatMap(({ w, b }) => [tf.Variable(w), tf.Variable(b)]),
  );
  const [W1, b1, W2, b2] = params;
  const net = (x) => tf.add(tf.matmul(tf.nn.relu(tf.add(tf.matmul(x, W1), b1)), W2), b2);
  const accuracy = (x, t) => tf.reduce_mean(tf.cast(tf.equal(tf.math.argmax(net(x), 1), t), tf.float32));

  const step = (last) =>
    tf.tidy(() => {
      const tape = new tf.GradientTape();
      const loss = tape.record(() => crossEntropy(y, net(X)));
      const dot = last ? tf.toDot(loss) : ''; // before tape.gradient frees the graph
      const grads = tape.gradient(loss, params);
      params.forEach((p, i) => p.assign_sub(tf.multiply(grads[i], lr)));
      return { stats: tf.stack([loss, accuracy(X, y), accuracy(Xt, yt)]), dot };
    });

  try {
    return await runEpochs({ epochs, onEpoch, step });
  } finally {
    for (const t of [X, y, Xt, yt, ...params]) t.dispose();
  }
}
