import { record } from '../autograd/record.js';
import { isFloat, promoteTypes } from '../dtype.js';
import { tidy } from '../memory.js';
import { broadcastShapes, broadcastStrides, normAxis, ShapeError, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast, mul } from './elementwise.js';
import { permute, reshape, transpose, unsqueeze } from './movement.js';
import { sumTo } from './reduce.js';
import { asTensor, commonBackend, empty, reshaped, type TensorLike } from './util.js';

function mismatch(a: Tensor, b: Tensor): ShapeError {
  const desc = (t: Tensor) => (t.ndim === 2 ? `${t.shape[0]}x${t.shape[1]}` : shapeStr(t.shape));
  return new ShapeError(`mat1 and mat2 shapes cannot be multiplied (${desc(a)} and ${desc(b)})`);
}

/**
 * NumPy/PyTorch matmul: 1-D·1-D is a dot product, 1-D operands are promoted to a row or
 * column and the added dimension dropped, batch dimensions broadcast. The backward
 * multiplies by transposed views of the operands; the kernels read them without copies.
 */
export function matmul(x: TensorLike, y: TensorLike): Tensor {
  let a = asTensor(x);
  let b = asTensor(y);
  commonBackend('matmul', a, b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`,
    );
  }
  const d = promoteTypes(a.dtype, b.dtype);
  a = cast(a, d);
  b = cast(b, d);
  const a2 = a.ndim === 1 ? a.alias([1, a.shape[0]], [0, a.strides[0]]) : a;
  const b2 = b.ndim === 1 ? b.alias([b.shape[0], 1], [b.strides[0], 0]) : b;
  const m = a2.shape[a2.ndim - 2];
  const k = a2.shape[a2.ndim - 1];
  const n = b2.shape[b2.ndim - 1];
  if (b2.shape[b2.ndim - 2] !== k) {
    if (a.ndim === 1 && b.ndim === 1) {
      throw new ShapeError(
        `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
      );
    }
    throw mismatch(a, b);
  }
  const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2), 'matmul');
  const av = a2.view;
  const bv = b2.view;
  const out2Shape = [...batch, m, n];
  const out = empty(d, out2Shape, a.backend);
  a.storage.backend.matmul(
    reshaped(av, [...batch, m, k], broadcastStrides(a2.shape, a2.strides, [...batch, m, k])),
    reshaped(bv, [...batch, k, n], broadcastStrides(b2.shape, b2.strides, [...batch, k, n])),
    out.view,
  );
  if (a2 !== a) a2.dispose();
  if (b2 !== b) b2.dispose();
  const finalShape = [...batch, ...(a.ndim > 1 ? [m] : []), ...(b.ndim > 1 ? [n] : [])];
  let result = out;
  if (finalShape.length !== out2Shape.length) {
    result = out.alias(finalShape, undefined, 0);
    out.dispose();
  }
  if (!isFloat(d)) return result;
  const name =
    a.ndim === 1 && b.ndim === 1
      ? 'DotBackward0'
      : a.ndim === 2 && b.ndim === 1
        ? 'MvBackward0'
        : a.ndim === 2 && b.ndim === 2
          ? 'MmBackward0'
          : a.ndim > 2 || b.ndim > 2
            ? 'BmmBackward0'
            : 'MmBackward0';
  record(
    name,
    [a, b],
    result,
    ([g], [sa, sb], needs) => {
      if (a.ndim === 1 && b.ndim === 1) return [needs[0] ? mul(g, sb) : null, needs[1] ? mul(g, sa) : null];
      const A = sa.ndim === 1 ? unsqueeze(sa, 0) : sa;
      const B = sb.ndim === 1 ? unsqueeze(sb, 1) : sb;
      const G = reshape(g, out2Shape);
      // Only the wanted side: a data batch's gradient costs as much as the weights'. An operand
      // stored transposed (linear's weight Wᵀ) gets its gradient in the same layout, as PyTorch
      // does, so that accumulating into W's .grad reads it densely, not across rows.
      const ga = !needs[0]
        ? null
        : transposedDense(A) && B.ndim === 2
          ? transpose(matmul(B, transpose(G, 0, 1)), 0, 1)
          : reshape(sumTo(matmul(G, transpose(B, -1, -2)), A.shape), sa.shape);
      const gb = !needs[1]
        ? null
        : transposedDense(B) && A.ndim === 2
          ? transpose(matmul(transpose(G, 0, 1), A), 0, 1)
          : reshape(sumTo(matmul(transpose(A, -1, -2), G), B.shape), sb.shape);
      return [ga, gb];
    },
    [a, b],
  );
  return result;
}

/** A 2-D matrix laid out column by column (the transpose of a dense one). */
function transposedDense(t: Tensor): boolean {
  return (
    t.ndim === 2 && t.shape[0] > 1 && t.shape[1] > 1 && t.strides[0] === 1 && t.strides[1] === t.shape[0]
  );
}

/** 1-D dot product (torch.dot): both operands must be vectors of one length. */
export function dot(x: TensorLike, y: TensorLike): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new ShapeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  }
  return matmul(a, b);
}

/** The outer product of two vectors (torch.outer / np.outer): [n] and [m] give [n, m]. */
export function outer(x: TensorLike, y: TensorLike): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  if (a.ndim !== 1) throw new ShapeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw new ShapeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  return tidy(() => mul(unsqueeze(a, 1), unsqueeze(b, 0)));
}

/** tensordot's axes: n (a's last n with b's first n), or a's and b's axes (a list or one each). */
export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

/**
 * Contracts a's `axes[0]` with b's `axes[1]` (np.tensordot / tf.tensordot / torch.tensordot); a
 * number n means a's last n axes with b's first n. Built from permute, reshape and matmul.
 */
export function tensordot(x: TensorLike, y: TensorLike, axes: TensordotAxes = 2): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const [ax, bx] = contractedAxes(a, b, axes);
  ax.forEach((d, i) => {
    if (a.shape[d] !== b.shape[bx[i]]) {
      throw new ShapeError(
        `tensordot: shape mismatch for sum (a ${shapeStr(a.shape)} axes ${shapeStr(ax)}, b ${shapeStr(b.shape)} axes ${shapeStr(bx)}): dimension ${d} of a (${a.shape[d]}) does not match dimension ${bx[i]} of b (${b.shape[bx[i]]})`,
      );
    }
  });
  const freeA = a.shape.map((_, i) => i).filter((i) => !ax.includes(i));
  const freeB = b.shape.map((_, i) => i).filter((i) => !bx.includes(i));
  const size = (t: Tensor, ds: number[]) => ds.reduce((n, d) => n * t.shape[d], 1);
  const outShape = [...freeA.map((d) => a.shape[d]), ...freeB.map((d) => b.shape[d])];
  return tidy(() => {
    const A = reshape(permute(a, [...freeA, ...ax]), [size(a, freeA), size(a, ax)]);
    const B = reshape(permute(b, [...bx, ...freeB]), [size(b, bx), size(b, freeB)]);
    return reshape(matmul(A, B), outShape);
  });
}

function contractedAxes(a: Tensor, b: Tensor, axes: TensordotAxes): [number[], number[]] {
  if (typeof axes === 'number') {
    if (!Number.isInteger(axes) || axes < 0)
      throw new RangeError(`tensordot: 'axes' must be at least 0, got ${axes}.`);
    if (axes > a.ndim || axes > b.ndim) {
      throw new RangeError(
        `tensordot: 'axes' must not be larger than the number of dimensions of tensor ${a.ndim < axes ? 'a' : 'b'}.`,
      );
    }
    return [
      Array.from({ length: axes }, (_, i) => a.ndim - axes + i),
      Array.from({ length: axes }, (_, i) => i),
    ];
  }
  const list = (v: number | readonly number[]) => (typeof v === 'number' ? [v] : [...v]);
  const ax = list(axes[0]).map((d) => normAxis(d, a.ndim, 'tensordot'));
  const bx = list(axes[1]).map((d) => normAxis(d, b.ndim, 'tensordot'));
  if (ax.length !== bx.length) {
    throw new ShapeError(
      `tensordot: different number of contraction axes for a and b, ${ax.length} != ${bx.length}.`,
    );
  }
  return [ax, bx];
}
