// Strided loop nests. JavaScript writes a descriptor (shape and, per operand, an element
// offset and strides) into DESC; collapse() turns it into a plan whose inner rows the
// kernels walk, and nextRow() steps an odometer over the outer dimensions.
//
// Descriptor layout (i32 words): [rank, shape[rank], then per operand: offset, strides[rank]].

/** Most dimensions a descriptor may have. */
export const MAXD: i32 = 32;
/** Most operands one plan walks. */
export const MAXOPS: i32 = 4;

/** Addresses of the scratch areas, set once by init(). */
export let DESC: usize = 0;
/** A second descriptor that kernels build for themselves (reduce, gather). */
export let DESC2: usize = 0;
/** Four chunks of CHUNK doubles for dtype conversion. */
export let T0: usize = 0;
export let T1: usize = 0;
export let T2: usize = 0;
export let T3: usize = 0;
/** Where kernels report a detail of an error (e.g. the offending index). */
export let ERR: usize = 0;

export const CHUNK: i32 = 256;

let shapeP: usize = 0;
let strideP: usize = 0; // [MAXOPS][MAXD]
let idxP: usize = 0;
let offP: usize = 0; // [MAXOPS]
let rank: i32 = 0;
let nops: i32 = 0;

/** Carves the scratch region (at least SCRATCH_BYTES, 16-byte aligned) into its areas. */
export function initPlan(base: usize): usize {
  DESC = base;
  DESC2 = base + 2048;
  shapeP = base + 4096;
  strideP = shapeP + <usize>(MAXD * 4);
  idxP = strideP + <usize>(MAXD * MAXOPS * 4);
  offP = idxP + <usize>(MAXD * 4);
  ERR = offP + 64;
  T0 = base + 8192;
  T1 = T0 + <usize>(CHUNK * 8);
  T2 = T1 + <usize>(CHUNK * 8);
  T3 = T2 + <usize>(CHUNK * 8);
  return T3 + <usize>(CHUNK * 8);
}

export function descRank(desc: usize): i32 {
  return load<i32>(desc);
}

export function descDim(desc: usize, d: i32): i32 {
  return load<i32>(desc + <usize>((1 + d) << 2));
}

/** Operand k's element offset. */
export function descOffset(desc: usize, k: i32): i32 {
  const r = load<i32>(desc);
  return load<i32>(desc + <usize>((1 + r + k * (r + 1)) << 2));
}

/** Operand k's stride along d. */
export function descStride(desc: usize, k: i32, d: i32): i32 {
  const r = load<i32>(desc);
  return load<i32>(desc + <usize>((2 + r + k * (r + 1) + d) << 2));
}

export function setDescStride(desc: usize, k: i32, d: i32, v: i32): void {
  const r = load<i32>(desc);
  store<i32>(desc + <usize>((2 + r + k * (r + 1) + d) << 2), v);
}

export function setDesc(desc: usize, r: i32): void {
  store<i32>(desc, r);
}

export function setDescDim(desc: usize, d: i32, n: i32): void {
  store<i32>(desc + <usize>((1 + d) << 2), n);
}

export function setDescOffset(desc: usize, k: i32, v: i32): void {
  const r = load<i32>(desc);
  store<i32>(desc + <usize>((1 + r + k * (r + 1)) << 2), v);
}

export function planShape(d: i32): i32 {
  return load<i32>(shapeP + <usize>(d << 2));
}

export function planStride(k: i32, d: i32): i32 {
  return load<i32>(strideP + <usize>((k * MAXD + d) << 2));
}

function setPlanStride(k: i32, d: i32, v: i32): void {
  store<i32>(strideP + <usize>((k * MAXD + d) << 2), v);
}

/** Operand k's offset at the start of the current row. */
export function rowOffset(k: i32): i32 {
  return load<i32>(offP + <usize>(k << 2));
}

export function planRank(): i32 {
  return rank;
}

/** Length of the inner row. */
export function innerLen(): i32 {
  return load<i32>(shapeP + <usize>((rank - 1) << 2));
}

/** Operand k's stride along the inner row. */
export function innerStride(k: i32): i32 {
  return planStride(k, rank - 1);
}

/**
 * Builds the plan for the first `k` operands of `desc`: drops size-1 dimensions and merges
 * neighbours every operand walks contiguously together. Returns the element count (0 for an
 * empty shape). A 0-d shape becomes one row of length 1.
 */
export function collapse(desc: usize, k: i32): i32 {
  const r = descRank(desc);
  nops = k;
  let out = 0;
  let total = 1;
  for (let d = 0; d < r; d++) {
    const n = descDim(desc, d);
    total *= n;
    if (n == 1) continue;
    let merge = out > 0;
    for (let j = 0; merge && j < k; j++) {
      merge = planStride(j, out - 1) == descStride(desc, j, d) * n;
    }
    if (merge) {
      store<i32>(shapeP + <usize>((out - 1) << 2), planShape(out - 1) * n);
      for (let j = 0; j < k; j++) setPlanStride(j, out - 1, descStride(desc, j, d));
    } else {
      store<i32>(shapeP + <usize>(out << 2), n);
      for (let j = 0; j < k; j++) setPlanStride(j, out, descStride(desc, j, d));
      out++;
    }
  }
  if (out == 0) {
    store<i32>(shapeP, 1);
    for (let j = 0; j < k; j++) setPlanStride(j, 0, 0);
    out = 1;
  }
  rank = out;
  for (let j = 0; j < k; j++) store<i32>(offP + <usize>(j << 2), descOffset(desc, j));
  for (let d = 0; d < out; d++) store<i32>(idxP + <usize>(d << 2), 0);
  return total;
}

/**
 * Swaps the two innermost dimensions when the inner row is short and the next is longer,
 * so a [250000, 4] + [4] broadcast runs 4 long rows instead of 250000 short ones. Only for
 * kernels whose result does not depend on the visiting order.
 */
export function preferLongRows(): void {
  if (rank < 2) return;
  const a = planShape(rank - 2);
  const b = planShape(rank - 1);
  if (b >= 16 || a <= b) return;
  store<i32>(shapeP + <usize>((rank - 2) << 2), b);
  store<i32>(shapeP + <usize>((rank - 1) << 2), a);
  for (let j = 0; j < nops; j++) {
    const s = planStride(j, rank - 2);
    setPlanStride(j, rank - 2, planStride(j, rank - 1));
    setPlanStride(j, rank - 1, s);
  }
}

/** Moves to the next inner row; false after the last one. */
export function nextRow(): bool {
  for (let d = rank - 2; d >= 0; d--) {
    const ip = idxP + <usize>(d << 2);
    const i = load<i32>(ip) + 1;
    const n = planShape(d);
    if (i < n) {
      store<i32>(ip, i);
      for (let j = 0; j < nops; j++) {
        const op = offP + <usize>(j << 2);
        store<i32>(op, load<i32>(op) + planStride(j, d));
      }
      return true;
    }
    store<i32>(ip, 0);
    for (let j = 0; j < nops; j++) {
      const op = offP + <usize>(j << 2);
      store<i32>(op, load<i32>(op) - planStride(j, d) * (n - 1));
    }
  }
  return false;
}
