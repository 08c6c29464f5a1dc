/**
 * Norms. Vector norms (torch.linalg.vector_norm, np.linalg.norm of a vector, tf.norm) over any
 * axes: ord 2 and other p are one node, LinalgVectorNormBackward0, whose backward is written
 * with ops; 1 and ±Infinity are sums and extremes of |x|. Matrix norms over two axes: 'fro',
 * 1 and -1 (largest / smallest column sum of |x|), Infinity and -Infinity (row sums).
 */
import { tidy } from '../memory.js';
import { normAxes, normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { abs, div, eq, mul, pow, sign, sqrt, square, where } from './elementwise.js';
import { fused } from './fused.js';
import { reshape } from './movement.js';
import { type Axes, max, min, type ReduceOptions, sum, unreduce, widened } from './reduce.js';
import { asTensor, type TensorLike } from './util.js';

/**
 * The vector p-norm over the axes (all by default): ord 2 (default), 1, ±Infinity, or any other
 * finite p ≠ 0, (Σ|x|^p)^(1/p). The subgradient where the norm is 0 is 0 (PyTorch masks it).
 */
export function norm(x: TensorLike, ord = 2, axes?: Axes, keepdim = false, opts?: ReduceOptions): Tensor {
  const t = asTensor(x);
  const w = widened(t, opts, (u) => norm(u, ord, axes, keepdim));
  if (w) return w;
  if (ord === 1) return tidy(() => sum(abs(t), axes, keepdim));
  if (ord === Number.POSITIVE_INFINITY) return tidy(() => max(abs(t), axes, keepdim));
  if (ord === Number.NEGATIVE_INFINITY) return tidy(() => min(abs(t), axes, keepdim));
  if (!Number.isFinite(ord) || ord === 0) {
    throw new RangeError(
      `norm: unsupported ord ${ord} (supported: Infinity, -Infinity and finite p other than 0)`,
    );
  }
  const ax = normAxes(axes, t.ndim, 'norm');
  const p = ord;
  const shape = t.shape;
  return fused(
    'LinalgVectorNormBackward0',
    [t],
    (xi) => {
      const y = p === 2 ? sqrt(sum(square(xi), ax, keepdim)) : pow(sum(pow(abs(xi), p), ax, keepdim), 1 / p);
      return [y, xi, y];
    },
    ([xs, y], g) => {
      const ye = unreduce(y, shape, ax, keepdim);
      const ge = unreduce(g, shape, ax, keepdim);
      const zero = eq(ye, 0);
      const safe = where(zero, 1, ye);
      if (p === 2) return [where(zero, 0, div(mul(ge, xs), safe))];
      // d/dx (Σ|x|^p)^(1/p) = sign(x)·|x|^(p-1) / y^(p-1); 0 where x or the norm is 0.
      const scaled = where(eq(xs, 0), 0, mul(sign(xs), pow(abs(xs), p - 1)));
      return [mul(scaled, where(zero, 0, div(ge, pow(safe, p - 1))))];
    },
  );
}

/** Matrix norm orders: Frobenius, and the induced 1- and ∞-norms (with their minimum forms). */
export type MatrixOrd = 'fro' | 1 | -1 | number;

/**
 * The matrix norm of x over two axes (the last two by default): 'fro' (the 2-norm of the
 * values), 1 / -1 (largest / smallest sum of |x| down a column), Infinity / -Infinity (along
 * a row). Ties of the extreme share its gradient (PyTorch's amax).
 */
export function matrixNorm(
  x: TensorLike,
  ord: MatrixOrd = 'fro',
  axes: readonly [number, number] = [-2, -1],
  keepdim = false,
  opts?: ReduceOptions,
): Tensor {
  const t = asTensor(x);
  if (t.ndim < 2) throw new RangeError(`matrix_norm: The input tensor A must have at least 2 dimensions.`);
  const [r, c] = axes.map((d) => normAxis(d, t.ndim, 'matrix_norm'));
  if (r === c) throw new RangeError(`matrix_norm: dims must be different. Got (${r}, ${c})`);
  if (ord === 'fro') return norm(t, 2, [r, c], keepdim, opts);
  const w = widened(t, opts, (u) => matrixNorm(u, ord, axes, keepdim));
  if (w) return w;
  const inf = Number.POSITIVE_INFINITY;
  // Sum over the rows (ord ±1: a column's sum) or the columns (±inf: a row's), then the extreme.
  const [summed, over] = Math.abs(ord) === 1 ? [r, c] : Math.abs(ord) === inf ? [c, r] : [-1, -1];
  if (summed < 0) {
    throw new RangeError(
      `matrix_norm: Order ${String(ord)} not supported (supported: 'fro', 1, -1, Infinity, -Infinity)`,
    );
  }
  return tidy(() => {
    const sums = sum(abs(t), summed, true);
    const out = ord > 0 ? max(sums, over, true) : min(sums, over, true);
    return keepdim
      ? out
      : reshape(
          out,
          t.shape.filter((_, i) => i !== r && i !== c),
        );
  });
}
