// The engine on its own, before any facade: y = 2·xᵀx at x = [0, 1, 2, 3]; dy/dx = 4x.
import '@polygrad/backend-cpu';
import * as core from '@polygrad/core';

const show = (t) => core.numpyStr({ data: t.dataSync(), shape: t.shape, dtype: t.dtype });

const x = core.setRequiresGrad(core.arange(4));
const y = core.mul(2, core.dot(x, x));
core.backward(y);

console.log(`polygrad engine demo (backend: ${core.getBackend()})`);
console.log(`x          = ${show(x)}`);
console.log(`y = 2·xᵀx  = ${show(y)}   (recorded as ${y.node?.name})`);
console.log(`dy/dx      = ${show(x.grad)}`);
console.log(`4x         = ${show(core.mul(4, x))}`);

if (process.argv.includes('--check')) {
  const got = Array.from(x.grad.dataSync());
  if (got.join() !== '0,4,8,12') throw new Error(`expected [0, 4, 8, 12], got [${got}]`);
  console.log('check: ok');
}
