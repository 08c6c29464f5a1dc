// PyTorch style: leaves with requires_grad, F.cross_entropy, backward(), and the SGD step
// under no_grad with grad.zero_(), as in a hand-written PyTorch loop (no nn.Module/optim).
import { torch } from '@polygrad/torch';
import { loadIris } from './data.js';
import { initParams } from './init.js';
import { DEFAULTS, runEpochs } from './loop.js';

const F = torch.nn.functional;

export async function train(options = {}) {
  const { epochs, lr, hidden, seed, onEpoch } = { ...DEFAULTS, ...options };
  const data = loadIris();
  const X = torch.tensor(data.xTrain);
  const y = torch.tensor(data.yTrain, { dtype: torch.int32 });
  const Xt = torch.tensor(data.xTest);
  const yt = torch.tensor(data.yTest, { dtype: torch.int32 });
  const params = initParams({ sizes: [4, hidden, 3], seed }).flatMap(({ w, b }) => [
    torch.tensor(w, { requires_grad: true }),
    torch.tensor(b, { requires_grad: true }),
  ]);
  const [W1, b1, W2, b2] = params;
  // X @ W + b rather than F.linear: the same layout as the other styles, so the same numbers.
  const net = (x) => F.relu(x.matmul(W1).add(b1)).matmul(W2).add(b2);
  const accuracy = (x, t) => net(x).argmax(1).eq(t).float().mean();

  const step = (last) =>
    torch.tidy(() => {
      const loss = F.cross_entropy(net(X), y);
      const dot = last ? torch.autograd.toDot(loss) : ''; // before backward frees the graph
      loss.backward();
      torch.no_grad(() => {
        for (const p of params) {
          p.sub_(p.grad.mul(lr)); // p -= lr * p.grad
          p.grad.zero_();
        }
      });
      const stats = torch.no_grad(() => torch.stack([loss, accuracy(X, y), accuracy(Xt, yt)]));
      return { stats, dot };
    });

  try {
    return await runEpochs({ epochs, onEpoch, step });
  } finally {
    for (const t of [X, y, Xt, yt, ...params.map((p) => p.grad), ...params]) t?.dispose();
  }
}
