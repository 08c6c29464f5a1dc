// D2L 3.2 "Linear Regression Implementation from Scratch", the MXNet notebook (`np` / `npx`).
// Run: node src/main.js   (runs this next to the PyTorch and TensorFlow versions)
//
// Python lines are kept as comments where the JavaScript reads differently.
// from mxnet import autograd, np, npx
import { autograd, np, npx, tidy } from '@polygrad/mxnet';
import { BATCH_SIZE, EPOCHS, formatLoss, LR, SEED, syntheticData } from './data.js';

npx.set_np();

/** Yields minibatches in `order` (D2L shuffles `indices` here; the order comes from data.js). */
function* dataIter(batchSize, features, labels, order) {
  const numExamples = features.shape[0];
  for (let i = 0; i < numExamples; i += batchSize) {
    // batch_indices = np.array(indices[i: min(i + batch_size, num_examples)])
    // yield features[batch_indices], labels[batch_indices]
    const batch = tidy(() => {
      const batchIndices = np.array(order.slice(i, Math.min(i + batchSize, numExamples)), {
        dtype: np.int32,
      });
      return [features.index(batchIndices), labels.index(batchIndices)];
    });
    try {
      yield batch;
    } finally {
      // Free the batch when the loop moves on: the training loop stays at a flat footprint.
      for (const a of batch) a.dispose();
    }
  }
}

/** The linear regression model. */
const linreg = (X, w, b) => np.dot(X, w).add(b); // np.dot(X, w) + b

/** Squared loss. */
const squaredLoss = (yHat, y) => yHat.sub(y.reshape(yHat.shape)).pow(2).div(2); // (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

/** Minibatch stochastic gradient descent. */
function sgd(params, lr, batchSize) {
  for (const param of params) {
    // param[:] = param - lr * param.grad / batch_size
    param.setitem(':', param.sub(param.grad.mul(lr).div(batchSize)));
  }
}

export function train({ epochs = EPOCHS, seed = SEED, log = console.log } = {}) {
  const data = syntheticData({ seed, epochs });
  const features = np.array(data.features);
  const labels = np.array(data.labels);
  // w = np.random.normal(0, 0.01, (2, 1))
  const w = np.array(data.w0);
  const b = np.zeros(1);
  w.attach_grad();
  b.attach_grad();

  const [lr, numEpochs, net, loss] = [LR, epochs, linreg, squaredLoss];
  const losses = [];
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    for (const [X, y] of dataIter(BATCH_SIZE, features, labels, data.orders[epoch])) {
      tidy(() => {
        // with autograd.record():
        //     l = loss(net(X, w, b), y)  # Minibatch loss in `X` and `y`
        const l = autograd.record(() => loss(net(X, w, b), y));
        // Compute gradient on `l` with respect to [`w`, `b`]
        l.backward();
        sgd([w, b], lr, BATCH_SIZE); // Update parameters using their gradient
      });
    }
    // train_l = loss(net(features, w, b), labels)
    // print(f'epoch {epoch + 1}, loss {float(train_l.mean()):f}')
    const meanLoss = tidy(() => {
      const trainL = loss(net(features, w, b), labels);
      return trainL.mean().item();
    });
    losses.push(meanLoss);
    log(formatLoss(epoch, meanLoss));
  }

  const result = { w: w.asnumpy().flat(), b: b.item(), losses };
  for (const a of [features, labels, w, b]) a.dispose();
  return result;
}
