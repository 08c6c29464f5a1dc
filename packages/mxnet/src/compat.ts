/**
 * What MXNet needs and core lacks, composed from core ops and core's public graph types
 * (no kernels, no math of the facade's own). Every item is a candidate for core.
 */
import * as core from '@polygrad/core';

type T = core.Tensor;

// TODO(core): move to core — a cross-backend copy op (MXNet's copyto / as_in_context).
/** A copy of t on another backend; differentiable (the gradient is copied back). */
export function toBackend(t: T, backend: string): T {
  if (t.backend === backend) return t;
  return core.applyCustom(
    '_copyto',
    (_ctx, x) => core.reshape(core.tensor(x.dataSync(), { dtype: x.dtype, backend }), x.shape),
    (_ctx, g) => toBackend(g, t.backend),
    [t],
  ) as T;
}

// TODO(core): move to core — MXNet clears a graph after a backward without retain_graph,
// even the nodes that saved nothing (core keeps those walkable, as PyTorch does).
const cleared = new WeakSet<core.Node>();

/** Marks every MXNet-recorded node reachable from the heads as cleared. */
export function clearGraph(heads: readonly T[]): void {
  const stack: core.Node[] = [];
  for (const h of heads) if (h.node?.takenBy(core.recordScope)) stack.push(h.node);
  while (stack.length) {
    const n = stack.pop()!;
    if (cleared.has(n)) continue;
    cleared.add(n);
    for (const e of n.edges) if (e?.takenBy(core.recordScope) && !cleared.has(e)) stack.push(e);
  }
}

/** Whether t is a head MXNet could differentiate: made by a live recorded op, or a variable. */
export function inGraph(t: T): boolean {
  if (t.node?.takenBy(core.recordScope)) return !cleared.has(t.node);
  return core.recordScope.tracks(t);
}

// TODO(core): move to core — an accumulation dtype for reductions. MXNet reduces float32 in
// float64 (MXNET_ACC_TYPE_SWITCH) and rounds once, so 3/‖x‖ prints 0.80178374 as it does
// in seed 000 rather than float32 division's 0.8017837.
/** The 2-norm (or 1/inf norms) of t over axes, accumulated in float64 where the backend has it. */
export function accurateNorm(t: T, ord: number, axes: core.Axes, keepdim: boolean): T {
  if (t.dtype !== 'float32' || t.backend === 'webgpu' || ord !== 2) return core.norm(t, ord, axes, keepdim);
  return core.cast(core.norm(core.cast(t, 'float64'), ord, axes, keepdim), 'float32');
}

// TODO(core): move to core — MXNet reshape's special codes (0 copy, -1 infer, -2 copy rest,
// -3 merge two, -4 split one), a shape computation only.
/** The target shape of `nd.reshape(data, shape, reverse)` for MXNet's special values. */
export function mxReshapeShape(src: readonly number[], spec: readonly number[], reverse = false): number[] {
  if (reverse) {
    return mxReshapeShape([...src].reverse(), [...spec].reverse().map(revSplit(spec)), false).reverse();
  }
  const out: number[] = [];
  let i = 0;
  for (let j = 0; j < spec.length; j++) {
    const s = spec[j];
    if (s === 0) out.push(src[i++]);
    else if (s === -1) {
      out.push(-1);
      i++;
    } else if (s === -2) while (i < src.length) out.push(src[i++]);
    else if (s === -3) {
      out.push(src[i] * src[i + 1]);
      i += 2;
    } else if (s === -4) {
      const [a, b] = [spec[j + 1], spec[j + 2]];
      const d = src[i++];
      out.push(a === -1 ? d / b : a, b === -1 ? d / a : b);
      j += 2;
    } else {
      out.push(s);
      i++;
    }
  }
  return out;
}

/** -4 takes its two following values in order; reversing the spec must keep them in order. */
function revSplit(spec: readonly number[]): (v: number) => number {
  if (spec.includes(-4)) throw new RangeError('reshape: reverse=True with -4 is not supported');
  return (v) => v;
}
