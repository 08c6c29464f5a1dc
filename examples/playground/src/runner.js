/**
 * Runs a snippet (the body of an async function) with the three facades' names in scope and
 * Python's `print` and Jupyter's `display` writing into the page instead of stdout.
 */
import * as core from '@polygrad/core';
import { pretty } from '@polygrad/example-d2l-autograd/src/display.js';
import { autograd, mx, nd, np, npx } from '@polygrad/mxnet';
import { tf } from '@polygrad/tf';
import { torch } from '@polygrad/torch';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

/** The names a snippet sees besides print, display and cell. */
const SCOPE = { autograd, mx, nd, np, npx, torch, tf, core };

/**
 * Runs `code`; `write(text)` receives each printed line with its newline. Resolves when the
 * snippet has finished; a snippet's error rejects (the caller shows it).
 */
export async function runSnippet(code, write) {
  // Output keeps the order of the calls even when a value has to be read asynchronously first.
  let chain = Promise.resolve();
  const emit = (values, format) => {
    let text;
    try {
      text = format();
    } catch (e) {
      if (!(e instanceof core.SyncReadError)) throw e;
      const reads = readTensors(values);
      chain = chain.then(() => reads).then(() => write(format()));
      return chain;
    }
    chain = chain.then(() => write(text));
    return chain;
  };
  const print = (...values) => emit(values, () => `${values.map(core.pyStr).join(' ')}\n`);
  const display = (value) =>
    value === null || value === undefined ? chain : emit([value], () => `${pretty(value)}\n`);
  const cell = () => {};
  const names = { ...SCOPE, print, display, cell };
  const fn = new AsyncFunction(...Object.keys(names), code);
  // Print options are global; a snippet that sets them (seed 002 prints as NumPy 1.13) must
  // not change how the next run prints.
  const options = np.getPrintoptions();
  try {
    await fn(...Object.values(names));
  } finally {
    await chain.catch(() => {});
    np.setPrintoptions(options);
  }
  await chain;
}

/**
 * Reads every tensor among `values` once, asynchronously, so that formatting them (which reads
 * synchronously) works on backends that only read asynchronously (WebGPU in a browser).
 */
async function readTensors(values) {
  const pending = [];
  const visit = (v) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v instanceof core.Tensor) pending.push(v.data());
    else if (v && typeof v === 'object' && v[core.CORE_TENSOR]) pending.push(v[core.CORE_TENSOR].data());
  };
  values.forEach(visit);
  await Promise.all(pending);
}
