import { adopt } from '../memory.js';
import type { Tensor } from '../tensor.js';
import type { Recorder } from './recorders.js';

/**
 * Gradients of the inputs from the gradients of the outputs, written with differentiable
 * ops. `needs[i]` says whether input i's gradient is wanted; a rule may skip the others.
 */
export type BackwardFn = (
  grads: Tensor[],
  saved: readonly Tensor[],
  needs: readonly boolean[],
) => (Tensor | null | undefined)[];
/** Saved tensors; null marks one an op chose not to keep (its gradient is not needed). */
export type Saved = readonly (Tensor | null)[];

/**
 * One recorded op. Edges are captured when the op runs, so later changes to an input
 * (MXNet's attachGrad on a recorded array, PyTorch's detach_) never rewire this node.
 */
export class Node {
  /** Per input: the node that made it when this op ran (null: the input was a leaf). */
  readonly edges: (Node | null)[];
  readonly edgeIndex: number[];
  saved: Tensor[] | null;
  /** The handles that were saved, for their autograd identity when the backward is recorded. */
  readonly savedFrom: Saved;
  readonly savedVersions: number[];
  /** Recorders whose backward released this node (allocated on first release). */
  private releasedBy: Recorder[] | null = null;
  /**
   * Output handles, for hooks, retained gradients and their shapes and dtypes (a disposed handle
   * keeps those); an in-place op that takes an output over replaces its handle.
   */
  readonly outputs: Tensor[] = [];
  outBackend = '';
  /**
   * Live handles made by this node plus live nodes with an edge to it. At zero no backward
   * can reach the node any more, so its saved tensors go at once (tidy and dispose free a
   * graph that was never backpropagated without waiting for the garbage collector).
   */
  holders = 0;

  constructor(
    /** PyTorch's grad_fn name, e.g. `MulBackward0`. */
    readonly name: string,
    readonly inputs: readonly Tensor[],
    readonly backward: BackwardFn,
    saved: Saved,
    readonly takers: readonly Recorder[],
  ) {
    const n = inputs.length;
    this.edges = new Array(n);
    this.edgeIndex = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = inputs[i].node;
      this.edges[i] = e;
      this.edgeIndex[i] = inputs[i].outputIndex;
      if (e) e.holders++;
    }
    // Saved tensors get their own handles so that tidy() or dispose() on the user's
    // handle cannot free what backward needs.
    this.savedFrom = saved;
    const m = saved.length;
    this.saved = new Array(m);
    this.savedVersions = new Array(m);
    let any = false;
    for (let i = 0; i < m; i++) {
      const t = saved[i];
      this.saved[i] = t ? adopt(t.alias()) : (null as unknown as Tensor);
      this.savedVersions[i] = t ? t.version : 0;
      any ||= t !== null;
    }
    // One GC net per node rather than per saved handle: a graph dropped without a
    // backward pass gives its saved storage back when the node is collected.
    if (any) nodeFinalizer.register(this, this.saved, this);
  }

  takenBy(r: Recorder): boolean {
    return this.takers.includes(r);
  }

  /** One holder fewer; a node left with none frees its saved tensors and lets go of its edges. */
  drop(): void {
    if (--this.holders > 0) return;
    // A worklist, not recursion: a long chain of ops must not overflow the stack.
    const work: Node[] = [this];
    for (let node = work.pop(); node; node = work.pop()) {
      node.freeSaved();
      for (const e of node.edges) if (e && --e.holders === 0) work.push(e);
    }
  }

  private freeSaved(): void {
    if (!this.saved) return;
    for (const s of this.saved) s?.dispose();
    nodeFinalizer.unregister(this);
    this.saved = null;
  }

  /** Frees the saved tensors once every recorder that took this node has released it. */
  release(r: Recorder): void {
    const by = (this.releasedBy ??= []);
    if (!by.includes(r)) by.push(r);
    // A node that saved nothing stays walkable, as in PyTorch (x.sum().backward() twice works).
    if (this.saved?.some((t) => t) && this.takers.every((t) => by.includes(t))) this.freeSaved();
  }
}

const nodeFinalizer = new FinalizationRegistry<(Tensor | null)[]>((saved) => {
  for (const s of saved) s?.dispose();
});
