/**
 * `tf.GradientTape`: TensorFlow's tape on core's `Tape` recorder. Python's
 * `with tf.GradientTape() as t:` block is `t.record(() => …)`, or `t.enter()` … `t.exit()`,
 * or `using t = new tf.GradientTape().enter()`.
 */
import * as core from '@polygrad/core';
import { callable, flatten, isTensorLeaf, type Nest, packSequenceAs } from './args.js';
import { type EnteredTape, popTape, pushTape } from './recording.js';
import { type HasCoreTensor, Tensor, type TensorLike, toCore, wrap } from './tensor.js';
import { type Variable, variableOf } from './variable.js';

/** `tf.UnconnectedGradients.NONE` / `.ZERO`; the strings 'none' / 'zero' work too. */
export const UnconnectedGradients = Object.freeze({ NONE: 'none', ZERO: 'zero' } as const);
export type UnconnectedGradientsValue = 'none' | 'zero';

export const STOP_NOT_RECORDING = 'Trying to stop recording a tape which is not recording.';

function unconnectedArg(v: unknown): UnconnectedGradientsValue {
  if (v === undefined || v === null) return 'none';
  const s = String(v)
    .toLowerCase()
    .replace(/^unconnectedgradients\./, '');
  if (s === 'none' || s === 'zero') return s;
  throw new Error(`Unknown value for unconnected_gradients: '${String(v)}'`);
}

/** A target or source as the engine sees it; reading one here is not a variable access. */
function coreOf(x: TensorLike): core.Tensor {
  return x instanceof Tensor ? x._core : toCore(x);
}

export interface GradientTapeOptions {
  persistent?: boolean;
  watchAccessedVariables?: boolean;
  watch_accessed_variables?: boolean;
}

export interface GradientOptions {
  outputGradients?: Nest<TensorLike | null>;
  unconnectedGradients?: UnconnectedGradientsValue | string;
  [key: string]: unknown;
}

type Sources = Nest<TensorLike>;
type Grads = Nest<Tensor | null>;
type Leaf = Tensor | core.Tensor | HasCoreTensor;

/** The result of gradient()/jacobian() for sources of type S: the same structure, Tensor | null leaves. */
export type GradientsOf<S> = S extends Leaf
  ? Tensor | null
  : S extends readonly unknown[]
    ? { -readonly [K in keyof S]: GradientsOf<S[K]> }
    : S extends object
      ? { -readonly [K in keyof S]: GradientsOf<S[K]> }
      : Tensor | null;

export class GradientTapeImpl implements EnteredTape {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  private tape: core.Tape;
  private pauses = 0;
  private pauseScope: core.Scope | null = null;

  constructor(
    persistent?: boolean | GradientTapeOptions,
    watchAccessedVariables?: boolean | GradientTapeOptions,
  );
  constructor(...args: unknown[]) {
    const a = core.pyArgs('GradientTape', args, ['persistent', 'watchAccessedVariables'], {
      persistent: false,
      watchAccessedVariables: true,
    });
    this.persistent = Boolean(a.persistent);
    this.watchAccessedVariables = Boolean(a.watchAccessedVariables);
    this.tape = this.newTape();
  }

  // Python spellings (added at run time by addPythonAliases).
  declare stop_recording: GradientTapeImpl['stopRecording'];
  declare watched_variables: GradientTapeImpl['watchedVariables'];
  declare batch_jacobian: GradientTapeImpl['batchJacobian'];

  private newTape(): core.Tape {
    return new core.Tape({
      persistent: this.persistent,
      watchAccessedVariables: this.watchAccessedVariables,
    });
  }

  /** The engine's tape (a new one after `reset()`). */
  get coreTape(): core.Tape {
    return this.tape;
  }

  /** @internal Called for every read of a trainable variable while this tape is entered. */
  variableAccessed(t: core.Tensor): void {
    if (this.watchAccessedVariables && this.tape.active()) this.tape.watch(t);
  }

  /** Starts recording (Python's `__enter__`); re-entering an active tape is an error. */
  enter(): this {
    this.tape.enter();
    pushTape(this);
    return this;
  }

  /** Stops recording (Python's `__exit__`). */
  exit(): void {
    if (!this.tape.isRecording) return;
    this.pauseScope?.exit();
    this.pauseScope = null;
    this.pauses = 0;
    this.tape.exit();
    popTape(this);
  }

  [Symbol.dispose](): void {
    this.exit();
  }

  /** Runs fn with the tape recording and returns its value (async callbacks too). */
  record<T>(fn: () => T): T;
  record(): core.Scope;
  record<T>(fn?: () => T): T | core.Scope {
    return core.scoped(() => {
      this.enter();
      return () => this.exit();
    }, fn);
  }

  /** Watches tensors (or variables, or a list or dict of them); non-float ones are skipped with a warning. */
  watch(tensor: Sources): void {
    for (const x of flatten(tensor, isTensorLeaf)) {
      const t = coreOf(x);
      if (!core.isFloat(t.dtype)) {
        console.warn(`The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.${t.dtype}`);
        continue;
      }
      this.tape.watch(t);
    }
  }

  /** Runs fn without recording on this tape (Python's `with t.stop_recording():`). */
  stopRecording<T>(fn: () => T): T;
  stopRecording(): core.Scope;
  stopRecording<T>(fn?: () => T): T | core.Scope {
    if (!this.tape.isRecording) throw new core.AutogradError(STOP_NOT_RECORDING);
    return core.scoped(() => {
      if (this.pauses++ === 0) this.pauseScope = this.tape.stopRecording() as core.Scope;
      return () => {
        if (--this.pauses === 0) {
          this.pauseScope?.exit();
          this.pauseScope = null;
        }
      };
    }, fn);
  }

  /**
   * Forgets everything recorded and watched, as if the tape were exited and a new one entered:
   * what was computed before the reset no longer reaches any source.
   */
  reset(): void {
    const recording = this.tape.isRecording;
    if (recording) {
      this.pauseScope?.exit();
      this.tape.exit();
    }
    this.tape = this.newTape();
    if (recording) {
      this.tape.enter();
      if (this.pauses > 0) this.pauseScope = this.tape.stopRecording() as core.Scope;
    }
  }

  /** The variables this tape watches, in the order they were first watched. */
  watchedVariables(): Variable[] {
    const out: Variable[] = [];
    for (const t of this.tape.watchedTensors()) {
      const v = variableOf(t);
      if (v) out.push(v);
    }
    return out;
  }

  /**
   * d(sum of targets)/d(each source). Sources may be a tensor, an array or an object of tensors
   * and variables; the result has the same structure, with null for an unconnected source
   * (zeros with `unconnectedGradients: 'zero'`) and null with a warning for an integer one.
   */
  gradient<S extends Sources>(target: Nest<TensorLike>, sources: S, ...rest: unknown[]): GradientsOf<S>;
  gradient(...args: unknown[]): Grads {
    const a = core.pyArgs(
      'gradient',
      args,
      ['target', 'sources', 'outputGradients', 'unconnectedGradients'],
      {},
      ['sources'],
    );
    const unconnected = unconnectedArg(a.unconnectedGradients);
    const targets = flatten(a.target as Nest<TensorLike>, isTensorLeaf).map(coreOf);
    const srcs = flatten(a.sources as Sources, isTensorLeaf).map(coreOf);
    let outputGradients: (core.Tensor | null)[] | undefined;
    if (a.outputGradients !== undefined && a.outputGradients !== null) {
      const isGrad = (x: unknown): x is TensorLike | null => x === null || isTensorLeaf(x);
      outputGradients = flatten(a.outputGradients as Nest<TensorLike | null>, isGrad).map((g) =>
        g === null ? null : coreOf(g),
      );
    }
    const gs = this.tape.gradient(targets, srcs, { outputGradients, unconnected });
    return packSequenceAs(
      a.sources as Sources,
      gs.map((g) => (g ? wrap(g) : null)),
      isTensorLeaf,
    );
  }

  /**
   * d target[i...] / d source[j...], shaped [...target.shape, ...source.shape], for a source
   * or a structure of sources (the result has its structure).
   */
  jacobian<S extends Sources>(target: TensorLike, sources: S, ...rest: unknown[]): GradientsOf<S>;
  jacobian(...args: unknown[]): Grads {
    const a = core.pyArgs(
      'jacobian',
      args,
      ['target', 'sources', 'unconnectedGradients', 'parallelIterations', 'experimentalUsePfor'],
      {},
      ['sources'],
    );
    const unconnected = unconnectedArg(a.unconnectedGradients);
    const t = coreOf(a.target);
    if (isTensorLeaf(a.sources)) {
      const j = this.tape.jacobian(t, coreOf(a.sources), { unconnected });
      return j ? wrap(j) : null;
    }
    const srcs = flatten(a.sources as Sources, isTensorLeaf).map(coreOf);
    const js = this.tape.jacobian(t, srcs, { unconnected });
    return packSequenceAs(
      a.sources as Sources,
      js.map((j) => (j ? wrap(j) : null)),
      isTensorLeaf,
    );
  }

  /** Per-example jacobians: target [B, ...] and source [B, ...] give [B, ...target, ...source]. */
  batchJacobian(target: TensorLike, source: TensorLike, ...rest: unknown[]): Tensor | null;
  batchJacobian(...args: unknown[]): Tensor | null {
    const a = core.pyArgs('batch_jacobian', args, [
      'target',
      'source',
      'unconnectedGradients',
      'parallelIterations',
      'experimentalUsePfor',
    ]);
    const unconnected = unconnectedArg(a.unconnectedGradients);
    const t = coreOf(a.target);
    const s = coreOf(a.source);
    const j = this.tape.batchJacobian(t, s);
    if (j) return wrap(j);
    if (unconnected !== 'zero') return null;
    return wrap(
      core.zeros([t.shape[0], ...t.shape.slice(1), ...s.shape.slice(1)], {
        dtype: s.dtype,
        backend: s.backend,
      }),
    );
  }
}
core.addPythonAliases(GradientTapeImpl.prototype);

export type GradientTape = GradientTapeImpl;
/** `new tf.GradientTape({ persistent, watchAccessedVariables })`; also callable without `new`. */
export const GradientTape = callable(GradientTapeImpl);
