/** matmul, tensordot and norm (also under `tf.linalg`). */
import * as core from '@polygrad/core';
import { axesArg } from './args.js';
import { type Tensor, type TensorLike, toCore, wrap } from './tensor.js';

type Rest = unknown[];

/** `tf.matmul(a, b, transpose_a?, transpose_b?)`; batch dimensions broadcast. */
export function matmul(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs(
    'matmul',
    [x, ...rest],
    [
      'a',
      'b',
      'transposeA',
      'transposeB',
      'adjointA',
      'adjointB',
      'aIsSparse',
      'bIsSparse',
      'outputType',
      'name',
    ],
  );
  let ta = toCore(a.a);
  let tb = toCore(a.b);
  // Real tensors: the adjoint is the transpose.
  if (a.transposeA || a.adjointA) ta = core.transpose(ta, -2, -1);
  if (a.transposeB || a.adjointB) tb = core.transpose(tb, -2, -1);
  return wrap(core.matmul(ta, tb));
}

/** `tf.tensordot(a, b, axes)`: axes is an int N (last N of a with first N of b) or a pair of axis lists. */
export function tensordot(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('tensordot', [x, ...rest], ['a', 'b', 'axes', 'name']);
  if (a.axes === undefined) throw new TypeError("tensordot() missing 1 required positional argument: 'axes'");
  return wrap(core.tensordot(toCore(a.a), toCore(a.b), a.axes as core.TensordotAxes));
}

export type NormOrd = number | 'euclidean' | 'fro';

/** TensorFlow's choices of ord and axis, with its errors; the norms are core's. */
function normOf(
  x: core.Tensor,
  ord: NormOrd,
  axis: number | readonly number[] | null,
  keepdims: boolean,
): core.Tensor {
  const inf = Number.POSITIVE_INFINITY;
  if (typeof ord === 'number' && !(ord > 0)) {
    throw new RangeError(`'ord' must be a supported vector norm, got ${ord}`);
  }
  if (!(Array.isArray(axis) && axis.length === 2)) {
    if (ord === 'fro') throw new RangeError(`'ord' must be a supported vector norm, got fro`);
    return core.norm(x, ord === 'euclidean' ? 2 : ord, axis as number | readonly number[] | null, keepdims);
  }
  const [r, c] = (axis as readonly number[]).map((d) => core.normAxis(d, x.ndim, 'norm'));
  if (r === c) throw new RangeError(`'axis' must be a 2-tuple of distinct dimensions, got (${r}, ${c})`);
  if (ord !== 'euclidean' && ord !== 'fro' && ord !== 1 && ord !== inf) {
    throw new RangeError(
      `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, inf], got ${ord} (the spectral norm, ord=2, is not supported by polygrad)`,
    );
  }
  return core.matrixNorm(x, ord === 'euclidean' ? 'fro' : ord, [r, c], keepdims);
}

/**
 * `tf.norm(tensor, ord = 'euclidean', axis = null, keepdims = false)`: a vector norm over all
 * values or an axis; a matrix norm ('euclidean'/'fro', 1, Infinity) over a pair of axes.
 */
export function norm(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('norm', [x, ...rest], ['tensor', 'ord', 'axis', 'keepdims', 'name'], {
    ord: 'euclidean',
  });
  const ord = (a.ord === 'inf' || a.ord === 'np.inf' ? Number.POSITIVE_INFINITY : a.ord) as NormOrd;
  return wrap(normOf(toCore(a.tensor), ord, axesArg(a.axis), Boolean(a.keepdims)));
}

/**
 * `tf.linalg.matvec(a, b, transpose_a?, adjoint_a?)`: a [..., M, N] times b [..., N] is [..., M];
 * batch dimensions broadcast.
 */
export function matvec(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs(
    'matvec',
    [x, ...rest],
    ['a', 'b', 'transposeA', 'adjointA', 'aIsSparse', 'bIsSparse', 'name'],
  );
  let ta = toCore(a.a);
  const tb = toCore(a.b);
  if (ta.ndim < 2) throw new core.ShapeError(`Shape must be at least rank 2 but is rank ${ta.ndim}`);
  if (tb.ndim < 1) throw new core.ShapeError(`Shape must be at least rank 1 but is rank ${tb.ndim}`);
  if (a.transposeA || a.adjointA) ta = core.transpose(ta, -2, -1);
  if (tb.ndim === 1) return wrap(core.matmul(ta, tb));
  return wrap(core.squeeze(core.matmul(ta, core.unsqueeze(tb, -1)), -1));
}

export const linalg = { matmul, matvec, tensordot, norm };
core.addPythonAliases(linalg);
