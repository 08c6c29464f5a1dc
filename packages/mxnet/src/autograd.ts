/**
 * `mx.autograd`: recording and training scopes, backward, grad, mark_variables and Function,
 * over core's MXNet recorder (`core.recordScope`).
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR, pyArgs, type Scope, type Tensor } from '@polygrad/core';
import { withAliases } from './aliases.js';
import type { MxArray } from './array.js';
import { mxBackward, mxGrad } from './backprop.js';
import { MXNetError } from './errors.js';
import { MxFunction } from './function.js';
import { NDArray } from './ndarray.js';
import { NpArray } from './np-array.js';
import { type ArrayLike, toTensor } from './tensor-like.js';

export type { Scope };

/** Splits `(fn?, ...pythonArgs)`: the callback is the `with` block. */
function scopeArgs(name: string, args: unknown[], train: boolean): [(() => unknown) | undefined, boolean] {
  const fn = typeof args[0] === 'function' ? (args[0] as () => unknown) : undefined;
  const rest = fn ? args.slice(1) : args;
  return [fn, pyArgs(name, rest, ['trainMode'], { trainMode: train }).trainMode];
}

/** `with autograd.record(train_mode=True):` — records ops on arrays with an attached gradient. */
export function record<R>(
  fn: () => R,
  trainMode?: boolean | { trainMode?: boolean; train_mode?: boolean },
): R;
export function record(trainMode?: boolean | { trainMode?: boolean; train_mode?: boolean }): Scope;
export function record(...args: unknown[]): unknown {
  const [fn, train] = scopeArgs('record', args, true);
  return core.recordingScope(true, train, fn);
}

/** `with autograd.pause(train_mode=False):` — stops recording inside a record block. */
export function pause<R>(fn: () => R, trainMode?: boolean | { trainMode?: boolean; train_mode?: boolean }): R;
export function pause(trainMode?: boolean | { trainMode?: boolean; train_mode?: boolean }): Scope;
export function pause(...args: unknown[]): unknown {
  const [fn, train] = scopeArgs('pause', args, false);
  return core.recordingScope(false, train, fn);
}

/** `with autograd.train_mode():` — training behaviour without changing recording. */
export function trainMode<R>(fn: () => R): R;
export function trainMode(): Scope;
export function trainMode(fn?: () => unknown): unknown {
  return core.trainingScope(true, fn);
}

/** `with autograd.predict_mode():` — inference behaviour without changing recording. */
export function predictMode<R>(fn: () => R): R;
export function predictMode(): Scope;
export function predictMode(fn?: () => unknown): unknown {
  return core.trainingScope(false, fn);
}

export const isRecording = (): boolean => core.isRecording();
export const isTraining = (): boolean => core.isTraining();
/** Sets the recording flag; returns the previous value. */
export const setRecording = (isRecording: boolean): boolean => core.setRecording(isRecording);
/** Sets the training flag; returns the previous value. */
export const setTraining = (train: boolean): boolean => core.setTraining(train);

const list = <V>(x: V | readonly V[] | null | undefined): V[] =>
  x == null ? [] : Array.isArray(x) ? [...x] : [x as V];

/** The array class a result should have: the class of the array it belongs to. */
const wrapLike = (like: unknown, t: Tensor): MxArray =>
  like instanceof NpArray ? new NpArray(t) : new NDArray(t);

/** `autograd.mark_variables(variables, gradients, grad_reqs='write')`: attach_grad with your own buffers. */
export function markVariables(...args: unknown[]): void {
  const a = pyArgs('mark_variables', args, ['variables', 'gradients', 'gradReqs'], { gradReqs: 'write' });
  const vars = list<MxArray>(a.variables);
  const grads = list<MxArray>(a.gradients);
  const reqs: string[] = typeof a.gradReqs === 'string' ? vars.map(() => a.gradReqs) : list(a.gradReqs);
  if (grads.length !== vars.length || reqs.length !== vars.length) {
    throw new MXNetError('mark_variables: variables, gradients and grad_reqs must have the same length');
  }
  vars.forEach((v, i) => {
    if (!['write', 'add', 'null'].includes(reqs[i])) throw new MXNetError(`Invalid grad_req '${reqs[i]}'`);
    v.releaseGrad();
    core.attachGrad(v[CORE_TENSOR], reqs[i] as core.GradReq, grads[i][CORE_TENSOR]);
    v.setGradView(grads[i]);
  });
}

const heads = (h: unknown) => list<ArrayLike>(h as ArrayLike).map((x) => toTensor(x));
const headGrads = (g: unknown, n: number) => {
  const gs = list<ArrayLike | null>(g as ArrayLike);
  return Array.from({ length: n }, (_, i) => (gs[i] == null ? null : toTensor(gs[i]!)));
};

/** `autograd.backward(heads, head_grads=None, retain_graph=False, train_mode=True)`. */
export function backward(...args: unknown[]): void {
  const a = pyArgs('backward', args, ['heads', 'headGrads', 'retainGraph', 'trainMode'], {
    retainGraph: false,
    trainMode: true,
  });
  const hs = heads(a.heads);
  mxBackward(hs, headGrads(a.headGrads, hs.length), { retainGraph: a.retainGraph, trainMode: a.trainMode });
}

/**
 * `autograd.grad(heads, variables, head_grads=None, retain_graph=None, create_graph=False,
 * train_mode=True)`: the gradients as new arrays (a list, as MXNet returns); .grad is untouched.
 */
export function grad(...args: unknown[]): MxArray[] {
  const a = pyArgs(
    'grad',
    args,
    ['heads', 'variables', 'headGrads', 'retainGraph', 'createGraph', 'trainMode'],
    { createGraph: false, trainMode: true },
  );
  const hs = heads(a.heads);
  const vars = list<MxArray>(a.variables);
  if (!vars.length) throw new MXNetError('variables cannot be an empty list.');
  const gs = mxGrad(
    hs,
    vars.map((v) => toTensor(v)),
    headGrads(a.headGrads, hs.length),
    { retainGraph: a.retainGraph ?? undefined, createGraph: a.createGraph, trainMode: a.trainMode },
  );
  return gs.map((g, i) => wrapLike(vars[i], g));
}

export const autograd = withAliases({
  record,
  pause,
  trainMode,
  predictMode,
  isRecording,
  isTraining,
  setRecording,
  setTraining,
  markVariables,
  backward,
  grad,
  Function: MxFunction,
  /** The graph recorded behind an array as Graphviz DOT (op names and shapes). */
  toDot: (x: object): string => core.toDot(((x as Record<symbol, Tensor>)[CORE_TENSOR] ?? x) as Tensor),
});
