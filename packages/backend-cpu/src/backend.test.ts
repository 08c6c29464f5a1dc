import { backendInstance, listBackends } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './index.js';

describe('CpuBackend buffers', () => {
  const be = new CpuBackend();

  it('is named cpu and registers itself on import', () => {
    expect(be.name).toBe('cpu');
    expect(listBackends()).toContain('cpu');
    expect(backendInstance('cpu')).toBeInstanceOf(CpuBackend);
  });

  it('allocates zeroed typed arrays of the right kind', () => {
    expect(be.alloc('float32', 3)).toEqual(new Float32Array(3));
    expect(be.alloc('float64', 2)).toBeInstanceOf(Float64Array);
    expect(be.alloc('int32', 0)).toBeInstanceOf(Int32Array);
    expect(be.alloc('bool', 4)).toEqual(new Uint8Array(4));
  });

  it('write then read returns a copy of the first `size` elements', async () => {
    const buf = be.alloc('float32', 4);
    be.write(buf, new Float32Array([1.5, -2, 3, 4]));
    const got = await be.read(buf, 'float32', 3);
    expect(got).toEqual(new Float32Array([1.5, -2, 3]));
    got[0] = 99;
    expect(be.readSync(buf, 'float32', 4)).toEqual(new Float32Array([1.5, -2, 3, 4]));
    expect(be.readSync(buf, 'float32', 0)).toEqual(new Float32Array(0));
  });

  it('writes truthiness into bool buffers', () => {
    const buf = be.alloc('bool', 4);
    be.write(buf, new Float32Array([0, 256, Number.NaN, -0.5]));
    expect(be.readSync(buf, 'bool', 4)).toEqual(new Uint8Array([0, 1, 1, 1]));
  });

  it('free is harmless', () => {
    const buf = be.alloc('int32', 2);
    be.free(buf);
    expect(be.readSync(buf, 'int32', 2)).toEqual(new Int32Array(2));
  });
});
