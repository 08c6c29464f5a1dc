/**
 * The golden fixtures through @polygrad/tf: the root names TensorFlow 2 has (`tf.exp`), the
 * `tf.math` / `tf.nn` / `tf.linalg` names, and the tensor methods. Gradients the TensorFlow way:
 * inputs are constants (`tf.from`) that the tape must `watch`; first order with
 * `tape.gradient(targets, sources, { output_gradients })`; second order with two nested tapes,
 * the outer one differentiating the inner one's gradient with the second cotangents.
 */
import type * as core from '@polygrad/core';
import { tf } from '@polygrad/tf';
import { coreOf, type FixtureCase, makeCore, makeInput } from '../fixtures.js';
import {
  axesList,
  except,
  type Facade,
  hasIndexArray,
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

const TF = tf as any;

/** A dotted tf name ('math.exp', 'nn.relu', 'exp') to the function. */
const fnOf = (path: string) => path.split('.').reduce((o, k) => o[k], TF);

function unary(paths: string[], methods: string[] = []): Spelling[] {
  return [
    ...paths.map((p) => sp(`tf.${p}(x)`, (x) => fnOf(p)(x[0]))),
    ...methods.map((n) => sp(`x.${n}()`, (x) => x[0][n]())),
  ];
}

function binary(paths: string[], methods: string[] = []): Spelling[] {
  const other = (x: any[], a: Record<string, any>) => a.other ?? x[1];
  return [
    ...paths.map((p) => sp(`tf.${p}(x, y)`, (x, a) => fnOf(p)(x[0], other(x, a)))),
    ...methods.map((n) => sp(`x.${n}(y)`, (x, a) => x[0][n](other(x, a)))),
  ];
}

function reduction(name: string, root: boolean, skip?: Spelling['skip']): Spelling[] {
  const list: Spelling[] = [
    sp(
      `tf.math.${name}(x, { axis, keepdims })`,
      (x, a) => fnOf(`math.${name}`)(x[0], { axis: a.axes, keepdims: a.keepdim }),
      skip,
    ),
  ];
  if (root) {
    list.unshift(sp(`tf.${name}(x, axis, keepdims)`, (x, a) => fnOf(name)(x[0], a.axes, a.keepdim), skip));
  }
  return list;
}

/**
 * TensorFlow's Maximum/Minimum gradient sends the whole gradient to x where x == y (math_grad.py
 * selects with greater_equal / less_equal); PyTorch splits it in halves. The fixture's tie cases
 * hold PyTorch's halves, so they are not TensorFlow's values (semantics.test.ts checks TF's rule).
 */
const tiesGoToX = (c: FixtureCase) =>
  variantName(c).startsWith('ties')
    ? 'ties: TensorFlow gives x the whole gradient, PyTorch splits it'
    : variantName(c) === 'nan'
      ? 'NaN: the first-operand rule sends the gradient by x >= y (false for NaN); PyTorch gives both'
      : null;

/** TensorFlow's reduce_variance / reduce_std have no correction: the population statistic only. */
const populationOnly = (c: FixtureCase) =>
  c.args.correction === 0
    ? null
    : `reduce_variance/reduce_std have no correction (case has ${c.args.correction})`;

/** tf.argmax has one integer axis and no keepdims. */
const oneAxis = (c: FixtureCase) =>
  c.args.axis === null
    ? 'tf.argmax/argmin need an axis (PyTorch flattens)'
    : c.args.keepdim
      ? 'tf.argmax/argmin have no keepdims'
      : null;

/** tf.tile needs one multiple per axis (PyTorch pads the repeats with leading ones). */
const fullMultiples = (c: FixtureCase) =>
  c.args.reps.length === c.inputs[0].shape.length ? null : 'tf.tile needs one multiple per axis';

/** tf.squeeze refuses an axis whose size is not 1 (PyTorch leaves it). */
const squeezable = (c: FixtureCase) => {
  const shape = c.inputs[0].shape;
  const ax = axesList(c.args.dims) ?? [];
  return ax.some((i) => shape[(i + shape.length) % shape.length] !== 1)
    ? 'tf.squeeze refuses an axis whose size is not 1'
    : null;
};

const swapPerm = (ndim: number, d0: number, d1: number) => {
  const p = Array.from({ length: ndim }, (_, i) => i);
  const [a, b] = [(d0 + ndim) % ndim, (d1 + ndim) % ndim];
  [p[a], p[b]] = [p[b], p[a]];
  return p;
};

/** TensorFlow's ord names: 'euclidean' for 2, np.inf for inf. */
const tfOrd = (o: number | string) => (o === 2 ? 'euclidean' : o === 'inf' ? Number.POSITIVE_INFINITY : o);
/** tf.norm over two axes is a matrix norm: 1 and inf differ from PyTorch's vector norm there. */
const vectorNormOnly = (c: FixtureCase) => {
  const ax = axesList(c.args.axes);
  return c.args.ord !== 2 && ax !== null && isMatrixAxes(c)
    ? `ord=${c.args.ord} over two axes is a matrix norm in TensorFlow`
    : null;
};

/** tf.norm's matrix norms are 'fro' (or 'euclidean'), 1 and inf. */
const tfMatrixOrd = (o: number | string) => (o === 'inf' ? Number.POSITIVE_INFINITY : o);
const tfMatrixOrdOnly = (c: FixtureCase) =>
  c.args.ord === -1 || c.args.ord === '-inf' ? `tf.norm has no matrix norm ord=${c.args.ord}` : null;

const prefix = (axis: number, ndim: number) => Array<string>(((axis % ndim) + ndim) % ndim).fill(':');
/**
 * torch.gather's index along `axis` as the full coordinates tf.gather_nd takes (shape
 * [...index.shape, rank]): index itself on axis, tf.range counting up along every other axis.
 */
function coordinates(index: any, axis: number): any {
  const shape: number[] = index.shape;
  const ax = (axis + shape.length) % shape.length;
  const coords = shape.map((n, d) => {
    if (d === ax) return index;
    const along = shape.map((_, k) => (k === d ? n : 1));
    return tf.broadcast_to(tf.reshape(tf.range(n, { dtype: tf.int32 }), along), shape);
  });
  return tf.stack(coords, -1);
}
const isFloatTensor = (t: any) => t.dtype === tf.float32 || t.dtype === tf.float64;

export const TF_OPS: OpTable = {
  // ---- unary
  neg: unary(['negative', 'math.negative'], ['neg']),
  abs: unary(['abs', 'math.abs'], ['abs']),
  sign: unary(['sign', 'math.sign']),
  exp: unary(['exp', 'math.exp']),
  log: unary(['math.log', 'log']),
  log1p: unary(['math.log1p']),
  expm1: unary(['math.expm1']),
  sqrt: unary(['sqrt', 'math.sqrt']),
  rsqrt: unary(['math.rsqrt']),
  square: unary(['square', 'math.square']),
  reciprocal: unary(['math.reciprocal']),
  sin: unary(['sin', 'math.sin']),
  cos: unary(['cos', 'math.cos']),
  tan: unary(['tan', 'math.tan']),
  tanh: unary(['tanh', 'math.tanh', 'nn.tanh']),
  sigmoid: unary(['sigmoid', 'math.sigmoid', 'nn.sigmoid']),
  relu: unary(['nn.relu']),
  leaky_relu: [
    // TensorFlow's default alpha is 0.2 and PyTorch's 0.01: the case's slope is passed.
    sp('tf.nn.leaky_relu(features, alpha)', (x, a) => tf.nn.leaky_relu(x[0], a.negative_slope ?? 0.01)),
  ],
  elu: [
    sp(
      'tf.nn.elu(features)',
      (x) => tf.nn.elu(x[0]),
      (c) => (c.args.alpha === undefined ? null : 'tf.nn.elu has no alpha (it is 1)'),
    ),
  ],
  gelu: unary(['nn.gelu']),
  softplus: unary(['nn.softplus', 'math.softplus']),
  floor: unary(['floor', 'math.floor']),
  ceil: unary(['math.ceil']),
  round: unary(['round', 'math.round']),
  clone: unary(['identity']),
  cast: [
    sp('tf.cast(x, tf.<dtype>)', (x, a) => tf.cast(x[0], a.dtype === 'float64' ? tf.float64 : tf.float32)),
    sp("tf.cast(x, '<dtype>')", (x, a) => tf.cast(x[0], a.dtype)),
  ],
  // ---- binary
  add: binary(['add', 'math.add'], ['add']),
  sub: binary(['subtract', 'math.subtract'], ['sub']),
  mul: binary(['multiply', 'math.multiply'], ['mul']),
  div: binary(['divide', 'math.truediv'], ['div']),
  pow: binary(['pow', 'math.pow'], ['pow']),
  pow_scalar: [
    sp('tf.pow(x, exponent)', (x, a) => tf.pow(x[0], a.exponent)),
    sp('x.pow(exponent)', (x, a) => x[0].pow(a.exponent)),
  ],
  maximum: except(binary(['maximum', 'math.maximum']), tiesGoToX),
  minimum: except(binary(['minimum', 'math.minimum']), tiesGoToX),
  eq: binary(['equal', 'math.equal'], ['eq']),
  ne: binary(['not_equal', 'math.not_equal'], ['ne']),
  lt: binary(['less', 'math.less'], ['lt']),
  le: binary(['less_equal', 'math.less_equal'], ['le']),
  gt: binary(['greater', 'math.greater'], ['gt']),
  ge: binary(['greater_equal', 'math.greater_equal'], ['ge']),
  logical_and: binary(['logical_and', 'math.logical_and']),
  logical_or: binary(['logical_or', 'math.logical_or']),
  logical_not: unary(['logical_not', 'math.logical_not']),
  isnan: unary(['math.is_nan']),
  where: [sp('tf.where(condition, x, y)', (x) => tf.where(x[0], x[1], x[2]))],
  argwhere: [sp('tf.where(condition)', (x) => tf.where(x[0]))],
  // ---- reductions
  sum: reduction('reduce_sum', true),
  mean: reduction('reduce_mean', true),
  prod: reduction('reduce_prod', true),
  max: reduction('reduce_max', true),
  min: reduction('reduce_min', true),
  argmax: [
    sp('tf.argmax(input, axis)', (x, a) => tf.argmax(x[0], a.axis), oneAxis),
    sp('tf.math.argmax(input, { axis })', (x, a) => tf.math.argmax(x[0], { axis: a.axis }), oneAxis),
  ],
  argmin: [
    sp('tf.argmin(input, axis)', (x, a) => tf.argmin(x[0], a.axis), oneAxis),
    sp('tf.math.argmin(input, { axis })', (x, a) => tf.math.argmin(x[0], { axis: a.axis }), oneAxis),
  ],
  logsumexp: reduction('reduce_logsumexp', true),
  var: reduction('reduce_variance', false, populationOnly),
  std: reduction('reduce_std', false, populationOnly),
  norm: [
    sp(
      'tf.norm(tensor, ord, axis, keepdims)',
      (x, a) => tf.norm(x[0], tfOrd(a.ord), a.axes, a.keepdim),
      vectorNormOnly,
    ),
    sp(
      'tf.linalg.norm(tensor, { ord, axis, keepdims })',
      (x, a) => tf.linalg.norm(x[0], { ord: tfOrd(a.ord), axis: a.axes, keepdims: a.keepdim }),
      vectorNormOnly,
    ),
  ],
  matrix_norm: [
    sp(
      'tf.norm(tensor, ord, axis, keepdims)',
      (x, a) => tf.norm(x[0], tfMatrixOrd(a.ord), a.axes, a.keepdim),
      tfMatrixOrdOnly,
    ),
    sp(
      'tf.linalg.norm(tensor, { ord, axis, keepdims })',
      (x, a) => tf.linalg.norm(x[0], { ord: tfMatrixOrd(a.ord), axis: a.axes, keepdims: a.keepdim }),
      tfMatrixOrdOnly,
    ),
  ],
  tensordot: [
    sp('tf.tensordot(a, b, axes)', (x, a) => tf.tensordot(x[0], x[1], a.dims)),
    sp('tf.linalg.tensordot(a, b, { axes })', (x, a) => tf.linalg.tensordot(x[0], x[1], { axes: a.dims })),
  ],
  matmul: [
    sp('tf.matmul(a, b)', (x) => tf.matmul(x[0], x[1])),
    sp('tf.linalg.matmul(a, b)', (x) => tf.linalg.matmul(x[0], x[1])),
    sp('a.matmul(b)', (x) => x[0].matmul(x[1])),
  ],
  dot: [
    sp('tf.tensordot(a, b, 1)', (x) => tf.tensordot(x[0], x[1], 1)),
    sp('tf.tensordot(a, b, { axes: 1 })', (x) => tf.tensordot(x[0], x[1], { axes: 1 })),
  ],
  // ---- movement and indexing
  reshape: [sp('tf.reshape(tensor, shape)', (x, a) => tf.reshape(x[0], a.shape))],
  t: [sp('tf.transpose(a)', (x) => tf.transpose(x[0]))],
  transpose: [sp('tf.transpose(a, perm)', (x, a) => tf.transpose(x[0], swapPerm(x[0].ndim, a.dim0, a.dim1)))],
  permute: [
    sp('tf.transpose(a, perm)', (x, a) => tf.transpose(x[0], a.dims)),
    sp('tf.transpose(a, { perm })', (x, a) => tf.transpose(x[0], { perm: a.dims })),
  ],
  broadcast_to: [sp('tf.broadcast_to(input, shape)', (x, a) => tf.broadcast_to(x[0], a.shape))],
  concat: [sp('tf.concat(values, axis)', (x, a) => tf.concat(x, a.axis))],
  stack: [sp('tf.stack(values, axis)', (x, a) => tf.stack(x, a.axis))],
  pad: [
    sp("tf.pad(tensor, paddings, 'CONSTANT', constant_values)", (x, a, c) =>
      tf.pad(x[0], padPairs(c), 'CONSTANT', a.value),
    ),
    sp('tf.pad(tensor, paddings, { constant_values })', (x, a, c) =>
      tf.pad(x[0], padPairs(c), { constant_values: a.value }),
    ),
  ],
  gather: [sp('tf.gather_nd(params, coordinates)', (x, a) => tf.gather_nd(x[0], coordinates(x[1], a.axis)))],
  take_along_dim: [
    sp('tf.gather_nd(params, { indices: coordinates })', (x, a) =>
      tf.gather_nd(x[0], { indices: coordinates(x[1], a.axis) }),
    ),
  ],
  index_select: [
    sp('tf.gather(params, indices, { axis })', (x, a) => tf.gather(x[0], x[1], { axis: a.axis })),
  ],
  select: [
    sp(
      'tf.gather(params, index, { axis })',
      (x, a) => tf.gather(x[0], a.index, { axis: a.axis }),
      (c) =>
        c.args.index < 0 ? 'tf.gather refuses negative indices (Python slicing would take them)' : null,
    ),
    sp("x.index(':', ..., index)", (x, a) => x[0].index(...prefix(a.axis, x[0].ndim), a.index)),
  ],
  slice: [
    sp('tf.strided_slice(x, begin, end, strides, { begin_mask, end_mask })', (x, a) => {
      const n = x[0].ndim;
      const ax = (a.axis + n) % n;
      const at = (v: number) => Array.from({ length: n }, (_, i) => (i === ax ? v : 0));
      const others = ((1 << n) - 1) & ~(1 << ax);
      return tf.strided_slice(
        x[0],
        at(a.start ?? 0),
        at(a.end ?? 0),
        at(a.step ?? 1).map((v, i) => (i === ax ? v : 1)),
        {
          begin_mask: others | (a.start == null ? 1 << ax : 0),
          end_mask: others | (a.end == null ? 1 << ax : 0),
        },
      );
    }),
    sp("x.index(':', ..., 'start:end:step')", (x, a) =>
      x[0].index(...prefix(a.axis, x[0].ndim), `${a.start ?? ''}:${a.end ?? ''}:${a.step ?? ''}`),
    ),
  ],
  narrow: [
    sp('tf.slice(input_, begin, size)', (x, a) => {
      const n = x[0].ndim;
      const ax = (a.axis + n) % n;
      const s = a.start < 0 ? a.start + x[0].shape[ax] : a.start;
      return tf.slice(
        x[0],
        x[0].shape.map((_: number, i: number) => (i === ax ? s : 0)),
        x[0].shape.map((d: number, i: number) => (i === ax ? a.length : d)),
      );
    }),
  ],
  index: [
    sp(
      'x.index(...items)',
      (x, a) => x[0].index(...indexItems(x, a.items)),
      (c) =>
        hasIndexArray(c) ? "TensorFlow's x[...] takes no index arrays or masks (tf.gather does)" : null,
    ),
  ],
  take: [
    sp(
      'tf.gather(params, indices, { axis })',
      (x, a) => tf.gather(x[0], x[1], { axis: a.axis }),
      (c) =>
        c.args.axis === null
          ? 'tf.gather needs an axis (np.take flattens)'
          : c.args.mode !== 'raise'
            ? `tf.gather has no mode '${c.args.mode}'`
            : intValues(c, 1).some((v) => v < 0)
              ? 'tf.gather refuses negative indices'
              : null,
    ),
  ],
  one_hot: [
    sp('tf.one_hot(indices, depth, { on_value, off_value, axis, dtype })', (x, a) =>
      tf.one_hot(x[0], a.depth, {
        on_value: a.on_value,
        off_value: a.off_value,
        axis: a.axis,
        dtype: a.dtype,
      }),
    ),
  ],
  repeat: [sp('tf.tile(input, multiples)', (x, a) => tf.tile(x[0], a.reps), fullMultiples)],
  tile: [sp('tf.tile(input, multiples)', (x, a) => tf.tile(x[0], a.reps), fullMultiples)],
  squeeze: [
    sp('tf.squeeze(input, axis)', (x, a) => tf.squeeze(x[0], a.dims), squeezable),
    sp('tf.squeeze(input, { axis })', (x, a) => tf.squeeze(x[0], { axis: a.dims }), squeezable),
  ],
  unsqueeze: [sp('tf.expand_dims(input, axis)', (x, a) => tf.expand_dims(x[0], a.dim))],
  softmax: [
    sp('tf.nn.softmax(logits, axis)', (x, a) => tf.nn.softmax(x[0], a.axis)),
    sp('tf.nn.softmax(logits, { axis })', (x, a) => tf.nn.softmax(x[0], { axis: a.axis })),
  ],
  log_softmax: [sp('tf.nn.log_softmax(logits, axis)', (x, a) => tf.nn.log_softmax(x[0], a.axis))],
  cross_entropy: [
    sp(
      'tf.reduce_mean(tf.nn.(sparse_)softmax_cross_entropy_with_logits(labels, logits))',
      (x, a) => {
        const per = isFloatTensor(x[1])
          ? tf.nn.softmax_cross_entropy_with_logits(x[1], x[0], { axis: x[0].ndim === 1 ? 0 : 1 })
          : tf.nn.sparse_softmax_cross_entropy_with_logits(x[1], x[0]);
        return a.reduction === 'mean'
          ? tf.reduce_mean(per)
          : a.reduction === 'sum'
            ? tf.reduce_sum(per)
            : per;
      },
      (c) =>
        c.inputs.length > 2
          ? 'TensorFlow has no class weights (tf.nn.weighted_cross_entropy_with_logits is binary)'
          : c.args.label_smoothing
            ? 'label smoothing is a Keras loss option (tf.keras.losses)'
            : null,
    ),
  ],
  softmax_cross_entropy: [
    sp('tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis)', (x, a) =>
      tf.nn.softmax_cross_entropy_with_logits(x[1], x[0], a.axis),
    ),
  ],
  sparse_softmax_cross_entropy: [
    sp('tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)', (x) =>
      tf.nn.sparse_softmax_cross_entropy_with_logits(x[1], x[0]),
    ),
  ],
};

export const tfFacade: Facade = {
  name: 'tf',
  ops: TF_OPS,
  replay(c, s, order) {
    const xs = c.inputs.map((ft) => tf.from(makeInput(ft)));
    const src = sourceIndices(c);
    const srcs = src.map((i) => xs[i]);
    const grads = new Map<number, core.Tensor | null>();
    const targetsOf = (outputs: unknown[]) => {
      const targets: any[] = [];
      const cts: any[] = [];
      c.cotangents.forEach((ct, k) => {
        if (!ct) return;
        targets.push(outputs[k]);
        cts.push(tf.from(makeCore(c.outputs[k].shape, c.outputs[k].dtype, ct)));
      });
      return { targets, cts };
    };
    if (order === 1) {
      const tape = tf.GradientTape();
      const outputs = tape.record(() => {
        tape.watch(srcs);
        return listOf(s.run(xs, c.args, c));
      });
      const { targets, cts } = targetsOf(outputs);
      const gs: any[] =
        targets.length && srcs.length
          ? tape.gradient(targets, srcs, { output_gradients: cts })
          : srcs.map(() => null);
      src.forEach((i, k) => grads.set(i, gs[k] ? coreOf(gs[k]) : null));
      return { outputs, grads };
    }
    const outer = tf.GradientTape();
    let gs: any[] = srcs.map(() => null);
    const outputs = outer.record(() => {
      outer.watch(srcs);
      const inner = tf.GradientTape();
      const outs = inner.record(() => {
        inner.watch(srcs);
        return listOf(s.run(xs, c.args, c));
      });
      const { targets, cts } = targetsOf(outs);
      if (targets.length && srcs.length) gs = inner.gradient(targets, srcs, { outputGradients: cts });
      return outs;
    });
    const targets2: any[] = [];
    const vs: any[] = [];
    src.forEach((i, k) => {
      const v = c.order2?.cotangents[i];
      if (!gs[k] || !v) return;
      targets2.push(gs[k]);
      vs.push(tf.from(makeCore(c.inputs[i].shape, c.inputs[i].dtype, v)));
    });
    const g2: any[] = targets2.length
      ? outer.gradient(targets2, srcs, { outputGradients: vs })
      : srcs.map(() => null);
    src.forEach((i, k) => grads.set(i, g2[k] ? coreOf(g2[k]) : null));
    return { outputs, grads };
  },
};
