/**
 * WGSL shader templates. Shapes, strides and offsets never appear in the source: they arrive in
 * a small `meta` storage buffer (i32 words), so one pipeline serves every shape and the cache
 * key is only the op and the dtypes (plus which operands share a binding).
 */
import { type CT, convert, PRELUDE, type ST, zero } from './wgsl.js';

export const WG = 256;
/** Workgroup size of walks over few elements: a software adapter runs every invocation of a group. */
export const WG_SMALL = 64;
/** Elements per invocation in a flat (rank <= 1) walk. */
export const FLAT_PER_THREAD = 4;

export interface Operand {
  /** WGSL element type, e.g. f32 or atomic<u32>. */
  elem: string;
  write: boolean;
  /** Reads through another operand's binding (the same buffer and window as that operand). */
  alias?: number;
}

function bindings(ops: readonly Operand[]): { decls: string; names: string[] } {
  const decls: string[] = ['@group(0) @binding(0) var<storage, read> mt: array<i32>;'];
  const names: string[] = [];
  ops.forEach((o, j) => {
    if (o.alias !== undefined) {
      names.push(`b${o.alias}`);
      return;
    }
    names.push(`b${j}`);
    decls.push(
      `@group(0) @binding(${j + 1}) var<storage, ${o.write ? 'read_write' : 'read'}> b${j}: array<${o.elem}>;`,
    );
  });
  return { decls: decls.join('\n'), names };
}

/**
 * One invocation per element of a shape walked by every operand with its own strides.
 * meta: [n, rank, off_0..off_{K-1}, shape[rank], strides_0[rank], …, strides_{K-1}[rank], extras…].
 * The body sees p0..p{K-1} (element offsets), `ex` (index of the first extra) and the binding
 * names it is given.
 */
export function walkShader(
  ops: readonly Operand[],
  body: (names: string[]) => string,
  flat = false,
  wg = WG,
): string {
  const K = ops.length;
  const { decls, names } = bindings(ops);
  if (flat) {
    // rank <= 1: an operand's offset is off + i·stride (dense and scalar-broadcast walks). Each
    // invocation takes FLAT_PER_THREAD elements, a grid stride apart (coalesced on a GPU; far
    // fewer invocations on a software adapter).
    // Offsets and strides are read once, before the loop (the compiler may not hoist loads
    // from a storage buffer that other bindings could alias).
    const consts = ops
      .map((_, j) => `  let o${j} = mt[${2 + j}];\n  let s${j} = select(0, mt[${3 + K + j}], rank == 1);`)
      .join('\n');
    const init = ops.map((_, j) => `    let p${j} = o${j} + i32(i) * s${j};`).join('\n');
    return `${PRELUDE}
${decls}
@compute @workgroup_size(${wg})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let t = gid.x + gid.y * nw.x * ${wg}u;
  let stride = nw.x * nw.y * ${wg}u;
  let n = u32(mt[0]);
  let rank = mt[1];
  let sh = ${2 + K};
  let ex = sh + rank * ${K + 1};
${consts}
  for (var u = 0u; u < ${FLAT_PER_THREAD}u; u++) {
    let i = t + u * stride;
    if (i >= n) { break; }
${init}
${body(names)}
  }
}
`;
  }
  const init = ops.map((_, j) => `  var p${j} = mt[${2 + j}];`).join('\n');
  const step = ops.map((_, j) => `    p${j} = p${j} + c * mt[sh + rank * ${j + 1} + d];`).join('\n');
  return `${PRELUDE}
${decls}
@compute @workgroup_size(${wg})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let i = gid.x + gid.y * nw.x * ${wg}u;
  if (i >= u32(mt[0])) { return; }
  let rank = mt[1];
  let sh = ${2 + K};
${init}
  var rem = i;
  for (var d = rank - 1; d >= 0; d--) {
    let s = u32(mt[sh + d]);
    let c = i32(rem % s);
    rem = rem / s;
${step}
  }
  let ex = sh + rank * ${K + 1};
${body(names)}
}
`;
}

/**
 * A flat walk over dense float32 operands, one vec4 per invocation: `vec[j]` says whether
 * operand j is read as vec4s (stride 1, offset a multiple of 4) or is one broadcast scalar
 * (stride 0). The scalar body is written out once per lane with its `bJ[pJ]` reads replaced by
 * that lane's value, so every op keeps one definition.
 */
export function walkVec4Shader(
  ops: readonly Operand[],
  vec: readonly boolean[],
  body: (names: string[]) => string,
  wg = WG,
): string {
  const K = ops.length;
  const { decls, names } = bindings(ops.map((o, j) => (vec[j] ? { ...o, elem: 'vec4<f32>' } : o)));
  const scalar = body(names);
  const offs = ops.map((_, j) => `  let o${j} = mt[${2 + j}]${vec[j] ? ' / 4' : ''};`).join('\n');
  const loads = ops
    .slice(1)
    .map((_, k) => `  let v${k + 1} = ${names[k + 1]}[o${k + 1}${vec[k + 1] ? ' + i' : ''}];`)
    .join('\n');
  const lanes = [0, 1, 2, 3].map((lane) => {
    let text = scalar;
    for (let j = 1; j < K; j++)
      text = text.split(`${names[j]}[p${j}]`).join(vec[j] ? `v${j}[${lane}]` : `v${j}`);
    return `  {\n${text.split('b0[p0] =').join(`r[${lane}] =`)}\n  }`;
  });
  return `${PRELUDE}
${decls}
@compute @workgroup_size(${wg})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let i = i32(gid.x + gid.y * nw.x * ${wg}u);
  if (u32(i) >= u32(mt[0]) / 4u) { return; }
  let rank = mt[1];
  let ex = ${2 + K} + rank * ${K + 1};
${offs}
${loads}
  var r: vec4<f32>;
${lanes.join('\n')}
  b0[o0 + i] = r;
}
`;
}

export function walkMeta(
  n: number,
  shape: readonly number[],
  offsets: readonly number[],
  strides: readonly (readonly number[])[],
  extras: readonly number[] = [],
): Int32Array {
  const r = shape.length;
  const m = new Int32Array(2 + offsets.length + r * (1 + strides.length) + extras.length);
  m[0] = n;
  m[1] = r;
  let k = 2;
  for (const o of offsets) m[k++] = o;
  for (const s of shape) m[k++] = s;
  for (const st of strides) for (const s of st) m[k++] = s;
  for (const e of extras) m[k++] = e;
  return m;
}

// ---- reductions -------------------------------------------------------------------------------

export type ReduceKind = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin';

/**
 * How a reduction accumulates in compute type `c`: the accumulator type, its identity, folding
 * one element `v` at reduced index `r`, merging two accumulators, and the final value.
 * float32 sums are compensated (Neumaier two-sum pairs), close to the CPU's float64 sums.
 */
function reducer(op: ReduceKind, c: 'f32' | 'i32') {
  const f = c === 'f32';
  const lowest = f ? '-inf()' : 'i32(-2147483647 - 1)';
  const highest = f ? 'inf()' : '2147483647';
  switch (op) {
    case 'sum':
      if (!f) return { acc: 'i32', id: '0', fold: 'acc + v', merge: 'a + b', fin: 'acc' };
      return {
        acc: 'vec2<f32>',
        id: 'vec2<f32>(0.0, 0.0)',
        fold: 'two_sum(acc, vec2<f32>(v, 0.0))',
        merge: 'two_sum(a, b)',
        fin: 'select(acc.x, acc.x + acc.y, finite(acc.x))',
      };
    case 'prod':
      return { acc: c, id: f ? '1.0' : '1', fold: 'acc * v', merge: 'a * b', fin: 'acc' };
    case 'max':
      return {
        acc: c,
        id: lowest,
        fold: f ? 'f_max(acc, v)' : 'max(acc, v)',
        merge: f ? 'f_max(a, b)' : 'max(a, b)',
        fin: 'acc',
      };
    case 'min':
      return {
        acc: c,
        id: highest,
        fold: f ? 'f_min(acc, v)' : 'min(acc, v)',
        merge: f ? 'f_min(a, b)' : 'min(a, b)',
        fin: 'acc',
      };
    case 'argmax':
    case 'argmin': {
      const vt = `A_${c}`;
      return {
        acc: vt,
        id: `${vt}(${op === 'argmax' ? lowest : highest}, 2147483647)`,
        fold: `arg_pick(acc, ${vt}(v, r))`,
        merge: 'arg_pick(a, b)',
        fin: 'acc.i',
      };
    }
  }
}

function argHelpers(op: ReduceKind, c: 'f32' | 'i32'): string {
  if (op !== 'argmax' && op !== 'argmin') {
    return `fn two_sum(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  let s = a.x + b.x;
  let e = select((b.x - s) + a.x, (a.x - s) + b.x, abs(a.x) >= abs(b.x));
  return vec2<f32>(s, a.y + b.y + e);
}`;
  }
  const better = op === 'argmax' ? '>' : '<';
  const nanA = c === 'f32' ? 'is_nan(a.v)' : 'false';
  const nanB = c === 'f32' ? 'is_nan(b.v)' : 'false';
  return `struct A_${c} { v: ${c}, i: i32 }
// The first NaN wins (NaN propagates), then the best value, ties to the lowest index.
fn arg_pick(a: A_${c}, b: A_${c}) -> A_${c} {
  var take: bool;
  if (${nanA}) { take = ${nanB} && b.i < a.i; }
  else if (${nanB}) { take = true; }
  else { take = b.v ${better} a.v || (b.v == a.v && b.i < a.i); }
  if (take) { return b; }
  return a;
}`;
}

/**
 * meta: [K outputs, R reduced elements, kept rank, reduced rank, x offset, out offset,
 *        kept shape, kept x strides, kept out strides, reduced shape, reduced x strides].
 * `perThread`: one invocation folds a whole output (short reductions, many outputs); otherwise
 * one workgroup per output folds strided slices and merges them in a shared-memory tree.
 */
export function reduceShader(
  op: ReduceKind,
  c: 'f32' | 'i32',
  xElem: ST,
  outElem: ST,
  perThread: boolean,
): string {
  const r = reducer(op, c);
  const isArg = op === 'argmax' || op === 'argmin';
  const v = convert('b2[xo]', xElem, c);
  const result = isArg ? 'acc.i' : convert(r.fin, c, outElem === 'u32' ? 'bool' : (outElem as CT));
  const stored = outElem === 'u32' && !isArg ? `select(0u, 1u, ${result})` : result;
  const head = `${PRELUDE}
${argHelpers(op, c)}
@group(0) @binding(0) var<storage, read> mt: array<i32>;
@group(0) @binding(1) var<storage, read_write> b1: array<${outElem}>;
@group(0) @binding(2) var<storage, read> b2: array<${xElem}>;
fn merge(a: ${r.acc}, b: ${r.acc}) -> ${r.acc} { return ${r.merge}; }
fn fold(acc: ${r.acc}, xo: i32, r: i32) -> ${r.acc} { let v = ${v}; return ${r.fold}; }
// (x offset, out offset) of output o
fn bases(o: u32) -> vec2<i32> {
  let kr = mt[2];
  var xb = mt[4];
  var ob = mt[5];
  var rem = o;
  for (var d = kr - 1; d >= 0; d--) {
    let s = u32(mt[6 + d]);
    let c = i32(rem % s);
    rem = rem / s;
    xb = xb + c * mt[6 + kr + d];
    ob = ob + c * mt[6 + 2 * kr + d];
  }
  return vec2<i32>(xb, ob);
}
fn red_off(r: u32) -> i32 {
  let kr = mt[2];
  let rr = mt[3];
  let base = 6 + 3 * kr;
  // One collapsed reduced axis (the common case): no division per element.
  if (rr == 1) { return i32(r) * mt[base + 1]; }
  var off = 0;
  var rem = r;
  for (var d = rr - 1; d >= 0; d--) {
    let s = u32(mt[base + d]);
    off = off + i32(rem % s) * mt[base + rr + d];
    rem = rem / s;
  }
  return off;
}
`;
  if (perThread) {
    return `${head}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let o = gid.x + gid.y * nw.x * ${WG}u;
  if (o >= u32(mt[0])) { return; }
  let b = bases(o);
  let R = u32(mt[1]);
  var acc = ${r.id};
  for (var k = 0u; k < R; k++) { acc = fold(acc, b.x + red_off(k), i32(k)); }
  b1[b.y] = ${stored};
}
`;
  }
  return `${head}
var<workgroup> part: array<${r.acc}, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nw: vec3u,
        @builtin(local_invocation_index) lid: u32) {
  let o = wid.x + wid.y * nw.x;
  if (o >= u32(mt[0])) { return; }
  let b = bases(o);
  let R = u32(mt[1]);
  var acc = ${r.id};
  for (var k = lid; k < R; k += ${WG}u) { acc = fold(acc, b.x + red_off(k), i32(k)); }
  part[lid] = acc;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { part[lid] = merge(part[lid], part[lid + s]); }
    workgroupBarrier();
  }
  if (lid == 0u) {
    acc = part[0];
    b1[b.y] = ${stored};
  }
}
`;
}

// ---- matmul -------------------------------------------------------------------------------------

/** Output tile edge of the shared-memory kernel (16×16 invocations, 4×4 outputs each). */
export const TILE = 64;
const TK = 16;

/** Batch offsets of operand a, b and out for batch index `z` (shared by both kernels). */
const MATMUL_HEAD = (c: string, aElem: ST, bElem: ST, outElem: ST) => `${PRELUDE}
@group(0) @binding(0) var<storage, read> mt: array<i32>;
@group(0) @binding(1) var<storage, read_write> b1: array<${outElem}>;
@group(0) @binding(2) var<storage, read> b2: array<${aElem}>;
@group(0) @binding(3) var<storage, read> b3: array<${bElem}>;
fn batch_offsets(z: u32) -> vec3<i32> {
  let br = mt[3];
  var o = vec3<i32>(mt[4], mt[5], mt[6]);
  var rem = z + u32(mt[13]);
  for (var d = br - 1; d >= 0; d--) {
    let s = u32(mt[14 + d]);
    let c = i32(rem % s);
    rem = rem / s;
    o = o + c * vec3<i32>(mt[14 + br + d], mt[14 + 2 * br + d], mt[14 + 3 * br + d]);
  }
  return o;
}
fn ld_a(base: i32, m: u32, k: u32) -> ${c} { return ${convert('b2[u32(base + i32(m) * mt[7] + i32(k) * mt[8])]', aElem, c as CT)}; }
fn ld_b(base: i32, k: u32, n: u32) -> ${c} { return ${convert('b3[u32(base + i32(k) * mt[9] + i32(n) * mt[10])]', bElem, c as CT)}; }
fn st_o(base: i32, m: u32, n: u32, acc: ${c}) {
  b1[u32(base + i32(m) * mt[11] + i32(n) * mt[12])] = ${outElem === 'u32' ? `select(0u, 1u, ${convert('acc', c as CT, 'bool')})` : convert('acc', c as CT, outElem as CT)};
}
`;

/**
 * out[z, m, n] = Σ_k a[z, m, k]·b[z, k, n] with shared memory: a 64×64 output tile per
 * workgroup, operands staged through 64×16 and 16×64 tiles read with their own strides (a
 * transposed operand costs nothing), each invocation accumulating a 4×4 block in registers.
 * meta: [M, N, K, batch rank, a off, b off, out off, a_m, a_k, b_k, b_n, o_m, o_n, z base,
 *        batch shape, a batch strides, b batch strides, out batch strides].
 */
export function matmulTiledShader(c: 'f32' | 'i32', aElem: ST, bElem: ST, outElem: ST): string {
  return `${MATMUL_HEAD(c, aElem, bElem, outElem)}
var<workgroup> ta: array<array<${c}, ${TILE}>, ${TK}>;
var<workgroup> tb: array<array<${c}, ${TILE}>, ${TK}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u,
        @builtin(local_invocation_index) li: u32) {
  let M = u32(mt[0]);
  let N = u32(mt[1]);
  let K = u32(mt[2]);
  let off = batch_offsets(wid.z);
  let m0 = wid.y * ${TILE}u;
  let n0 = wid.x * ${TILE}u;
  var acc: array<array<${c}, 4>, 4>;
  for (var t = 0u; t < K; t += ${TK}u) {
    for (var q = 0u; q < 4u; q++) {
      let e = li + q * 256u;
      let am = e / ${TK}u;
      let ak = e % ${TK}u;
      var va = ${zero(c)};
      if (m0 + am < M && t + ak < K) { va = ld_a(off.x, m0 + am, t + ak); }
      ta[ak][am] = va;
      let bk = e / ${TILE}u;
      let bn = e % ${TILE}u;
      var vb = ${zero(c)};
      if (t + bk < K && n0 + bn < N) { vb = ld_b(off.y, t + bk, n0 + bn); }
      tb[bk][bn] = vb;
    }
    workgroupBarrier();
    for (var k = 0u; k < ${TK}u; k++) {
      var ar: array<${c}, 4>;
      var bv: array<${c}, 4>;
      for (var i = 0u; i < 4u; i++) {
        ar[i] = ta[k][lid.y * 4u + i];
        bv[i] = tb[k][lid.x * 4u + i];
      }
      for (var i = 0u; i < 4u; i++) {
        for (var j = 0u; j < 4u; j++) { acc[i][j] = acc[i][j] + ar[i] * bv[j]; }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    for (var j = 0u; j < 4u; j++) {
      let m = m0 + lid.y * 4u + i;
      let n = n0 + lid.x * 4u + j;
      if (m < M && n < N) { st_o(off.z, m, n, acc[i][j]); }
    }
  }
}
`;
}

/**
 * The same product without shared memory or barriers: one invocation per row and 4 adjacent
 * columns. For small products, and on CPU adapters (SwiftShader, lavapipe), where workgroup
 * barriers are emulated and cost more than the memory traffic they save.
 */
export function matmulRowsShader(c: 'f32' | 'i32', aElem: ST, bElem: ST, outElem: ST): string {
  return `${MATMUL_HEAD(c, aElem, bElem, outElem)}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let M = u32(mt[0]);
  let N = u32(mt[1]);
  let K = u32(mt[2]);
  let n4 = (N + 3u) / 4u;
  let i = gid.x + gid.y * nw.x * ${WG}u;
  if (i >= M * n4) { return; }
  let off = batch_offsets(gid.z);
  let m = i / n4;
  let n = (i % n4) * 4u;
  let c1 = min(n + 1u, N - 1u);
  let c2 = min(n + 2u, N - 1u);
  let c3 = min(n + 3u, N - 1u);
  var acc = vec4<${c}>();
  for (var k = 0u; k < K; k++) {
    let av = ld_a(off.x, m, k);
    acc = acc + av * vec4<${c}>(ld_b(off.y, k, n), ld_b(off.y, k, c1), ld_b(off.y, k, c2), ld_b(off.y, k, c3));
  }
  st_o(off.z, m, n, acc.x);
  if (n + 1u < N) { st_o(off.z, m, n + 1u, acc.y); }
  if (n + 2u < N) { st_o(off.z, m, n + 2u, acc.z); }
  if (n + 3u < N) { st_o(off.z, m, n + 3u, acc.w); }
}
`;
}
