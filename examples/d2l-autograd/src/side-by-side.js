// Seed 003 as the notebook lays it out: for each section, the MXNet, PyTorch and TensorFlow
// cells one after another, each cell's Python source (from the notebook) followed by what its
// JavaScript port in src/seed003-{mxnet,torch,tf}.js prints.
//
// Run: node src/side-by-side.js [--backend cpu|wasm|webgpu]
//      pnpm demo -- --backend wasm        (from the repository root)
import * as core from '@polygrad/core';
import { BACKENDS, cli } from '@polygrad/example-cli';
import { restartCells, showCells } from './notebook.js';
import * as mxnet from './seed003-mxnet.js';
import * as tf from './seed003-tf.js';
import * as torch from './seed003-torch.js';

const SECTIONS = ['A Simple Example', 'Backward for Non-Scalar Variables', 'Detaching Computation'];
const STYLES = [
  ['MXNet', mxnet.sections],
  ['PyTorch', torch.sections],
  ['TensorFlow', tf.sections],
];

await cli('src/side-by-side.js', { backend: { choices: BACKENDS } }, import.meta.url);

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
