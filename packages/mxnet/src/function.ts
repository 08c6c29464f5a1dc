/**
 * `autograd.Function` (named MxFunction in the source so as not to shadow JavaScript's
 * Function): subclass it with `forward(...inputs)` and `backward(...outGrads)`, and call an
 * instance once with `f.apply(...inputs)` (Python's `f(*inputs)`).
 */
import * as core from '@polygrad/core';
import { addPythonAliases, CORE_TENSOR, type Tensor } from '@polygrad/core';
import type { MxArray } from './array.js';
import { FUNCTION_USED, MXNetError } from './errors.js';
import { NDArray } from './ndarray.js';
import { NpArray } from './np-array.js';
import { type ArrayLike, toTensor } from './tensor-like.js';

type Out = MxArray | readonly MxArray[];
type GradOut = ArrayLike | null | undefined | readonly (ArrayLike | null | undefined)[];

export class MxFunction {
  private used = false;
  private saved: unknown[] = [];
  declare save_for_backward: (...args: unknown[]) => void;
  declare saved_tensors: unknown[];

  saveForBackward(...args: unknown[]): void {
    this.saved = args;
  }

  /** What `saveForBackward` stored (MXNet keeps them as plain attributes). */
  get savedTensors(): unknown[] {
    return this.saved;
  }
  set savedTensors(v: unknown[]) {
    this.saved = v;
  }

  /** Override: compute the outputs (not recorded). */
  forward(..._inputs: any[]): Out {
    throw new MXNetError('Function.forward is not implemented: override it in your subclass');
  }

  /** Override: gradients of the inputs from the gradients of the outputs. */
  backward(..._outputGrads: any[]): GradOut {
    throw new MXNetError('Function.backward is not implemented: override it in your subclass');
  }

  /** Runs forward (with recording off, as MXNet does) and records one node whose backward is yours. */
  apply(...inputs: MxArray[]): any {
    if (this.used) throw new MXNetError(FUNCTION_USED);
    this.used = true;
    const like = inputs.find((x) => x instanceof NpArray) ?? inputs[0];
    const wrap = (t: Tensor): MxArray => (like instanceof NpArray ? new NpArray(t) : new NDArray(t));
    let single = false;
    let outputs: MxArray[] = [];
    core.applyCustom(
      this.constructor.name || 'Function',
      () => {
        const r = core.recordingScope(false, core.isTraining(), () => this.forward(...inputs)) as Out;
        single = !Array.isArray(r);
        outputs = single ? [r as MxArray] : [...(r as MxArray[])];
        // An input returned as is gets a new handle: the node goes on the output, not the input.
        outputs = outputs.map((o) => (inputs.includes(o) ? wrap(core.detach(o[CORE_TENSOR])) : o));
        return outputs.map((o) => o[CORE_TENSOR]);
      },
      (_ctx, ...grads) => {
        const r = this.backward(...grads.map(wrap));
        const rs = Array.isArray(r) ? r : [r];
        return rs.map((g) => (g == null ? null : toTensor(g as ArrayLike)));
      },
      inputs.map((x) => toTensor(x)),
    );
    return single ? outputs[0] : outputs;
  }
}

addPythonAliases(MxFunction.prototype, ['saveForBackward', 'savedTensors']);
