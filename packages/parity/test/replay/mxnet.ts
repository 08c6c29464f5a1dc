/**
 * The golden fixtures through @polygrad/mxnet: `np` / `npx` spellings (NumPy semantics: 0-d
 * results and bool comparisons, as PyTorch has), the array methods, and the `nd` spellings whose
 * MXNet 1.x semantics agree with PyTorch's for the op (elementwise math, softmax, joins: not the
 * reductions, whose full results have shape (1,) in `nd`, nor comparisons, which give 0/1 floats).
 * Gradients the MXNet way: `attach_grad()`, the op inside `autograd.record`, then
 * `autograd.backward(heads, head_grads)` read from `.grad` (grad_req 'write'); second order with
 * `autograd.grad(heads, variables, head_grads, create_graph=True)` inside `record`, then
 * `autograd.backward` on those gradients.
 */
import * as core from '@polygrad/core';
import { autograd, nd, np, npx } from '@polygrad/mxnet';
import { coreOf, type FixtureCase, makeCore, makeInput } from '../fixtures.js';
import {
  broadcastsAlong,
  except,
  type Facade,
  indexItems,
  intValues,
  isMatrixAxes,
  listOf,
  type OpTable,
  padPairs,
  type Spelling,
  sourceIndices,
  sp,
  variantName,
} from './types.js';

const NP = np as any;
const NPX = npx as any;
const ND = nd as any;

/** `np.f(x)` (or `npx.f(x)`) for each name, `x.f()` for each method, `nd.f(x)` for each nd name. */
function unary(fns: string[], methods: string[] = [], nds: string[] = []): Spelling[] {
  return [
    ...fns.map((n) =>
      n.startsWith('npx.')
        ? sp(`${n}(x)`, (x) => NPX[n.slice(4)](x[0]))
        : sp(`np.${n}(x)`, (x) => NP[n](x[0])),
    ),
    ...methods.map((n) => sp(`x.${n}()`, (x) => x[0][n]())),
    ...nds.map((n) => ({ ...sp(`nd.${n}(x)`, (x) => ND[n](x[0])), flavour: 'nd' as const })),
  ];
}

function binary(fns: string[], methods: string[] = [], nds: string[] = []): Spelling[] {
  const other = (x: any[], a: Record<string, any>) => a.other ?? x[1];
  return [
    ...fns.map((n) => sp(`np.${n}(x1, x2)`, (x, a) => NP[n](x[0], other(x, a)))),
    ...methods.map((n) => sp(`x.${n}(y)`, (x, a) => x[0][n](other(x, a)))),
    ...nds.map((n) => ({
      ...sp(`nd.${n}(lhs, rhs)`, (x, a) => ND[n](x[0], other(x, a))),
      flavour: 'nd' as const,
    })),
  ];
}

function reduction(fns: string[], method: string): Spelling[] {
  return [
    ...fns.map((n) =>
      sp(`np.${n}(a, { axis, keepdims })`, (x, a) => NP[n](x[0], { axis: a.axes, keepdims: a.keepdim })),
    ),
    sp(`x.${method}({ axis, keepdims })`, (x, a) => x[0][method]({ axis: a.axes, keepdims: a.keepdim })),
  ];
}

/**
 * MXNet's maximum/minimum backward gives the lhs the whole gradient where lhs == rhs
 * (BinaryBroadcastBackwardUseIn<ge, lt>); PyTorch splits it in halves. The fixture's tie cases
 * hold PyTorch's halves, not MXNet's values (semantics.test.ts checks MXNet's rule).
 */
const lhsTakesTies = (c: FixtureCase) =>
  variantName(c).startsWith('ties')
    ? 'ties: MXNet gives the lhs the whole gradient, PyTorch splits it'
    : variantName(c) === 'nan'
      ? 'NaN: the first-operand rule sends the gradient by x >= y (false for NaN); PyTorch gives both'
      : null;

/**
 * MXNet's max/min backward is ograd * (x == out) (ReduceAxesBackwardUseInOut<eq>): every tied
 * extreme gets the whole gradient; PyTorch (and TensorFlow) split it among the ties.
 */
const everyTieTakesAll = (c: FixtureCase) =>
  variantName(c).startsWith('ties')
    ? 'ties: MXNet gives every tied extreme the whole gradient, PyTorch splits it'
    : variantName(c) === 'nan_ax1'
      ? 'NaN: MXNet compares x == max (false for NaN); PyTorch amax gives NaN gradients'
      : null;

const noKeepdims = (c: FixtureCase) => (c.args.keepdim ? 'np.argmax/argmin(a, axis) have no keepdims' : null);

/** NumPy and MXNet read ord 1 / inf over two axes (or a 2-D array with no axis) as a matrix norm. */
const vectorNormOnly = (c: FixtureCase) =>
  c.args.ord !== 2 && isMatrixAxes(c) ? `ord=${c.args.ord} over two axes is a matrix norm in NumPy` : null;
/** NumPy's ord=None is the 2-norm (Frobenius over two axes); ord=2 would be the spectral norm there. */
const npOrd = (o: number | string) => (o === 2 ? null : o === 'inf' ? Number.POSITIVE_INFINITY : o);

/** np.squeeze(a, axis) refuses an axis whose size is not 1 (PyTorch leaves it). */
const squeezable = (c: FixtureCase) => {
  const d = c.args.dims;
  const shape = c.inputs[0].shape;
  const ax = d === null ? [] : typeof d === 'number' ? [d] : d;
  return ax.some((i: number) => shape[(i + shape.length) % shape.length] !== 1)
    ? 'np.squeeze refuses an axis whose size is not 1'
    : null;
};

/** The size of a split/chunk case's input along its axis. */
const axisSize = (c: FixtureCase): number => {
  const shape = c.inputs[0].shape;
  return shape[(c.args.axis + shape.length) % shape.length];
};

/** A split case's piece sizes (torch.split: a size for every piece but the last, or the sizes). */
const splitSizes = (c: FixtureCase): number[] => {
  const n = axisSize(c);
  if (Array.isArray(c.args.split)) return c.args.split;
  if (n === 0) return [0];
  return Array.from({ length: Math.ceil(n / c.args.split) }, (_, k) =>
    Math.min(c.args.split, n - k * c.args.split),
  );
};

/** Where each piece but the first starts: np.split's list of indices. */
const splitIndices = (c: FixtureCase): number[] =>
  splitSizes(c)
    .slice(0, -1)
    .map((_, k, s) => s.slice(0, k + 1).reduce((p, q) => p + q, 0));

/** MXNet's take in mode 'raise' refuses negative indices (NumPy's counts them from the end). */
const RAISE_NEGATIVE = "MXNet's take mode 'raise' refuses negative indices (NumPy counts them from the end)";

/** torch.gather takes an index smaller than the input; NumPy's take_along_axis broadcasts them. */
const NP_GATHER_BROADCAST =
  'np.take_along_axis broadcasts indices against arr on the other axes (torch.gather takes a smaller index)';

const prefix = (axis: number, ndim: number) => Array<string>(((axis % ndim) + ndim) % ndim).fill(':');

export const MXNET_OPS: OpTable = {
  // ---- unary
  neg: unary(['negative'], ['neg'], ['negative']),
  abs: unary(['abs', 'absolute'], ['abs'], ['abs']),
  sign: unary(['sign'], ['sign'], ['sign']),
  exp: unary(['exp'], ['exp'], ['exp']),
  log: unary(['log'], ['log'], ['log']),
  log1p: unary(['log1p']),
  expm1: unary(['expm1']),
  sqrt: unary(['sqrt'], ['sqrt'], ['sqrt']),
  square: unary(['square'], ['square'], ['square']),
  reciprocal: unary(['reciprocal']),
  sin: unary(['sin']),
  cos: unary(['cos']),
  tanh: unary(['tanh'], ['tanh'], ['tanh']),
  sigmoid: unary(['npx.sigmoid'], ['sigmoid'], ['sigmoid']),
  relu: unary(['npx.relu'], ['relu'], ['relu']),
  floor: unary(['floor']),
  ceil: unary(['ceil']),
  clone: [sp('x.copy()', (x) => x[0].copy())],
  cast: [
    sp("x.astype('<dtype>')", (x, a) => x[0].astype(a.dtype)),
    sp('x.astype(np.<dtype>)', (x, a) => x[0].astype(a.dtype === 'float64' ? np.float64 : np.float32)),
  ],
  // ---- binary
  add: binary(['add'], ['add'], ['add']),
  sub: binary(['subtract'], ['sub'], ['subtract']),
  mul: binary(['multiply'], ['mul'], ['multiply']),
  div: binary(['divide', 'true_divide'], ['div'], ['divide']),
  pow: binary(['power'], ['pow'], ['power']),
  pow_scalar: [
    sp('np.power(x, exponent)', (x, a) => np.power(x[0], a.exponent)),
    sp('x.pow(exponent)', (x, a) => x[0].pow(a.exponent)),
  ],
  maximum: except(binary(['maximum'], ['maximum'], ['maximum']), lhsTakesTies),
  minimum: except(binary(['minimum'], ['minimum'], ['minimum']), lhsTakesTies),
  eq: binary(['equal'], ['eq']),
  ne: binary(['not_equal'], ['ne']),
  lt: binary(['less'], ['lt']),
  le: binary(['less_equal'], ['le']),
  gt: binary(['greater'], ['gt']),
  ge: binary(['greater_equal'], ['ge']),
  where: [sp('np.where(condition, x, y)', (x) => np.where(x[0], x[1], x[2]))],
  clamp: except(
    [
      sp('np.clip(a, a_min, a_max)', (x, a) => np.clip(x[0], a.min, a.max)),
      sp('x.clip(a_min, a_max)', (x, a) => x[0].clip(a.min, a.max)),
      { ...sp('nd.clip(data, a_min, a_max)', (x, a) => nd.clip(x[0], a.min, a.max)), flavour: 'nd' as const },
    ],
    (c) =>
      c.args.min === 'input' || c.args.max === 'input'
        ? 'np.clip takes number bounds (MXNet)'
        : variantName(c) === 'at_bounds'
          ? "NaN: MXNet's clip passes the gradient (its comparisons are false); PyTorch gives 0"
          : null,
  ),
  // ---- reductions
  sum: reduction(['sum'], 'sum'),
  mean: reduction(['mean'], 'mean'),
  prod: reduction(['prod'], 'prod'),
  max: except(reduction(['max', 'amax'], 'max'), everyTieTakesAll),
  min: except(reduction(['min', 'amin'], 'min'), everyTieTakesAll),
  argmax: [
    sp('np.argmax(a, axis)', (x, a) => np.argmax(x[0], a.axis), noKeepdims),
    sp('x.argmax(axis, keepdims)', (x, a) => x[0].argmax(a.axis, a.keepdim)),
  ],
  argmin: [
    sp('np.argmin(a, axis)', (x, a) => np.argmin(x[0], a.axis), noKeepdims),
    sp('x.argmin(axis, keepdims)', (x, a) => x[0].argmin(a.axis, a.keepdim)),
  ],
  norm: [
    sp(
      'np.linalg.norm(x, ord, axis, keepdims)',
      (x, a) => np.linalg.norm(x[0], npOrd(a.ord), a.axes, a.keepdim),
      vectorNormOnly,
    ),
    sp(
      'x.norm({ ord, axis, keepdims })',
      (x, a) => x[0].norm({ ord: npOrd(a.ord), axis: a.axes, keepdims: a.keepdim }),
      vectorNormOnly,
    ),
  ],
  matrix_norm: [
    sp(
      "np.linalg.norm(x, 'fro', axis, keepdims)",
      (x, a) => np.linalg.norm(x[0], 'fro', a.axes, a.keepdim),
      (c) => (c.args.ord === 'fro' ? null : "MXNet's np.linalg.norm has only the 'fro' matrix norm"),
    ),
  ],
  matmul: [sp('np.matmul(a, b)', (x) => np.matmul(x[0], x[1])), sp('a.matmul(b)', (x) => x[0].matmul(x[1]))],
  dot: [sp('np.dot(a, b)', (x) => np.dot(x[0], x[1])), sp('a.dot(b)', (x) => x[0].dot(x[1]))],
  // ---- movement
  reshape: [
    sp('np.reshape(a, newshape)', (x, a) => np.reshape(x[0], a.shape)),
    sp('x.reshape(shape)', (x, a) => x[0].reshape(a.shape)),
  ],
  t: [sp('np.transpose(a)', (x) => np.transpose(x[0])), sp('x.T', (x) => x[0].T)],
  transpose: [
    sp('np.swapaxes(a, axis1, axis2)', (x, a) => np.swapaxes(x[0], a.dim0, a.dim1)),
    sp('x.swapaxes(axis1, axis2)', (x, a) => x[0].swapaxes(a.dim0, a.dim1)),
    {
      ...sp('nd.swapaxes(data, { dim1, dim2 })', (x, a) => nd.swapaxes(x[0], { dim1: a.dim0, dim2: a.dim1 })),
      flavour: 'nd',
    },
  ],
  permute: [
    sp('np.transpose(a, axes)', (x, a) => np.transpose(x[0], a.dims)),
    sp('x.transpose(axes)', (x, a) => x[0].transpose(a.dims)),
    { ...sp('nd.transpose(data, { axes })', (x, a) => nd.transpose(x[0], { axes: a.dims })), flavour: 'nd' },
  ],
  broadcast_to: [
    sp('np.broadcast_to(array, shape)', (x, a) => np.broadcast_to(x[0], a.shape)),
    sp('x.broadcast_to(shape)', (x, a) => x[0].broadcast_to(a.shape)),
    { ...sp('nd.broadcast_to(data, shape)', (x, a) => nd.broadcast_to(x[0], a.shape)), flavour: 'nd' },
  ],
  concat: [
    sp('np.concatenate(seq, axis)', (x, a) => np.concatenate(x, a.axis)),
    sp('np.concatenate(seq, { axis })', (x, a) => np.concatenate(x, { axis: a.axis })),
    { ...sp('nd.concat(...data, { dim })', (x, a) => nd.concat(...x, { dim: a.axis })), flavour: 'nd' },
  ],
  split: [
    sp('np.split(ary, indices, axis)', (x, a, c) => np.split(x[0], splitIndices(c), a.axis)),
    sp('np.array_split(ary, indices, { axis })', (x, a, c) =>
      np.array_split(x[0], splitIndices(c), { axis: a.axis }),
    ),
    sp(
      'np.split(ary, sections, { axis })',
      (x, a, c) => np.split(x[0], splitSizes(c).length, { axis: a.axis }),
      (c) => (new Set(splitSizes(c)).size === 1 ? null : 'np.split(ary, sections) makes equal pieces'),
    ),
  ],
  chunk: [
    sp(
      'np.array_split(ary, sections, axis)',
      (x, a) => np.array_split(x[0], a.chunks, a.axis),
      (c) => {
        const n = axisSize(c);
        const each = Math.ceil(n / c.args.chunks);
        // torch.chunk: pieces of ceil(n / chunks), so fewer than `chunks` when they run out.
        const torch = Array.from({ length: Math.ceil(n / each) }, (_, k) => Math.min(each, n - k * each));
        const numpy = Array.from(
          { length: c.args.chunks },
          (_, k) => Math.floor(n / c.args.chunks) + (k < n % c.args.chunks ? 1 : 0),
        );
        return torch.join() === numpy.join()
          ? null
          : 'np.array_split makes `sections` pieces of sizes differing by at most 1 (torch.chunk may make fewer)';
      },
    ),
  ],
  pad: [
    sp("np.pad(array, pad_width, 'constant', constant_values)", (x, a, c) =>
      np.pad(x[0], padPairs(c), 'constant', a.value),
    ),
    sp('np.pad(array, pad_width, { constant_values })', (x, a, c) =>
      np.pad(x[0], padPairs(c), { constant_values: a.value }),
    ),
  ],
  stack: [
    sp('np.stack(arrays, axis)', (x, a) => np.stack(x, a.axis)),
    { ...sp('nd.stack(...data, { axis })', (x, a) => nd.stack(...x, { axis: a.axis })), flavour: 'nd' },
  ],
  squeeze: [
    sp('np.squeeze(a, axis)', (x, a) => np.squeeze(x[0], a.dims), squeezable),
    sp('x.squeeze(axis)', (x, a) => x[0].squeeze(a.dims), squeezable),
  ],
  unsqueeze: [
    sp('np.expand_dims(a, axis)', (x, a) => np.expand_dims(x[0], a.dim)),
    sp('x.expand_dims(axis)', (x, a) => x[0].expand_dims(a.dim)),
    { ...sp('nd.expand_dims(data, axis)', (x, a) => nd.expand_dims(x[0], a.dim)), flavour: 'nd' },
  ],
  flatten: [
    sp(
      'np.ravel(x)',
      (x) => np.ravel(x[0]),
      (c) => (c.args.start === 0 && c.args.end === -1 ? null : 'np.ravel flattens every axis'),
    ),
    sp(
      'x.flatten()',
      (x) => x[0].flatten(),
      (c) => (c.args.start === 0 && c.args.end === -1 ? null : 'ndarray.flatten flattens every axis'),
    ),
  ],
  // ---- indexing
  index: [sp('x.index(...items)', (x, a) => x[0].index(...indexItems(x, a.items)))],
  slice: [
    sp("x.index(':', ..., 'start:end:step')", (x, a) =>
      x[0].index(...prefix(a.axis, x[0].ndim), `${a.start ?? ''}:${a.end ?? ''}:${a.step ?? ''}`),
    ),
  ],
  narrow: [
    sp("x.index(':', ..., 'start:start+length')", (x, a) => {
      const n = x[0].shape[(a.axis + x[0].ndim) % x[0].ndim];
      const s = a.start < 0 ? a.start + n : a.start;
      return x[0].index(...prefix(a.axis, x[0].ndim), `${s}:${s + a.length}`);
    }),
  ],
  select: [
    sp("x.index(':', ..., index)", (x, a) => x[0].index(...prefix(a.axis, x[0].ndim), a.index)),
    sp(
      'np.take(a, index, { axis })',
      (x, a) => np.take(x[0], a.index, { axis: a.axis }),
      (c) => (c.args.index < 0 ? RAISE_NEGATIVE : null),
    ),
  ],
  index_select: [
    sp('np.take(a, indices, { axis })', (x, a) => np.take(x[0], x[1], { axis: a.axis })),
    sp('a.take(indices, { axis })', (x, a) => x[0].take(x[1], { axis: a.axis })),
    { ...sp('nd.take(a, indices, axis)', (x, a) => nd.take(x[0], x[1], a.axis)), flavour: 'nd' },
  ],
  take: [
    sp(
      'np.take(a, indices, { axis, mode })',
      (x, a) => np.take(x[0], x[1], { axis: a.axis, mode: a.mode }),
      (c) => (c.args.mode === 'raise' && intValues(c, 1).some((v) => v < 0) ? RAISE_NEGATIVE : null),
    ),
    sp(
      'a.take(indices, { axis, mode })',
      (x, a) => x[0].take(x[1], { axis: a.axis, mode: a.mode }),
      (c) => (c.args.mode === 'raise' && intValues(c, 1).some((v) => v < 0) ? RAISE_NEGATIVE : null),
    ),
    {
      ...sp(
        'nd.take(a, indices, { axis, mode })',
        (x, a) => nd.take(x[0], x[1], { axis: a.axis, mode: a.mode }),
        (c) =>
          c.args.axis === null
            ? 'nd.take has no axis=None (it takes along axis 0)'
            : c.args.mode === 'raise' && intValues(c, 1).some((v) => v < 0)
              ? RAISE_NEGATIVE
              : null,
      ),
      flavour: 'nd',
    },
  ],
  gather: [
    sp(
      'np.take_along_axis(arr, indices, axis)',
      (x, a) => np.take_along_axis(x[0], x[1], a.axis),
      (c) => (broadcastsAlong(c) ? null : NP_GATHER_BROADCAST),
    ),
  ],
  take_along_dim: [
    sp('np.take_along_axis(arr, indices, { axis })', (x, a) =>
      np.take_along_axis(x[0], x[1], { axis: a.axis }),
    ),
  ],
  pick: [
    sp('npx.pick(data, index, { axis, keepdims, mode })', (x, a) =>
      npx.pick(x[0], x[1], { axis: a.axis, keepdims: a.keepdims, mode: a.mode }),
    ),
    sp('x.pick(index, { axis, keepdims, mode })', (x, a) =>
      x[0].pick(x[1], { axis: a.axis, keepdims: a.keepdims, mode: a.mode }),
    ),
    {
      ...sp('nd.pick(data, index, axis, keepdims, mode)', (x, a) =>
        nd.pick(x[0], x[1], a.axis, a.keepdims, a.mode),
      ),
      flavour: 'nd',
    },
  ],
  one_hot: except(
    [
      sp('npx.one_hot(data, depth, { on_value, off_value, dtype })', (x, a) =>
        npx.one_hot(x[0], a.depth, {
          on_value: a.on_value ?? 1,
          off_value: a.off_value ?? 0,
          dtype: a.dtype,
        }),
      ),
      sp('x.one_hot(depth, { on_value, off_value, dtype })', (x, a) =>
        x[0].one_hot(a.depth, { on_value: a.on_value ?? 1, off_value: a.off_value ?? 0, dtype: a.dtype }),
      ),
      {
        ...sp('nd.one_hot(indices, depth, on_value, off_value, dtype)', (x, a) =>
          nd.one_hot(x[0], a.depth, a.on_value ?? 1, a.off_value ?? 0, a.dtype),
        ),
        flavour: 'nd',
      },
    ],
    (c) =>
      c.args.axis === undefined || c.args.axis === -1 ? null : 'one_hot has no axis in MXNet (always last)',
  ),
  // ---- nn
  softmax: [
    sp('npx.softmax(data, axis)', (x, a) => npx.softmax(x[0], a.axis)),
    sp('x.softmax({ axis })', (x, a) => x[0].softmax({ axis: a.axis })),
    { ...sp('nd.softmax(data, axis)', (x, a) => nd.softmax(x[0], a.axis)), flavour: 'nd' },
  ],
  log_softmax: [
    sp('npx.log_softmax(data, axis)', (x, a) => npx.log_softmax(x[0], a.axis)),
    sp('x.log_softmax({ axis })', (x, a) => x[0].log_softmax({ axis: a.axis })),
    { ...sp('nd.log_softmax(data, axis)', (x, a) => nd.log_softmax(x[0], a.axis)), flavour: 'nd' },
  ],
};

const inGraph = (t: unknown) => core.recordScope.tracks(coreOf(t));

export const mxnetFacade: Facade = {
  name: 'mxnet',
  ops: MXNET_OPS,
  replay(c, s, order) {
    const ns: any = s.flavour === 'nd' ? nd : np;
    const xs = c.inputs.map((ft) => ns.from(makeInput(ft)));
    const src = sourceIndices(c);
    const srcs = src.map((i) => xs[i]);
    for (const x of srcs) x.attach_grad();
    const grads = new Map<number, core.Tensor | null>();
    const headsOf = (outputs: unknown[]) => {
      const heads: any[] = [];
      const cts: any[] = [];
      c.cotangents.forEach((ct, k) => {
        if (!ct || !inGraph(outputs[k])) return;
        heads.push(outputs[k]);
        cts.push(ns.from(makeCore(c.outputs[k].shape, c.outputs[k].dtype, ct)));
      });
      return { heads, cts };
    };
    if (order === 1) {
      const outputs = autograd.record(() => listOf(s.run(xs, c.args, c)));
      const { heads, cts } = headsOf(outputs);
      if (heads.length) autograd.backward(heads, cts);
      src.forEach((i) => grads.set(i, xs[i].grad ? coreOf(xs[i].grad) : null));
      return { outputs, grads };
    }
    let gs: any[] = [];
    const outputs = autograd.record(() => {
      const outs = listOf(s.run(xs, c.args, c));
      const { heads, cts } = headsOf(outs);
      if (heads.length && srcs.length)
        gs = autograd.grad(heads, srcs, cts, { create_graph: true, retain_graph: true });
      return outs;
    });
    const heads2: any[] = [];
    const vs: any[] = [];
    src.forEach((i, k) => {
      const g = gs[k];
      const v = c.order2?.cotangents[i];
      if (!g || !v || !inGraph(g)) return;
      heads2.push(g);
      vs.push(ns.from(makeCore(c.inputs[i].shape, c.inputs[i].dtype, v)));
    });
    if (heads2.length) autograd.backward(heads2, vs);
    src.forEach((i) => grads.set(i, xs[i].grad ? coreOf(xs[i].grad) : null));
    return { outputs, grads };
  },
};
