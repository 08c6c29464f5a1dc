// The bookkeeping the three styles share; no math here. WebGPU has no synchronous reads in
// browsers, so each epoch's numbers are read with `await t.data()`, once, from one tensor.

/**
 * Runs `step(last)` once per epoch. A step returns `{ stats, dot }`: `stats` a tensor
 * [loss, trainAccuracy, testAccuracy] that survived the step's `tidy` (freed here once read),
 * `dot` the loss graph as Graphviz DOT on the last epoch.
 */
export async function runEpochs({ epochs, onEpoch, step }) {
  const losses = [];
  let result = { trainAccuracy: Number.NaN, testAccuracy: Number.NaN, dot: '' };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const { stats, dot } = step(epoch === epochs);
    const [loss, trainAccuracy, testAccuracy] = await stats.data();
    stats.dispose();
    losses.push(loss);
    result = { trainAccuracy, testAccuracy, dot: dot || result.dot };
    await onEpoch?.({ epoch, epochs, loss, trainAccuracy, testAccuracy });
  }
  return { losses, ...result };
}

/** Defaults shared by the styles: full-batch SGD reaches ≥ 95 % test accuracy in 100 epochs. */
export const DEFAULTS = { epochs: 100, lr: 0.5, hidden: 16, seed: 0 };
