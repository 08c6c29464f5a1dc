// MXNet style (np/npx): attach_grad, autograd.record, backward; gradients are written
// ('write'), so the SGD step needs no zeroing.
import { autograd, np, npx, tidy } from '@polygrad/mxnet';
import { loadIris } from './data.js';
import { initParams } from './init.js';
import { DEFAULTS, runEpochs } from './loop.js';

// gluon.loss.SoftmaxCrossEntropyLoss without Gluon, as Gluon computes it: -pick(log_softmax(z), y),
// averaged over the batch.
const crossEntropy = (z, y) => npx.pick(npx.log_softmax(z), y).neg().mean();

export async function train(options = {}) {
  const { epochs, lr, hidden, seed, onEpoch } = { ...DEFAULTS, ...options };
  const data = loadIris();
  const X = np.array(data.xTrain);
  const y = np.array(data.yTrain, { dtype: 'int32' });
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
      const loss = autograd.record(() => crossEntropy(net(X), y));
      const dot = last ? autograd.toDot(loss) : ''; // before backward frees the graph
      loss.backward();
      for (const p of params) p.setitem(':', p.sub(p.grad.mul(lr))); // param[:] = param - lr * param.grad
      return { stats: np.stack([loss, accuracy(X, y), accuracy(Xt, yt)]), dot };
    });

  try {
    return await runEpochs({ epochs, onEpoch, step });
  } finally {
    for (const t of [X, y, Xt, yt, ...params.map((p) => p.grad), ...params]) t?.dispose();
  }
}
