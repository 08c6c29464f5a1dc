/**
 * The tapes that are entered, so that reading a trainable Variable can be reported to every
 * one of them (TensorFlow's `watch_accessed_variables`). Kept apart from tape.ts so that
 * variable.ts can report reads without importing the tape.
 */
import type * as core from '@polygrad/core';

export interface EnteredTape {
  /** Called when a trainable variable is read as an op input. */
  variableAccessed(t: core.Tensor): void;
  /** The engine's tape behind the facade tape (it changes on reset()). */
  readonly coreTape: core.Tape;
}

const entered: EnteredTape[] = [];

export function pushTape(t: EnteredTape): void {
  entered.push(t);
}

export function popTape(t: EnteredTape): void {
  const i = entered.lastIndexOf(t);
  if (i >= 0) entered.splice(i, 1);
}

/** Every entered tape (recording, possibly paused by stopRecording). */
export function enteredTapes(): readonly EnteredTape[] {
  return entered;
}

/** A trainable variable was read: every tape that records and watches accessed variables watches it. */
export function variableAccessed(t: core.Tensor): void {
  for (let i = 0; i < entered.length; i++) entered[i].variableAccessed(t);
}
