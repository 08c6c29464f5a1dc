/**
 * Shared test suites: a backend package runs every one against itself with one call
 * (`runBackendSuites('wasm')`). They need vitest, an optional peer dependency of core.
 */
import { autogradSuite } from './autograd.js';
import { conformanceSuite } from './conformance.js';
import { goldenSuite } from './golden.js';
import { gradientSuite } from './gradients.js';
import { memorySuite } from './memory.js';
import type { SuiteOptions } from './options.js';

export * from './golden.js';
export * from './options.js';
export * from './util.js';
export { autogradSuite, conformanceSuite, gradientSuite, memorySuite };

/** Every shared suite against one backend; `dtypes` lists what it supports (default: all four). */
export function runBackendSuites(backend: string, opts: SuiteOptions = {}): void {
  conformanceSuite(backend, opts);
  gradientSuite(backend, opts);
  autogradSuite(backend, opts);
  memorySuite(backend, opts);
  goldenSuite(backend, opts);
}
