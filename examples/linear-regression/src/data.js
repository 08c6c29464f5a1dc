// The synthetic data set of D2L 3.2.1, drawn once so that the three API styles train on the
// same numbers: y = Xw + b + noise, X ~ N(0, 1), noise ~ N(0, 0.01).
//
// Everything random comes from core's seeded generator (xoshiro128**), on the CPU backend
// whatever backend the styles then run on, and is handed over as plain arrays: the features and
// labels, the initial weights w ~ N(0, 0.01), and one shuffled example order per epoch (what
// `random.shuffle(indices)` does in D2L's `data_iter`).
import * as core from '@polygrad/core';

export const TRUE_W = [2, -3.4];
export const TRUE_B = 4.2;
export const NUM_EXAMPLES = 1000;

/** D2L's hyperparameters. */
export const BATCH_SIZE = 10;
export const LR = 0.03;
export const EPOCHS = 3;
export const SEED = 42;

const cpu = { backend: 'cpu' };

/**
 * Draws the data set, the initial weights and `epochs` example orders from `seed`.
 * Returns plain arrays: features [n][2], labels [n][1], w0 [2][1], orders[epoch][n].
 */
export function syntheticData({ seed = SEED, epochs = EPOCHS } = {}) {
  core.seed(seed);
  return core.tidy(() => {
    // def synthetic_data(w, b, num_examples):
    //     X = torch.normal(0, 1, (num_examples, len(w)))
    //     y = torch.matmul(X, w) + b
    //     y += torch.normal(0, 0.01, y.shape)
    const X = core.normal([NUM_EXAMPLES, TRUE_W.length], 0, 1, cpu);
    const y = core.add(
      core.add(core.matmul(X, core.tensor(TRUE_W, cpu)), TRUE_B),
      core.normal([NUM_EXAMPLES], 0, 0.01, cpu),
    );
    // w = torch.normal(0, 0.01, size=(2, 1), requires_grad=True)
    const w0 = core.normal([TRUE_W.length, 1], 0, 0.01, cpu);
    const orders = [];
    for (let e = 0; e < epochs; e++) orders.push(shuffle(NUM_EXAMPLES));
    return {
      features: X.toArray(),
      labels: core.reshape(y, [-1, 1]).toArray(),
      w0: w0.toArray(),
      orders,
    };
  });
}

/** Fisher–Yates over 0..n-1, driven by one draw of n uniforms from core's generator. */
function shuffle(n) {
  const u = core.uniform([n], 0, 1, { ...cpu, dtype: 'float64' }).dataSync();
  const indices = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i] * (i + 1));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices;
}

/** D2L prints the epoch loss with Python's `:f` (six decimals). */
export const formatLoss = (epoch, loss) => `epoch ${epoch + 1}, loss ${loss.toFixed(6)}`;
