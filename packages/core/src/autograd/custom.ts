import type { Tensor } from '../tensor.js';
import { record } from './record.js';
import { withRecorders } from './recorders.js';

/** What a user-defined function's forward and backward share. */
export class FunctionContext {
  private toSave: Tensor[] = [];
  private saved: readonly Tensor[] | null = null;
  /** Which inputs need a gradient (PyTorch's ctx.needs_input_grad). */
  needsInputGrad: boolean[] = [];
  [key: string]: unknown;

  saveForBackward(...ts: Tensor[]): void {
    this.toSave = ts;
  }
  get savedTensors(): readonly Tensor[] {
    return this.saved ?? this.toSave;
  }
  /** @internal */
  takeSaved(): Tensor[] {
    return this.toSave;
  }
  /** @internal */
  setSaved(s: readonly Tensor[] | null): void {
    this.saved = s;
  }
}

export type CustomForward = (ctx: FunctionContext, ...inputs: Tensor[]) => Tensor | Tensor[];
export type CustomBackward = (
  ctx: FunctionContext,
  ...grads: Tensor[]
) => Tensor | null | (Tensor | null | undefined)[];

/**
 * Runs a user forward without recording its inside, then records one node whose backward
 * is the user's. The user's backward runs with ordinary ops, so it is differentiable too.
 */
export function applyCustom(
  name: string,
  forward: CustomForward,
  backward: CustomBackward,
  inputs: Tensor[],
  ctx: FunctionContext = new FunctionContext(),
): Tensor | Tensor[] {
  const out = withRecorders([], () => forward(ctx, ...inputs));
  const outs = Array.isArray(out) ? out : [out];
  record(
    name,
    inputs,
    outs,
    (grads, saved) => {
      ctx.setSaved(saved);
      try {
        const r = backward(ctx, ...grads);
        return Array.isArray(r) ? r : [r];
      } finally {
        ctx.setSaved(null);
      }
    },
    () => ctx.takeSaved(),
  );
  return out;
}
