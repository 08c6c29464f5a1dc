// D2L 3.2 "Linear Regression Implementation from Scratch", the PyTorch notebook.
// Run: node src/main.js   (runs this next to the MXNet and TensorFlow versions)
//
// Python lines are kept as comments where the JavaScript reads differently.
import { torch } from '@polygrad/torch';
import { BATCH_SIZE, EPOCHS, formatLoss, LR, SEED, syntheticData } from './data.js';

/** Yields minibatches in `order` (D2L shuffles `indices` here; the order comes from data.js). */
function* dataIter(batchSize, features, labels, order) {
  const numExamples = features.shape[0];
  for (let i = 0; i < numExamples; i += batchSize) {
    // batch_indices = torch.tensor(indices[i: min(i + batch_size, num_examples)])
    // yield features[batch_indices], labels[batch_indices]
    // (tidy frees the index tensor and what indexing makes on the way; it keeps the batch)
    const batch = torch.tidy(() => {
      const batchIndices = torch.tensor(order.slice(i, Math.min(i + batchSize, numExamples)), {
        dtype: torch.int32,
      });
      return [features.index(batchIndices), labels.index(batchIndices)];
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
const linreg = (X, w, b) => torch.matmul(X, w).add(b); // torch.matmul(X, w) + b

/** Squared loss. */
const squaredLoss = (yHat, y) => yHat.sub(y.reshape(yHat.shape)).pow(2).div(2); // (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

/** Minibatch stochastic gradient descent. */
function sgd(params, lr, batchSize) {
  // with torch.no_grad():
  torch.noGrad(() => {
    for (const param of params) {
      param.sub_(param.grad.mul(lr).div(batchSize)); // param -= lr * param.grad / batch_size
      param.grad.zero_();
    }
  });
}

export function train({ epochs = EPOCHS, seed = SEED, log = console.log } = {}) {
  const data = syntheticData({ seed, epochs });
  const features = torch.tensor(data.features);
  const labels = torch.tensor(data.labels);
  // w = torch.normal(0, 0.01, size=(2,1), requires_grad=True)
  const w = torch.tensor(data.w0, { requiresGrad: true });
  const b = torch.zeros(1, { requiresGrad: true });

  const [lr, numEpochs, net, loss] = [LR, epochs, linreg, squaredLoss];
  const losses = [];
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    for (const [X, y] of dataIter(BATCH_SIZE, features, labels, data.orders[epoch])) {
      torch.tidy(() => {
        const l = loss(net(X, w, b), y); // Minibatch loss in `X` and `y`
        // Compute gradient on `l` with respect to [`w`, `b`]
        l.sum().backward();
        sgd([w, b], lr, BATCH_SIZE); // Update parameters using their gradient
      });
    }
    // with torch.no_grad():
    //     train_l = loss(net(features, w, b), labels)
    //     print(f'epoch {epoch + 1}, loss {float(train_l.mean()):f}')
    const meanLoss = torch.tidy(() => {
      const trainL = torch.noGrad(() => loss(net(features, w, b), labels));
      return trainL.mean().item();
    });
    losses.push(meanLoss);
    log(formatLoss(epoch, meanLoss));
  }

  const result = { w: w.tolist().flat(), b: b.item(), losses };
  for (const t of [features, labels, w, b]) t.dispose();
  return result;
}
