/** repr/str/print against strings printed by real PyTorch 1.13 (test/fixtures/make_fixtures.py). */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { print, repr, str, type Tensor, torch } from '../src/index.js';
import { capture, fixture } from './util.js';

/** Each case's recipe, mirroring repr_cases() in the generator. */
function reprCases(): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  const x = torch.arange(4.0, { requiresGrad: true });
  out.arange = torch.arange(4.0);
  out.arange_requires_grad = x;
  out.dot_times_two = torch.dot(x, x).mul(2);
  out.sum = x.sum();
  out.mean = x.mean();
  out.square_plus_one = x.mul(x).add(1);
  out.int32 = torch.tensor([0, 1, 2], { dtype: torch.int32 });
  out.int32_matrix = torch.arange(6, { dtype: torch.int32 }).reshape(2, 3);
  out.bool = torch.tensor([true, false, true]);
  out.all_true = torch.tensor([1, 2]).eq(torch.tensor([1, 2]));
  out.scalar = torch.tensor(3);
  out.scalar_requires_grad = torch.tensor(3, { requires_grad: true });
  const d = torch.tensor([1.5, 2.25], { dtype: torch.float64, requiresGrad: true });
  out.float64_requires_grad = d;
  out.float64_grad_fn = d.mul(2);
  out.fractions = torch.arange(4.0).div(torch.tensor(14).sqrt());
  out.scientific = torch.tensor([1e-5, 1, 1e3]);
  out.nan_inf = torch.tensor([Number.NaN, Number.POSITIVE_INFINITY, -1.5]);
  const m = torch.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { requiresGrad: true },
  );
  out.matrix_requires_grad = m;
  out.matmul = m.matmul(m);
  out.long_row_grad_fn = torch.arange(30, { requiresGrad: true }).mul(1.5);
  out.suffix_on_new_line = torch.arange(12, { requiresGrad: true }).mul(0.123);
  out.wide_matrix_requires_grad = torch.arange(24).mul(0.25).reshape(2, 12).requires_grad_();
  out.summarised = torch.arange(2000, { requiresGrad: true });
  out.empty = torch.zeros(0);
  out.empty_2d_requires_grad = torch.zeros(2, 0, { requiresGrad: true });
  out.int_times_fraction = torch.tensor([1, 2, 3], { dtype: 'int32' }).mul(2.5);
  out.detached = x.mul(3).detach();
  out.exp_float64 = torch.tensor([0, 1], { dtype: 'float64', requiresGrad: true }).exp();
  return out;
}

afterEach(() => torch.setPrintoptions({ profile: 'default' }));

describe(`repr matches PyTorch ${fixture.torch}`, () => {
  const cases = reprCases();
  it.each(Object.entries(cases))('%s', (name, t) => {
    expect(repr(t)).toBe(fixture.repr[name]);
    expect(String(t)).toBe(fixture.repr[name]);
    expect(str(t)).toBe(fixture.repr[name]);
    expect(inspect(t)).toBe(fixture.repr[name]);
  });
  it('covers every repr case of the fixture except the print-option ones', () => {
    const options = ['precision_2', 'sci_mode', 'threshold_5', 'linewidth_40'];
    expect(Object.keys(fixture.repr).filter((k) => !options.includes(k))).toEqual(Object.keys(cases));
  });
});

describe('set_printoptions', () => {
  const t = () => torch.tensor([1.23456, 2.5, 1000.125]);
  it('precision', () => {
    torch.set_printoptions({ precision: 2 });
    expect(repr(t())).toBe(fixture.repr.precision_2);
    torch.setPrintoptions(2);
    expect(repr(t())).toBe(fixture.repr.precision_2);
  });
  it('sci_mode', () => {
    torch.set_printoptions({ sci_mode: true });
    expect(repr(t())).toBe(fixture.repr.sci_mode);
  });
  it('threshold and edgeitems', () => {
    torch.setPrintoptions({ threshold: 5, edgeitems: 2 });
    expect(repr(torch.arange(10, { requiresGrad: true }))).toBe(fixture.repr.threshold_5);
  });
  it('linewidth', () => {
    torch.setPrintoptions({ linewidth: 40 });
    expect(repr(torch.arange(12).mul(0.5))).toBe(fixture.repr.linewidth_40);
  });
  it('profile resets', () => {
    torch.setPrintoptions({ precision: 1 });
    torch.setPrintoptions({ profile: 'default' });
    expect(repr(torch.tensor([0.5]))).toBe('tensor([0.5000])');
  });
});

describe('printing other values as Python does', () => {
  it('print joins str() of its arguments; None, True/False, tuples', () => {
    const out = capture(() => print(null, true, false, [1, 2], torch.tensor([1, 2])));
    expect(out).toBe('None True False (1, 2) tensor([1., 2.])\n');
    expect(capture(() => torch.print('x', torch.tensor(2)))).toBe('x tensor(2.)\n');
  });
  it('torch.Size, dtypes and devices', () => {
    const x = torch.zeros(2, 3);
    expect(repr(x.shape)).toBe('torch.Size([2, 3])');
    expect(str(x.shape)).toBe('torch.Size([2, 3])');
    expect(String(x.size())).toBe('torch.Size([2, 3])');
    expect(inspect(x.shape)).toBe('torch.Size([2, 3])');
    expect(repr(torch.zeros([]).shape)).toBe('torch.Size([])');
    expect(repr(x.dtype)).toBe('torch.float32');
    expect(String(torch.float64)).toBe('torch.float64');
    expect(repr(x.device)).toBe("device(type='cpu')");
    expect(str(x.device)).toBe('cpu');
  });
  it('torch.return_types print as in PyTorch', () => {
    const r = torch.max(
      torch.tensor(
        [
          [1, 4],
          [3, 2],
        ],
        { requiresGrad: true },
      ),
      1,
    );
    // PyTorch prints int64 indices without a dtype; polygrad's indices are int32.
    expect(repr(r)).toBe(
      'torch.return_types.max(\nvalues=tensor([4., 3.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0], dtype=torch.int32))',
    );
    expect(str(torch.sort(torch.tensor([3, 1, 2])))).toBe(
      'torch.return_types.sort(\nvalues=tensor([1., 2., 3.]),\nindices=tensor([1, 2, 0], dtype=torch.int32))',
    );
  });
  it('grad_fn objects', () => {
    const y = torch.tensor([1], { requiresGrad: true }).mul(2);
    expect(repr(y.gradFn)).toMatch(/^<MulBackward0 object at 0x[0-9a-f]+>$/);
    expect(repr(y.gradFn!.nextFunctions[0][0])).toMatch(/^<AccumulateGrad object at 0x[0-9a-f]+>$/);
  });
});
