/** `mx.random.seed`: one generator in core, so a seed repeats draws on every backend. */
import * as core from '@polygrad/core';
import { pyArgs } from '@polygrad/core';

/** `mx.random.seed(seed_state, ctx='all')`. */
export function seed(...args: unknown[]): void {
  const a = pyArgs('seed', args, ['seedState', 'ctx'], { ctx: 'all' });
  if (!Number.isInteger(a.seedState)) throw new TypeError('seed_state must be an integer');
  core.seed(a.seedState);
}
