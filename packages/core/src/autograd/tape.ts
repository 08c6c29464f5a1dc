import { isFloat } from '../dtype.js';
import { zeros, zerosLike } from '../ops/creation.js';
import { concat, stack } from '../ops/join.js';
import { reshape } from '../ops/movement.js';
import { fromValues } from '../ops/util.js';
import type { Tensor } from '../tensor.js';
import { AutogradError, walk } from './engine.js';
import { type Scope, scoped } from './modes.js';
import { addRecorder, type Recorder, removeRecorder } from './recorders.js';

export const TAPE_USED =
  'A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)';
export const TAPE_REENTER =
  'Tape is still recording, This can happen if you try to re-enter an already-active tape.';

const entered: Tape[] = [];

export interface TapeOptions {
  persistent?: boolean;
  watchAccessedVariables?: boolean;
}

/** TensorFlow's GradientTape: records ops that touch watched tensors while entered; tapes nest. */
export class Tape implements Recorder {
  readonly name = 'tape';
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  private watched = new Set<Tensor>();
  private recording = false;
  private paused = 0;
  private used = false;

  constructor(opts: TapeOptions = {}) {
    this.persistent = opts.persistent ?? false;
    this.watchAccessedVariables = opts.watchAccessedVariables ?? true;
  }

  active(): boolean {
    return this.recording && this.paused === 0;
  }
  tracks(t: Tensor): boolean {
    return this.watched.has(t) || t.node?.takers.includes(this) === true;
  }
  get isRecording(): boolean {
    return this.recording;
  }

  enter(): this {
    if (this.recording) throw new AutogradError(TAPE_REENTER);
    this.recording = true;
    entered.push(this);
    addRecorder(this);
    return this;
  }

  exit(): void {
    if (!this.recording) return;
    this.recording = false;
    entered.splice(entered.indexOf(this), 1);
    removeRecorder(this);
  }

  [Symbol.dispose](): void {
    this.exit();
  }

  /** Runs fn with the tape recording (Python's `with tf.GradientTape() as t:` block). */
  record<T>(fn: () => T): T {
    return scoped(() => {
      this.enter();
      return () => this.exit();
    }, fn) as T;
  }

  watch(ts: Tensor | readonly Tensor[]): void {
    for (const t of Array.isArray(ts) ? ts : [ts as Tensor]) {
      if (isFloat(t.dtype)) this.watched.add(t);
    }
  }

  watchedTensors(): Tensor[] {
    return [...this.watched];
  }

  /** Runs fn without recording on this tape. */
  stopRecording<T>(fn?: () => T): T | Scope {
    return scoped(() => {
      this.paused++;
      return () => {
        this.paused--;
      };
    }, fn);
  }

  /** Forgets everything recorded and watched; the tape can be used again. */
  reset(): void {
    this.watched.clear();
    this.used = false;
  }

  private checkUsable(): void {
    if (this.used && !this.persistent) throw new AutogradError(TAPE_USED);
  }

  /** Other tapes that are recording (nested tapes record this tape's gradient ops: higher order). */
  private outer(): Recorder[] {
    return entered.filter((t) => t !== this || this.persistent);
  }

  /**
   * Gradients of the (summed) targets with respect to each source; null for unconnected
   * sources (or zeros with `unconnected: 'zero'`), null with a warning for integer sources.
   */
  gradient(
    targets: Tensor | readonly Tensor[],
    sources: readonly Tensor[],
    opts: { outputGradients?: readonly (Tensor | null)[]; unconnected?: 'none' | 'zero' } = {},
  ): (Tensor | null)[] {
    this.checkUsable();
    const hs = Array.isArray(targets) ? [...targets] : [targets as Tensor];
    const result = walk(hs, opts.outputGradients ?? [], sources, {
      recorder: this,
      retainGraph: this.persistent,
      recordWith: this.outer(),
      allowUnused: true,
    }).sources;
    if (!this.persistent) this.used = true;
    return sources.map((s, i) => {
      if (!isFloat(s.dtype)) {
        console.warn(
          `WARNING: The dtype of the source tensor must be floating (e.g. tf.float32) when calling GradientTape.gradient, got tf.${s.dtype}`,
        );
        return null;
      }
      const g = result[i];
      if (g) return g;
      return opts.unconnected === 'zero' ? zerosLike(s) : null;
    });
  }

  /**
   * d target[i...] / d source[j...], shaped [...target.shape, ...source.shape]; null for an
   * unconnected source (zeros with `unconnected: 'zero'`). With a list of sources, one jacobian
   * each from one use of the tape (row i is the gradient of target[i]); a non-float source
   * gives null there.
   */
  jacobian(target: Tensor, source: Tensor, opts?: { unconnected?: 'none' | 'zero' }): Tensor | null;
  jacobian(
    target: Tensor,
    sources: readonly Tensor[],
    opts?: { unconnected?: 'none' | 'zero' },
  ): (Tensor | null)[];
  jacobian(
    target: Tensor,
    sources: Tensor | readonly Tensor[],
    opts: { unconnected?: 'none' | 'zero' } = {},
  ): Tensor | null | (Tensor | null)[] {
    this.checkUsable();
    const list = Array.isArray(sources) ? (sources as readonly Tensor[]) : [sources as Tensor];
    const js = this.jacobians(target, list, opts.unconnected ?? 'none');
    if (!this.persistent) this.used = true;
    return Array.isArray(sources) ? js : js[0];
  }

  /** One backward per element of target, for every source at once. */
  private jacobians(
    target: Tensor,
    sources: readonly Tensor[],
    unconnected: 'none' | 'zero',
  ): (Tensor | null)[] {
    const rows: Tensor[][] = sources.map(() => []);
    const reached = sources.map(() => true);
    for (let i = 0; i < target.size; i++) {
      const hg = oneHot(target, i);
      const gs = walk([target], [hg], sources, {
        recorder: this,
        retainGraph: true,
        recordWith: this.outer(),
        allowUnused: true,
      }).sources;
      hg.dispose();
      gs.forEach((g, j) => {
        if (g) rows[j].push(g);
        else reached[j] = false;
      });
    }
    return sources.map((s, j) => {
      if (!isFloat(s.dtype)) {
        rows[j].forEach((r) => r.dispose());
        return null;
      }
      if (!reached[j] || target.size === 0) {
        rows[j].forEach((r) => r.dispose());
        return unconnected === 'zero' || target.size === 0 ? zerosOfJac(target, s) : null;
      }
      return reshape(stack(rows[j]), [...target.shape, ...s.shape]);
    });
  }

  /** Per-example jacobians: target [B, ...] and source [B, ...] give [B, ...target, ...source]. */
  batchJacobian(target: Tensor, source: Tensor, opts: { unconnected?: 'none' | 'zero' } = {}): Tensor | null {
    this.checkUsable();
    const b = target.shape[0];
    if (source.shape[0] !== b) {
      throw new AutogradError(
        `Need first dimension of target shape (${target.shape}) and source shape (${source.shape}) to match.`,
      );
    }
    const inner = target.size / Math.max(b, 1);
    const cols: Tensor[] = [];
    for (let j = 0; j < inner; j++) {
      // Examples are independent, so one backward with a one-hot per example gives every row j.
      const hg = oneHotColumn(target, j);
      const [g] = walk([target], [hg], [source], {
        recorder: this,
        retainGraph: true,
        recordWith: this.outer(),
        allowUnused: true,
      }).sources;
      hg.dispose();
      if (!g) {
        cols.forEach((c) => c.dispose());
        if (!this.persistent) this.used = true;
        if (opts.unconnected !== 'zero') return null;
        return zerosOfJac(target, source, [b, ...target.shape.slice(1), ...source.shape.slice(1)]);
      }
      cols.push(reshape(g, [b, 1, ...source.shape.slice(1)]));
    }
    if (!this.persistent) this.used = true;
    return reshape(concat(cols, 1), [b, ...target.shape.slice(1), ...source.shape.slice(1)]);
  }
}

function oneHot(t: Tensor, i: number): Tensor {
  const v = new Float64Array(t.size);
  v[i] = 1;
  return reshape(fromValues(v, t.dtype, t.backend), t.shape);
}

function oneHotColumn(t: Tensor, j: number): Tensor {
  const b = t.shape[0];
  const inner = t.size / Math.max(b, 1);
  const v = new Float64Array(t.size);
  for (let k = 0; k < b; k++) v[k * inner + j] = 1;
  return reshape(fromValues(v, t.dtype, t.backend), t.shape);
}

function zerosOfJac(target: Tensor, source: Tensor, shape = [...target.shape, ...source.shape]): Tensor {
  return zeros(shape, { dtype: source.dtype, backend: source.backend });
}
