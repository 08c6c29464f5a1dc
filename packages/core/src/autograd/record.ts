import { isFloat } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { type BackwardFn, Node, type Saved } from './node.js';
import { takersFor } from './recorders.js';

/**
 * Called by every op after its forward kernel ran: if an active recorder tracks one of
 * the inputs, the outputs get a node. Only floating outputs are differentiable.
 */
export function record(
  name: string,
  inputs: readonly Tensor[],
  outputs: Tensor | readonly Tensor[],
  backward: BackwardFn,
  saved: Saved | (() => Saved) = [],
): void {
  const takers = takersFor(inputs);
  if (takers === null) return;
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  if (!outs.some((o) => isFloat(o.dtype))) return;
  const node = new Node(name, inputs, backward, typeof saved === 'function' ? saved() : saved, takers);
  node.outBackend = outs[0].backend;
  for (let i = 0; i < outs.length; i++) {
    const o = outs[i];
    o.node = node;
    o.outputIndex = i;
    node.outputs.push(o);
  }
}

/** Whether an active recorder tracks t (so an op must keep what t's gradient needs). */
export function needsGrad(t: Tensor): boolean {
  return takersFor([t]) !== null;
}
