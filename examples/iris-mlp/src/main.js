// Trains the Iris MLP in each API style and compares them.
//
// Run: node src/main.js [--api mxnet|torch|tf|all] [--backend cpu|wasm|webgpu] [--epochs N]
//      pnpm --filter @polygrad/example-iris-mlp start -- --backend wasm
import * as core from '@polygrad/core';
import { BACKENDS, cli } from '@polygrad/example-cli';
import { loadIris } from './data.js';
import { styles } from './index.js';
import { DEFAULTS } from './loop.js';

const APIS = Object.keys(styles);

const pct = (v) => `${(100 * v).toFixed(1).padStart(5)} %`;
const line = (name, { epoch, epochs, loss, trainAccuracy, testAccuracy }) =>
  `${name.padEnd(5)} epoch ${String(epoch).padStart(String(epochs).length)}/${epochs}  loss ${loss.toFixed(4)}  train ${pct(trainAccuracy)}  test ${pct(testAccuracy)}`;

/** A `\r` progress bar on a terminal; one line per 10 epochs when stdout is a file or pipe. */
function reporter(name) {
  const tty = process.stdout.isTTY;
  return (e) => {
    if (tty) {
      const done = Math.round((24 * e.epoch) / e.epochs);
      process.stdout.write(`\r[${'#'.repeat(done)}${'.'.repeat(24 - done)}] ${line(name, e)}`);
      if (e.epoch === e.epochs) process.stdout.write('\n');
    } else if (e.epoch % 10 === 0 || e.epoch === e.epochs) console.log(line(name, e));
  };
}

const args = await cli(
  'src/main.js',
  {
    api: { choices: [...APIS, 'all'], default: 'all' },
    backend: { choices: BACKENDS, default: 'cpu' },
    epochs: { integer: 1, default: DEFAULTS.epochs },
  },
  import.meta.url,
);

const data = loadIris();
console.log(
  `Iris MLP 4 → ${DEFAULTS.hidden} → 3, full-batch SGD (lr ${DEFAULTS.lr}), ${args.epochs} epochs, backend ${core.getBackend()}`,
);
console.log(`${data.yTrain.length} training / ${data.yTest.length} test rows (stratified, standardised)\n`);

const results = {};
for (const name of args.api === 'all' ? APIS : [args.api]) {
  const t0 = performance.now();
  results[name] = await styles[name].train({ epochs: args.epochs, onEpoch: reporter(name) });
  console.log(`${name.padEnd(5)} done in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
}

console.log('style  final loss  train acc  test acc');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(5)}  ${r.losses.at(-1).toFixed(6).padStart(10)}  ${pct(r.trainAccuracy).padStart(9)}  ${pct(r.testAccuracy).padStart(8)}`,
  );
}
const runs = Object.entries(results);
if (runs.length > 1) {
  const [first, ...rest] = runs;
  const diff = Math.max(...rest.flatMap(([, r]) => r.losses.map((v, i) => Math.abs(v - first[1].losses[i]))));
  const sameAcc = rest.every(([, r]) => r.testAccuracy === first[1].testAccuracy);
  console.log(
    diff === 0
      ? `\nThe styles agree: identical (bitwise) losses at every epoch${sameAcc ? ' and the same accuracies' : ''}.`
      : `\nThe styles ${diff <= 1e-5 ? 'agree' : 'DISAGREE'}: largest loss difference ${diff.toExponential(2)}.`,
  );
}
