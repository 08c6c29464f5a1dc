/**
 * Graphs released whole: MXNet clears the graph a backward without retain_graph walked, so a
 * later backward from any of its arrays fails, even through nodes that saved nothing (PyTorch
 * keeps those walkable: `x.sum().backward()` twice works). `backward`/`grad` with `releaseAll`
 * mark the graph here, per recorder; the engine itself is unchanged.
 */
import type { Tensor } from '../tensor.js';
import type { Node } from './node.js';
import type { Recorder } from './recorders.js';

const released = new WeakMap<Recorder, WeakSet<Node>>();

/** Marks every node `r` took that the heads reach as released for r. */
export function releaseGraph(heads: readonly Tensor[], r: Recorder): void {
  let set = released.get(r);
  if (!set) released.set(r, (set = new WeakSet()));
  const stack: Node[] = [];
  for (const h of heads) if (h.node?.takenBy(r)) stack.push(h.node);
  while (stack.length) {
    const n = stack.pop()!;
    if (set.has(n)) continue;
    set.add(n);
    for (const e of n.edges) if (e?.takenBy(r) && !set.has(e)) stack.push(e);
  }
}

/** Whether t was made by a node that a backward with `releaseAll` released for r. */
export function isReleased(t: Tensor, r: Recorder): boolean {
  return t.node !== null && released.get(r)?.has(t.node) === true;
}

/**
 * Whether t can be a head (or source) of a backward for r: made by a node r took that is not
 * released, or a tensor r tracks (a leaf it records from).
 */
export function inGraph(t: Tensor, r: Recorder): boolean {
  if (t.node?.takenBy(r)) return !isReleased(t, r);
  return r.tracks(t);
}
