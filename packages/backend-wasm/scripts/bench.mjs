// Kernel-level timings: matmul GFLOP/s for every layout and the per-call cost of small ops.
// Run after `pnpm build`: node scripts/bench.mjs (WASM_THREADS=1 or 2 picks the threads)

import { configureWasmBackend } from '@polygrad/backend-wasm';
import * as core from '@polygrad/core';

if (process.env.WASM_THREADS) configureWasmBackend({ threads: Number(process.env.WASM_THREADS) });

const be = await core.setBackend('wasm');
console.log(`flavor: ${be.flavor}, threads: ${be.threads}`);

function view(buffer, shape, strides, dtype = 'float32', offset = 0) {
  return { buffer, dtype, shape, strides, offset };
}

function fillRandom(buf, n) {
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.random() * 2 - 1;
  be.write(buf, data);
  return data;
}

function time(fn, minMs = 300) {
  for (let i = 0; i < 3; i++) fn();
  const samples = [];
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || samples.length < 5) {
    const s = performance.now();
    fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

for (const n of [128, 512, 1024]) {
  const a = be.alloc('float32', n * n);
  const b = be.alloc('float32', n * n);
  const c = be.alloc('float32', n * n);
  fillRandom(a, n * n);
  fillRandom(b, n * n);
  const row = [n];
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ]) {
    const av = view(a, [n, n], ta ? [1, n] : [n, 1]);
    const bv = view(b, [n, n], tb ? [1, n] : [n, 1]);
    const cv = view(c, [n, n], [n, 1]);
    const t = time(() => be.matmul(av, bv, cv));
    row.push(`${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'} ${((2 * n ** 3) / t / 1e6).toFixed(1)}`);
  }
  console.log(`matmul n=${row[0]}: ${row.slice(1).join('  ')} GFLOP/s`);
  be.free(a);
  be.free(b);
  be.free(c);
}

// per-call overhead of tiny kernels through the backend interface
{
  const x = be.alloc('float32', 4);
  const y = be.alloc('float32', 4);
  fillRandom(x, 4);
  const xv = view(x, [4], [1]);
  const sv = view(x, [4], [0]);
  const yv = view(y, [4], [1]);
  const N = 200000;
  const t1 = time(() => {
    for (let i = 0; i < N; i++) be.binary('mul', xv, sv, yv);
  });
  const t2 = time(() => {
    for (let i = 0; i < N; i++) be.unary('exp', xv, yv);
  });
  const t3 = time(() => {
    for (let i = 0; i < N; i++) {
      const p = be.alloc('float32', 4);
      be.free(p);
    }
  });
  console.log(
    `per call (length 4): binary ${((t1 / N) * 1e3).toFixed(3)} µs, unary ${((t2 / N) * 1e3).toFixed(3)} µs, alloc+free ${((t3 / N) * 1e3).toFixed(3)} µs`,
  );
}

// W4-style through core: 500 × (x·1.0001 + 0.0001) on a length-4 vector, sum, backward
{
  const x = core.keep(core.setRequiresGrad(core.tensor([1, 2, 3, 4])));
  const run = () =>
    core.tidy(() => {
      let y = x;
      for (let i = 0; i < 500; i++) y = core.add(core.mul(y, 1.0001), 0.0001);
      const l = core.sum(y);
      core.backward(l);
      x.grad.dispose();
      x.grad = null;
    });
  const t = time(run, 1000);
  console.log(`core W4: ${((t / 1000) * 1e3).toFixed(2)} µs per op (forward + backward)`);
}

// W5-style: sum(exp(x)·x + x·x) over 2^20 elements, forward + backward
{
  const x = core.keep(core.setRequiresGrad(core.uniform([1 << 20])));
  const run = () =>
    core.tidy(() => {
      const l = core.sum(core.add(core.mul(core.exp(x), x), core.mul(x, x)));
      core.backward(l);
      l.item();
      x.grad.dispose();
      x.grad = null;
    });
  console.log(`core W5: ${time(run, 1000).toFixed(2)} ms`);
}
