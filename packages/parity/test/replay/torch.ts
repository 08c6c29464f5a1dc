/**
 * The golden fixtures through @polygrad/torch: every spelling PyTorch has for an op
 * (`torch.exp(x)`, `x.exp()`, `F.softmax(x, dim)`, …), gradients the PyTorch way: leaves with
 * `requires_grad_()`, first order with `torch.autograd.backward(heads, grad_tensors)` read from
 * `.grad`, second order with `torch.autograd.grad(..., create_graph=True)` twice.
 */
import { torch } from '@polygrad/torch';
import { coreOf, type FixtureCase, makeCore, makeInput } from '../fixtures.js';
import {
  type Facade,
  hasIndexArray,
  hasNegativeStep,
  indexItems,
  listOf,
  type OpTable,
  type Spelling,
  sourceIndices,
  sp,
} from './types.js';

const F = torch.nn.functional as any;
const T = torch as any;

/** `torch.name(x)` for each name, and `x.name()` for each method. */
function unary(fns: string[], methods: string[] = fns, functional: string[] = []): Spelling[] {
  return [
    ...fns.map((n) => sp(`torch.${n}(x)`, (x) => T[n](x[0]))),
    ...methods.map((n) => sp(`x.${n}()`, (x) => x[0][n]())),
    ...functional.map((n) => sp(`F.${n}(x)`, (x) => F[n](x[0]))),
  ];
}

/** Tensor-tensor, or tensor-scalar when the case has `args.other`. */
function binary(fns: string[], methods: string[] = fns): Spelling[] {
  const other = (x: any[], a: Record<string, any>) => a.other ?? x[1];
  return [
    ...fns.map((n) => sp(`torch.${n}(x, y)`, (x, a) => T[n](x[0], other(x, a)))),
    ...methods.map((n) => sp(`x.${n}(y)`, (x, a) => x[0][n](other(x, a)))),
  ];
}

/** sum/mean/prod/logsumexp style: `torch.f(x)` for a full reduction, `torch.f(x, dim, keepdim)` otherwise. */
function reduction(name: string, allDims = false): Spelling[] {
  const dims = (x: any, a: Record<string, any>) =>
    a.axes ?? (allDims ? Array.from({ length: x.dim() }, (_, i) => i) : null);
  return [
    sp(`torch.${name}(x, dim, keepdim)`, (x, a) =>
      dims(x[0], a) === null ? T[name](x[0]) : T[name](x[0], dims(x[0], a), a.keepdim),
    ),
    sp(`x.${name}({ dim, keepdim })`, (x, a) =>
      dims(x[0], a) === null ? x[0][name]() : x[0][name]({ dim: dims(x[0], a), keepdim: a.keepdim }),
    ),
  ];
}

/** A clamp case's bounds: numbers, null, or 'input' for the next tensor operand. */
function bounds(x: any[], a: Record<string, any>): [any, any] {
  let k = 1;
  const bound = (v: unknown): any => (v === 'input' ? x[k++] : v);
  const lo = bound(a.min);
  return [lo, bound(a.max)];
}

const prefix = (axis: number, ndim: number) => Array<string>(((axis % ndim) + ndim) % ndim).fill(':');

/** A fixture's ord ('inf', '-inf' or a number) as a JavaScript value. */
const pyOrd = (o: number | string) =>
  o === 'inf' ? Number.POSITIVE_INFINITY : o === '-inf' ? Number.NEGATIVE_INFINITY : o;

/** torch.take reads the input flattened (np.take's axis=None), in NumPy's mode 'raise'. */
const takeCase = (c: FixtureCase) =>
  c.args.axis != null && c.inputs[0].shape.length > 1
    ? 'torch.take has no dim (it reads the input flattened)'
    : c.args.mode !== 'raise'
      ? `torch.take has no mode '${c.args.mode}'`
      : null;

export const TORCH_OPS: OpTable = {
  // ---- unary
  neg: unary(['neg', 'negative'], ['neg', 'negative']),
  abs: unary(['abs']),
  sign: unary(['sign']),
  exp: unary(['exp']),
  log: unary(['log']),
  log1p: unary(['log1p']),
  expm1: unary(['expm1']),
  sqrt: unary(['sqrt']),
  rsqrt: unary(['rsqrt']),
  square: unary(['square']),
  reciprocal: unary(['reciprocal']),
  sin: unary(['sin']),
  cos: unary(['cos']),
  tan: unary(['tan']),
  tanh: unary(['tanh'], ['tanh'], ['tanh']),
  sigmoid: unary(['sigmoid'], ['sigmoid'], ['sigmoid']),
  erf: unary(['erf']),
  clone: unary(['clone']),
  relu: unary(['relu'], ['relu'], ['relu']),
  leaky_relu: [
    sp('F.leaky_relu(x, negative_slope)', (x, a) =>
      a.negative_slope === undefined ? F.leaky_relu(x[0]) : F.leaky_relu(x[0], a.negative_slope),
    ),
    sp('F.leaky_relu(x, { negative_slope })', (x, a) =>
      F.leaky_relu(x[0], { negative_slope: a.negative_slope ?? 0.01 }),
    ),
  ],
  elu: [
    sp('F.elu(x, alpha)', (x, a) => (a.alpha === undefined ? F.elu(x[0]) : F.elu(x[0], a.alpha))),
    sp('F.elu(x, { alpha })', (x, a) => F.elu(x[0], { alpha: a.alpha ?? 1 })),
  ],
  gelu: [sp('F.gelu(x)', (x) => F.gelu(x[0]))],
  softplus: [sp('F.softplus(x)', (x) => F.softplus(x[0]))],
  floor: unary(['floor']),
  ceil: unary(['ceil']),
  round: unary(['round']),
  trunc: unary(['trunc']),
  cast: [
    sp('x.to(torch.<dtype>)', (x, a) => x[0].to(a.dtype === 'float64' ? torch.float64 : torch.float32)),
    sp("x.to('<dtype>')", (x, a) => x[0].to(a.dtype)),
    sp('x.double() / x.float()', (x, a) => (a.dtype === 'float64' ? x[0].double() : x[0].float())),
  ],
  // ---- binary
  add: binary(['add']),
  sub: binary(['sub', 'subtract'], ['sub', 'subtract']),
  mul: binary(['mul', 'multiply'], ['mul', 'multiply']),
  div: binary(['div', 'divide', 'true_divide'], ['div', 'divide', 'true_divide']),
  pow: binary(['pow']),
  pow_scalar: [
    sp('torch.pow(x, exponent)', (x, a) => torch.pow(x[0], a.exponent)),
    sp('x.pow(exponent)', (x, a) => x[0].pow(a.exponent)),
  ],
  maximum: binary(['maximum']),
  minimum: binary(['minimum']),
  atan2: binary(['atan2']),
  eq: binary(['eq']),
  ne: binary(['ne']),
  lt: binary(['lt']),
  le: binary(['le']),
  gt: binary(['gt']),
  ge: binary(['ge']),
  logical_and: binary(['logical_and']),
  logical_or: binary(['logical_or']),
  logical_not: unary(['logical_not']),
  isnan: unary(['isnan']),
  where: [
    sp('torch.where(cond, x, y)', (x) => torch.where(x[0], x[1], x[2])),
    sp('x.where(cond, y)', (x) => x[1].where(x[0], x[2])),
  ],
  clamp: [
    sp('torch.clamp(x, min, max)', (x, a) => torch.clamp(x[0], ...bounds(x, a))),
    sp('x.clamp({ min, max })', (x, a) => {
      const [min, max] = bounds(x, a);
      return x[0].clamp({ min, max });
    }),
    sp('torch.clip(x, min, max)', (x, a) => torch.clip(x[0], ...bounds(x, a))),
  ],
  isclose: [
    sp('torch.isclose(a, b, { rtol, atol, equal_nan })', (x, a) =>
      torch.isclose(x[0], x[1], { rtol: a.rtol, atol: a.atol, equal_nan: a.equal_nan }),
    ),
    sp('a.isclose(b, rtol, atol, equal_nan)', (x, a) => x[0].isclose(x[1], a.rtol, a.atol, a.equal_nan)),
  ],
  outer: [
    sp('torch.outer(a, b)', (x) => torch.outer(x[0], x[1])),
    sp('a.outer(b)', (x) => x[0].outer(x[1])),
    sp('torch.ger(a, b)', (x) => T.ger(x[0], x[1])),
  ],
  // ---- reductions
  sum: reduction('sum'),
  mean: reduction('mean'),
  prod: reduction('prod'),
  max: [
    sp('torch.max(x) / torch.amax(x, dim, keepdim)', (x, a) =>
      a.axes == null ? torch.max(x[0]) : torch.amax(x[0], a.axes, a.keepdim),
    ),
    sp('x.max() / x.amax(dim, keepdim)', (x, a) =>
      a.axes == null ? x[0].max() : x[0].amax(a.axes, a.keepdim),
    ),
  ],
  min: [
    sp('torch.min(x) / torch.amin(x, dim, keepdim)', (x, a) =>
      a.axes == null ? torch.min(x[0]) : torch.amin(x[0], a.axes, a.keepdim),
    ),
    sp('x.min() / x.amin(dim, keepdim)', (x, a) =>
      a.axes == null ? x[0].min() : x[0].amin(a.axes, a.keepdim),
    ),
  ],
  argmax: [
    sp('torch.argmax(x, dim, keepdim)', (x, a) =>
      a.axis == null ? torch.argmax(x[0]) : torch.argmax(x[0], a.axis, a.keepdim),
    ),
    sp('x.argmax({ dim, keepdim })', (x, a) => x[0].argmax({ dim: a.axis, keepdim: a.keepdim })),
  ],
  argmin: [
    sp('torch.argmin(x, dim, keepdim)', (x, a) =>
      a.axis == null ? torch.argmin(x[0]) : torch.argmin(x[0], a.axis, a.keepdim),
    ),
    sp('x.argmin({ dim, keepdim })', (x, a) => x[0].argmin({ dim: a.axis, keepdim: a.keepdim })),
  ],
  logsumexp: reduction('logsumexp', true),
  cumsum: [
    sp('torch.cumsum(x, dim)', (x, a) => torch.cumsum(x[0], a.axis)),
    sp('x.cumsum({ dim })', (x, a) => x[0].cumsum({ dim: a.axis })),
  ],
  max_dim: [
    sp('torch.max(x, dim, keepdim)', (x, a) => torch.max(x[0], a.axis, a.keepdim)),
    sp('x.max({ dim, keepdim })', (x, a) => x[0].max({ dim: a.axis, keepdim: a.keepdim })),
  ],
  min_dim: [
    sp('torch.min(x, dim, keepdim)', (x, a) => torch.min(x[0], a.axis, a.keepdim)),
    sp('x.min({ dim, keepdim })', (x, a) => x[0].min({ dim: a.axis, keepdim: a.keepdim })),
  ],
  sort: [
    sp('torch.sort(x, dim, descending)', (x, a) => torch.sort(x[0], a.axis, a.descending)),
    sp('x.sort({ dim, descending, stable })', (x, a) =>
      x[0].sort({ dim: a.axis, descending: a.descending, stable: true }),
    ),
  ],
  topk: [
    sp('torch.topk(x, k, dim, largest)', (x, a) => torch.topk(x[0], a.k, a.axis, a.largest)),
    sp('x.topk(k, { dim, largest })', (x, a) => x[0].topk(a.k, { dim: a.axis, largest: a.largest })),
  ],
  all: [
    sp('torch.all(x) / torch.all(x, dim, keepdim)', (x, a) =>
      a.axes == null ? torch.all(x[0]) : torch.all(x[0], a.axes, a.keepdim),
    ),
    sp('x.all({ dim, keepdim })', (x, a) => x[0].all({ dim: a.axes, keepdim: a.keepdim })),
  ],
  any: [
    sp('torch.any(x) / torch.any(x, dim, keepdim)', (x, a) =>
      a.axes == null ? torch.any(x[0]) : torch.any(x[0], a.axes, a.keepdim),
    ),
    sp('x.any({ dim, keepdim })', (x, a) => x[0].any({ dim: a.axes, keepdim: a.keepdim })),
  ],
  var: [
    sp('torch.var(x, dim, { correction, keepdim })', (x, a) =>
      torch.var(x[0], a.axes, { correction: a.correction, keepdim: a.keepdim }),
    ),
    sp('x.var({ dim, correction, keepdim })', (x, a) =>
      x[0].var({ dim: a.axes, correction: a.correction, keepdim: a.keepdim }),
    ),
  ],
  std: [
    sp('torch.std(x, dim, { correction, keepdim })', (x, a) =>
      torch.std(x[0], a.axes, { correction: a.correction, keepdim: a.keepdim }),
    ),
    sp('x.std({ dim, correction, keepdim })', (x, a) =>
      x[0].std({ dim: a.axes, correction: a.correction, keepdim: a.keepdim }),
    ),
  ],
  norm: [
    sp('torch.norm(x, p, dim, keepdim)', (x, a) =>
      torch.norm(x[0], a.ord === 'inf' ? Number.POSITIVE_INFINITY : a.ord, a.axes, a.keepdim),
    ),
    sp('x.norm({ p, dim, keepdim })', (x, a) =>
      x[0].norm({ p: a.ord === 'inf' ? Number.POSITIVE_INFINITY : a.ord, dim: a.axes, keepdim: a.keepdim }),
    ),
  ],
  matrix_norm: [
    sp('torch.linalg.matrix_norm(A, ord, dim, keepdim)', (x, a) =>
      torch.linalg.matrix_norm(x[0], pyOrd(a.ord) as number, a.axes, a.keepdim),
    ),
  ],
  tensordot: [
    sp('torch.tensordot(a, b, dims)', (x, a) => torch.tensordot(x[0], x[1], a.dims)),
    sp('torch.tensordot(a, b, { dims })', (x, a) => torch.tensordot(x[0], x[1], { dims: a.dims })),
  ],
  argwhere: [sp('torch.argwhere(x)', (x) => torch.argwhere(x[0]))],
  matmul: [
    sp('torch.matmul(a, b)', (x) => torch.matmul(x[0], x[1])),
    sp('a.matmul(b)', (x) => x[0].matmul(x[1])),
  ],
  dot: [sp('torch.dot(a, b)', (x) => torch.dot(x[0], x[1])), sp('a.dot(b)', (x) => x[0].dot(x[1]))],
  // ---- movement and indexing
  reshape: [
    sp('torch.reshape(x, shape)', (x, a) => torch.reshape(x[0], a.shape)),
    sp('x.reshape(...shape)', (x, a) => x[0].reshape(...a.shape)),
    sp('x.view(shape)', (x, a) => x[0].view(a.shape)),
  ],
  transpose: [
    sp('torch.transpose(x, dim0, dim1)', (x, a) => torch.transpose(x[0], a.dim0, a.dim1)),
    sp('x.transpose(dim0, dim1)', (x, a) => x[0].transpose(a.dim0, a.dim1)),
    sp('torch.swapaxes(x, dim0, dim1)', (x, a) => torch.swapaxes(x[0], a.dim0, a.dim1)),
  ],
  permute: [
    sp('torch.permute(x, dims)', (x, a) => torch.permute(x[0], a.dims)),
    sp('x.permute(...dims)', (x, a) => x[0].permute(...a.dims)),
  ],
  expand: [
    sp('x.expand(...sizes)', (x, a) => x[0].expand(...a.shape)),
    sp('x.expand(sizes)', (x, a) => x[0].expand(a.shape)),
  ],
  broadcast_to: [
    sp('torch.broadcast_to(x, shape)', (x, a) => torch.broadcast_to(x[0], a.shape)),
    sp('x.broadcast_to(shape)', (x, a) => x[0].broadcast_to(a.shape)),
  ],
  slice: [
    sp("x.index(':', ..., 'start:end:step')", (x, a) =>
      x[0].index(...prefix(a.axis, x[0].dim()), `${a.start ?? ''}:${a.end ?? ''}:${a.step ?? ''}`),
    ),
    sp("x.index(':', ..., torch.slice(start, end, step))", (x, a) =>
      x[0].index(...prefix(a.axis, x[0].dim()), torch.slice(a.start, a.end, a.step)),
    ),
  ],
  narrow: [
    sp('torch.narrow(x, dim, start, length)', (x, a) => torch.narrow(x[0], a.axis, a.start, a.length)),
    sp('x.narrow(dim, start, length)', (x, a) => x[0].narrow(a.axis, a.start, a.length)),
  ],
  concat: [
    sp('torch.cat(tensors, dim)', (x, a) => torch.cat(x, a.axis)),
    sp('torch.concat(tensors, { dim })', (x, a) => torch.concat(x, { dim: a.axis })),
  ],
  stack: [sp('torch.stack(tensors, dim)', (x, a) => torch.stack(x, a.axis))],
  split: [
    sp('torch.split(x, split, dim)', (x, a) => torch.split(x[0], a.split, a.axis)),
    sp('x.split(split, { dim })', (x, a) => x[0].split(a.split, { dim: a.axis })),
  ],
  chunk: [
    sp('torch.chunk(x, chunks, dim)', (x, a) => torch.chunk(x[0], a.chunks, a.axis)),
    sp('x.chunk(chunks, dim)', (x, a) => x[0].chunk(a.chunks, a.axis)),
  ],
  gather: [
    sp('torch.gather(x, dim, index)', (x, a) => torch.gather(x[0], a.axis, x[1])),
    sp('x.gather(dim, index)', (x, a) => x[0].gather(a.axis, x[1])),
  ],
  take_along_dim: [
    sp('torch.take_along_dim(x, indices, dim)', (x, a) => torch.take_along_dim(x[0], x[1], a.axis)),
    sp('x.take_along_dim(indices, { dim })', (x, a) => x[0].take_along_dim(x[1], { dim: a.axis })),
  ],
  take: [
    sp('torch.take(x, index)', (x) => torch.take(x[0], x[1]), takeCase),
    sp('x.take(index)', (x) => x[0].take(x[1]), takeCase),
  ],
  index_select: [
    sp('torch.index_select(x, dim, index)', (x, a) => torch.index_select(x[0], a.axis, x[1])),
    sp('x.index_select(dim, index)', (x, a) => x[0].index_select(a.axis, x[1])),
  ],
  scatter_add: [
    sp('torch.scatter_add(x, dim, index, src)', (x, a) => torch.scatter_add(x[0], a.axis, x[1], x[2])),
    sp('x.scatter_add(dim, index, src)', (x, a) => x[0].scatter_add(a.axis, x[1], x[2])),
  ],
  flip: [
    sp('torch.flip(x, dims)', (x, a) => torch.flip(x[0], a.dims)),
    sp('x.flip(...dims)', (x, a) => x[0].flip(...a.dims)),
  ],
  repeat: [
    sp('x.repeat(...sizes)', (x, a) => x[0].repeat(...a.reps)),
    sp('x.repeat(sizes)', (x, a) => x[0].repeat(a.reps)),
  ],
  tile: [
    sp('torch.tile(x, dims)', (x, a) => torch.tile(x[0], a.reps)),
    sp('x.tile(dims)', (x, a) => x[0].tile(a.reps)),
  ],
  repeat_interleave: [
    sp('torch.repeat_interleave(x, repeats, { dim })', (x, a) =>
      torch.repeat_interleave(x[0], a.repeats, { dim: a.axis }),
    ),
    sp('x.repeat_interleave(repeats, dim)', (x, a) => x[0].repeat_interleave(a.repeats, a.axis)),
  ],
  squeeze: [
    sp('torch.squeeze(x, dim)', (x, a) =>
      a.dims === null ? torch.squeeze(x[0]) : torch.squeeze(x[0], a.dims),
    ),
    sp('x.squeeze(dim)', (x, a) => (a.dims === null ? x[0].squeeze() : x[0].squeeze(a.dims))),
  ],
  unsqueeze: [
    sp('torch.unsqueeze(x, dim)', (x, a) => torch.unsqueeze(x[0], a.dim)),
    sp('x.unsqueeze(dim)', (x, a) => x[0].unsqueeze(a.dim)),
  ],
  flatten: [
    sp('torch.flatten(x, start_dim, end_dim)', (x, a) => torch.flatten(x[0], a.start, a.end)),
    sp('x.flatten({ start_dim, end_dim })', (x, a) => x[0].flatten({ start_dim: a.start, end_dim: a.end })),
  ],
  t: [sp('torch.t(x)', (x) => torch.t(x[0])), sp('x.t()', (x) => x[0].t())],
  select: [
    sp('torch.select(x, dim, index)', (x, a) => torch.select(x[0], a.axis, a.index)),
    sp('x.select(dim, index)', (x, a) => x[0].select(a.axis, a.index)),
    sp("x.index(':', ..., index)", (x, a) => x[0].index(...prefix(a.axis, x[0].dim()), a.index)),
  ],
  index: [
    sp(
      'x.index(...items)',
      (x, a) => x[0].index(...indexItems(x, a.items)),
      (c) =>
        hasNegativeStep(c)
          ? 'PyTorch refuses negative steps'
          : hasIndexArray(c) && (c.args.items as unknown[]).some((i) => typeof i === 'number')
            ? 'PyTorch selects an integer before the index arrays (x[0, :, [1, 2]] has shape (3, 2)); NumPy makes it a 0-d index array (shape (2, 3))'
            : null,
    ),
  ],
  one_hot: [
    sp(
      'F.one_hot(tensor, num_classes)',
      (x, a) => F.one_hot(x[0], a.depth),
      (c) =>
        c.args.dtype !== 'int32' || c.args.axis !== undefined || c.args.on_value !== undefined
          ? 'F.one_hot has no on/off values, axis or dtype (it gives int64, here int32)'
          : null,
    ),
  ],
  // ---- nn
  pad: [
    sp('F.pad(x, pad, mode, value)', (x, a) => F.pad(x[0], a.pads, 'constant', a.value)),
    sp('F.pad(x, pad, { value })', (x, a) => F.pad(x[0], a.pads, { value: a.value })),
  ],
  softmax: [
    sp('F.softmax(x, dim)', (x, a) => F.softmax(x[0], a.axis)),
    sp('torch.softmax(x, dim)', (x, a) => torch.softmax(x[0], a.axis)),
    sp('x.softmax(dim)', (x, a) => x[0].softmax(a.axis)),
  ],
  log_softmax: [
    sp('F.log_softmax(x, dim)', (x, a) => F.log_softmax(x[0], a.axis)),
    sp('torch.log_softmax(x, dim)', (x, a) => torch.log_softmax(x[0], a.axis)),
    sp('x.log_softmax(dim)', (x, a) => x[0].log_softmax(a.axis)),
  ],
  cross_entropy: [
    sp('F.cross_entropy(input, target, { weight, reduction, label_smoothing })', (x, a) =>
      F.cross_entropy(x[0], x[1], {
        weight: x[2] ?? null,
        reduction: a.reduction,
        label_smoothing: a.label_smoothing ?? 0,
      }),
    ),
  ],
  nll_loss: [
    sp('F.nll_loss(input, target, { weight, reduction })', (x, a) =>
      F.nll_loss(x[0], x[1], { weight: x[2] ?? null, reduction: a.reduction }),
    ),
  ],
  mse_loss: [
    sp('F.mse_loss(input, target, { reduction })', (x, a) =>
      F.mse_loss(x[0], x[1], { reduction: a.reduction }),
    ),
  ],
  binary_cross_entropy: [
    sp('F.binary_cross_entropy(input, target, { weight, reduction })', (x, a) =>
      F.binary_cross_entropy(x[0], x[1], { weight: x[2] ?? null, reduction: a.reduction }),
    ),
  ],
  binary_cross_entropy_with_logits: [
    sp('F.binary_cross_entropy_with_logits(input, target, { weight, reduction })', (x, a) =>
      F.binary_cross_entropy_with_logits(x[0], x[1], { weight: x[2] ?? null, reduction: a.reduction }),
    ),
  ],
  linear: [sp('F.linear(input, weight, bias)', (x) => F.linear(x[0], x[1], x[2] ?? null))],
  softmax_cross_entropy: [
    sp(
      "F.cross_entropy(input, probabilities, { reduction: 'none' })",
      (x) => F.cross_entropy(x[0], x[1], { reduction: 'none' }),
      (c) => {
        const n = c.inputs[0].shape.length;
        return (c.args.axis + n) % n === (n === 1 ? 0 : 1)
          ? null
          : 'F.cross_entropy has the classes on dim 1';
      },
    ),
  ],
  sparse_softmax_cross_entropy: [
    sp(
      "F.cross_entropy(input, target, { reduction: 'none' })",
      (x) => F.cross_entropy(x[0], x[1], { reduction: 'none' }),
      (c) => (c.inputs[0].shape.length <= 2 ? null : 'F.cross_entropy has the classes on dim 1 (here last)'),
    ),
  ],
};

export const torchFacade: Facade = {
  name: 'torch',
  ops: TORCH_OPS,
  replay(c, s, order) {
    const xs = c.inputs.map((ft) => {
      const t = torch.from(makeInput(ft));
      if (ft.requiresGrad) t.requiresGrad_(true);
      return t;
    });
    const outputs = listOf(s.run(xs, c.args, c));
    const src = sourceIndices(c);
    const srcs = src.map((i) => xs[i]);
    const heads: any[] = [];
    const cts: any[] = [];
    c.cotangents.forEach((ct, k) => {
      const o = outputs[k] as any;
      if (!ct || !o?.requiresGrad) return;
      heads.push(o);
      cts.push(torch.from(makeCore(c.outputs[k].shape, c.outputs[k].dtype, ct)));
    });
    const grads = new Map<number, ReturnType<typeof coreOf> | null>();
    if (!src.length) return { outputs, grads };
    if (order === 1) {
      if (heads.length) torch.autograd.backward(heads, cts);
      src.forEach((i) => grads.set(i, xs[i].grad ? coreOf(xs[i].grad) : null));
      return { outputs, grads };
    }
    const gs = heads.length
      ? torch.autograd.grad(heads, srcs, { grad_outputs: cts, create_graph: true, allow_unused: true })
      : srcs.map(() => null);
    const heads2: any[] = [];
    const vs: any[] = [];
    src.forEach((i, k) => {
      const g = gs[k];
      const v = c.order2?.cotangents[i];
      if (!g || !v || !g.requiresGrad) return;
      heads2.push(g);
      vs.push(torch.from(makeCore(c.inputs[i].shape, c.inputs[i].dtype, v)));
    });
    const g2 = heads2.length
      ? torch.autograd.grad(heads2, srcs, { gradOutputs: vs, allowUnused: true })
      : srcs.map(() => null);
    src.forEach((i, k) => grads.set(i, g2[k] ? coreOf(g2[k]) : null));
    return { outputs, grads };
  },
};
