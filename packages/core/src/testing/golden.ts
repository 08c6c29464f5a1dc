/**
 * Golden-value tests: replays cases recorded from real PyTorch (packages/core/fixtures/torch_*.json,
 * written by fixtures/make_torch_fixtures.py, which documents the format) through core on a
 * backend, comparing forward values, first-order gradients (`grad` with the recorded cotangents)
 * and, where recorded, second-order gradients (`createGraph`). Each case is its own test, named
 * by its id ("<op>/<variant>/<dtype>").
 */

import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  abs,
  add,
  all,
  any,
  argmax,
  argmin,
  argwhere,
  arrayFor,
  atan2,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  broadcastTo,
  cast,
  ceil,
  chunk,
  clamp,
  clone,
  concat,
  cos,
  crossEntropy,
  cumsum,
  type DType,
  div,
  dot,
  elu,
  eq,
  erf,
  exp,
  expand,
  expm1,
  flatten,
  flip,
  floor,
  gather,
  ge,
  gelu,
  grad,
  gt,
  indexSelect,
  isclose,
  isnan,
  le,
  leakyRelu,
  linear,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  logSoftmax,
  logsumexp,
  lt,
  matmul,
  matrixNorm,
  matrixTranspose,
  max,
  maximum,
  maxWithIndices,
  mean,
  min,
  minimum,
  minWithIndices,
  mseLoss,
  mul,
  narrow,
  ne,
  neg,
  nllLoss,
  norm,
  oneHot,
  outer,
  type PyIndexItem,
  pad,
  permute,
  pick,
  pow,
  prod,
  pyIndex,
  reciprocal,
  relu,
  repeatInterleave,
  reshape,
  round,
  rsqrt,
  scatterAdd,
  select,
  setBackend,
  sigmoid,
  sign,
  sin,
  slice,
  softmax,
  softmaxCrossEntropy,
  softplus,
  sort,
  sparseSoftmaxCrossEntropy,
  split,
  sqrt,
  square,
  squeeze,
  stack,
  std,
  sub,
  sum,
  Tensor,
  take,
  takeAlongAxis,
  tan,
  tanh,
  tensordot,
  tidy,
  tile,
  topk,
  transpose,
  trunc,
  unsqueeze,
  variance,
  where,
} from '../index.js';
import { type SuiteOptions, supports } from './options.js';

/** A fixture number: NaN and the infinities are spelled "nan", "inf", "-inf". */
export type FixtureNumber = number | string;

export interface FixtureTensor {
  shape: number[];
  dtype: DType;
  values: FixtureNumber[];
  requiresGrad?: boolean;
}

export interface FixtureCase {
  id: string;
  op: string;
  dtype: 'float32' | 'float64';
  inputs: FixtureTensor[];
  args: Args;
  outputs: FixtureTensor[];
  cotangents: (FixtureNumber[] | null)[];
  grads: (FixtureNumber[] | null)[];
  order2?: { cotangents: (FixtureNumber[] | null)[]; grads: (FixtureNumber[] | null)[] };
}

export interface FixtureFile {
  name: string;
  torch: string;
  cases: FixtureCase[];
}

export type Args = Record<string, any>;
type Replay = (x: Tensor[], a: Args) => Tensor | Tensor[];

const un =
  (f: (x: Tensor) => Tensor): Replay =>
  (x) =>
    f(x[0]);
/** Tensor-tensor, or tensor-scalar when the case has `args.other`. */
const bin =
  (f: (a: Tensor, b: Tensor | number) => Tensor): Replay =>
  (x, a) =>
    f(x[0], a.other ?? x[1]);
const ord = (o: number | string): number => (o === 'inf' ? Number.POSITIVE_INFINITY : (o as number));

/** Fixture op name -> the core call. Inputs arrive decoded, in fixture order. */
export const REPLAY: Record<string, Replay> = {
  // unary
  neg: un(neg),
  abs: un(abs),
  sign: un(sign),
  exp: un(exp),
  log: un(log),
  log1p: un(log1p),
  expm1: un(expm1),
  sqrt: un(sqrt),
  rsqrt: un(rsqrt),
  square: un(square),
  reciprocal: un(reciprocal),
  sin: un(sin),
  cos: un(cos),
  tan: un(tan),
  tanh: un(tanh),
  sigmoid: un(sigmoid),
  erf: un(erf),
  clone: un(clone),
  relu: un(relu),
  leaky_relu: (x, a) => leakyRelu(x[0], a.negative_slope),
  elu: (x, a) => elu(x[0], a.alpha),
  gelu: un(gelu),
  softplus: un(softplus),
  floor: un(floor),
  ceil: un(ceil),
  round: un(round),
  trunc: un(trunc),
  cast: (x, a) => cast(x[0], a.dtype),
  // binary
  add: bin(add),
  sub: bin(sub),
  mul: bin(mul),
  div: bin(div),
  pow: bin(pow),
  pow_scalar: (x, a) => pow(x[0], a.exponent),
  maximum: bin(maximum),
  minimum: bin(minimum),
  atan2: bin(atan2),
  eq: bin(eq),
  ne: bin(ne),
  lt: bin(lt),
  le: bin(le),
  gt: bin(gt),
  ge: bin(ge),
  logical_and: (x) => logicalAnd(x[0], x[1]),
  logical_or: (x) => logicalOr(x[0], x[1]),
  logical_not: un(logicalNot),
  isnan: un(isnan),
  where: (x) => where(x[0], x[1], x[2]),
  clamp: (x, a) => {
    let k = 1;
    const bound = (v: unknown) => (v === 'input' ? x[k++] : (v as number | null));
    const lo = bound(a.min);
    return clamp(x[0], lo, bound(a.max));
  },
  isclose: (x, a) => isclose(x[0], x[1], { rtol: a.rtol, atol: a.atol, equalNan: a.equal_nan }),
  outer: (x) => outer(x[0], x[1]),
  // reductions
  sum: (x, a) => sum(x[0], a.axes, a.keepdim),
  mean: (x, a) => mean(x[0], a.axes, a.keepdim),
  prod: (x, a) => prod(x[0], a.axes, a.keepdim),
  max: (x, a) => max(x[0], a.axes, a.keepdim),
  min: (x, a) => min(x[0], a.axes, a.keepdim),
  argmax: (x, a) => argmax(x[0], a.axis, a.keepdim),
  argmin: (x, a) => argmin(x[0], a.axis, a.keepdim),
  logsumexp: (x, a) => logsumexp(x[0], a.axes, a.keepdim),
  var: (x, a) => variance(x[0], a.axes, a.correction, a.keepdim),
  std: (x, a) => std(x[0], a.axes, a.correction, a.keepdim),
  norm: (x, a) => norm(x[0], ord(a.ord), a.axes, a.keepdim),
  matrix_norm: (x, a) =>
    matrixNorm(
      x[0],
      a.ord === 'fro' ? 'fro' : a.ord === '-inf' ? Number.NEGATIVE_INFINITY : ord(a.ord),
      a.axes,
      a.keepdim,
    ),
  cumsum: (x, a) => cumsum(x[0], a.axis),
  max_dim: (x, a) => maxWithIndices(x[0], a.axis, a.keepdim),
  min_dim: (x, a) => minWithIndices(x[0], a.axis, a.keepdim),
  sort: (x, a) => sort(x[0], a.axis, { descending: a.descending }),
  topk: (x, a) => topk(x[0], a.k, a.axis, { largest: a.largest }),
  all: (x, a) => all(x[0], a.axes, a.keepdim),
  any: (x, a) => any(x[0], a.axes, a.keepdim),
  tensordot: (x, a) => tensordot(x[0], x[1], a.dims),
  matmul: (x) => matmul(x[0], x[1]),
  dot: (x) => dot(x[0], x[1]),
  // movement and indexing
  reshape: (x, a) => reshape(x[0], a.shape),
  transpose: (x, a) => transpose(x[0], a.dim0, a.dim1),
  permute: (x, a) => permute(x[0], a.dims),
  expand: (x, a) => expand(x[0], a.shape),
  broadcast_to: (x, a) => broadcastTo(x[0], a.shape),
  slice: (x, a) => slice(x[0], a.axis, a.start, a.end, a.step),
  narrow: (x, a) => narrow(x[0], a.axis, a.start, a.length),
  concat: (x, a) => concat(x, a.axis),
  stack: (x, a) => stack(x, a.axis),
  split: (x, a) => split(x[0], a.split, a.axis),
  chunk: (x, a) => chunk(x[0], a.chunks, a.axis),
  gather: (x, a) => gather(x[0], a.axis, x[1]),
  index_select: (x, a) => indexSelect(x[0], a.axis, x[1]),
  take_along_dim: (x, a) => takeAlongAxis(x[0], x[1], a.axis),
  scatter_add: (x, a) => scatterAdd(x[0], a.axis, x[1], x[2]),
  pad: (x, a) => pad(x[0], a.pads, a.value),
  flip: (x, a) => flip(x[0], a.dims),
  repeat: (x, a) => tile(x[0], a.reps),
  tile: (x, a) => tile(x[0], a.reps),
  repeat_interleave: (x, a) => repeatInterleave(x[0], a.repeats, a.axis),
  squeeze: (x, a) => squeeze(x[0], a.dims),
  unsqueeze: (x, a) => unsqueeze(x[0], a.dim),
  flatten: (x, a) => flatten(x[0], a.start, a.end),
  select: (x, a) => select(x[0], a.axis, a.index),
  t: un(matrixTranspose),
  argwhere: un(argwhere),
  index: (x, a) =>
    pyIndex(
      x[0],
      a.items.map((i: unknown) => indexItem(x, i)),
    ),
  take: (x, a) => take(x[0], x[1], { axis: a.axis, mode: a.mode }),
  pick: (x, a) => pick(x[0], x[1], a.axis, { keepdims: a.keepdims, mode: a.mode }),
  one_hot: (x, a) =>
    oneHot(x[0], a.depth, { axis: a.axis, onValue: a.on_value, offValue: a.off_value, dtype: a.dtype }),
  // composites
  softmax: (x, a) => softmax(x[0], a.axis),
  log_softmax: (x, a) => logSoftmax(x[0], a.axis),
  cross_entropy: (x, a) =>
    crossEntropy(x[0], x[1], { reduction: a.reduction, weight: x[2], labelSmoothing: a.label_smoothing }),
  nll_loss: (x, a) => nllLoss(x[0], x[1], { reduction: a.reduction, weight: x[2] }),
  mse_loss: (x, a) => mseLoss(x[0], x[1], { reduction: a.reduction }),
  binary_cross_entropy: (x, a) => binaryCrossEntropy(x[0], x[1], { reduction: a.reduction, weight: x[2] }),
  binary_cross_entropy_with_logits: (x, a) =>
    binaryCrossEntropyWithLogits(x[0], x[1], { reduction: a.reduction, weight: x[2] }),
  linear: (x) => linear(x[0], x[1], x[2]),
  softmax_cross_entropy: (x, a) => softmaxCrossEntropy(x[0], x[1], a.axis),
  sparse_softmax_cross_entropy: (x) => sparseSoftmaxCrossEntropy(x[0], x[1]),
};

/**
 * A subscript item of an `index` case: an int, a slice or '...' as text, null (None), or
 * `{ input: k }`, the case's k-th input (an index array or mask).
 */
export function indexItem(inputs: readonly Tensor[], item: unknown): PyIndexItem {
  if (item !== null && typeof item === 'object' && 'input' in item)
    return inputs[(item as { input: number }).input];
  return item as PyIndexItem;
}

// ---- tolerances ---------------------------------------------------------------------------

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Ops whose results are exact (copies, selections, sign flips, rounding): tight tolerances. */
const EXACT = new Set(
  (
    'neg abs sign relu leaky_relu floor ceil round trunc cast add sub mul maximum minimum eq ne lt ' +
    'le gt ge where max min argmax argmin reshape transpose permute expand slice narrow concat stack ' +
    'split chunk gather index_select take_along_dim scatter_add pad flip repeat tile ' +
    'repeat_interleave squeeze unsqueeze flatten select square clone logical_and logical_or ' +
    'logical_not isnan broadcast_to index take pick one_hot clamp isclose outer max_dim min_dim sort topk ' +
    'all any t argwhere '
  ).split(' '),
);

/**
 * Comparison tolerance for values of `dtype` (the compared tensor's, which differs from the case's
 * for casts and mixed-dtype ops): |actual - expected| <= atol + rtol * |expected|. Integer and
 * bool values must match exactly.
 */
export function toleranceFor(op: string, dtype: DType, order: 1 | 2): Tolerance {
  if (dtype === 'int32' || dtype === 'bool') return { rtol: 0, atol: 0 };
  const f64 = dtype === 'float64';
  if (order === 1 && EXACT.has(op)) return f64 ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 1e-6, atol: 1e-7 };
  if (f64) return { rtol: 1e-10, atol: 1e-12 };
  return { rtol: 1e-4, atol: 1e-5 };
}

// ---- fixtures -------------------------------------------------------------------------------

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** Every torch_*.json file in packages/core/fixtures, in name order. */
export function loadFixtures(): FixtureFile[] {
  const names = readdirSync(FIXTURES)
    .filter((n) => /^torch_.*\.json$/.test(n))
    .sort();
  return names.map((name) => {
    const json = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as {
      torch: string;
      cases: FixtureCase[];
    };
    return { name, torch: json.torch, cases: json.cases };
  });
}

/** A fixture number decoded: NaN and the infinities are spelled "nan", "inf", "-inf". */
export function num(v: FixtureNumber, dtype?: DType): number {
  // float32 values are stored in their shortest float32 form: rounding gives back the exact value.
  if (typeof v === 'number') return dtype === 'float32' ? Math.fround(v) : v;
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  throw new TypeError(`bad fixture number ${JSON.stringify(v)}`);
}

/**
 * How replayed inputs are laid out: 'contiguous', or 'strided', where every input is a leaf view
 * that is not contiguous: axes reversed in memory (column-major), every other element, offset 1.
 */
export type Layout = 'contiguous' | 'strided';

function makeStrided(shape: readonly number[], dtype: DType, values: readonly FixtureNumber[]): Tensor {
  const n = values.length;
  const strides: number[] = [];
  let acc = 2;
  for (let j = 0; j < shape.length; j++) {
    strides.push(acc);
    acc *= shape[j];
  }
  const data = arrayFor(dtype, 2 * n + 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let pos = 1;
    for (let j = 0; j < shape.length; j++) pos += idx[j] * strides[j];
    data[pos] = num(values[k]);
    for (let j = shape.length - 1; j >= 0; j--) {
      if (++idx[j] < shape[j]) break;
      idx[j] = 0;
    }
  }
  const base = Tensor.empty(dtype, [data.length]);
  base.storage.backend.write(base.storage.buffer, data);
  const t = base.alias(shape, strides, 1);
  base.dispose();
  return t;
}

function makeTensor(
  shape: readonly number[],
  dtype: DType,
  values: readonly FixtureNumber[],
  layout: Layout = 'contiguous',
): Tensor {
  if (layout === 'strided') return makeStrided(shape, dtype, values);
  const data = arrayFor(dtype, values.length);
  for (let i = 0; i < values.length; i++) data[i] = num(values[i]);
  const t = Tensor.empty(dtype, shape);
  if (t.size !== values.length)
    throw new Error(`fixture: ${values.length} values for shape [${shape.join(', ')}]`);
  if (data.length) t.storage.backend.write(t.storage.buffer, data);
  return t;
}

const fmt = (v: number) => (Number.isNaN(v) ? 'nan' : String(v));

/** Compares flat values; returns a description of the differences, or null when they agree. */
export function compareValues(
  actual: ArrayLike<number>,
  expected: readonly FixtureNumber[],
  tol: Tolerance,
  dtype?: DType,
): string | null {
  if (actual.length !== expected.length) return `expected ${expected.length} values, got ${actual.length}`;
  let bad = 0;
  let worst = -1;
  let worstErr = -1;
  const first: string[] = [];
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = num(expected[i], dtype);
    let ok: boolean;
    let err = 0;
    if (Number.isNaN(e) || Number.isNaN(a)) ok = Number.isNaN(e) && Number.isNaN(a);
    else if (!Number.isFinite(e) || !Number.isFinite(a)) ok = a === e;
    else {
      err = Math.abs(a - e);
      ok = err <= tol.atol + tol.rtol * Math.abs(e);
    }
    if (ok) continue;
    bad++;
    const rel =
      Number.isFinite(err) && err > 0 ? err / (tol.atol + tol.rtol * Math.abs(e)) : Number.POSITIVE_INFINITY;
    if (rel > worstErr) {
      worstErr = rel;
      worst = i;
    }
    if (first.length < 4) first.push(`[${i}] expected ${fmt(e)}, got ${fmt(a)}`);
  }
  if (!bad) return null;
  return (
    `${bad}/${actual.length} values differ (rtol ${tol.rtol}, atol ${tol.atol}); worst [${worst}] expected ` +
    `${fmt(num(expected[worst], dtype))}, got ${fmt(actual[worst])}; first: ${first.join('; ')}`
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function checkTensor(
  what: string,
  t: Tensor | null,
  shape: readonly number[],
  dtype: DType,
  values: readonly FixtureNumber[],
  tol: Tolerance,
  problems: string[],
): void {
  if (t === null) {
    // An input the graph never reached: PyTorch's None, recorded as zeros.
    const diff = compareValues(new Float64Array(values.length), values, tol, dtype);
    if (diff) problems.push(`${what}: core returned no gradient (zeros) but ${diff}`);
    return;
  }
  if (!sameShape(t.shape, shape)) {
    problems.push(`${what}: expected shape [${shape.join(', ')}], got [${t.shape.join(', ')}]`);
    return;
  }
  if (t.dtype !== dtype) problems.push(`${what}: expected dtype ${dtype}, got ${t.dtype}`);
  const diff = compareValues(t.dataSync(), values, tol, dtype);
  if (diff) problems.push(`${what}: ${diff}`);
}

/**
 * Replays one case; returns the list of disagreements (empty: the case passes). An exception
 * (core rejecting the case) is reported as a disagreement too.
 */
export function runCase(c: FixtureCase, order: 1 | 2, layout: Layout = 'contiguous'): string[] {
  const replay = REPLAY[c.op];
  if (!replay) return [`no replay for fixture op '${c.op}'`];
  const problems: string[] = [];
  try {
    replayCase(c, replay, order, layout, problems);
  } catch (e) {
    problems.push(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  return problems;
}

function replayCase(c: FixtureCase, replay: Replay, order: 1 | 2, layout: Layout, problems: string[]): void {
  const tol = (dtype: DType) => toleranceFor(c.op, dtype, order);
  tidy(() => {
    const inputs = c.inputs.map((ft) => {
      const t = makeTensor(ft.shape, ft.dtype, ft.values, layout);
      if (ft.requiresGrad) t.requiresGradLeaf = true;
      return t;
    });
    const res = replay(inputs, c.args);
    const outs = Array.isArray(res) ? res : [res];
    if (outs.length !== c.outputs.length) {
      problems.push(`expected ${c.outputs.length} outputs, got ${outs.length}`);
      return;
    }
    if (order === 1) {
      outs.forEach((o, k) => {
        const e = c.outputs[k];
        checkTensor(`output[${k}]`, o, e.shape, e.dtype, e.values, tol(e.dtype), problems);
      });
    }
    const srcIdx = c.inputs.flatMap((ft, i) => (ft.requiresGrad ? [i] : []));
    if (!srcIdx.length) return;
    const srcs = srcIdx.map((i) => inputs[i]);
    const heads: Tensor[] = [];
    const headGrads: Tensor[] = [];
    c.cotangents.forEach((ct, k) => {
      if (!ct) return;
      heads.push(outs[k]);
      headGrads.push(makeTensor(c.outputs[k].shape, c.outputs[k].dtype, ct));
    });
    const createGraph = order === 2;
    const gs: (Tensor | null)[] = heads.length
      ? grad(heads, srcs, { gradOutputs: headGrads, allowUnused: true, createGraph })
      : srcs.map(() => null);
    if (order === 1) {
      srcIdx.forEach((i, k) => {
        const ft = c.inputs[i];
        checkTensor(`grad[${i}]`, gs[k], ft.shape, ft.dtype, c.grads[i] ?? [], tol(ft.dtype), problems);
      });
      return;
    }
    const o2 = c.order2;
    if (!o2) return;
    // d/d inputs of sum_i sum(grad_i * v_i): the first-order gradients as heads, v as their cotangents.
    const heads2: Tensor[] = [];
    const headGrads2: Tensor[] = [];
    srcIdx.forEach((i, k) => {
      const g = gs[k];
      const v = o2.cotangents[i];
      if (!g || !v || (g.node === null && !g.requiresGradLeaf)) return;
      heads2.push(g);
      headGrads2.push(makeTensor(c.inputs[i].shape, c.inputs[i].dtype, v));
    });
    const g2: (Tensor | null)[] = heads2.length
      ? grad(heads2, srcs, { gradOutputs: headGrads2, allowUnused: true })
      : srcs.map(() => null);
    srcIdx.forEach((i, k) => {
      const ft = c.inputs[i];
      checkTensor(`grad2[${i}]`, g2[k], ft.shape, ft.dtype, o2.grads[i] ?? [], tol(ft.dtype), problems);
    });
  });
}

/** Fails with every disagreement of a case listed under its id. */
function report(id: string, problems: string[]): void {
  if (problems.length) throw new Error(`${id} disagrees with PyTorch:\n  - ${problems.join('\n  - ')}`);
}

/**
 * One vitest test per fixture case, one more per second-order case, and one more replaying the
 * first order with non-contiguous (strided, offset) inputs, on `backend`.
 */
export function goldenSuite(backend: string, opts: SuiteOptions = {}): void {
  const files = loadFixtures();
  describe(`golden values from PyTorch (${backend})`, () => {
    beforeAll(async () => {
      await setBackend(backend);
    });
    it('finds the fixtures', () => {
      expect(files.length).toBeGreaterThan(0);
      expect(files.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThan(0);
    });
    for (const file of files) {
      describe(`${file.name} (torch ${file.torch})`, () => {
        const byOp = new Map<string, FixtureCase[]>();
        for (const c of file.cases) {
          const dtypes = [
            c.dtype,
            ...(c.inputs ?? []).map((i) => i.dtype),
            ...(c.outputs ?? []).map((o) => o.dtype),
          ];
          if (dtypes.some((d) => !supports(opts, d))) continue;
          let list = byOp.get(c.op);
          if (!list) byOp.set(c.op, (list = []));
          list.push(c);
        }
        for (const [op, cases] of byOp) {
          describe(op, () => {
            for (const c of cases) {
              it(c.id, () => report(c.id, runCase(c, 1)));
              if (c.order2) it(`${c.id} (2nd order)`, () => report(`${c.id} (2nd order)`, runCase(c, 2)));
              it(`${c.id} (strided inputs)`, () =>
                report(`${c.id} (strided inputs)`, runCase(c, 1, 'strided')));
            }
          });
        }
      });
    }
  });
}
