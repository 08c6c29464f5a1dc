// MXNet style (np/npx): attach_grad, autograd.record, backward; gradients are written
// ('write'), so the SGD step needs no zeroing.
import { autograd, np, npx, tidy } from '@polygrad/mxnet';
import { loadIris } from './data.js';
import { initParams } from './init.js';
import { DEFAULTS, runEpochs } from './loop.js';

// npx.one_hot and npx.pick are missing from the facade: build them from a comparison.
const oneHot = (y, depth) => np.equal(y.reshape(-1, 1), np.arange(depth)).astype('float32');
// gluon.loss.SoftmaxCrossEntropyLoss without Gluon: -Σ onehot · log_softmax, averaged.
const crossEntropy = (z, onehot) => npx.log_softmax(z).mul(onehot).sum(1).neg().mean();

export async function train(options = {}) {
  const { epochs, lr, hidden, seed, onEpoch } = { ...DEFAULTS, ...options };
  const data = loadIris();
  const X = np.array(data.xTrain);
  const y = np.array(data.yTrain, { dtype: 'int32' });
  const Y = tidy(() => oneHot(y, 3)); // frees the comparison's temporaries
  const Xt = np.array(data.xTest);
  const yt = np.array(data.yTest, { dtype: 'int32' });
  const params = initParams({ sizes: [4, hidden, 3], seed }).flatMap(({ w, b }) => [
    np.array(w),
    np.array(b),
  ]);
  for (const p of params) p.attach_grad();
  const [W1, b1, W2, b2] = params;
  const net = (x) => np.dot(npx.relu(np.dot(x, W1).add(b1)), W2).add(b2);
  const accuracy = (x, t) => np.argmax(net(x), 1).eq(t).astype('float32').mean();

  const step = (last) =>
    tidy(() => {
      const loss = autograd.record(() => crossEntropy(net(X), Y));
      const dot = last ? autograd.toDot(loss) : ''; // before backward frees the graph
      loss.backward();
      // param[:] = param - lr * param.grad (slice assignment is missing: copyto writes in place)
      for (const p of params) p.sub(p.grad.mul(lr)).copyto(p);
      return { stats: np.stack([loss, accuracy(X, y), accuracy(Xt, yt)]), dot };
    });

  try {
    return await runEpochs({ epochs, onEpoch, step });
  } finally {
    for (const t of [X, y, Y, Xt, yt, ...params.map((p) => p.grad), ...params]) t?.dispose();
  }
}
