/**
 * clamp (clip): x limited to [min, max], one node as in PyTorch. Number bounds give
 * ClampBackward1, whose gradient passes where min <= x <= max (NaN gets none); tensor bounds
 * give ClampBackward0, whose bounds get the gradient where they won (PyTorch's rules, including
 * min > max, where max wins).
 */
import { tidy } from '../memory.js';
import type { Tensor } from '../tensor.js';
import { ge, gt, le, logicalAnd, logicalOr, lt, where } from './elementwise.js';
import { fused } from './fused.js';
import { sumTo } from './reduce.js';
import { asTensor, type TensorLike } from './util.js';

export const CLAMP_NO_BOUNDS = "torch.clamp: At least one of 'min' or 'max' must not be None";

type Bound = TensorLike | null | undefined;

function limit(x: Tensor, min: Bound, max: Bound): Tensor {
  let r = x;
  if (min != null) r = where(lt(r, min), min, r);
  if (max != null) r = where(gt(r, max), max, r);
  return r;
}

/** Where the gradient passes to x: min <= x <= max (false for NaN). */
function inside(x: Tensor, min: Bound, max: Bound): Tensor {
  if (min != null && max != null) return logicalAnd(ge(x, min), le(x, max));
  return min != null ? ge(x, min) : le(x, max as TensorLike);
}

/** x clamped to [min, max]; either bound may be missing (not both). */
export function clamp(x: TensorLike, min?: Bound, max?: Bound): Tensor {
  if (min == null && max == null) throw new RangeError(CLAMP_NO_BOUNDS);
  const t = asTensor(x);
  const tensors = (min != null && typeof min === 'object') || (max != null && typeof max === 'object');
  if (!tensors) {
    return fused(
      'ClampBackward1',
      [t],
      (xi) => [limit(xi, min, max), xi],
      ([xs], g) => [where(inside(xs, min, max), g, 0)],
    );
  }
  return tidy(() => clampTensors(t, min, max));
}

/** Tensor bounds: inputs [x, min?, max?], each bound differentiable. */
function clampTensors(t: Tensor, min: Bound, max: Bound): Tensor {
  const lo = min == null ? null : asTensor(min, t.dtype, t.backend);
  const hi = max == null ? null : asTensor(max, t.dtype, t.backend);
  const inputs = [t, ...(lo ? [lo] : []), ...(hi ? [hi] : [])];
  const shapes = inputs.map((i) => i.shape);
  return fused(
    'ClampBackward0',
    inputs,
    (...xs) => [limit(xs[0], lo && xs[1], hi && xs[xs.length - 1]), ...xs],
    (saved, g) => {
      const [xs] = saved;
      const l = lo ? saved[1] : null;
      const h = hi ? saved[saved.length - 1] : null;
      const grads: Tensor[] = [sumTo(where(inside(xs, l, h), g, 0), shapes[0])];
      if (l) {
        // min gets the gradient where it clamped x, unless max wins (min > max).
        const won = h ? logicalAnd(lt(xs, l), lt(l, h)) : lt(xs, l);
        grads.push(sumTo(where(won, g, 0), shapes[1]));
      }
      if (h) {
        const won = l ? logicalOr(gt(xs, h), lt(h, l)) : gt(xs, h);
        grads.push(sumTo(where(won, g, 0), shapes[shapes.length - 1]));
      }
      return grads;
    },
  );
}
