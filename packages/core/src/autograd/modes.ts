import { gradMode, recordScope } from './recorders.js';

/** What a scope call returns when no callback is given: `exit()` or `using s = ...`. */
export interface Scope {
  exit(): void;
  [Symbol.dispose](): void;
}

/**
 * Runs `fn` inside a state change made by `enter` (which returns its undo), or returns a
 * scope object when there is no callback. Async callbacks keep the state until they settle.
 */
export function scoped<T>(enter: () => () => void, fn?: () => T): T | Scope {
  const undo = enter();
  let done = false;
  const exit = () => {
    if (!done) {
      done = true;
      undo();
    }
  };
  if (!fn) return { exit, [Symbol.dispose]: exit };
  let r: T;
  try {
    r = fn();
  } catch (e) {
    exit();
    throw e;
  }
  if (r instanceof Promise) return r.finally(exit) as T;
  exit();
  return r;
}

// Overloads so a callback's return type survives.
export function noGrad<T>(fn: () => T): T;
export function noGrad(): Scope;
export function noGrad<T>(fn?: () => T): T | Scope {
  return setGradEnabled(false, fn as () => T);
}

export function enableGrad<T>(fn: () => T): T;
export function enableGrad(): Scope;
export function enableGrad<T>(fn?: () => T): T | Scope {
  return setGradEnabled(true, fn as () => T);
}

/** PyTorch's grad mode; without fn it sets the mode and returns a scope that restores it. */
export function setGradEnabled<T>(enabled: boolean, fn?: () => T): T | Scope {
  return scoped(() => {
    const prev = gradMode.enabled;
    gradMode.enabled = enabled;
    return () => {
      gradMode.enabled = prev;
    };
  }, fn);
}

export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

export function inferenceMode<T>(fn?: () => T, mode = true): T | Scope {
  return scoped(() => {
    const prev = [gradMode.enabled, gradMode.inference] as const;
    gradMode.enabled = !mode && prev[0];
    gradMode.inference = mode;
    return () => {
      [gradMode.enabled, gradMode.inference] = prev;
    };
  }, fn);
}

export function isInferenceModeEnabled(): boolean {
  return gradMode.inference;
}

/** MXNet's record/pause: recording and training flags, restored on exit. */
export function recordingScope<T>(recording: boolean, training: boolean, fn?: () => T): T | Scope {
  return scoped(() => {
    const prev = [recordScope.recording, recordScope.training] as const;
    recordScope.recording = recording;
    recordScope.training = training;
    return () => {
      [recordScope.recording, recordScope.training] = prev;
    };
  }, fn);
}

export function trainingScope<T>(training: boolean, fn?: () => T): T | Scope {
  return scoped(() => {
    const prev = recordScope.training;
    recordScope.training = training;
    return () => {
      recordScope.training = prev;
    };
  }, fn);
}

export const isRecording = () => recordScope.recording;
export const isTraining = () => recordScope.training;

/** Sets MXNet's recording flag; returns the previous value. */
export function setRecording(b: boolean): boolean {
  const prev = recordScope.recording;
  recordScope.recording = b;
  return prev;
}

export function setTraining(b: boolean): boolean {
  const prev = recordScope.training;
  recordScope.training = b;
  return prev;
}
