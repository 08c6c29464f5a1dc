// Trains D2L 3.2's linear regression three times, once per API style, on the same data and
// from the same initial weights, then prints what each recovered and whether the three agree.
//
// Run: node src/main.js [--backend cpu|wasm|webgpu] [--epochs N] [--seed N]
//      pnpm --filter @polygrad/example-linear-regression start
import * as core from '@polygrad/core';
import { BACKENDS, cli } from '@polygrad/example-cli';
import { BATCH_SIZE, EPOCHS, LR, NUM_EXAMPLES, SEED, TRUE_B, TRUE_W } from './data.js';
import * as mxnet from './mxnet.js';
import * as tf from './tf.js';
import * as torch from './torch.js';

const STYLES = [
  ['MXNet', 'np, autograd.record, attach_grad, backward', mxnet.train],
  ['PyTorch', 'requires_grad, backward, torch.no_grad, grad.zero_', torch.train],
  ['TensorFlow', 'tf.Variable, GradientTape, assign_sub', tf.train],
];

const args = await cli(
  'src/main.js',
  {
    backend: { choices: BACKENDS },
    epochs: { integer: 1, default: EPOCHS },
    seed: { integer: 0, default: SEED },
  },
  import.meta.url,
);

const fmt = (x) => x.toPrecision(8);
const vec = (xs, f = fmt) => `[${xs.map(f).join(', ')}]`;
const err = (x) => x.toExponential(2);

console.log(
  `polygrad: D2L 3.2 linear regression from scratch in three API styles, backend: ${core.getBackend()}`,
);
console.log(
  `true_w = ${vec(TRUE_W, String)}, true_b = ${TRUE_B}; ${NUM_EXAMPLES} examples, ` +
    `batch size ${BATCH_SIZE}, lr ${LR}, ${args.epochs} epoch${args.epochs === 1 ? '' : 's'}, seed ${args.seed}`,
);

const results = [];
for (const [style, idioms, train] of STYLES) {
  console.log(`\n## ${style} (${idioms})\n`);
  const r = train({ epochs: args.epochs, seed: args.seed, log: console.log });
  results.push(r);
  console.log(`w = ${vec(r.w)}, b = ${fmt(r.b)}`);
  const errorW = TRUE_W.map((t, i) => t - r.w[i]);
  console.log(`error in estimating w: ${vec(errorW, err)}`);
  console.log(`error in estimating b: ${err(TRUE_B - r.b)}`);
}

// Every number the three runs produced, side by side.
const flat = results.map((r) => [...r.w, r.b, ...r.losses]);
const maxDiff = Math.max(...flat[0].map((x, i) => Math.max(...flat.map((f) => Math.abs(f[i] - x)))));
console.log(
  maxDiff === 0
    ? '\nThe three styles agree: w, b and every epoch loss are bitwise equal.'
    : `\nThe three styles differ by at most ${maxDiff.toExponential(2)} (w, b and epoch losses).`,
);
