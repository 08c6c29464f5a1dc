import type { Tensor } from '../tensor.js';

/**
 * A recorder decides which ops are recorded. Three kinds share one graph:
 * - `gradMode` (PyTorch): on by default; records ops on tensors that require grad.
 * - `recordScope` (MXNet): on inside `record()`; records ops on arrays with an attached grad.
 * - `Tape` (TensorFlow): each active tape records ops that touch what it watches.
 * A node remembers which recorders took it; each walks only its own nodes.
 */
export interface Recorder {
  readonly name: string;
  active(): boolean;
  tracks(t: Tensor): boolean;
}

class GradMode implements Recorder {
  readonly name = 'grad-mode';
  enabled = true;
  /** Inference mode: also refuses to record, and marks results as inference tensors. */
  inference = false;
  active(): boolean {
    return this.enabled;
  }
  tracks(t: Tensor): boolean {
    return t.requiresGradLeaf || t.node?.takers.includes(this) === true;
  }
}

class RecordScope implements Recorder {
  readonly name = 'record-scope';
  recording = false;
  training = false;
  active(): boolean {
    return this.recording;
  }
  tracks(t: Tensor): boolean {
    return t.gradAttached || t.node?.takers.includes(this) === true;
  }
}

export const gradMode = new GradMode();
export const recordScope = new RecordScope();

/** Recorders that may take ops: the two global ones plus every tape that is entered. */
const registered: Recorder[] = [gradMode, recordScope];
/** During a backward pass, the recorders allowed to record the backward ops. */
let override: readonly Recorder[] | null = null;

export function addRecorder(r: Recorder): void {
  if (!registered.includes(r)) registered.push(r);
}

export function removeRecorder(r: Recorder): void {
  const i = registered.indexOf(r);
  if (i >= 0) registered.splice(i, 1);
}

/** The recorders that take an op on these inputs, or null (the fast, common case). */
export function takersFor(inputs: readonly Tensor[]): Recorder[] | null {
  const list = override ?? registered;
  let out: Recorder[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!r.active()) continue;
    for (let j = 0; j < inputs.length; j++) {
      if (r.tracks(inputs[j])) {
        (out ??= []).push(r);
        break;
      }
    }
  }
  return out;
}

/** Runs fn with only `recorders` able to record (none: an empty list). */
export function withRecorders<T>(recorders: readonly Recorder[], fn: () => T): T {
  const prev = override;
  override = recorders;
  try {
    return fn();
  } finally {
    override = prev;
  }
}

/** Whether any recorder is able to record right now (cheap check for composite ops). */
export function anyActive(): boolean {
  const list = override ?? registered;
  for (const r of list) if (r.active()) return true;
  return false;
}
