/** torch.autograd: grad, backward, Function, gradcheck, and the grad-mode scopes. */
import * as core from '@polygrad/core';
import {
  isTensorLike,
  listOf,
  type Tensor,
  type TensorLike,
  toCoreTensor,
  wrap,
  wrapOrNull,
} from './tensor.js';
import type { Kw, PyCall } from './types.js';

const ct = (x: TensorLike) => toCoreTensor(x);

// ---- grad modes ------------------------------------------------------------------------------

/** Runs fn with gradients off (returns its value), or turns them off until `exit()`. */
export const noGrad: typeof core.noGrad = core.noGrad;
export const enableGrad: typeof core.enableGrad = core.enableGrad;
export const isGradEnabled: () => boolean = core.isGradEnabled;
export const isInferenceModeEnabled: () => boolean = core.isInferenceModeEnabled;

/** set_grad_enabled(mode, fn?): without fn the mode stays set (and the returned scope restores it). */
export function setGradEnabled<T>(mode: boolean, fn: () => T): T;
export function setGradEnabled(mode: boolean): core.Scope;
export function setGradEnabled<T>(mode: boolean, fn?: () => T): T | core.Scope {
  return core.setGradEnabled(mode, fn);
}

/** inference_mode(fn?) or inference_mode(mode, fn?). */
export function inferenceMode<T>(fn: () => T): T;
export function inferenceMode<T>(mode: boolean, fn: () => T): T;
export function inferenceMode(mode?: boolean): core.Scope;
export function inferenceMode<T>(a?: boolean | (() => T), b?: () => T): T | core.Scope {
  return typeof a === 'function' ? core.inferenceMode(a, true) : core.inferenceMode(b, a ?? true);
}

// ---- grad and backward -----------------------------------------------------------------------

type GradKw = Kw<{
  gradOutputs?: TensorLike | (TensorLike | null)[] | null;
  retainGraph?: boolean | null;
  createGraph?: boolean;
  onlyInputs?: boolean;
  allowUnused?: boolean;
}>;

/** Head gradients, one per output; a single output may take a nested array of values. */
function headGrads(g: unknown, outs: core.Tensor[], single: boolean): (core.Tensor | null)[] | undefined {
  if (g == null) return undefined;
  const list = single && !(Array.isArray(g) && g.length === 1 && isTensorLike(g[0])) ? [g] : listOf(g);
  return (list as (TensorLike | null)[]).map((x, i) =>
    x == null ? null : toCoreTensor(x, outs[i]?.dtype, outs[i]?.backend),
  );
}

/** Gradients of outputs with respect to inputs, returned (inputs' .grad is left alone). */
export function grad(
  outputs: TensorLike | TensorLike[],
  inputs: TensorLike | TensorLike[],
  ...args: PyCall<
    [
      gradOutputs?: TensorLike | (TensorLike | null)[] | null,
      retainGraph?: boolean | null,
      createGraph?: boolean,
      onlyInputs?: boolean,
      allowUnused?: boolean,
    ],
    GradKw
  >
): (Tensor | null)[] {
  const a = core.pyArgs(
    'grad',
    [outputs, inputs, ...args],
    ['outputs', 'inputs', 'gradOutputs', 'retainGraph', 'createGraph', 'onlyInputs', 'allowUnused'],
  );
  const outs = listOf(a.outputs as TensorLike).map(ct);
  const ins = listOf(a.inputs as TensorLike).map(ct);
  const gs = core.grad(outs, ins, {
    gradOutputs: headGrads(a.gradOutputs, outs, !Array.isArray(a.outputs)),
    retainGraph: a.retainGraph ?? undefined,
    createGraph: a.createGraph,
    allowUnused: a.allowUnused,
  });
  return gs.map(wrapOrNull);
}

type BackwardKw = Kw<{
  gradTensors?: TensorLike | (TensorLike | null)[] | null;
  retainGraph?: boolean | null;
  createGraph?: boolean;
  inputs?: TensorLike | TensorLike[];
}>;

/** Accumulates the gradients of tensors into the leaves' .grad. */
export function backward(
  tensors: TensorLike | TensorLike[],
  ...args: PyCall<
    [
      gradTensors?: TensorLike | (TensorLike | null)[] | null,
      retainGraph?: boolean | null,
      createGraph?: boolean,
      gradVariables?: null,
      inputs?: TensorLike | TensorLike[],
    ],
    BackwardKw
  >
): void {
  const a = core.pyArgs(
    'backward',
    [tensors, ...args],
    ['tensors', 'gradTensors', 'retainGraph', 'createGraph', 'gradVariables', 'inputs'],
  );
  const heads = listOf(a.tensors as TensorLike).map(ct);
  const inputs = a.inputs == null ? undefined : listOf(a.inputs as TensorLike).map(ct);
  core.backward(heads, headGrads(a.gradTensors, heads, !Array.isArray(a.tensors)), {
    retainGraph: a.retainGraph ?? undefined,
    createGraph: a.createGraph,
    inputs,
  });
}

// ---- Function --------------------------------------------------------------------------------

/** What a Function's forward and backward share: saved tensors and any attribute. */
export class FunctionCtx {
  readonly #core: core.FunctionContext;
  /** Per forward argument: whether its gradient is needed. */
  needsInputGrad: boolean[] = [];
  [key: string]: unknown;

  /** @internal */
  constructor(c: core.FunctionContext) {
    this.#core = c;
  }
  saveForBackward(...tensors: (TensorLike | null)[]): void {
    this.#core.saveForBackward(...(tensors.map((t) => (t == null ? null : ct(t))) as core.Tensor[]));
  }
  get savedTensors(): (Tensor | null)[] {
    return this.#core.savedTensors.map(wrapOrNull);
  }
  save_for_backward(...tensors: (TensorLike | null)[]): void {
    this.saveForBackward(...tensors);
  }
  get saved_tensors(): (Tensor | null)[] {
    return this.savedTensors;
  }
  get needs_input_grad(): boolean[] {
    return this.needsInputGrad;
  }
}

type Forward = (ctx: FunctionCtx, ...args: any[]) => any;
type ArgsOf<F> = F extends (ctx: FunctionCtx, ...args: infer A) => any ? A : never;

/**
 * torch.autograd.Function: subclass it with `static forward(ctx, ...args)` and
 * `static backward(ctx, ...grads)` (one gradient, or null, per forward argument), then call
 * `MyFn.apply(...args)`. The node is named `${ClassName}Backward`, as in PyTorch.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: PyTorch's Function is subclassed with static forward/backward.
export class AutogradFunction {
  static forward(_ctx: FunctionCtx, ..._args: any[]): any {
    throw new Error('You must implement the forward function for custom autograd.Function.');
  }
  static backward(_ctx: FunctionCtx, ..._grads: any[]): any {
    throw new Error(
      'You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.',
    );
  }

  static apply<C extends { forward: Forward }>(
    this: C,
    ...args: ArgsOf<C['forward']>
  ): ReturnType<C['forward']> {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the user's subclass.
    const cls = this as unknown as typeof AutogradFunction;
    const positions: number[] = [];
    const inputs: core.Tensor[] = [];
    args.forEach((a: unknown, i: number) => {
      if (isTensorLike(a)) {
        positions.push(i);
        inputs.push(ct(a));
      }
    });
    const coreCtx = new core.FunctionContext();
    const ctx = new FunctionCtx(coreCtx);
    ctx.needsInputGrad = args.map(
      (a: unknown) => isTensorLike(a) && core.isGradEnabled() && core.gradMode.tracks(ct(a)),
    );
    coreCtx.needsInputGrad = ctx.needsInputGrad;
    let many = false;
    const forward = (_c: core.FunctionContext, ...ins: core.Tensor[]) => {
      const callArgs = [...args];
      positions.forEach((p, k) => {
        callArgs[p] = wrap(ins[k]);
      });
      const out = cls.forward(ctx, ...callArgs);
      many = Array.isArray(out);
      // An input returned as it is gets a new handle, so recording cannot rewrite the input.
      const outs = listOf(out as TensorLike).map((o) => {
        const c = ct(o);
        return inputs.includes(c) ? c.alias() : c;
      });
      return many ? outs : outs[0];
    };
    const backwardFn = (_c: core.FunctionContext, ...grads: core.Tensor[]) => {
      const r = cls.backward(ctx, ...grads.map(wrap));
      const list = (Array.isArray(r) ? r : [r]) as (TensorLike | null | undefined)[];
      const extraNonNull = list.slice(args.length).some((g) => g != null);
      if (list.length < args.length || extraNonNull) {
        throw new core.AutogradError(
          `function ${cls.name}Backward returned an incorrect number of gradients (expected ${args.length}, got ${list.length})`,
        );
      }
      return positions.map((p, k) => {
        const g = list[p];
        return g == null ? null : toCoreTensor(g, inputs[k].dtype, inputs[k].backend);
      });
    };
    const out = core.applyCustom(`${cls.name}Backward`, forward, backwardFn, inputs, coreCtx);
    return (Array.isArray(out) ? out.map(wrap) : wrap(out)) as ReturnType<C['forward']>;
  }
}

// ---- gradcheck -------------------------------------------------------------------------------

type CheckKw = Kw<{ eps?: number; atol?: number; rtol?: number; raiseException?: boolean }>;
type CheckArgs = PyCall<[eps?: number, atol?: number, rtol?: number, raiseException?: boolean], CheckKw>;
type Func = (...xs: Tensor[]) => TensorLike | TensorLike[];

function check(
  which: typeof core.gradcheck,
  name: string,
  fn: Func,
  inputs: TensorLike | TensorLike[],
  args: readonly unknown[],
): boolean {
  const o = core.pyArgs(name, args, ['eps', 'atol', 'rtol', 'raiseException']);
  const ins = listOf(inputs).map(ct);
  const probe = core.noGrad(() => fn(...ins.map(wrap)));
  const count = Array.isArray(probe) ? probe.length : 1;
  for (let k = 0; k < count; k++) {
    const f = (...xs: core.Tensor[]) => {
      const out = fn(...xs.map(wrap));
      return ct(Array.isArray(out) ? out[k] : out);
    };
    if (!which(f, ins, o)) return false;
  }
  return true;
}

/** Compares analytic gradients with central finite differences (inputs must be float64). */
export function gradcheck(fn: Func, inputs: TensorLike | TensorLike[], ...args: CheckArgs): boolean {
  return check(core.gradcheck, 'gradcheck', fn, inputs, args);
}
/** gradcheck of the first derivatives (second order). */
export function gradgradcheck(fn: Func, inputs: TensorLike | TensorLike[], ...args: CheckArgs): boolean {
  return check(core.gradgradcheck, 'gradgradcheck', fn, inputs, args);
}
