import { registerBackend } from '@polygrad/core';
import { CpuBackend } from './cpu-backend.js';

export { CpuBackend };

registerBackend('cpu', () => new CpuBackend());
