import type { DType } from '@polygrad/core';
import { runBackendSuites } from '@polygrad/core/testing';
import { gpuAvailable } from './gpu.js';

const DTYPES: DType[] = ['float32', 'int32', 'bool'];

if (await gpuAvailable('webgpu')) {
  // WebGPU has no float64: the suites skip its cases, and the finite-difference gradient suite
  // (float64) is replaced by gradients.test.ts, a float32 comparison with the CPU backend.
  runBackendSuites('webgpu', { dtypes: DTYPES });
}
