import type { DType } from '../index.js';

/** What a backend supports; suites skip what it lacks (WebGPU has no float64). */
export interface SuiteOptions {
  dtypes?: readonly DType[];
}

export function supports(opts: SuiteOptions | undefined, ...dtypes: DType[]): boolean {
  const have = opts?.dtypes ?? ['float32', 'float64', 'int32', 'bool'];
  return dtypes.every((d) => have.includes(d));
}

export function only<T extends DType>(opts: SuiteOptions | undefined, dtypes: readonly T[]): T[] {
  return dtypes.filter((d) => supports(opts, d));
}
