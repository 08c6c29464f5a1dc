import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promoteTypes, promoteWithScalar } from '../src/dtype.js';
import { mxnetReshapeShape } from '../src/reshape-codes.js';
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  isContiguous,
  normAxes,
  normAxis,
} from '../src/shape.js';

describe('broadcastShapes', () => {
  it('follows NumPy on examples', () => {
    expect(broadcastShapes([2, 1, 4], [3, 1])).toEqual([2, 3, 4]);
    expect(broadcastShapes([], [5])).toEqual([5]);
    expect(broadcastShapes([0, 1], [1, 3])).toEqual([0, 3]);
  });
  it('names both shapes when it fails', () => {
    expect(() => broadcastShapes([2, 3], [4, 3], 'add')).toThrow(
      'add: shapes [2, 3] and [4, 3] cannot be broadcast together',
    );
  });
  it('is commutative, and each input broadcasts to the result (property)', () => {
    const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });
    fc.assert(
      fc.property(shape, shape, (a, b) => {
        let r: number[] | null = null;
        try {
          r = broadcastShapes(a, b);
        } catch {
          // incompatible: then the reverse must fail too
          expect(() => broadcastShapes(b, a)).toThrow();
          return;
        }
        expect(broadcastShapes(b, a)).toEqual(r);
        for (const s of [a, b]) {
          const off = r.length - s.length;
          s.forEach((d, i) => expect(d === r![i + off] || d === 1).toBe(true));
        }
      }),
    );
  });
});

describe('strides', () => {
  it('contiguous strides and the contiguity test', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(isContiguous([2, 3], [3, 1])).toBe(true);
    expect(isContiguous([2, 3], [1, 2])).toBe(false);
    expect(isContiguous([1, 3], [99, 1])).toBe(true);
  });
  it('broadcast strides are zero on broadcast dimensions', () => {
    expect(broadcastStrides([3, 1], [1, 1], [2, 3, 4])).toEqual([0, 1, 0]);
  });
});

describe('axes', () => {
  it('normalises negative axes and rejects out of range', () => {
    expect(normAxis(-1, 3)).toBe(2);
    expect(normAxes([-1, 0], 3)).toEqual([0, 2]);
    expect(() => normAxis(3, 3, 'sum')).toThrow(
      'sum: dimension out of range (expected to be in range of [-3, 2], but got 3)',
    );
    expect(() => normAxes([1, -1], 2)).toThrow('dim appears multiple times');
    expect(normAxes(0, 0)).toEqual([]);
  });
});

describe('dtype promotion', () => {
  it('follows the documented table', () => {
    expect(promoteTypes('int32', 'float32')).toBe('float32');
    expect(promoteTypes('bool', 'int32')).toBe('int32');
    expect(promoteTypes('float32', 'float64')).toBe('float64');
  });
  it('treats JS numbers as weak scalars', () => {
    expect(promoteWithScalar('float64', 2)).toBe('float64');
    expect(promoteWithScalar('int32', 2)).toBe('int32');
    expect(promoteWithScalar('int32', 2.5)).toBe('float32');
    expect(promoteWithScalar('bool', 1)).toBe('int32');
  });
});

describe("mxnetReshapeShape (MXNet's reshape codes)", () => {
  it('0 copies, -1 infers, -2 copies the rest, -3 merges two, -4 splits one', () => {
    expect(mxnetReshapeShape([2, 3, 4], [0, -1])).toEqual([2, -1]);
    expect(mxnetReshapeShape([2, 3, 4], [-3, 0])).toEqual([6, 4]);
    expect(mxnetReshapeShape([2, 3, 4], [0, -4, 1, 3, 0])).toEqual([2, 1, 3, 4]);
    expect(mxnetReshapeShape([2, 3, 4], [0, -4, -1, 3, 0])).toEqual([2, 1, 3, 4]);
    expect(mxnetReshapeShape([2, 3, 4], [-2])).toEqual([2, 3, 4]);
    expect(mxnetReshapeShape([2, 3, 4], [5, -2])).toEqual([5, 3, 4]);
    expect(mxnetReshapeShape([6], [2, 3])).toEqual([2, 3]);
  });
  it('reverse matches the codes from the right; -4 cannot be reversed', () => {
    expect(mxnetReshapeShape([10, 5, 4], [-1, 0], true)).toEqual([-1, 4]);
    expect(mxnetReshapeShape([10, 5, 4], [-1, 0])).toEqual([-1, 5]);
    expect(() => mxnetReshapeShape([2, 6], [-4, 2, 3], true)).toThrow('reverse=True with -4');
  });
});
