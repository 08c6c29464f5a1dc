// Seed 003 as the notebook lays it out: for each section, the MXNet, PyTorch and TensorFlow
// cells one after another, each cell's Python source (from the notebook) followed by what its
// JavaScript port in src/seed003-{mxnet,torch,tf}.js prints.
//
// Run: node src/side-by-side.js [--backend cpu|wasm|webgpu]
//      pnpm demo -- --backend wasm        (from the repository root)
import * as core from '@polygrad/core';
import { restartCells, showCells } from './notebook.js';
import * as mxnet from './seed003-mxnet.js';
import * as tf from './seed003-tf.js';
import * as torch from './seed003-torch.js';

const BACKENDS = ['cpu', 'wasm', 'webgpu'];
const USAGE = `usage: node src/side-by-side.js [--backend ${BACKENDS.join('|')}]`;

const SECTIONS = ['A Simple Example', 'Backward for Non-Scalar Variables', 'Detaching Computation'];
const STYLES = [
  ['MXNet', mxnet.sections],
  ['PyTorch', torch.sections],
  ['TensorFlow', tf.sections],
];

/** `--backend name` or `--backend=name`; a bare `--` (pnpm passes one through) is skipped. */
function parseArgs(argv) {
  let backend = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--backend') backend = argv[++i] ?? '';
    else if (arg.startsWith('--backend=')) backend = arg.slice('--backend='.length);
    else throw new Error(`unknown argument '${arg}'`);
    if (!BACKENDS.includes(backend)) {
      throw new Error(`--backend must be one of ${BACKENDS.join(', ')} (got '${backend}')`);
    }
  }
  return { backend };
}

/**
 * Makes `name` the current backend. Its package is imported from here first (this example
 * depends on the backends it ships with), then core.setBackend initialises it, or fails with an
 * error naming the package to install.
 */
async function useBackend(name) {
  const pkg = `@polygrad/backend-${name}`;
  try {
    await import(pkg);
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(pkg)) throw e;
  }
  await core.setBackend(name);
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
    await useBackend(args.backend);
  } catch (e) {
    console.error(`error: cannot use the '${args.backend}' backend: ${e.message}`);
    process.exit(1);
  }
}

console.log(
  `polygrad: D2L "Automatic Differentiation" (seed 003) in three dialects, backend: ${core.getBackend()}`,
);
console.log(`Each cell is the notebook's Python; under it, what its JavaScript port prints.`);

showCells();
SECTIONS.forEach((title, i) => {
  restartCells();
  console.log(`\n### ${title}`);
  for (const [style, sections] of STYLES) {
    restartCells();
    console.log(`\n#### ${style}\n`);
    sections[i]();
  }
});
