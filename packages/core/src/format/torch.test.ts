import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DType } from '../dtype.js';
import { getTorchPrintOptions, setTorchPrintOptions, type TorchProfile, torchRepr } from './torch.js';
import type { FormatInput } from './types.js';

type Json = number | string;
const decode = (v: Json): number =>
  typeof v === 'number'
    ? v
    : v === 'nan'
      ? Number.NaN
      : v === 'inf'
        ? Infinity
        : v === '-inf'
          ? -Infinity
          : -0;

interface Case {
  name: string;
  dtype: DType;
  shape: number[];
  data: Json[];
  suffixes?: string[];
  opts?: { precision?: number; threshold?: Json; edgeitems?: number; linewidth?: number; sciMode?: boolean };
  repr: string;
}
type SetOpts = Parameters<typeof setTorchPrintOptions>[0] & { profile?: TorchProfile };

const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/format_torch.json', import.meta.url), 'utf8'),
);
const input = (c: Case): FormatInput => ({ data: c.data.map(decode), shape: c.shape, dtype: c.dtype });
const options = (c: Case): SetOpts => {
  const o = { ...c.opts } as SetOpts & { threshold?: Json };
  if (o.threshold !== undefined) o.threshold = decode(o.threshold);
  return o as SetOpts;
};
const t = (data: number[], shape: number[], dtype: DType = 'float32'): FormatInput => ({
  data,
  shape,
  dtype,
});

afterEach(() => setTorchPrintOptions({ profile: 'default' }));

describe(`torch fixtures (${fixture.cases.length} cases)`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    setTorchPrintOptions(options(c));
    expect(torchRepr(input(c), { suffixes: c.suffixes })).toBe(c.repr);
  });
});

describe('torch literal examples', () => {
  const r14 = [0, 1, 2, 3].map((i) => Math.fround(i / Math.fround(Math.sqrt(14))));
  it('repr', () => {
    expect(torchRepr(t([0, 1, 2, 3], [4]))).toBe('tensor([0., 1., 2., 3.])');
    expect(torchRepr(t(r14, [4]))).toBe('tensor([0.0000, 0.2673, 0.5345, 0.8018])');
    const sci = [1e-5, 1, 1e3].map(Math.fround);
    expect(torchRepr(t(sci, [3]))).toBe('tensor([1.0000e-05, 1.0000e+00, 1.0000e+03])');
    expect(torchRepr(t([28], []))).toBe('tensor(28.)');
    expect(torchRepr(t([0, 4, 8, 12], [4]))).toBe('tensor([ 0.,  4.,  8., 12.])');
    expect(torchRepr(t([0, 1, 2], [3], 'int32'))).toBe('tensor([0, 1, 2], dtype=torch.int32)');
    expect(torchRepr(t([1, 2], [2], 'float64'))).toBe('tensor([1., 2.], dtype=torch.float64)');
    // Real PyTorch pads True to the width of False (the brief's `tensor([True, False])` is not what torch prints).
    expect(torchRepr(t([1, 0], [2], 'bool'))).toBe('tensor([ True, False])');
    expect(torchRepr(t([], [0]))).toBe('tensor([])');
    expect(torchRepr(t([], [0, 3]))).toBe('tensor([], size=(0, 3))');
    expect(torchRepr(t([1, 2], [2]), { suffixes: ['requires_grad=True'] })).toBe(
      'tensor([1., 2.], requires_grad=True)',
    );
    expect(torchRepr(t([2], []), { suffixes: ['grad_fn=<MulBackward0>'] })).toBe(
      'tensor(2., grad_fn=<MulBackward0>)',
    );
  });
  it('print option state', () => {
    setTorchPrintOptions({ precision: 2, sciMode: true });
    expect(getTorchPrintOptions()).toMatchObject({ precision: 2, sciMode: true, linewidth: 80 });
    expect(torchRepr(t([1.5], [1]))).toBe('tensor([1.50e+00])');
    setTorchPrintOptions({ linewidth: 100 });
    // PyTorch resets sci_mode on every set_printoptions call.
    expect(getTorchPrintOptions()).toMatchObject({ precision: 2, sciMode: null, linewidth: 100 });
    setTorchPrintOptions({ profile: 'full' });
    expect(getTorchPrintOptions()).toMatchObject({ precision: 4, threshold: Infinity, linewidth: 80 });
    expect(torchRepr(t([1.25], [1]), { precision: 1 })).toBe('tensor([1.2])');
  });
});
