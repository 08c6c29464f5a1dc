import type { Tensor } from '../tensor.js';
import type { Node } from './node.js';
import type { Recorder } from './recorders.js';

/**
 * The leaves a backward from `heads` would reach through `recorder`'s nodes: the inputs of
 * those nodes that no node of the recorder made. MXNet checks them before a backward ("no
 * inputs … require gradients").
 */
export function leavesOf(heads: readonly Tensor[], recorder: Recorder): Tensor[] {
  const leaves = new Set<Tensor>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  const visit = (t: Tensor, n: Node | null) => {
    if (n?.takers.includes(recorder)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    } else if (recorder.tracks(t)) leaves.add(t);
  };
  for (const h of heads) visit(h, h.node);
  for (let n = stack.pop(); n; n = stack.pop()) {
    for (let i = 0; i < n.inputs.length; i++) visit(n.inputs[i], n.edges[i]);
  }
  return [...leaves];
}
