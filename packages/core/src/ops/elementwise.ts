import { needsGrad, record } from '../autograd/record.js';
import type { BinaryOp, UnaryOp } from '../backend.js';
import { type DType, isFloat, promoteTypes, promoteWithScalar } from '../dtype.js';
import { broadcastShapes, sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { sumTo } from './reduce.js';
import { asTensor, commonBackend, DTypeError, empty, type TensorLike, viewAs } from './util.js';

// ---- dtype rules -------------------------------------------------------------------------

function floatOf(d: DType): DType {
  return isFloat(d) ? d : 'float32';
}

/** The dtype two operands compute in: tensor-tensor promotion, JS scalars are weak. */
export function resultType(a: TensorLike, b: TensorLike): DType {
  const ta = typeof a === 'number' || typeof a === 'boolean';
  const tb = typeof b === 'number' || typeof b === 'boolean';
  if (ta && tb) return typeof a === 'boolean' && typeof b === 'boolean' ? 'bool' : 'float32';
  if (ta) return promoteWithScalar(asTensor(b).dtype, a as number | boolean);
  if (tb) return promoteWithScalar(asTensor(a).dtype, b as number | boolean);
  return promoteTypes(asTensor(a).dtype, asTensor(b).dtype);
}

// ---- cast ----------------------------------------------------------------------------------

/** Converts to another dtype (a no-op handle when equal); differentiable between float types. */
export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = asTensor(x);
  if (t.dtype === dtype) return t;
  const out = empty(dtype, t.shape, t.backend);
  t.storage.backend.copy(t.view, out.view);
  if (isFloat(dtype) && isFloat(t.dtype)) record('ToCopyBackward0', [t], out, ([g]) => [cast(g, t.dtype)]);
  return out;
}

// ---- unary ---------------------------------------------------------------------------------

type UnaryGrad = (g: Tensor, x: Tensor, y: Tensor) => Tensor | null;
interface UnarySpec {
  name: string;
  /** Which of input/output the gradient needs (saved only when recorded). */
  save: 'x' | 'y' | 'none';
  grad: UnaryGrad | null;
  /** Integer inputs compute in float32 (exp of an int tensor is float, as in PyTorch). */
  float?: boolean;
}

function unary(op: UnaryOp, spec: UnarySpec, x: TensorLike): Tensor {
  let t = asTensor(x);
  if (spec.float && !isFloat(t.dtype)) t = cast(t, 'float32');
  const outDType = op === 'not' || op === 'isnan' ? 'bool' : t.dtype;
  const out = empty(outDType, t.shape, t.backend);
  t.storage.backend.unary(op, t.view, out.view);
  const grad = spec.grad;
  if (grad) {
    const saved = spec.save === 'x' ? [t] : spec.save === 'y' ? [out] : [];
    record(
      spec.name,
      [t],
      out,
      ([g], s) => [grad(g, spec.save === 'x' ? s[0] : t, spec.save === 'y' ? s[0] : out)],
      saved,
    );
  }
  return out;
}

const u =
  (op: UnaryOp, spec: UnarySpec) =>
  (x: TensorLike): Tensor =>
    unary(op, spec, x);
const F = true;

export const neg = u('neg', { name: 'NegBackward0', save: 'none', grad: (g) => neg(g) });
export const abs = u('abs', { name: 'AbsBackward0', save: 'x', grad: (g, x) => mul(g, sign(x)) });
export const sign = u('sign', { name: 'SignBackward0', save: 'none', grad: () => null });
export const exp = u('exp', { name: 'ExpBackward0', save: 'y', float: F, grad: (g, _x, y) => mul(g, y) });
export const log = u('log', { name: 'LogBackward0', save: 'x', float: F, grad: (g, x) => div(g, x) });
export const log1p = u('log1p', {
  name: 'Log1PBackward0',
  save: 'x',
  float: F,
  grad: (g, x) => div(g, add(x, 1)),
});
export const expm1 = u('expm1', {
  name: 'Expm1Backward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => mul(g, add(y, 1)),
});
export const sqrt = u('sqrt', {
  name: 'SqrtBackward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => div(g, mul(y, 2)),
});
export const rsqrt = u('rsqrt', {
  name: 'RsqrtBackward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => mul(g, mul(pow(y, 3), -0.5)),
});
export const square = u('square', { name: 'PowBackward0', save: 'x', grad: (g, x) => mul(g, mul(x, 2)) });
export const reciprocal = u('reciprocal', {
  name: 'ReciprocalBackward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => neg(mul(g, square(y))),
});
export const sin = u('sin', { name: 'SinBackward0', save: 'x', float: F, grad: (g, x) => mul(g, cos(x)) });
export const cos = u('cos', {
  name: 'CosBackward0',
  save: 'x',
  float: F,
  grad: (g, x) => neg(mul(g, sin(x))),
});
export const tan = u('tan', {
  name: 'TanBackward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => mul(g, add(square(y), 1)),
});
export const tanh = u('tanh', {
  name: 'TanhBackward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => mul(g, sub(1, square(y))),
});
export const sigmoid = u('sigmoid', {
  name: 'SigmoidBackward0',
  save: 'y',
  float: F,
  grad: (g, _x, y) => mul(g, mul(y, sub(1, y))),
});
export const relu = u('relu', {
  name: 'ReluBackward0',
  save: 'y',
  grad: (g, _x, y) => mul(g, cast(gt(y, 0), g.dtype)),
});
export const erf = u('erf', {
  name: 'ErfBackward0',
  save: 'x',
  float: F,
  grad: (g, x) => mul(g, mul(exp(neg(square(x))), 2 / Math.sqrt(Math.PI))),
});
export const floor = u('floor', { name: 'FloorBackward0', save: 'none', grad: () => null });
export const ceil = u('ceil', { name: 'CeilBackward0', save: 'none', grad: () => null });
export const round = u('round', { name: 'RoundBackward0', save: 'none', grad: () => null });
export const trunc = u('trunc', { name: 'TruncBackward0', save: 'none', grad: () => null });
export const logicalNot = u('not', { name: 'NotBackward', save: 'none', grad: null });
export const isnan = u('isnan', { name: 'IsnanBackward', save: 'none', grad: null });

// ---- binary --------------------------------------------------------------------------------

type BinaryGrad = (
  g: Tensor,
  a: Tensor,
  b: Tensor,
  y: Tensor,
  needA: boolean,
  needB: boolean,
) => [Tensor | null, Tensor | null];
type SaveRule = 'both' | 'none' | 'mul' | 'div';

function binary(
  op: BinaryOp,
  name: string,
  grad: BinaryGrad | null,
  a: TensorLike,
  b: TensorLike,
  dtypeRule: (d: DType) => DType = (d) => (d === 'bool' ? 'int32' : d),
  saveOut = false,
  saves: SaveRule = 'both',
): Tensor {
  const d = dtypeRule(resultType(a, b));
  const backendName = a instanceof Tensor ? a.backend : b instanceof Tensor ? b.backend : undefined;
  let ta = asTensor(a, d, backendName);
  let tb = asTensor(b, d, backendName);
  const backend = ta.backend === tb.backend ? ta.backend : commonBackend(op, ta, tb);
  const shape =
    tb.ndim === 0
      ? ta.shape
      : ta.ndim === 0
        ? tb.shape
        : sameShape(ta.shape, tb.shape)
          ? ta.shape
          : broadcastShapes(ta.shape, tb.shape, op);
  ta = cast(ta, d);
  tb = cast(tb, d);
  const compare =
    op === 'eq' ||
    op === 'ne' ||
    op === 'lt' ||
    op === 'le' ||
    op === 'gt' ||
    op === 'ge' ||
    op === 'and' ||
    op === 'or';
  const out = empty(compare ? 'bool' : d, shape, backend);
  ta.storage.backend.binary(op, viewAs(ta, shape), viewAs(tb, shape), out.view);
  if (grad) {
    const A = ta;
    const B = tb;
    record(
      name,
      [A, B],
      out,
      ([g], s, needs) => {
        const [ga, gb] = grad(g, s[0], s[1], saveOut ? s[2] : out, needs[0], needs[1]);
        return [needs[0] && ga ? sumTo(ga, A.shape) : null, needs[1] && gb ? sumTo(gb, B.shape) : null];
      },
      () => {
        if (saves === 'both') return saveOut ? [A, B, out] : [A, B];
        if (saves === 'none') return [null, null];
        // mul needs b for a's gradient and a for b's; div always needs b.
        const na = needsGrad(A);
        const nb = needsGrad(B);
        return [nb ? A : null, saves === 'div' || na ? B : null];
      },
    );
  }
  return out;
}

const floatRule = (d: DType) => floatOf(d);

const intRule = (d: DType) => (d === 'bool' ? 'int32' : d);
export const add = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'add',
    'AddBackward0',
    (g, _a, _b, _y, na, nb) => [na ? g : null, nb ? g : null],
    a,
    b,
    intRule,
    false,
    'none',
  );
export const sub = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'sub',
    'SubBackward0',
    (g, _a, _b, _y, na, nb) => [na ? g : null, nb ? neg(g) : null],
    a,
    b,
    intRule,
    false,
    'none',
  );
export const mul = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'mul',
    'MulBackward0',
    (g, x, y, _o, na, nb) => [na && y ? mul(g, y) : null, nb && x ? mul(g, x) : null],
    a,
    b,
    intRule,
    false,
    'mul',
  );
export const div = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'div',
    'DivBackward0',
    (g, x, y, _o, na, nb) => [na ? div(g, y) : null, nb && x ? neg(div(mul(g, x), square(y))) : null],
    a,
    b,
    floatRule,
    false,
    'div',
  );

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const scalarExp = typeof b === 'number';
  return binary(
    'pow',
    scalarExp ? 'PowBackward0' : 'PowBackward1',
    (g, x, e, y) => {
      // 0^0: PyTorch zeroes the base gradient where the exponent is 0 (not 0·inf = nan).
      // A scalar exponent decides that once, keeping the graph PyTorch's (MulBackward0).
      if (scalarExp) return [b === 0 ? mul(g, 0) : mul(g, mul(e, pow(x, (b as number) - 1))), null];
      const ga = where(eq(e, 0), 0, mul(g, mul(e, pow(x, sub(e, 1)))));
      // d/de x^e = x^e log x; PyTorch masks x == 0 (with e >= 0) to 0 instead of nan.
      const ge = where(logicalAnd(eq(x, 0), ge_(e, 0)), 0, mul(g, mul(y, log(x))));
      return [ga, ge];
    },
    a,
    b,
    (d) => (d === 'bool' ? 'int32' : d),
    true,
  );
}

/**
 * Who gets the gradient at a tie: PyTorch splits it ('split', the default); TensorFlow and
 * MXNet give all of it to the first operand ('first').
 */
export type TieGrad = 'split' | 'first';

export const maximum = (a: TensorLike, b: TensorLike, ties: TieGrad = 'split'): Tensor =>
  binary(
    'maximum',
    'MaximumBackward0',
    (g, x, y) => (ties === 'first' ? firstWins(g, ge_(x, y)) : splitTies(g, lt(x, y), gt(x, y), eq(x, y))),
    a,
    b,
  );
export const minimum = (a: TensorLike, b: TensorLike, ties: TieGrad = 'split'): Tensor =>
  binary(
    'minimum',
    'MinimumBackward0',
    (g, x, y) => (ties === 'first' ? firstWins(g, le(x, y)) : splitTies(g, gt(x, y), lt(x, y), eq(x, y))),
    a,
    b,
  );

function firstWins(g: Tensor, aWins: Tensor): [Tensor, Tensor] {
  return [where(aWins, g, 0), where(aWins, 0, g)];
}

/**
 * PyTorch's rule: ties share the gradient equally, the loser gets none, and where a NaN
 * makes every comparison false both operands get the full gradient.
 */
function splitTies(g: Tensor, aLoses: Tensor, bLoses: Tensor, tie: Tensor): [Tensor, Tensor] {
  const wa = where(tie, 0.5, where(aLoses, 0, 1));
  const wb = where(tie, 0.5, where(bLoses, 0, 1));
  return [mul(g, cast(wa, g.dtype)), mul(g, cast(wb, g.dtype))];
}

export const atan2 = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'atan2',
    'Atan2Backward0',
    (g, y, x) => {
      const r = add(square(x), square(y));
      return [div(mul(g, x), r), neg(div(mul(g, y), r))];
    },
    a,
    b,
    floatRule,
  );

const cmp =
  (op: BinaryOp) =>
  (a: TensorLike, b: TensorLike): Tensor =>
    binary(op, op, null, a, b, (d) => d);
export const eq = cmp('eq');
export const ne = cmp('ne');
export const lt = cmp('lt');
export const le = cmp('le');
export const gt = cmp('gt');
export const ge_ = cmp('ge');
export { ge_ as ge };
export const logicalAnd = (a: TensorLike, b: TensorLike) => binary('and', 'and', null, a, b, () => 'bool');
export const logicalOr = (a: TensorLike, b: TensorLike) => binary('or', 'or', null, a, b, () => 'bool');

// ---- where ---------------------------------------------------------------------------------

/** cond ? a : b with broadcasting over all three. */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = cast(asTensor(cond), 'bool');
  const d = resultType(a, b);
  const ta = cast(asTensor(a, d, c.backend), d);
  const tb = cast(asTensor(b, d, c.backend), d);
  const backend = commonBackend('where', c, ta, tb);
  const shape = broadcastShapes(broadcastShapes(c.shape, ta.shape, 'where'), tb.shape, 'where');
  const out = empty(d, shape, backend);
  c.storage.backend.where(viewAs(c, shape), viewAs(ta, shape), viewAs(tb, shape), out.view);
  record(
    'WhereBackward0',
    [c, ta, tb],
    out,
    ([g], [cs]) => [null, sumTo(where(cs, g, 0), ta.shape), sumTo(where(cs, 0, g), tb.shape)],
    [c],
  );
  return out;
}

export function assertFloat(t: Tensor, op: string): void {
  if (!isFloat(t.dtype)) throw new DTypeError(`${op}: expected a floating point tensor but got ${t.dtype}`);
}
