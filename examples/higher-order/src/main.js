// Runs the higher-order examples in the three API styles, one after another, then says whether
// the three computed the same numbers.
//
// Run: node src/main.js [--backend cpu|wasm|webgpu]
//      pnpm --filter @polygrad/example-higher-order start
import * as core from '@polygrad/core';
import { BACKENDS, cli } from '@polygrad/example-cli';
import * as mxnet from './mxnet.js';
import { V, X0, XS, Z } from './problem.js';
import * as tf from './tf.js';
import * as torch from './torch.js';

const STYLES = [
  [
    'MXNet',
    'autograd.grad(create_graph=True) in record, backward with head gradients, autograd.Function',
    mxnet.run,
  ],
  ['PyTorch', 'torch.autograd.grad(create_graph=True), autograd.functional, autograd.Function', torch.run],
  ['TensorFlow', 'nested GradientTapes, tape.jacobian, tf.custom_gradient', tf.run],
];

await cli('src/main.js', { backend: { choices: BACKENDS } }, import.meta.url);

const list = (xs) => `[${xs.join(', ')}]`;
console.log(`polygrad: higher-order derivatives in three API styles, backend: ${core.getBackend()}`);
console.log(
  `Rosenbrock f(x) = sum(100 (x[1:] - x[:-1]²)² + (1 - x[:-1])²) at x = ${list(X0)}, v = ${list(V)};`,
);
console.log(`a quadratic ½ xᵀAx − bᵀx from the same x; softmax at z = ${list(Z)}; log1pexp at ${list(XS)}`);

const results = [];
for (const [style, idioms, run] of STYLES) {
  console.log(`\n## ${style} (${idioms})\n`);
  results.push(run({ log: console.log }));
}

// Every number, in order; NaN equals NaN here (the naive gradient at 100 is NaN in each style).
const numbers = (v) => (typeof v === 'number' ? [v] : Object.values(v).flatMap(numbers));
const all = results.map(numbers);
const same = all.every((ns) => ns.length === all[0].length && ns.every((x, i) => Object.is(x, all[0][i])));
const maxDiff = Math.max(...all[0].map((x, i) => Math.max(...all.map((ns) => Math.abs(ns[i] - x) || 0))));
console.log(
  same
    ? `\nThe three styles agree: all ${all[0].length} numbers are bitwise equal.`
    : `\nThe three styles differ by at most ${maxDiff.toExponential(2)}.`,
);
