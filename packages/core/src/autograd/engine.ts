import { keep } from '../memory.js';
import { reshape } from '../ops/movement.js';
import { sameShape, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { addGrad, onesLike, zerosOfShape } from './helpers.js';
import type { Node } from './node.js';
import { record } from './record.js';
import { type Recorder, withRecorders } from './recorders.js';

export class AutogradError extends Error {
  override name = 'AutogradError';
}

export const SECOND_BACKWARD =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';
export const UNUSED_INPUT =
  'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.';

export interface WalkOptions {
  /** Walk only the nodes this recorder took. */
  recorder: Recorder;
  /** Keep saved tensors so the graph can be walked again. */
  retainGraph?: boolean;
  /** Recorders that record the backward ops themselves (higher-order gradients); none by default. */
  recordWith?: readonly Recorder[];
  /** With explicit sources: give null for an unreached source instead of throwing. */
  allowUnused?: boolean;
}

export interface WalkResult {
  /** Gradients of the requested sources, in order (null: not reached). */
  sources: (Tensor | null)[];
  /** With no sources given: the gradient reaching every leaf the recorder tracks. */
  leaves: Map<Tensor, Tensor>;
}

/**
 * The one backward engine. Walks from the heads through the nodes `recorder` took, in
 * reverse topological order, calling each node's backward rule (ordinary ops, so the
 * walk is itself recordable for higher order). `sources` null means every tracked leaf.
 */
export function walk(
  heads: readonly Tensor[],
  headGrads: readonly (Tensor | null | undefined)[],
  sources: readonly Tensor[] | null,
  opts: WalkOptions,
): WalkResult {
  const R = opts.recorder;
  const taken = (n: Node | null): n is Node => n !== null && n.takers.includes(R);

  // Gradients flowing into node outputs, and into leaves (inputs whose edge is not R's).
  const nodeGrads = new Map<Node, (Tensor | null)[]>();
  const leafGrads = new Map<Tensor, Tensor>();
  const owned = new Set<Tensor>(); // gradient tensors made here, disposable when consumed

  const sourceNodes = new Map<Node, Set<number>>();
  const sourceLeaves = new Set<Tensor>();
  if (sources) {
    for (const s of sources) {
      if (taken(s.node)) {
        let set = sourceNodes.get(s.node);
        if (!set) sourceNodes.set(s.node, (set = new Set()));
        set.add(s.outputIndex);
      } else sourceLeaves.add(s);
    }
  }

  const roots: Node[] = [];
  const seedGrad = (h: Tensor, g: Tensor) => {
    if (taken(h.node)) {
      let arr = nodeGrads.get(h.node);
      if (!arr) nodeGrads.set(h.node, (arr = new Array(h.node.outputs.length).fill(null)));
      arr[h.outputIndex] = accumulate(arr[h.outputIndex], g, owned);
      roots.push(h.node);
    } else {
      leafGrads.set(h, accumulate(leafGrads.get(h) ?? null, g, owned));
    }
  };
  withRecorders(opts.recordWith ?? [], () => {
    heads.forEach((h, i) => {
      const given = headGrads[i];
      if (given && !sameShape(given.shape, h.shape)) {
        throw new AutogradError(
          `Mismatch in shape: grad_output[${i}] has a shape of ${shapeStr(given.shape)} and output[${i}] has a shape of ${shapeStr(h.shape)}.`,
        );
      }
      const g = given ?? onesLike(h);
      if (!given) owned.add(g);
      seedGrad(h, g);
    });
  });

  const order = topoOrder(roots, taken);
  const wantLeaf = (t: Tensor) => (sources ? sourceLeaves.has(t) : R.tracks(t));
  const needed = new Set<Node>();
  // Post-order is reversed topological order: inputs before the nodes that use them.
  for (let k = order.length - 1; k >= 0; k--) {
    const n = order[k];
    let need = sourceNodes.has(n);
    for (let i = 0; i < n.inputs.length && !need; i++) {
      const e = n.edges[i];
      need = taken(e) ? needed.has(e) : wantLeaf(n.inputs[i]);
    }
    if (need || (!sources && n.outputs.some((o) => o.retainsGrad || o.hooks))) needed.add(n);
  }

  // Unused sources are found before any work, so a failed call leaves the graph intact.
  if (sources && !opts.allowUnused) {
    const reached = new Set<Tensor>(heads);
    for (const n of order)
      for (let i = 0; i < n.inputs.length; i++) if (!taken(n.edges[i])) reached.add(n.inputs[i]);
    for (const s of sources) {
      if (taken(s.node) ? !order.includes(s.node) : !reached.has(s)) {
        for (const t of owned) t.dispose();
        throw new AutogradError(UNUSED_INPUT);
      }
    }
  }

  const sourceNodeResults = new Map<Node, (Tensor | null)[]>();
  withRecorders(opts.recordWith ?? [], () => {
    for (const n of order) {
      const grads = nodeGrads.get(n);
      nodeGrads.delete(n);
      if (!grads || !needed.has(n)) {
        disposeAll(grads, owned);
        continue;
      }
      if (n.saved === null) throw new AutogradError(SECOND_BACKWARD);
      for (let i = 0; i < grads.length; i++) {
        let g = grads[i];
        const out = n.outputs[i];
        if (g && out?.hooks) g = grads[i] = runHooks(out, g, owned);
        if (g && out?.retainsGrad) out.grad = retained(out, g);
        if (g && sourceNodes.get(n)?.has(i)) {
          let arr = sourceNodeResults.get(n);
          if (!arr) sourceNodeResults.set(n, (arr = []));
          arr[i] = g;
          owned.delete(g);
        }
      }
      const saved = n.saved;
      for (let i = 0; i < saved.length; i++) {
        const s = saved[i];
        if (s && s.version !== n.savedVersions[i]) {
          throw new AutogradError(
            `one of the variables needed for gradient computation has been modified by an inplace operation: [${s.dtype} [${s.shape.join(', ')}]] is at version ${s.version}; expected version ${n.savedVersions[i]} instead. Hint: the backtrace further above shows the operation that failed to compute its gradient.`,
          );
        }
      }
      const full: (Tensor | null)[] = new Array(grads.length);
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        full[i] = g ?? zerosOfShape(n.outputs[i].shape, n.outputs[i].dtype, n.outBackend);
        if (!g) owned.add(full[i]!);
      }
      // Recording the backward (higher order): saved values must lead back to what they were
      // saved from, so they are unpacked through an identity node on the original handle.
      const recording = (opts.recordWith?.length ?? 0) > 0;
      const unpacked = recording ? saved.map((s, i) => s && unpack(s, n.savedFrom[i]!)) : saved;
      const needs: boolean[] = new Array(n.inputs.length);
      for (let i = 0; i < needs.length; i++) {
        const e = n.edges[i];
        needs[i] = taken(e) ? needed.has(e) : wantLeaf(n.inputs[i]);
      }
      const inGrads = n.backward(full as Tensor[], unpacked, needs);
      if (recording) for (const u of unpacked) u?.dispose();
      // Each gradient handle must have one owner. A rule may pass its incoming gradient through
      // (add: [g, g]): the first input takes that handle over, later ones get an alias (a
      // recorded one when the backward itself is recorded, so higher order holds).
      for (let i = 0; i < inGrads.length; i++) {
        const g = inGrads[i];
        if (!g) continue;
        const k = full.indexOf(g);
        // Only a handle the walk owns can be taken over (not a caller's head gradient, nor one
        // already handed back as a source's result).
        if (k >= 0 && owned.has(g)) full[k] = null;
        else if (k >= 0 || inGrads.indexOf(g) < i) inGrads[i] = recording ? reshape(g, g.shape) : g.alias();
      }
      disposeAll(full, owned);
      for (let i = 0; i < n.inputs.length; i++) {
        const g = inGrads[i];
        if (!g) continue;
        const input = n.inputs[i];
        if (!sameShape(g.shape, input.shape)) {
          throw new AutogradError(
            `internal: ${n.name} returned a gradient of shape ${shapeStr(g.shape)} for input ${i} of shape ${shapeStr(input.shape)}`,
          );
        }
        owned.add(g);
        const e = n.edges[i];
        if (taken(e)) {
          if (!needed.has(e)) {
            disposeOne(g, owned);
            continue;
          }
          let arr = nodeGrads.get(e);
          if (!arr) nodeGrads.set(e, (arr = new Array(e.outputs.length).fill(null)));
          arr[n.edgeIndex[i]] = accumulate(arr[n.edgeIndex[i]], g, owned);
        } else if (wantLeaf(input)) {
          leafGrads.set(input, accumulate(leafGrads.get(input) ?? null, g, owned));
        } else disposeOne(g, owned);
      }
    }
    for (const [leaf, g] of leafGrads) if (leaf.hooks) leafGrads.set(leaf, runHooks(leaf, g, owned));
  });

  if (!opts.retainGraph) for (const n of order) n.release(R);

  const result: (Tensor | null)[] = [];
  if (sources) {
    for (const s of sources) {
      const g = taken(s.node)
        ? (sourceNodeResults.get(s.node)?.[s.outputIndex] ?? null)
        : (leafGrads.get(s) ?? null);
      if (g === null && !opts.allowUnused) {
        for (const t of owned) t.dispose();
        throw new AutogradError(UNUSED_INPUT);
      }
      owned.delete(g as Tensor);
      result.push(g);
    }
    for (const [, g] of leafGrads) if (!result.includes(g)) disposeOne(g, owned);
  } else for (const g of leafGrads.values()) owned.delete(g);
  return { sources: result, leaves: sources ? new Map() : leafGrads };
}

function unpack(saved: Tensor, from: Tensor): Tensor {
  const u = saved.alias();
  record('SavedTensorBackward', [from], u, ([g]) => [g]);
  return u;
}

function topoOrder(roots: Node[], taken: (n: Node | null) => n is Node): Node[] {
  const post: Node[] = [];
  const seen = new Set<Node>();
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    const stack: [Node, number][] = [[r, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [n, i] = top;
      if (i < n.edges.length) {
        top[1]++;
        const e = n.edges[i];
        if (taken(e) && !seen.has(e)) {
          seen.add(e);
          stack.push([e, 0]);
        }
      } else {
        stack.pop();
        post.push(n);
      }
    }
  }
  return post.reverse();
}

function accumulate(prev: Tensor | null, g: Tensor, owned: Set<Tensor>): Tensor {
  if (!prev) return g;
  const sum = addGrad(prev, g);
  disposeOne(prev, owned);
  disposeOne(g, owned);
  owned.add(sum);
  return sum;
}

function runHooks(t: Tensor, g: Tensor, owned: Set<Tensor>): Tensor {
  for (const h of t.hooks ?? []) {
    const r = h(g);
    if (r && r !== g) {
      owned.add(r);
      disposeOne(g, owned);
      g = r;
    }
  }
  return g;
}

function retained(t: Tensor, g: Tensor): Tensor {
  const prev = t.grad;
  const copy = prev ? addGrad(prev, g) : g.alias();
  prev?.dispose();
  return keep(copy);
}

function disposeOne(t: Tensor, owned: Set<Tensor>): void {
  if (owned.delete(t)) t.dispose();
}

function disposeAll(ts: (Tensor | null)[] | undefined, owned: Set<Tensor>): void {
  if (ts) for (const t of ts) if (t) disposeOne(t, owned);
}
