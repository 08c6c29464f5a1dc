import { grad } from './autograd/api.js';
import { enableGrad } from './autograd/modes.js';
import { add, mul } from './ops/elementwise.js';
import { reshape } from './ops/movement.js';
import { sum } from './ops/reduce.js';
import { fromValues } from './ops/util.js';
import type { Tensor } from './tensor.js';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw a descriptive error on mismatch (default) or return false. */
  raiseException?: boolean;
}

export class GradcheckError extends Error {
  override name = 'GradcheckError';
}

function values(t: Tensor): Float64Array {
  return Float64Array.from(t.dataSync());
}

/**
 * Compares the analytic gradients of fn (summed against a fixed random cotangent) with
 * central finite differences in float64. Inputs must be float64 tensors.
 */
export function gradcheck(
  fn: (...xs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  opts: GradcheckOptions = {},
): boolean {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  for (const x of inputs) {
    if (x.dtype !== 'float64')
      throw new GradcheckError(`gradcheck: inputs must be float64 (got ${x.dtype} [${x.shape}])`);
  }
  const base = inputs.map(values);
  const evalAt = (vals: Float64Array[], track: boolean) => {
    const xs = vals.map((v, i) => {
      const t = reshape(fromValues(v, 'float64', inputs[i].backend), inputs[i].shape);
      t.requiresGradLeaf = track;
      return t;
    });
    return { xs, y: enableGrad(() => fn(...xs)) };
  };
  const { xs, y } = evalAt(base, true);
  // A fixed pseudo-random cotangent makes every output element count with a distinct weight.
  const w = new Float64Array(y.size).map((_, i) => 0.5 + ((i * 7919) % 13) / 13);
  const wt = reshape(fromValues(w, 'float64', y.backend), y.shape);
  const analytic = y.node
    ? enableGrad(() => grad(sum(mul(y, wt)), xs, { allowUnused: true }))
    : xs.map(() => null);
  const loss = (vals: Float64Array[]) => {
    // Leaves require grad here too, so fn may itself differentiate (gradgradcheck).
    const { y: yy } = evalAt(vals, true);
    const v = yy.dataSync();
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] * w[i];
    return s;
  };
  for (let k = 0; k < inputs.length; k++) {
    const a = analytic[k] ? values(analytic[k]!) : new Float64Array(base[k].length);
    for (let i = 0; i < base[k].length; i++) {
      const plus = base.map((b) => b.slice());
      const minus = base.map((b) => b.slice());
      plus[k][i] += eps;
      minus[k][i] -= eps;
      const num = (loss(plus) - loss(minus)) / (2 * eps);
      if (
        !(Math.abs(num - a[i]) <= atol + rtol * Math.abs(num)) &&
        !(Number.isNaN(num) && Number.isNaN(a[i]))
      ) {
        if (opts.raiseException === false) return false;
        throw new GradcheckError(
          `Jacobian mismatch for output 0 with respect to input ${k}, element ${i}: numerical ${num} vs analytical ${a[i]} (eps ${eps}, atol ${atol}, rtol ${rtol})`,
        );
      }
    }
  }
  return true;
}

/** Second order: gradcheck of x ↦ ∂(fn·w)/∂x with the first backward recorded (createGraph). */
export function gradgradcheck(
  fn: (...xs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  opts: GradcheckOptions = {},
): boolean {
  const first = (...xs: Tensor[]) => {
    const y = fn(...xs);
    const w = new Float64Array(y.size).map((_, i) => 0.75 + ((i * 104729) % 11) / 11);
    const wt = reshape(fromValues(w, 'float64', y.backend), y.shape);
    const gs = grad(sum(mul(y, wt)), xs, { createGraph: true, allowUnused: true });
    const parts = gs
      .map((g, i) => (g ? sum(mul(g, xsWeights(xs[i]))) : null))
      .filter((g): g is Tensor => g !== null);
    return parts.reduce((p, q) => add(p, q));
  };
  return gradcheck(first, inputs, opts);
}

function xsWeights(x: Tensor): Tensor {
  const w = new Float64Array(x.size).map((_, i) => 1 + ((i * 31) % 5) / 5);
  return reshape(fromValues(w, 'float64', x.backend), x.shape);
}
