// Trains D2L 3.2's linear regression three times, once per API style, on the same data and
// from the same initial weights, then prints what each recovered and whether the three agree.
//
// Run: node src/main.js [--backend cpu|wasm|webgpu] [--epochs N] [--seed N]
//      pnpm --filter @polygrad/example-linear-regression start
import * as core from '@polygrad/core';
import { BATCH_SIZE, EPOCHS, LR, NUM_EXAMPLES, SEED, TRUE_B, TRUE_W } from './data.js';
import * as mxnet from './mxnet.js';
import * as tf from './tf.js';
import * as torch from './torch.js';

const BACKENDS = ['cpu', 'wasm', 'webgpu'];
const USAGE = `usage: node src/main.js [--backend ${BACKENDS.join('|')}] [--epochs N] [--seed N]`;

const STYLES = [
  ['MXNet', 'np, autograd.record, attach_grad, backward', mxnet.train],
  ['PyTorch', 'requires_grad, backward, torch.no_grad, grad.zero_', torch.train],
  ['TensorFlow', 'tf.Variable, GradientTape, assign_sub', tf.train],
];

/** `--name value` or `--name=value`; a bare `--` (pnpm passes one through) is skipped. */
function parseArgs(argv) {
  const args = { backend: null, epochs: EPOCHS, seed: SEED };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') continue;
    if (argv[i] === '--help' || argv[i] === '-h') return { help: true };
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i] ?? '';
    if (flag === '--backend') {
      if (!BACKENDS.includes(value)) throw new Error(`--backend must be one of ${BACKENDS.join(', ')}`);
      args.backend = value;
    } else if (flag === '--epochs' || flag === '--seed') {
      const n = Number(value);
      const min = flag === '--epochs' ? 1 : 0;
      if (!Number.isInteger(n) || n < min) throw new Error(`bad ${flag} '${value}'`);
      args[flag.slice(2)] = n;
    } else {
      throw new Error(`unknown argument '${argv[i]}'`);
    }
  }
  return args;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`error: ${e.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.backend) {
  try {
    await core.setBackend(args.backend); // loads @polygrad/backend-<name> (a dependency of this example)
  } catch (e) {
    console.error(`error: cannot use the '${args.backend}' backend: ${e.message}`);
    process.exit(1);
  }
}

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
