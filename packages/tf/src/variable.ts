/**
 * `tf.Variable`: a mutable tensor. Its value lives in one core tensor that never changes
 * identity; `assign`, `assign_add` and `assign_sub` write into it in place (core.assign bumps
 * its version). Reading a trainable variable as an op input makes every recording tape that
 * watches accessed variables watch it, as TensorFlow does. Variables are kept out of `tidy`.
 */
import * as core from '@polygrad/core';
import { callable } from './args.js';
import { type DTypeLike, toCoreDType } from './dtypes.js';
import { disposedText, shapeText, variableRepr } from './printing.js';
import { variableAccessed } from './recording.js';
import { Tensor, type TensorLike, toCore, wrap } from './tensor.js';

const byCore = new WeakMap<core.Tensor, VariableImpl>();

/** The Variable whose value is this core tensor, if any. */
export function variableOf(t: core.Tensor): VariableImpl | undefined {
  return byCore.get(t);
}

const NAMES = [
  'initialValue',
  'trainable',
  'validateShape',
  'cachingDevice',
  'name',
  'variableDef',
  'dtype',
  'importScope',
  'constraint',
  'synchronization',
  'aggregation',
  'shape',
  'experimentalEnableVariableLifting',
] as const;

export interface VariableOptions {
  trainable?: boolean;
  name?: string;
  dtype?: DTypeLike;
  [key: string]: unknown;
}

export interface AssignOptions {
  useLocking?: boolean;
  name?: string;
  readValue?: boolean;
  [key: string]: unknown;
}

type InitialValue = TensorLike | (() => TensorLike);

/** Reads a value without reporting a variable access (assign's right-hand side is not watched). */
function quietCore(x: TensorLike, dtype: core.DType): core.Tensor {
  return x instanceof Tensor ? x._core : toCore(x, dtype);
}

function initialCore(value: InitialValue, dtype: core.DType | undefined): core.Tensor {
  const v = typeof value === 'function' ? value() : value;
  if (v === undefined || v === null) throw new Error('initial_value must be specified.');
  if (v instanceof Tensor || v instanceof core.Tensor || (typeof v === 'object' && core.CORE_TENSOR in v)) {
    const src = v instanceof Tensor ? v._core : toCore(v, dtype);
    // A variable owns its value: always a fresh contiguous copy.
    return core.tensor(src, { dtype: dtype ?? src.dtype });
  }
  // A JS value converts straight into the variable's own tensor (no intermediate to free).
  return toCore(v, dtype);
}

export class VariableImpl extends Tensor {
  /** @internal */ readonly _name: string;
  /** @internal */ readonly _trainable: boolean;

  constructor(initialValue: InitialValue, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const a = core.pyArgs('Variable', args, NAMES, { trainable: true });
    const t = core.withRecorders([], () => initialCore(a.initialValue, toCoreDType(a.dtype, 'Variable')));
    super(core.keep(t));
    this._name = `${a.name ?? 'Variable'}:0`;
    this._trainable = a.trainable !== false;
    byCore.set(t, this);
  }

  // Python spellings (added at run time by addPythonAliases).
  declare assign_add: VariableImpl['assignAdd'];
  declare assign_sub: VariableImpl['assignSub'];
  declare read_value: VariableImpl['readValue'];

  get name(): string {
    return this._name;
  }
  get trainable(): boolean {
    return this._trainable;
  }

  /** @internal A read as an op input: trainable variables are watched by recording tapes. */
  override _read(): core.Tensor {
    if (this._trainable) variableAccessed(this._core);
    return this._core;
  }

  /** @internal */
  override _snapshot(): core.Tensor {
    return core.clone(this._read());
  }

  /** The current value as a new tensor (a snapshot; differentiable back to the variable). */
  readValue(): Tensor {
    return wrap(this._snapshot());
  }
  value(): Tensor {
    return this.readValue();
  }

  private write(
    op: string,
    value: TensorLike,
    rest: unknown[],
    combine: ((v: core.Tensor, d: core.Tensor) => core.Tensor) | null,
  ): VariableImpl | null {
    const a = core.pyArgs(op, [value, ...rest], ['value', 'useLocking', 'name', 'readValue'], {
      readValue: true,
    });
    const dst = this._core;
    core.withRecorders([], () => {
      const v = quietCore(a.value, dst.dtype);
      if (!core.sameShape(v.shape, dst.shape)) {
        throw new Error(
          combine
            ? `Cannot update variable with shape [${dst.shape.join(',')}] using a Tensor with shape [${v.shape.join(',')}], shapes must be equal.`
            : `Cannot assign value to variable ' ${this._name}': Shape mismatch.The variable shape ${shapeText(dst.shape)}, and the assigned value shape ${shapeText(v.shape)} are incompatible.`,
        );
      }
      const next = combine ? combine(dst, v) : v;
      core.assign(dst, next);
      if (next !== v) next.dispose();
    });
    if (!a.readValue) return null;
    // TensorFlow returns the updated variable under the name 'UnreadVariable'.
    return Object.create(this, { _name: { value: 'UnreadVariable' } }) as VariableImpl;
  }

  /** Writes value into the variable (same shape; cast to its dtype). Not recorded by tapes. */
  assign(value: TensorLike, ...rest: unknown[]): VariableImpl | null {
    return this.write('assign', value, rest, null);
  }
  assignAdd(delta: TensorLike, ...rest: unknown[]): VariableImpl | null {
    return this.write('assign_add', delta, rest, (v, d) => core.add(v, d));
  }
  assignSub(delta: TensorLike, ...rest: unknown[]): VariableImpl | null {
    return this.write('assign_sub', delta, rest, (v, d) => core.sub(v, d));
  }

  override toString(): string {
    return this._core.disposed ? disposedText('Variable', this._core) : variableRepr(this._core, this._name);
  }
  override [core.PY_REPR](): string {
    return this.toString();
  }
}
core.addPythonAliases(VariableImpl.prototype);

export interface VariableConstructor {
  new (initialValue: InitialValue, trainable?: boolean | VariableOptions, ...rest: unknown[]): VariableImpl;
  (initialValue: InitialValue, trainable?: boolean | VariableOptions, ...rest: unknown[]): VariableImpl;
  readonly prototype: VariableImpl;
}

/** `tf.Variable(value, { trainable, name, dtype })`, with or without `new`. */
export type Variable = VariableImpl;
export const Variable = callable(VariableImpl) as unknown as VariableConstructor;
