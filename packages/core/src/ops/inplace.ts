import { AutogradError } from '../autograd/engine.js';
import { anyActive, gradMode } from '../autograd/recorders.js';
import type { BinaryOp } from '../backend.js';
import { Tensor } from '../tensor.js';
import { add, cast, div, mul, sub } from './elementwise.js';
import { expand } from './movement.js';
import { asTensor, type TensorLike, viewAs } from './util.js';

export const LEAF_INPLACE = 'a leaf Variable that requires grad is being used in an in-place operation.';

/**
 * Writes `value` (broadcast, cast) into dst's storage and bumps its version, so graphs that
 * saved dst detect the change. If `value` carries history, dst takes it over (PyTorch's
 * in-place semantics: `y.mul_(2)` makes y's grad_fn MulBackward0).
 */
export function assign(dst: Tensor, value: TensorLike): Tensor {
  if (gradMode.enabled && dst.requiresGradLeaf) throw new AutogradError(LEAF_INPLACE);
  const v0 = asTensor(value, dst.dtype, dst.backend);
  const v = expand(cast(v0, dst.dtype), dst.shape);
  dst.storage.backend.copy(v.view, dst.view);
  dst.storage.version++;
  if (v.node) {
    const n = v.node;
    dst.node = n;
    dst.outputIndex = v.outputIndex;
    n.outputs[v.outputIndex] = dst;
  } else if (dst.node && !dst.requiresGradLeaf) {
    // Overwritten by a constant: no history left.
    dst.node = null;
  }
  return dst;
}

/** dst = op(dst, other), in place. */
export function inplace(dst: Tensor, op: (a: Tensor, b: TensorLike) => Tensor, other: TensorLike): Tensor {
  if (gradMode.enabled && dst.requiresGradLeaf) throw new AutogradError(LEAF_INPLACE);
  const kernel = INPLACE_KERNELS.get(op);
  if (kernel && !anyActive() && dst.isContiguous && dst.offset === 0) {
    // Nothing records (an optimizer step under noGrad): one kernel over dst's own buffer.
    const o = asTensor(other, dst.dtype, dst.backend);
    // An overlapping view of dst (x.add_(x.T)) would read what it already wrote.
    const overlaps = o !== dst && o.storage === dst.storage;
    if (o.dtype === dst.dtype && !overlaps && broadcastable(o.shape, dst.shape)) {
      dst.storage.backend.binary(kernel, dst, viewAs(o, dst.shape), dst);
      dst.storage.version++;
      if (o !== other) maybeDispose(o);
      return dst;
    }
  }
  const r = op(dst, other);
  assign(dst, r);
  if (r !== dst && r instanceof Tensor) r.dispose();
  return dst;
}

const INPLACE_KERNELS = new Map<unknown, BinaryOp>([
  [add, 'add'],
  [sub, 'sub'],
  [mul, 'mul'],
  [div, 'div'],
]);

function broadcastable(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const off = to.length - from.length;
  return from.every((d, i) => d === 1 || d === to[i + off]);
}

function maybeDispose(t: Tensor): void {
  // Cached scalar constants are kept (not scoped); fresh conversions of arrays are ours.
  if (t.ndim > 0) t.dispose();
}
