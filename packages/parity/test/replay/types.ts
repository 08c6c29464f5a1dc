/** What a facade's replay of the golden fixtures is made of. */
import type * as core from '@polygrad/core';
import type { Args, FixtureCase } from '../fixtures.js';

/**
 * One way a facade spells a fixture op, e.g. `torch.exp(x)` or `x.exp()`. `run` gets the
 * facade's tensors (fixture inputs, in order) and the case's arguments; `skip` names what this
 * spelling cannot express for a case (it is then not run for that case).
 */
export interface Spelling {
  name: string;
  /** mxnet only: which array class the inputs are made as (default 'np'). */
  flavour?: 'nd' | 'np';
  skip?: (c: FixtureCase) => string | null;
  run: (x: any[], a: Args, c: FixtureCase) => unknown;
}

/** Fixture op name -> every spelling the facade has for it. An op not listed is skipped. */
export type OpTable = Record<string, Spelling[]>;

/** What one replay produced: the op's outputs, and per input index its gradient (or null). */
export interface ReplayResult {
  outputs: unknown[];
  /** First-order gradients (order 1) or second-order ones (order 2), keyed by input index. */
  grads: Map<number, core.Tensor | null>;
}

export interface Facade {
  name: 'torch' | 'mxnet' | 'tf';
  ops: OpTable;
  /** Runs one spelling on fresh inputs and computes gradients in the facade's own style. */
  replay(c: FixtureCase, s: Spelling, order: 1 | 2): ReplayResult;
}

export const sp = (name: string, run: Spelling['run'], skip?: Spelling['skip']): Spelling => ({
  name,
  run,
  skip,
});

/** The same spellings, not run for the cases `skip` names. */
export const except = (spellings: Spelling[], skip: NonNullable<Spelling['skip']>): Spelling[] =>
  spellings.map((s) => ({
    ...s,
    skip: (c) => s.skip?.(c) ?? skip(c),
  }));

/** The variant part of a case id: "max/ties_3x4_ax0/float32" -> "ties_3x4_ax0". */
export const variantName = (c: FixtureCase): string => c.id.split('/')[1];

/** The outputs of an op as a list (split and chunk return several). */
export const listOf = (r: unknown): unknown[] => (Array.isArray(r) ? [...r] : [r]);

/** Indices of the inputs that require a gradient. */
export const sourceIndices = (c: FixtureCase): number[] =>
  c.inputs.flatMap((ft, i) => (ft.requiresGrad ? [i] : []));

/** A fixture axis spec as a list of axes (null: all). */
export const axesList = (axes: number | number[] | null | undefined): number[] | null =>
  axes == null ? null : typeof axes === 'number' ? [axes] : axes;

/** Two-axis reductions are matrix norms in NumPy and TensorFlow. */
export const isMatrixAxes = (c: FixtureCase): boolean => {
  const ax = axesList(c.args.axes);
  return ax === null ? c.inputs[0].shape.length === 2 : ax.length === 2;
};

/** An `index` case's subscript items with `{ input: k }` replaced by the k-th input (a facade tensor). */
export const indexItems = (x: any[], items: unknown[]): any[] =>
  items.map((i) =>
    i !== null && typeof i === 'object' && 'input' in i ? x[(i as { input: number }).input] : i,
  );

/** Whether an `index` case's items include an index array or mask (an input). */
export const hasIndexArray = (c: FixtureCase): boolean =>
  (c.args.items as unknown[]).some((i) => i !== null && typeof i === 'object');

/** Whether an `index` case's items include a slice with a negative step. */
export const hasNegativeStep = (c: FixtureCase): boolean =>
  (c.args.items as unknown[]).some((i) => typeof i === 'string' && Number(i.split(':')[2]) < 0);

/** The flat values of an integer input (an index array) of a case. */
export const intValues = (c: FixtureCase, k: number): number[] => c.inputs[k].values.map(Number);

/**
 * F.pad's flat `pad` list (a (before, after) pair per dimension from the last backwards) as one
 * [before, after] pair per axis from the first, as np.pad's pad_width and tf.pad's paddings list them.
 */
export const padPairs = (c: FixtureCase): [number, number][] => {
  const n = c.inputs[0].shape.length;
  const pads: number[] = c.args.pads;
  return Array.from({ length: n }, (_, d) => {
    const k = n - 1 - d;
    return 2 * k < pads.length ? [pads[2 * k], pads[2 * k + 1]] : [0, 0];
  });
};

/** Whether a gather case's index fits NumPy's broadcasting (torch.gather also takes a smaller index). */
export const broadcastsAlong = (c: FixtureCase): boolean => {
  const [x, idx] = [c.inputs[0].shape, c.inputs[1].shape];
  const ax = (c.args.axis + x.length) % x.length;
  return idx.every((d, i) => i === ax || d === x[i] || d === 1 || x[i] === 1);
};
