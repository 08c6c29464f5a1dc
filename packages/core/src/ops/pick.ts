import { tidy } from '../memory.js';
import { normAxis, ShapeError, sameShape, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { gather } from './indexing.js';
import { squeeze, unsqueeze } from './movement.js';
import { type IndexModeOptions, indicesInRange, intIndices } from './take.js';
import { asTensor, type TensorLike } from './util.js';

export interface PickOptions extends IndexModeOptions {
  /** Keep the picked axis with size 1 (the index then has that shape too). */
  keepdims?: boolean;
}

/**
 * MXNet's pick: one element per position along `axis`, chosen by `index`, whose shape is x's
 * without that axis (or with it of size 1 under `keepdims`). An index out of range is
 * clipped by default (MXNet's mode 'clip'), wrapped ('wrap') or an error ('raise').
 * Differentiable in x: the gradient goes back to the picked positions.
 */
export function pick(x: TensorLike, index: TensorLike, axis = -1, opts: PickOptions = {}): Tensor {
  return tidy(() => {
    const t = asTensor(x);
    const idx = intIndices(index, 'pick');
    const a = normAxis(axis, t.ndim, 'pick');
    const keep = opts.keepdims ?? false;
    const want = keep ? t.shape.map((d, i) => (i === a ? 1 : d)) : t.shape.filter((_, i) => i !== a);
    if (t.ndim === 0 || !sameShape(idx.shape, want)) {
      throw new ShapeError(
        `pick: index of shape ${shapeStr(idx.shape)} does not fit data of shape ${shapeStr(t.shape)} along axis ${a} (expected ${shapeStr(want)})`,
      );
    }
    const pos = indicesInRange(idx, t.shape[a], a, 'pick', { ...opts, mode: opts.mode ?? 'clip' });
    const picked = gather(t, a, keep ? pos : unsqueeze(pos, a));
    return keep ? picked : squeeze(picked, a);
  });
}
