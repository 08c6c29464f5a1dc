// W3-style MLP training step (64×784 → 256 relu → 10, cross-entropy, SGD) and W2 (grads of
// sum(A @ B), n = 512) through core, with a per-kernel time breakdown: node scripts/bench-mlp.mjs

import { configureWasmBackend } from '@polygrad/backend-wasm';
import * as core from '@polygrad/core';

if (process.env.WASM_THREADS) configureWasmBackend({ threads: Number(process.env.WASM_THREADS) });

const name = process.argv[2] ?? 'wasm';
const be = await core.setBackend(name);
const stats = new Map();
if (process.env.PROFILE) {
  for (const m of ['unary', 'binary', 'where', 'reduce', 'matmul', 'copy', 'fill', 'gather', 'scatterAdd']) {
    const orig = be[m].bind(be);
    be[m] = (...args) => {
      const t = performance.now();
      orig(...args);
      const key = `${m} ${typeof args[0] === 'string' ? `${args[0]} ` : ''}${args
        .filter((a) => a?.shape)
        .map((v) => `${v.dtype}[${v.shape}]/${v.strides}`)
        .join(' ')}`;
      const e = stats.get(key) ?? [0, 0];
      e[0]++;
      e[1] += performance.now() - t;
      stats.set(key, e);
    };
  }
}
const r = (shape, s) => core.keep(core.setRequiresGrad(core.mul(core.sub(core.uniform(shape), 0.5), s)));
core.seed(1);
const params = [r([256, 784], 0.05), r([256], 0.05), r([10, 256], 0.05), r([10], 0.05)];
const x = core.keep(core.uniform([64, 784]));
const y = core.keep(
  core.tensor(
    Array.from({ length: 64 }, (_, i) => i % 10),
    { dtype: 'int32' },
  ),
);
const step = () =>
  core.tidy(() => {
    const [w1, b1, w2, b2] = params;
    const loss = core.crossEntropy(core.linear(core.relu(core.linear(x, w1, b1)), w2, b2), y);
    core.backward(loss);
    core.noGrad(() => {
      for (const p of params) {
        core.inplace(p, core.sub, core.mul(p.grad, 0.05));
        p.grad.dispose();
        p.grad = null;
      }
    });
    return loss.item();
  });
const first = step();
for (let i = 0; i < 20; i++) step();
stats.clear();
const t0 = performance.now();
let last = 0;
for (let i = 0; i < 150; i++) last = step();
const ms = (performance.now() - t0) / 150;
console.log(`W3 ${name}: ${ms.toFixed(3)} ms/step, loss ${first.toFixed(4)} -> ${last.toFixed(4)}`);
for (const [k, [n, t]] of [...stats].sort((a, b) => b[1][1] - a[1][1]).slice(0, 14))
  console.log(`  ${(t / 150).toFixed(4)} ms  ×${n / 150}  ${k}`);

stats.clear();
const A = core.keep(core.setRequiresGrad(core.uniform([512, 512])));
const B = core.keep(core.setRequiresGrad(core.uniform([512, 512])));
const w2 = () =>
  core.tidy(() => {
    const l = core.sum(core.matmul(A, B));
    core.backward(l);
    A.grad.dataSync();
    B.grad.dataSync();
    A.grad.dispose();
    B.grad.dispose();
    A.grad = null;
    B.grad = null;
  });
for (let i = 0; i < 3; i++) w2();
stats.clear();
const t1 = performance.now();
for (let i = 0; i < 20; i++) w2();
console.log(`W2 ${name}: ${((performance.now() - t1) / 20).toFixed(2)} ms`);
for (const [k, [n, t]] of [...stats].sort((a, b) => b[1][1] - a[1][1]).slice(0, 6))
  console.log(`  ${(t / 20).toFixed(4)} ms  ×${n / 20}  ${k}`);
