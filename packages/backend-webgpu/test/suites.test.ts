import type { DType } from '@polygrad/core';
import * as core from '@polygrad/core';
import { runBackendSuites } from '@polygrad/core/testing';
import { createDeviceBackend } from '../src/index.js';
import { gpuAvailable } from './gpu.js';

// The default backend runs small tensors on the host; the suites also run every kernel on the
// device, where the WGSL is what is tested.
core.registerBackend('webgpu-device', () => createDeviceBackend());

const DTYPES: DType[] = ['float32', 'int32', 'bool'];

if (await gpuAvailable('webgpu')) {
  // WebGPU has no float64: the suites skip its cases, and the finite-difference gradient suite
  // (float64) is replaced by gradients.test.ts, a float32 comparison with the CPU backend.
  runBackendSuites('webgpu', { dtypes: DTYPES });
  runBackendSuites('webgpu-device', { dtypes: DTYPES });
}
