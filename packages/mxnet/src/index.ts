/**
 * @polygrad/mxnet: MXNet-style autograd for JavaScript on the polygrad engine.
 *
 *   import { mx, nd, np, npx, autograd } from '@polygrad/mxnet';
 *
 * Importing this package registers the CPU backend.
 */
import '@polygrad/backend-cpu';
import { keep, memory, tidy } from '@polygrad/core';
import { withAliases } from './aliases.js';
import { autograd } from './autograd.js';
import { Context, cpu, cpuPinned, currentContext, gpu, numGpus } from './context.js';
import { MXNetError } from './errors.js';
import { nd, random as ndRandom } from './nd.js';
import { np, npx } from './np.js';
import { print, repr, str } from './printing.js';
import { seed } from './random.js';

export { MxArray } from './array.js';
export type { Scope } from './autograd.js';
export { Context } from './context.js';
export { MXNetError, NOT_IN_GRAPH } from './errors.js';
export { MxFunction } from './function.js';
export { NDArray } from './ndarray.js';
export { NpArray } from './np-array.js';
export type { PrintOptions } from './printing.js';
export type { ArrayLike } from './tensor-like.js';
export { autograd, keep, memory, nd, np, npx, print, repr, str, tidy };

const context = withAliases({ Context, cpu, gpu, cpuPinned, currentContext, numGpus });

/** `import mxnet as mx`. */
export const mx = withAliases({
  nd,
  ndarray: nd,
  np,
  numpy: np,
  npx,
  numpyExtension: npx,
  autograd,
  random: { seed, normal: ndRandom.normal, uniform: ndRandom.uniform },
  Context,
  context,
  cpu,
  gpu,
  cpuPinned,
  currentContext,
  base: { MXNetError },
  MXNetError,
  print,
  str,
  repr,
  tidy,
  keep,
  memory,
});
