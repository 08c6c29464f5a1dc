// Entry points called from JavaScript. Scratch areas (descriptors, conversion chunks,
// packed matmul panels) live in one region the host allocates and passes to init().

import { gemmScratchBytes, initGemm } from './gemm';
import { ERR, initPlan } from './plan';

export { binary, where } from './binary';
export { copy, fill } from './copy';
export { gather, scatterAdd } from './gather';
export { matmul } from './matmul';
export { reduce } from './reduce';
export { unary } from './unary';

const PLAN_BYTES: i32 = 16384;

/** Bytes of scratch init() needs. */
export function scratchBytes(): i32 {
  return PLAN_BYTES + gemmScratchBytes();
}

/** First free byte after the module's static data and the objects made at start-up. */
export function heapBase(): usize {
  return heap.alloc(16) + 16;
}

/** Carves the scratch region; returns the descriptor address. */
export function init(scratch: usize): usize {
  initPlan(scratch);
  initGemm(scratch + <usize>PLAN_BYTES);
  return scratch;
}

/** Where kernels leave error details. */
export function errAddress(): usize {
  return ERR;
}
