/**
 * Shared test suites: a backend package runs every one against itself with one call
 * (`runBackendSuites('wasm')`). They need vitest, an optional peer dependency of core.
 */
import { autogradSuite } from './autograd.js';
import { conformanceSuite } from './conformance.js';
import { goldenSuite } from './golden.js';
import { gradientSuite } from './gradients.js';
import { memorySuite } from './memory.js';

export * from './util.js';
export { autogradSuite, conformanceSuite, goldenSuite, gradientSuite, memorySuite };

export function runBackendSuites(backend: string): void {
  conformanceSuite(backend);
  gradientSuite(backend);
  autogradSuite(backend);
  memorySuite(backend);
  goldenSuite(backend);
}
