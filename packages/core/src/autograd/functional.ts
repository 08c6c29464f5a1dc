import { onesLike, zerosLike } from '../ops/creation.js';
import { add, mul } from '../ops/elementwise.js';
import { stack } from '../ops/join.js';
import { reshape } from '../ops/movement.js';
import { sum } from '../ops/reduce.js';
import { fromValues } from '../ops/util.js';
import type { Tensor } from '../tensor.js';
import { grad } from './api.js';
import { enableGrad } from './modes.js';

type Fn = (...xs: Tensor[]) => Tensor;

/** Fresh leaves that require grad, sharing the inputs' values. */
function leaves(xs: readonly Tensor[]): Tensor[] {
  return xs.map((x) => {
    const l = x.alias();
    l.requiresGradLeaf = true;
    return l;
  });
}

function gradsOf(y: Tensor, xs: Tensor[], v: Tensor | null, createGraph: boolean): Tensor[] {
  const gs = grad(y, xs, {
    gradOutputs: v ? [v] : [],
    createGraph,
    retainGraph: true,
    allowUnused: true,
    requireScalar: false,
  });
  return gs.map((g, i) => g ?? zerosLike(xs[i]));
}

/** Jacobian of f at xs: one tensor per input, shaped [...out.shape, ...input.shape]. */
export function jacobian(f: Fn, xs: readonly Tensor[], opts: { createGraph?: boolean } = {}): Tensor[] {
  return enableGrad(() => {
    const ins = leaves(xs);
    const y = f(...ins);
    const rows: Tensor[][] = ins.map(() => []);
    for (let i = 0; i < y.size; i++) {
      const e = new Float64Array(y.size);
      e[i] = 1;
      const v = reshape(fromValues(e, y.dtype, y.backend), y.shape);
      gradsOf(y, ins, v, opts.createGraph ?? false).forEach((g, k) => rows[k].push(g));
    }
    return ins.map((x, k) =>
      y.size === 0
        ? reshape(zerosLike(fromValues(new Float64Array(0), x.dtype)), [...y.shape, ...x.shape])
        : reshape(stack(rows[k]), [...y.shape, ...x.shape]),
    );
  });
}

/** Hessian of a scalar f: for each pair of inputs, [...xi.shape, ...xj.shape]. */
export function hessian(f: Fn, xs: readonly Tensor[]): Tensor[][] {
  return enableGrad(() => {
    const ins = leaves(xs);
    const y = f(...ins);
    const g1 = gradsOf(y, ins, null, true);
    return g1.map((gi) => {
      const rows: Tensor[][] = ins.map(() => []);
      for (let k = 0; k < gi.size; k++) {
        const e = new Float64Array(gi.size);
        e[k] = 1;
        const v = reshape(fromValues(e, gi.dtype, gi.backend), gi.shape);
        const second = gi.node ? gradsOf(gi, ins, v, false) : ins.map((x) => zerosLike(x));
        second.forEach((g, j) => rows[j].push(g));
      }
      return ins.map((x, j) => reshape(stack(rows[j]), [...gi.shape, ...x.shape]));
    });
  });
}

/** [f(xs), vᵀ·J]. */
export function vjp(f: Fn, xs: readonly Tensor[], v?: Tensor): [Tensor, Tensor[]] {
  return enableGrad(() => {
    const ins = leaves(xs);
    const y = f(...ins);
    return [y.alias(), gradsOf(y, ins, v ?? (y.size === 1 ? null : onesLike(y)), false)];
  });
}

/** [f(xs), J·v] by the double-vjp trick: J·v = d/du (uᵀ J v)… computed as the gradient of (vjp with u)·v. */
export function jvp(f: Fn, xs: readonly Tensor[], vs: readonly Tensor[]): [Tensor, Tensor] {
  return enableGrad(() => {
    const ins = leaves(xs);
    const y = f(...ins);
    const u = zerosLike(y);
    u.requiresGradLeaf = true;
    const gs = gradsOf(y, ins, u, true);
    let dot: Tensor | null = null;
    gs.forEach((g, i) => {
      const term = sum(mul(g, vs[i]));
      dot = dot ? add(dot, term) : term;
    });
    const [jv] = grad(dot!, [u], { allowUnused: true, requireScalar: false });
    return [y.alias(), jv ?? zerosLike(y)];
  });
}
