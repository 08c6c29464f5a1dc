/**
 * MXNet's backward and grad over core's one engine, with the MXNet recorder: non-scalar heads
 * get a head gradient of ones (a sum), leaf gradients are written by gradReq, a graph is
 * cleared by a backward without retainGraph (core's `releaseAll`), and errors carry MXNet's texts.
 */
import * as core from '@polygrad/core';
import { MXNetError, NO_INPUTS, NOT_IN_GRAPH, notAVariable } from './errors.js';

type T = core.Tensor;

/** Runs fn with MXNet's training flag set (restored after). */
const training = <R>(b: boolean, fn: () => R): R => core.trainingScope(b, fn) as R;

export interface MxBackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
  trainMode?: boolean;
}

function checkHeads(heads: readonly T[], headGrads: readonly (T | null)[]): void {
  heads.forEach((h, i) => {
    if (!core.inGraph(h, core.recordScope)) throw new MXNetError(NOT_IN_GRAPH);
    const g = headGrads[i];
    if (g && g.shape.join() !== h.shape.join()) {
      throw new MXNetError(
        `Incompatible head gradient: head ${i} has shape (${h.shape.join(', ')}) but its gradient has shape (${g.shape.join(', ')})`,
      );
    }
  });
}

/** Core's SECOND_BACKWARD is MXNet's "not in a computational graph" (the graph was cleared). */
function translate<R>(fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof core.AutogradError && e.message.startsWith('Trying to backward through the graph')) {
      throw new MXNetError(NOT_IN_GRAPH);
    }
    throw e;
  }
}

/** Head gradients in the heads' dtype (a float64 head with a float32 gradient is cast). */
function castGrads(heads: readonly T[], headGrads: readonly (T | null)[]): (T | null)[] {
  return heads.map((h, i) => {
    const g = headGrads[i] ?? null;
    return g && g.dtype !== h.dtype ? core.cast(g, h.dtype) : g;
  });
}

/** `autograd.backward`: writes the gradients into every reached variable's .grad. */
export function mxBackward(
  heads: readonly T[],
  headGrads: readonly (T | null)[],
  o: MxBackwardOptions = {},
): void {
  checkHeads(heads, headGrads);
  if (core.leavesOf(heads, core.recordScope).every((t) => t.gradReq === 'null'))
    throw new MXNetError(NO_INPUTS);
  const retainGraph = o.retainGraph ?? false;
  training(o.trainMode ?? true, () =>
    translate(() =>
      core.backward(heads, castGrads(heads, headGrads), {
        recorder: core.recordScope,
        retainGraph,
        requireScalar: false,
        releaseAll: true,
      }),
    ),
  );
}

/** `autograd.grad`: gradients of the heads with respect to the variables, as new tensors. */
export function mxGrad(
  heads: readonly T[],
  variables: readonly T[],
  headGrads: readonly (T | null)[],
  o: MxBackwardOptions = {},
): T[] {
  checkHeads(heads, headGrads);
  variables.forEach((v, i) => {
    if (!core.inGraph(v, core.recordScope)) throw new MXNetError(notAVariable(i));
  });
  const createGraph = o.createGraph ?? false;
  const retainGraph = o.retainGraph ?? createGraph;
  const gs = training(o.trainMode ?? true, () =>
    translate(() =>
      core.grad(heads, variables, {
        recorder: core.recordScope,
        gradOutputs: castGrads(heads, headGrads),
        retainGraph,
        createGraph,
        allowUnused: true,
        requireScalar: false,
        releaseAll: true,
      }),
    ),
  );
  // A variable the heads do not depend on has a zero gradient, as in MXNet.
  return gs.map((g, i) => g ?? core.zerosLike(variables[i]));
}
