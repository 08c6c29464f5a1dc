// D2L 3.2 "Linear Regression Implementation from Scratch", the TensorFlow notebook.
// Run: node src/main.js   (runs this next to the MXNet and PyTorch versions)
//
// Python lines are kept as comments where the JavaScript reads differently.
import { tf } from '@polygrad/tf';
import { BATCH_SIZE, EPOCHS, formatLoss, LR, SEED, syntheticData } from './data.js';

/** Yields minibatches in `order` (D2L shuffles `indices` here; the order comes from data.js). */
function* dataIter(batchSize, features, labels, order) {
  const numExamples = features.shape[0];
  for (let i = 0; i < numExamples; i += batchSize) {
    // j = tf.constant(indices[i: min(i + batch_size, num_examples)])
    // yield tf.gather(features, j), tf.gather(labels, j)
    const batch = tf.tidy(() => {
      const j = tf.constant(order.slice(i, Math.min(i + batchSize, numExamples)), { dtype: tf.int32 });
      return [tf.gather(features, j), tf.gather(labels, j)];
    });
    try {
      yield batch;
    } finally {
      // Free the batch when the loop moves on: the training loop stays at a flat footprint.
      for (const t of batch) t.dispose();
    }
  }
}

/** The linear regression model. */
const linreg = (X, w, b) => tf.matmul(X, w).add(b); // tf.matmul(X, w) + b

/** Squared loss. */
const squaredLoss = (yHat, y) => yHat.sub(tf.reshape(y, yHat.shape)).pow(2).div(2); // (y_hat - tf.reshape(y, y_hat.shape)) ** 2 / 2

/** Minibatch stochastic gradient descent. */
function sgd(params, grads, lr, batchSize) {
  params.forEach((param, i) => {
    param.assign_sub(grads[i].mul(lr).div(batchSize)); // param.assign_sub(lr*grad/batch_size)
  });
}

export function train({ epochs = EPOCHS, seed = SEED, log = console.log } = {}) {
  const data = syntheticData({ seed, epochs });
  const features = tf.constant(data.features);
  const labels = tf.constant(data.labels);
  // w = tf.Variable(tf.random.normal(shape=(2, 1), mean=0, stddev=0.01), trainable=True)
  // b = tf.Variable(tf.zeros(1), trainable=True)
  // (tidy frees the initial values; variables are kept out of tidy)
  const [w, b] = tf.tidy(() => [
    tf.Variable(tf.constant(data.w0), { trainable: true }),
    tf.Variable(tf.zeros(1), { trainable: true }),
  ]);

  const [lr, numEpochs, net, loss] = [LR, epochs, linreg, squaredLoss];
  const losses = [];
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    for (const [X, y] of dataIter(BATCH_SIZE, features, labels, data.orders[epoch])) {
      tf.tidy(() => {
        // with tf.GradientTape() as g:
        //     l = loss(net(X, w, b), y)  # Minibatch loss in `X` and `y`
        const g = new tf.GradientTape();
        const l = g.record(() => loss(net(X, w, b), y));
        // Compute gradient on l with respect to [`w`, `b`]
        const [dw, db] = g.gradient(l, [w, b]);
        // Update parameters using their gradient
        sgd([w, b], [dw, db], lr, BATCH_SIZE);
      });
    }
    // train_l = loss(net(features, w, b), labels)
    // print(f'epoch {epoch + 1}, loss {float(tf.reduce_mean(train_l)):f}')
    const meanLoss = tf.tidy(() => {
      const trainL = loss(net(features, w, b), labels);
      return tf.reduce_mean(trainL).numpy();
    });
    losses.push(meanLoss);
    log(formatLoss(epoch, meanLoss));
  }

  const result = { w: w.numpy().flat(), b: b.numpy()[0], losses };
  for (const t of [features, labels, w, b]) t.dispose();
  return result;
}
