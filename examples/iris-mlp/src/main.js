// Trains the Iris MLP in each API style and compares them.
//
// Run: node src/main.js [--api mxnet|torch|tf|all] [--backend cpu|wasm|webgpu] [--epochs N]
//      pnpm --filter @polygrad/example-iris-mlp start -- --backend wasm
import * as core from '@polygrad/core';
import { loadIris } from './data.js';
import { styles } from './index.js';
import { DEFAULTS } from './loop.js';

const APIS = Object.keys(styles);
const BACKENDS = ['cpu', 'wasm', 'webgpu'];
const USAGE = `usage: node src/main.js [--api ${[...APIS, 'all'].join('|')}] [--backend ${BACKENDS.join('|')}] [--epochs N]`;

/** `--name value` or `--name=value`; a bare `--` (pnpm passes one through) is skipped. */
function parseArgs(argv) {
  const args = { api: 'all', backend: 'cpu', epochs: DEFAULTS.epochs };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') continue;
    if (argv[i] === '--help' || argv[i] === '-h') return { help: true };
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = inline ?? argv[++i] ?? '';
    if (flag === '--api' && [...APIS, 'all'].includes(value)) args.api = value;
    else if (flag === '--backend' && BACKENDS.includes(value)) args.backend = value;
    else if (flag === '--epochs' && /^[1-9]\d*$/.test(value)) args.epochs = Number(value);
    else throw new Error(`bad argument '${flag}${value ? ` ${value}` : ''}'`);
  }
  return args;
}

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
try {
  await core.setBackend(args.backend); // loads @polygrad/backend-<name> by itself
} catch (e) {
  console.error(`error: cannot use the '${args.backend}' backend: ${e.message}`);
  process.exit(1);
}

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
