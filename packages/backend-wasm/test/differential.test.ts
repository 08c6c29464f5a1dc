import type { DType } from '@polygrad/core';
import * as core from '@polygrad/core';
import { beforeAll, describe, it } from 'vitest';
import {
  cpu,
  DTYPES,
  describeView,
  expectSame,
  free,
  makeOut,
  makePair,
  pick,
  randomShape,
  rng,
  type Tolerance,
  wasm,
} from './differential.util.js';

beforeAll(() => wasm.ready());

const UNARY = core.UNARY_OPS;
const BINARY = core.BINARY_OPS;
/** Computed by library math (musl in WASM, fdlibm in V8): may differ in the last bit. */
const LIBM = new Set<string>([
  'exp',
  'erf',
  'log',
  'log1p',
  'expm1',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sigmoid',
  'pow',
  'atan2',
]);

function tolFor(op: string, out: DType): Tolerance {
  if (!LIBM.has(op) || out === 'bool') return 'exact';
  if (out === 'float32') return { rtol: 2.5e-7, atol: 2 ** -148 };
  if (out === 'float64') return { rtol: 1e-15, atol: 1e-300 };
  return 'exact';
}

describe('unary kernels agree with the CPU backend', () => {
  for (const op of UNARY) {
    it(op, () => {
      const r = rng(op.length * 7919 + op.charCodeAt(0));
      for (let t = 0; t < 40; t++) {
        const xdt = pick(r, DTYPES);
        // library math lands in integer outputs only through ToInt32 of doubles that may differ by an ulp
        const odt = LIBM.has(op) ? pick(r, ['float32', 'float64', 'bool'] as const) : pick(r, DTYPES);
        const shape = randomShape(r);
        const x = makePair(r, xdt, shape, { broadcast: true, exotic: true });
        const out = makeOut(odt, shape);
        cpu.unary(op, x.cpu, out.cpu);
        wasm.unary(op, x.wasm, out.wasm);
        expectSame(`${op}(${describeView(x)}) -> ${odt}`, out, tolFor(op, odt));
        free(x, out);
      }
    });
  }
});

describe('binary kernels agree with the CPU backend', () => {
  for (const op of BINARY) {
    it(op, () => {
      const r = rng(op.length * 104729 + op.charCodeAt(1));
      for (let t = 0; t < 60; t++) {
        const adt = pick(r, DTYPES);
        const bdt = r() < 0.7 ? adt : pick(r, DTYPES);
        const odt = LIBM.has(op)
          ? pick(r, ['float32', 'float64'] as const)
          : r() < 0.6
            ? adt
            : pick(r, DTYPES);
        const shape = randomShape(r);
        const a = makePair(r, adt, shape, { broadcast: true, exotic: r() < 0.5 });
        const b = makePair(r, bdt, shape, { broadcast: true, exotic: r() < 0.5 });
        const out = makeOut(odt, shape);
        cpu.binary(op, a.cpu, b.cpu, out.cpu);
        wasm.binary(op, a.wasm, b.wasm, out.wasm);
        expectSame(`${op}(${describeView(a)}, ${describeView(b)}) -> ${odt}`, out, tolFor(op, odt));
        free(a, b, out);
      }
    });
  }

  it('where', () => {
    const r = rng(77);
    for (let t = 0; t < 80; t++) {
      const shape = randomShape(r);
      const c = makePair(r, pick(r, DTYPES), shape, { broadcast: true, exotic: r() < 0.5 });
      const adt = pick(r, DTYPES);
      const a = makePair(r, adt, shape, { broadcast: true, exotic: r() < 0.5 });
      const b = makePair(r, r() < 0.7 ? adt : pick(r, DTYPES), shape, { broadcast: true });
      const out = makeOut(r() < 0.7 ? adt : pick(r, DTYPES), shape);
      cpu.where(c.cpu, a.cpu, b.cpu, out.cpu);
      wasm.where(c.wasm, a.wasm, b.wasm, out.wasm);
      expectSame(`where(${describeView(c)}, ${describeView(a)}, ${describeView(b)})`, out, 'exact');
      free(c, a, b, out);
    }
  });
});

describe('reductions agree with the CPU backend', () => {
  const OPS = core.REDUCE_OPS;
  for (const op of OPS) {
    it(op, () => {
      const r = rng(op.length * 31337 + op.charCodeAt(2));
      for (let t = 0; t < 60; t++) {
        const shape = randomShape(r).map((n) => (op === 'sum' || op === 'prod' ? n : Math.max(1, n)));
        const xdt = pick(r, DTYPES);
        const axes = shape.map((_, i) => i).filter(() => r() < 0.5);
        if (op.startsWith('arg') && axes.length > 1) axes.length = 1;
        const odt: DType = op.startsWith('arg')
          ? 'int32'
          : op === 'sum' || op === 'prod'
            ? xdt === 'bool'
              ? 'int32'
              : xdt
            : xdt;
        const x = makePair(r, xdt, shape, { broadcast: true, exotic: true });
        const outShape = shape.filter((_, i) => !axes.includes(i));
        const out = makeOut(odt, outShape);
        cpu.reduce(op, x.cpu, axes, out.cpu);
        wasm.reduce(op, x.wasm, axes, out.wasm);
        // float32 sums run four lanes of double accumulators: not the CPU's order
        const tol: Tolerance = op === 'sum' && xdt === 'float32' ? { rtol: 1.2e-7, atol: 1e-30 } : 'exact';
        expectSame(`${op}(${describeView(x)}, [${axes}])`, out, tol);
        free(x, out);
      }
    });
  }
});

describe('matmul agrees with the CPU backend', () => {
  for (const dtype of DTYPES) {
    it(`${dtype}, every layout, batched and broadcast`, () => {
      const r = rng(dtype.length * 7 + 3);
      for (let t = 0; t < 40; t++) {
        const big = r() < 0.2;
        const m = 1 + Math.floor(r() * (big ? 140 : 20));
        const k = 1 + Math.floor(r() * (big ? 300 : 20));
        const n = 1 + Math.floor(r() * (big ? 140 : 20));
        const batch = r() < 0.3 ? [1 + Math.floor(r() * 3)] : [];
        const a = makePair(r, dtype, [...batch, m, k], {
          broadcast: true,
          exotic: r() < 0.5,
          values: dtype.startsWith('float') ? undefined : [0, 1, -2, 3, 1, 0, -1],
        });
        const b = makePair(r, dtype, [...batch, k, n], { broadcast: true, exotic: r() < 0.5 });
        for (const p of [a, b]) {
          // no NaN or Infinity: the sum order decides which of them wins
          if (dtype.startsWith('float')) {
            const clean = Float64Array.from({ length: p.length }, () => r() * 4 - 2);
            cpu.write(p.cpu.buffer, dtype === 'float32' ? Float32Array.from(clean) : clean);
            wasm.write(p.wasm.buffer, dtype === 'float32' ? Float32Array.from(clean) : clean);
          }
        }
        const out = makeOut(dtype, [...batch, m, n]);
        cpu.matmul(a.cpu, b.cpu, out.cpu);
        wasm.matmul(a.wasm, b.wasm, out.wasm);
        const tol: Tolerance =
          dtype === 'float32'
            ? { rtol: 1e-4, atol: 1e-5 * k }
            : dtype === 'float64'
              ? { rtol: 1e-12, atol: 1e-13 * k }
              : 'exact';
        expectSame(`matmul(${describeView(a)}, ${describeView(b)})`, out, tol);
        free(a, b, out);
      }
    });
  }
});

describe('copy, fill, gather and scatterAdd agree with the CPU backend', () => {
  it('copy between every pair of dtypes, into strided windows', () => {
    const r = rng(5);
    for (let t = 0; t < 200; t++) {
      const shape = randomShape(r);
      const x = makePair(r, pick(r, DTYPES), shape, { broadcast: true, exotic: true });
      const out = makePair(r, pick(r, DTYPES), shape, { exotic: true });
      cpu.copy(x.cpu, out.cpu);
      wasm.copy(x.wasm, out.wasm);
      expectSame(`copy(${describeView(x)}) -> ${describeView(out)}`, out, 'exact');
      free(x, out);
    }
  });

  it('copy of transposed matrices (the tiled path)', () => {
    const r = rng(6);
    for (const [rows, cols] of [
      [40, 33],
      [17, 64],
      [128, 96],
    ]) {
      for (const dtype of DTYPES) {
        const x = makePair(r, dtype, [cols, rows]);
        const xt = { ...x, shape: [rows, cols], strides: [1, rows] };
        xt.cpu = { ...x.cpu, shape: [rows, cols], strides: [1, rows] };
        xt.wasm = { ...x.wasm, shape: [rows, cols], strides: [1, rows] };
        const out = makeOut(dtype, [rows, cols]);
        cpu.copy(xt.cpu, out.cpu);
        wasm.copy(xt.wasm, out.wasm);
        expectSame(`transpose ${dtype} ${rows}x${cols}`, out, 'exact');
        free(x, out);
      }
    }
  });

  it('fill', () => {
    const r = rng(9);
    for (let t = 0; t < 60; t++) {
      const out = makePair(r, pick(r, DTYPES), randomShape(r), { exotic: true });
      const v = pick(r, [0, -0, 1, -2.5, 3.7, Number.NaN, Infinity, 2 ** 31 + 5, -(2 ** 40) - 3]);
      cpu.fill(out.cpu, v);
      wasm.fill(out.wasm, v);
      expectSame(`fill(${describeView(out)}, ${v})`, out, 'exact');
      free(out);
    }
  });

  it('gather and scatterAdd along every axis, every dtype', () => {
    const r = rng(11);
    for (let t = 0; t < 80; t++) {
      const rank = 1 + Math.floor(r() * 3);
      const xshape = Array.from({ length: rank }, () => 1 + Math.floor(r() * 5));
      const axis = Math.floor(r() * rank);
      const ishape = xshape.map((n, d) => (d === axis ? 1 + Math.floor(r() * 6) : 1 + Math.floor(r() * n)));
      const dtype = pick(r, DTYPES);
      const x = makePair(r, dtype, xshape, { exotic: true });
      const idxValues = Array.from({ length: 64 }, () => Math.floor(r() * xshape[axis]));
      const index = makePair(r, 'int32', ishape, { broadcast: true, exotic: true, values: idxValues });
      const out = makeOut(dtype, ishape);
      cpu.gather(x.cpu, index.cpu, axis, out.cpu);
      wasm.gather(x.wasm, index.wasm, axis, out.wasm);
      expectSame(`gather(${describeView(x)}, ${describeView(index)}, ${axis})`, out, 'exact');
      const src = makePair(r, dtype, ishape, { broadcast: true, exotic: true });
      cpu.scatterAdd(x.cpu, index.cpu, axis, src.cpu);
      wasm.scatterAdd(x.wasm, index.wasm, axis, src.wasm);
      expectSame(`scatterAdd(${describeView(x)}, ${describeView(index)}, ${axis})`, x, 'exact');
      free(x, index, out, src);
    }
  });
});

describe('large transposed float32 operands (copied contiguous before the SIMD loop)', () => {
  it('unary and binary on a transposed 300×200 view', () => {
    const r = rng(21);
    const x = makePair(r, 'float32', [200, 300]);
    const t = (v: typeof x.cpu) => ({ ...v, shape: [300, 200], strides: [1, 300] });
    const s = makePair(r, 'float32', [300, 200], { broadcast: true });
    for (const op of ['exp', 'neg', 'relu'] as const) {
      const out = makeOut('float32', [300, 200]);
      cpu.unary(op, t(x.cpu), out.cpu);
      wasm.unary(op, t(x.wasm), out.wasm);
      expectSame(`${op} of a transposed view`, out, tolFor(op, 'float32'));
      free(out);
    }
    for (const op of ['mul', 'sub', 'maximum'] as const) {
      const out = makeOut('float32', [300, 200]);
      cpu.binary(op, t(x.cpu), s.cpu, out.cpu);
      wasm.binary(op, t(x.wasm), s.wasm, out.wasm);
      expectSame(`${op} of a transposed view`, out, 'exact');
      cpu.binary(op, s.cpu, t(x.cpu), out.cpu);
      wasm.binary(op, s.wasm, t(x.wasm), out.wasm);
      expectSame(`${op} with a transposed right operand`, out, 'exact');
      free(out);
    }
    free(x, s);
  });
});
