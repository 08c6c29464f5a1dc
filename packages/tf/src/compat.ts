/**
 * What TensorFlow needs and core does not have yet, composed from core ops. Every function
 * here is differentiable where TensorFlow's is (it uses only core's recorded ops), except the
 * data-dependent `whereIndices`. Each is marked for a move into core.
 */
import * as core from '@polygrad/core';

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

function prod(xs: readonly number[]): number {
  return xs.reduce((p, d) => p * d, 1);
}

export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

/**
 * TODO(core): move to core. tf.tensordot: contracts `axes` of a with those of b. An int N
 * means the last N axes of a and the first N of b; a pair lists the axes of each.
 */
export function tensordot(a: core.Tensor, b: core.Tensor, axes: TensordotAxes): core.Tensor {
  let ax: number[];
  let bx: number[];
  if (typeof axes === 'number') {
    if (!Number.isInteger(axes) || axes < 0) throw new RangeError(`'axes' must be at least 0, got ${axes}.`);
    if (axes > a.ndim || axes > b.ndim) {
      throw new RangeError(
        `'axes' must not be larger than the number of dimensions of tensor ${a.ndim < axes ? 'a' : 'b'}.`,
      );
    }
    ax = range(a.ndim - axes, a.ndim);
    bx = range(0, axes);
  } else {
    const list = (v: number | readonly number[]) => (typeof v === 'number' ? [v] : [...v]);
    ax = list(axes[0]).map((d) => core.normAxis(d, a.ndim, 'tensordot'));
    bx = list(axes[1]).map((d) => core.normAxis(d, b.ndim, 'tensordot'));
    if (ax.length !== bx.length) {
      throw new RangeError(`Different number of contraction axes 'a' and 'b', ${ax.length} != ${bx.length}.`);
    }
  }
  ax.forEach((d, i) => {
    if (a.shape[d] !== b.shape[bx[i]]) {
      throw new core.ShapeError(
        `tensordot: dimension ${d} of a (${a.shape[d]}) does not match dimension ${bx[i]} of b (${b.shape[bx[i]]})`,
      );
    }
  });
  const freeA = range(0, a.ndim).filter((d) => !ax.includes(d));
  const freeB = range(0, b.ndim).filter((d) => !bx.includes(d));
  const outShape = [...freeA.map((d) => a.shape[d]), ...freeB.map((d) => b.shape[d])];
  const m = prod(freeA.map((d) => a.shape[d]));
  const k = prod(ax.map((d) => a.shape[d]));
  const n = prod(freeB.map((d) => b.shape[d]));
  const a2 = core.reshape(core.permute(a, [...freeA, ...ax]), [m, k]);
  const b2 = core.reshape(core.permute(b, [...bx, ...freeB]), [k, n]);
  return core.reshape(core.matmul(a2, b2), outShape);
}

function oneHot(t: core.Tensor, i: number): core.Tensor {
  const v = new Float64Array(t.size);
  v[i] = 1;
  return core.reshape(core.tensor(v, { dtype: t.dtype, backend: t.backend }), t.shape);
}

/**
 * TODO(core): move to core (Tape.jacobian over several sources). The jacobian of target with
 * respect to each source in one use of the tape: row i is the gradient of target[i].
 */
export function jacobians(
  tape: core.Tape,
  recordWith: readonly core.Recorder[],
  target: core.Tensor,
  sources: readonly core.Tensor[],
  unconnected: 'none' | 'zero',
): (core.Tensor | null)[] {
  const rows: core.Tensor[][] = sources.map(() => []);
  const reached = sources.map(() => true);
  for (let i = 0; i < target.size; i++) {
    const hg = oneHot(target, i);
    const gs = core.walk([target], [hg], sources, {
      recorder: tape,
      retainGraph: true,
      recordWith,
      allowUnused: true,
    }).sources;
    hg.dispose();
    gs.forEach((g, j) => {
      if (g) rows[j].push(g);
      else reached[j] = false;
    });
  }
  return sources.map((s, j) => {
    const shape = [...target.shape, ...s.shape];
    if (!core.isFloat(s.dtype)) return null;
    if (!reached[j] || target.size === 0) {
      rows[j].forEach((r) => r.dispose());
      return unconnected === 'zero' || target.size === 0
        ? core.zeros(shape, { dtype: s.dtype, backend: s.backend })
        : null;
    }
    return core.reshape(core.stack(rows[j]), shape);
  });
}

/**
 * TODO(core): move to core (a nonzero / argwhere op). tf.where(condition) with one argument:
 * the coordinates of the true elements, shape [n, rank], int32. Reads the values (sync).
 */
export function whereIndices(cond: core.Tensor): core.Tensor {
  const c = core.cast(cond, 'bool');
  const data = c.dataSync();
  const strides = core.contiguousStrides(cond.shape);
  const out: number[] = [];
  for (let k = 0; k < data.length; k++) {
    if (!data[k]) continue;
    let r = k;
    for (const s of strides) {
      out.push(Math.floor(r / s));
      r %= s;
    }
  }
  const flat = core.tensor(Int32Array.from(out), { dtype: 'int32', backend: cond.backend });
  return core.reshape(flat, [out.length / Math.max(cond.ndim, 1) || 0, cond.ndim]);
}

/**
 * TODO(core): move to core (mean of integer tensors). TensorFlow's reduce_mean of an int32
 * tensor is the integer quotient of the sum by the count, truncated toward zero.
 */
export function integerMean(x: core.Tensor, axes: number | number[] | null, keepdims: boolean): core.Tensor {
  const s = core.sum(x, axes, keepdims);
  const count = s.size === 0 ? 1 : x.size / s.size;
  return core.cast(core.trunc(core.div(s, count || 1)), 'int32');
}

export type NormOrd = number | 'euclidean' | 'fro';

/**
 * TODO(core): move to core (p-norms for any p > 0, and matrix 1- and inf-norms). tf.norm:
 * vector norms over all values or one axis; matrix norms over a pair of axes.
 */
export function norm(
  x: core.Tensor,
  ord: NormOrd,
  axis: number | readonly number[] | null,
  keepdims: boolean,
): core.Tensor {
  const matrix = Array.isArray(axis) && axis.length === 2;
  const inf = Number.POSITIVE_INFINITY;
  if (typeof ord === 'number' && !(ord > 0)) {
    throw new RangeError(`'ord' must be a supported vector norm, got ${ord}`);
  }
  if (!matrix) {
    if (ord === 'fro') throw new RangeError(`'ord' must be a supported vector norm, got fro`);
    const ax = axis as number | readonly number[] | null;
    if (ord === 'euclidean' || ord === 2) return core.norm(x, 2, ax, keepdims);
    if (ord === 1 || ord === inf) return core.norm(x, ord, ax, keepdims);
    const p = ord as number;
    return core.pow(core.sum(core.pow(core.abs(x), p), ax, keepdims), 1 / p);
  }
  const [r, c] = (axis as readonly number[]).map((d) => core.normAxis(d, x.ndim, 'norm'));
  if (r === c) throw new RangeError(`'axis' must be a 2-tuple of distinct dimensions, got (${r}, ${c})`);
  if (ord === 'euclidean' || ord === 'fro') return core.norm(x, 2, [r, c], keepdims);
  let out: core.Tensor;
  if (ord === 1) out = core.max(core.sum(core.abs(x), r, true), c, true);
  else if (ord === inf) out = core.max(core.sum(core.abs(x), c, true), r, true);
  else {
    throw new RangeError(
      `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, inf], got ${ord} (the spectral norm, ord=2, is not supported by polygrad)`,
    );
  }
  return keepdims
    ? out
    : core.reshape(
        out,
        x.shape.filter((_, i) => i !== r && i !== c),
      );
}
