/**
 * `t.gradFn`: the recorded node as PyTorch shows it, with `name()` and `nextFunctions`
 * (pairs of [node or AccumulateGrad or null, output index]). One object per node.
 */
import * as core from '@polygrad/core';
import { type Tensor, wrap } from './tensor.js';

let nextAddress = 0x7f0000001000;
const address = () => `0x${((nextAddress += 0x40)).toString(16)}`;

export type NextFunction = [GradFn | AccumulateGrad | null, number];

/** A node of PyTorch's graph (`MulBackward0`, `SumBackward0`, …). */
export class GradFn {
  readonly #node: core.Node;
  readonly #address = address();

  /** @internal */
  constructor(node: core.Node) {
    this.#node = node;
  }

  name(): string {
    return this.#node.name;
  }

  /** Where the gradient goes next: one [function, output index] pair per input. */
  get nextFunctions(): NextFunction[] {
    const n = this.#node;
    const out: NextFunction[] = [];
    n.inputs.forEach((input, i) => {
      const e = n.edges[i];
      // Integer and bool inputs (a where's condition) are not differentiable inputs in PyTorch.
      if (!core.isFloat(input.dtype)) return;
      if (e?.takers.includes(core.gradMode)) out.push([gradFnOfNode(e), n.edgeIndex[i]]);
      else if (input.requiresGradLeaf) out.push([accumulateGradOf(input), 0]);
      else out.push([null, 0]);
    });
    return out;
  }
  get next_functions(): NextFunction[] {
    return this.nextFunctions;
  }

  toString(): string {
    return `<${this.name()} object at ${this.#address}>`;
  }
  [core.PY_REPR](): string {
    return this.toString();
  }
  [core.INSPECT](): string {
    return this.toString();
  }
}

/** The sink that accumulates into a leaf's .grad. */
export class AccumulateGrad {
  readonly #leaf: core.Tensor;
  readonly #address = address();

  /** @internal */
  constructor(leaf: core.Tensor) {
    this.#leaf = leaf;
  }
  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }
  /** The leaf tensor this node writes to. */
  get variable(): Tensor {
    return wrap(this.#leaf);
  }
  get nextFunctions(): NextFunction[] {
    return [];
  }
  get next_functions(): NextFunction[] {
    return [];
  }
  toString(): string {
    return `<AccumulateGrad object at ${this.#address}>`;
  }
  [core.PY_REPR](): string {
    return this.toString();
  }
  [core.INSPECT](): string {
    return this.toString();
  }
}

const byNode = new WeakMap<core.Node, GradFn>();
const byLeaf = new WeakMap<core.Tensor, AccumulateGrad>();

function gradFnOfNode(n: core.Node): GradFn {
  let f = byNode.get(n);
  if (!f) byNode.set(n, (f = new GradFn(n)));
  return f;
}

function accumulateGradOf(t: core.Tensor): AccumulateGrad {
  let a = byLeaf.get(t);
  if (!a) byLeaf.set(t, (a = new AccumulateGrad(t)));
  return a;
}

/** The grad_fn of a core tensor, if PyTorch's grad mode recorded it. */
export function gradFnOf(t: core.Tensor): GradFn | null {
  const n = t.node;
  return n && n.takers.includes(core.gradMode) ? gradFnOfNode(n) : null;
}
