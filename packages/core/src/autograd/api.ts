import { keep } from '../memory.js';
import { zerosLike } from '../ops/creation.js';
import { add, cast } from '../ops/elementwise.js';
import type { Tensor } from '../tensor.js';
import { AutogradError, SECOND_BACKWARD, walk } from './engine.js';
import { setGradEnabled } from './modes.js';
import { gradMode, type Recorder, recordScope } from './recorders.js';
import { isReleased, releaseGraph } from './release.js';

export const NO_GRAD_FN = (i: number) =>
  `element ${i} of tensors does not require grad and does not have a grad_fn`;
export const IMPLICIT_SCALAR = 'grad can be implicitly created only for scalar outputs';

export interface BackwardOptions {
  /** Whose graph to walk: PyTorch's grad mode (default) or MXNet's record scope, or a tape. */
  recorder?: Recorder;
  retainGraph?: boolean;
  createGraph?: boolean;
  /** Accumulate only into these tensors' .grad. */
  inputs?: readonly Tensor[];
  /** Require a scalar head when no head gradient is given (PyTorch); MXNet sums instead. */
  requireScalar?: boolean;
  /**
   * Without retainGraph: release the whole graph walked, nodes that saved nothing included, so a
   * later backward from any of its tensors throws the second-backward error (MXNet). By default
   * such nodes stay walkable, as in PyTorch.
   */
  releaseAll?: boolean;
}

function asList<T>(x: T | readonly T[] | null | undefined): T[] {
  return x == null ? [] : Array.isArray(x) ? [...x] : [x as T];
}

function checkHeads(
  heads: Tensor[],
  headGrads: (Tensor | null | undefined)[],
  r: Recorder,
  requireScalar: boolean,
): void {
  heads.forEach((h, i) => {
    if (!(h.node?.takers.includes(r) || r.tracks(h))) throw new AutogradError(NO_GRAD_FN(i));
    if (isReleased(h, r)) throw new AutogradError(SECOND_BACKWARD);
    if (requireScalar && !headGrads[i] && h.size !== 1) throw new AutogradError(IMPLICIT_SCALAR);
  });
}

/** Runs `fn` with the recorder able to record the backward ops (higher order). */
function withCreateGraph<T>(r: Recorder, createGraph: boolean, fn: () => T): T {
  if (!createGraph) return fn();
  if (r === gradMode) return setGradEnabled(true, fn) as T;
  if (r === recordScope) {
    const prev = recordScope.recording;
    recordScope.recording = true;
    try {
      return fn();
    } finally {
      recordScope.recording = prev;
    }
  }
  return fn();
}

/**
 * Accumulates gradients of the heads into the .grad of every leaf the recorder tracks
 * (or of `inputs`), by each leaf's gradReq: 'add' accumulates, 'write' overwrites, 'null' skips.
 */
export function backward(
  heads: Tensor | readonly Tensor[],
  headGrads?: Tensor | readonly (Tensor | null | undefined)[] | null,
  opts: BackwardOptions = {},
): void {
  const r = opts.recorder ?? gradMode;
  const hs = asList(heads);
  const gs = asList(headGrads as Tensor | Tensor[]);
  checkHeads(hs, gs, r, opts.requireScalar ?? r === gradMode);
  const createGraph = opts.createGraph ?? false;
  const retainGraph = opts.retainGraph ?? createGraph;
  const res = withCreateGraph(r, createGraph, () =>
    walk(hs, gs, opts.inputs ?? null, {
      recorder: r,
      retainGraph,
      recordWith: createGraph ? [r] : [],
      allowUnused: true,
    }),
  );
  if (opts.releaseAll && !retainGraph) releaseGraph(hs, r);
  const pairs: [Tensor, Tensor | null][] = opts.inputs
    ? opts.inputs.map((t, i) => [t, res.sources[i]])
    : [...res.leaves.entries()];
  for (const [leaf, g] of pairs) if (g) writeGrad(leaf, g, createGraph);
}

/** Stores g into t.grad by t.gradReq, in place when possible so .grad keeps its identity. */
export function writeGrad(t: Tensor, g: Tensor, createGraph = false): void {
  if (t.gradReq === 'null') {
    g.dispose();
    return;
  }
  if (g.dtype !== t.dtype) g = cast(g, t.dtype);
  const cur = t.grad;
  const inPlace = cur && !cur.disposed && !createGraph && !cur.node && cur.shape.join() === t.shape.join();
  if (inPlace) {
    const b = cur.storage.backend;
    // Elementwise kernels may write over an operand they read at the same index.
    if (t.gradReq === 'add' && cur.isContiguous && cur.offset === 0 && g.dtype === cur.dtype)
      b.binary('add', cur, g, cur);
    else if (t.gradReq === 'add') {
      const src = add(cur, g);
      b.copy(src, cur);
      src.dispose();
    } else b.copy(g, cur);
    cur.storage.version++;
    g.dispose();
    return;
  }
  const next = t.gradReq === 'add' && cur && !cur.disposed ? add(cur, g) : g;
  if (next !== g) g.dispose();
  if (cur && cur !== next) cur.dispose();
  t.grad = keep(next);
}

export interface GradOptions {
  recorder?: Recorder;
  gradOutputs?: readonly (Tensor | null | undefined)[] | Tensor | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  allowUnused?: boolean;
  requireScalar?: boolean;
  /** As for `backward`: without retainGraph, release the whole graph walked (MXNet). */
  releaseAll?: boolean;
}

/** Gradients of outputs with respect to inputs, returned (not written to .grad). */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  opts: GradOptions = {},
): (Tensor | null)[] {
  const r = opts.recorder ?? gradMode;
  const hs = asList(outputs);
  const gs = asList(opts.gradOutputs as Tensor | Tensor[]);
  checkHeads(hs, gs, r, opts.requireScalar ?? r === gradMode);
  const createGraph = opts.createGraph ?? false;
  const srcs = asList(inputs);
  srcs.forEach((s, i) => {
    if (!r.tracks(s) && !s.node?.takers.includes(r)) {
      throw new AutogradError(`One of the differentiated Tensors does not require grad (input ${i})`);
    }
  });
  const retainGraph = opts.retainGraph ?? createGraph;
  const res = withCreateGraph(r, createGraph, () =>
    walk(hs, gs, srcs, {
      recorder: r,
      retainGraph,
      recordWith: createGraph ? [r] : [],
      allowUnused: opts.allowUnused ?? false,
    }),
  ).sources;
  if (opts.releaseAll && !retainGraph) releaseGraph(hs, r);
  return res;
}

/** PyTorch's requires_grad_: only float leaves may require grad. */
export function setRequiresGrad(t: Tensor, requires = true): Tensor {
  if (requires && t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new AutogradError('only Tensors of floating point dtype can require gradients');
  }
  if (!t.isLeaf && !requires) {
    throw new AutogradError(
      "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
  }
  if (!t.isLeaf) return t;
  t.requiresGradLeaf = requires;
  t.gradReq = 'add';
  return t;
}

/**
 * MXNet's attach_grad: makes t a leaf with a zero gradient buffer. An array made inside
 * record() is cut from its history (MXNet 1.x); nodes already recorded through it keep
 * their own edges, so their graphs are unchanged.
 */
export function attachGrad(
  t: Tensor,
  gradReq: 'write' | 'add' | 'null' = 'write',
  gradBuffer?: Tensor,
): Tensor {
  t.node = null;
  t.outputIndex = 0;
  // 'null' still records (MXNet 1.x records ops on such arrays; only the write is skipped).
  t.gradAttached = true;
  t.gradReq = gradReq;
  // The previous buffer is not freed: MXNet users may still hold it (the GC net frees it).
  t.grad = keep(gradBuffer ?? zerosLike(t));
  return t;
}
