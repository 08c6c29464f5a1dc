import { AutogradError } from '../autograd/engine.js';
import { gradMode } from '../autograd/recorders.js';
import { Tensor } from '../tensor.js';
import { cast } from './elementwise.js';
import { expand } from './movement.js';
import { asTensor, type TensorLike } from './util.js';

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
  const r = op(dst, other);
  assign(dst, r);
  if (r !== dst && r instanceof Tensor) r.dispose();
  return dst;
}
