// C = A·B for float32 and float64 with packed panels and a register-blocked SIMD
// micro-kernel (GotoBLAS structure). A and B are read through arbitrary strides while
// packing, so Aᵀ·B and A·Bᵀ cost the same as A·B.
//
// The micro-kernel computes a 2 × (64 bytes) tile: 2 rows × 16 float32 (or 8 float64)
// columns in 8 vector accumulators. V8 allocates 15 XMM registers and hoists a step's loads
// ahead of its arithmetic, so accumulators + 2 A splats + 4 B vectors + 1 product must fit:
// 2×4 tiles do, wider ones spill (measured: 2×16 runs at ~55 GFLOP/s in cache, 3×12 at 23).

/** Depth of a packed block (elements of K). */
const KC: i32 = 256;
/** Rows of A packed at once (a multiple of MR). */
const MC: i32 = 128;
/** Bytes of B columns packed at once (1024 float32 or 512 float64 columns). */
const NC_BYTES: i32 = 4096;
/** Rows of a micro-tile. */
const MR: i32 = 2;
/** Bytes of a micro-tile row: four vectors. */
const NR_BYTES: i32 = 64;

let PACKA: usize = 0;
let PACKB: usize = 0;
let TILE: usize = 0;

/** Bytes of scratch the packed panels need. */
export function gemmScratchBytes(): i32 {
  return MC * KC * 8 + KC * NC_BYTES + 1024;
}

export function initGemm(base: usize): void {
  PACKA = base;
  PACKB = base + <usize>(MC * KC * 8);
  TILE = PACKB + <usize>(KC * NC_BYTES);
}

function splat<T>(p: usize): v128 {
  return sizeof<T>() == 4 ? v128.load32_splat(p) : v128.load64_splat(p);
}

function madd<T>(c: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, c);
  return v128.add<T>(c, v128.mul<T>(a, b));
}

function put<T>(c: usize, v: v128, first: bool): void {
  v128.store(c, first ? v : v128.add<T>(v128.load(c), v));
}

/** C[0..2, 0..64 bytes) (row stride ldc bytes) = or += packed A panel · packed B panel. */
function kernel<T>(kc: i32, pa: usize, pb: usize, c: usize, ldc: usize, first: bool): void {
  let c00 = v128.splat<T>(0);
  let c01 = v128.splat<T>(0);
  let c02 = v128.splat<T>(0);
  let c03 = v128.splat<T>(0);
  let c10 = v128.splat<T>(0);
  let c11 = v128.splat<T>(0);
  let c12 = v128.splat<T>(0);
  let c13 = v128.splat<T>(0);
  const end = pb + ((<usize>kc) << 6);
  while (pb < end) {
    const a0 = splat<T>(pa);
    const a1 = splat<T>(pa + sizeof<T>());
    let b = v128.load(pb);
    c00 = madd<T>(c00, a0, b);
    c10 = madd<T>(c10, a1, b);
    b = v128.load(pb, 16);
    c01 = madd<T>(c01, a0, b);
    c11 = madd<T>(c11, a1, b);
    b = v128.load(pb, 32);
    c02 = madd<T>(c02, a0, b);
    c12 = madd<T>(c12, a1, b);
    b = v128.load(pb, 48);
    c03 = madd<T>(c03, a0, b);
    c13 = madd<T>(c13, a1, b);
    pa += sizeof<T>() << 1;
    pb += 64;
  }
  put<T>(c, c00, first);
  put<T>(c + 16, c01, first);
  put<T>(c + 32, c02, first);
  put<T>(c + 48, c03, first);
  c += ldc;
  put<T>(c, c10, first);
  put<T>(c + 16, c11, first);
  put<T>(c + 32, c12, first);
  put<T>(c + 48, c13, first);
}

/**
 * Packs B[0..kc, 0..nc] (element strides rs, cs) into panels of NR columns: panel p holds,
 * for each k, the NR values B[k, p·NR .. p·NR+NR), zero-padded past nc.
 */
function packB<T>(b: usize, rs: i32, cs: i32, kc: i32, nc: i32, dst: usize): void {
  const sz = <i32>sizeof<T>();
  const nr = NR_BYTES / sz;
  for (let j0 = 0; j0 < nc; j0 += nr) {
    const w = min(nr, nc - j0);
    const col = b + <usize>(j0 * cs * sz);
    if (cs == 1 && w == nr) {
      let src = col;
      let d = dst;
      const step = <usize>(rs * sz);
      for (let k = 0; k < kc; k++) {
        v128.store(d, v128.load(src));
        v128.store(d, v128.load(src, 16), 16);
        v128.store(d, v128.load(src, 32), 32);
        v128.store(d, v128.load(src, 48), 48);
        src += step;
        d += 64;
      }
    } else {
      if (w < nr) memory.fill(dst, 0, <usize>(kc * NR_BYTES));
      // column by column: reads along k are contiguous when B is transposed (rs == 1)
      for (let j = 0; j < w; j++) {
        let src = col + <usize>(j * cs * sz);
        let d = dst + <usize>(j * sz);
        const step = <usize>(rs * sz);
        for (let k = 0; k < kc; k++) {
          store<T>(d, load<T>(src));
          src += step;
          d += 64;
        }
      }
    }
    dst += <usize>(kc * NR_BYTES);
  }
}

/** Packs A[0..mc, 0..kc] (element strides rs, cs) into panels of MR rows, k-major, zero-padded. */
function packA<T>(a: usize, rs: i32, cs: i32, mc: i32, kc: i32, dst: usize): void {
  const sz = <i32>sizeof<T>();
  const step = <usize>(cs * sz);
  for (let i0 = 0; i0 < mc; i0 += MR) {
    let r0 = a + <usize>(i0 * rs * sz);
    if (i0 + 1 < mc) {
      let r1 = r0 + <usize>(rs * sz);
      let d = dst;
      let k = 0;
      if (sizeof<T>() == 4 && cs == 1) {
        for (; k + 4 <= kc; k += 4) {
          const x = v128.load(r0);
          const y = v128.load(r1);
          v128.store(d, i32x4.shuffle(x, y, 0, 4, 1, 5));
          v128.store(d, i32x4.shuffle(x, y, 2, 6, 3, 7), 16);
          r0 += 16;
          r1 += 16;
          d += 32;
        }
      }
      for (; k < kc; k++) {
        store<T>(d, load<T>(r0));
        store<T>(d + <usize>sz, load<T>(r1));
        r0 += step;
        r1 += step;
        d += <usize>(sz << 1);
      }
    } else {
      let d = dst;
      for (let k = 0; k < kc; k++) {
        store<T>(d, load<T>(r0));
        store<T>(d + <usize>sz, <T>0);
        r0 += step;
        d += <usize>(sz << 1);
      }
    }
    dst += <usize>(kc * MR * sz);
  }
}

/**
 * C[M, N] (row stride crs elements, unit column stride) = A[M, K]·B[K, N], A and B at byte
 * addresses a and b with element strides. K > 0.
 */
export function gemm<T>(
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  crs: i32,
): void {
  const sz = <i32>sizeof<T>();
  const nr = NR_BYTES / sz;
  const NC = NC_BYTES / sz;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      const first = pc == 0;
      packB<T>(b + <usize>((pc * brs + jc * bcs) * sz), brs, bcs, kc, nc, PACKB);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packA<T>(a + <usize>((ic * ars + pc * acs) * sz), ars, acs, mc, kc, PACKA);
        for (let jr = 0; jr < nc; jr += nr) {
          const w = min(nr, nc - jr);
          const pb = PACKB + <usize>(jr * kc * sz);
          for (let ir = 0; ir < mc; ir += MR) {
            const h = min(MR, mc - ir);
            const pa = PACKA + <usize>(ir * kc * sz);
            const cp = c + <usize>(((ic + ir) * crs + jc + jr) * sz);
            if (h == MR && w == nr) {
              kernel<T>(kc, pa, pb, cp, <usize>(crs * sz), first);
            } else {
              kernel<T>(kc, pa, pb, TILE, <usize>NR_BYTES, true);
              for (let i = 0; i < h; i++) {
                for (let j = 0; j < w; j++) {
                  const dst = cp + <usize>((i * crs + j) * sz);
                  const v = load<T>(TILE + <usize>(i * NR_BYTES + j * sz));
                  store<T>(dst, first ? v : load<T>(dst) + v);
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * C = A·B when one operand is constant along K (a broadcast with stride 0 there, as the
 * gradient of a sum is): C[i, j] = A[i, 0]·Σ_k B[k, j] (acs == 0) or Σ_k A[i, k]·B[0, j]
 * (brs == 0). O(MN + K(M + N)) instead of O(MNK); sums in double, rounded once.
 */
export function gemmRank1<T>(
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  crs: i32,
): void {
  const sz = <i32>sizeof<T>();
  const BLOCK = KC * NC_BYTES / 8;
  if (acs == 0) {
    for (let j0 = 0; j0 < N; j0 += BLOCK) {
      const w = min(BLOCK, N - j0);
      memory.fill(PACKB, 0, <usize>(w << 3));
      for (let k = 0; k < K; k++) {
        let p = b + <usize>((k * brs + j0 * bcs) * sz);
        const step = <usize>(bcs * sz);
        for (let j = 0; j < w; j++) {
          const s = PACKB + <usize>(j << 3);
          store<f64>(s, load<f64>(s) + <f64>load<T>(p));
          p += step;
        }
      }
      for (let i = 0; i < M; i++) {
        const ai = <f64>load<T>(a + <usize>(i * ars * sz));
        const row = c + <usize>((i * crs + j0) * sz);
        for (let j = 0; j < w; j++) store<T>(row + <usize>(j * sz), <T>(ai * load<f64>(PACKB + <usize>(j << 3))));
      }
    }
    return;
  }
  for (let i = 0; i < M; i++) {
    let s: f64 = 0;
    let p = a + <usize>(i * ars * sz);
    const step = <usize>(acs * sz);
    for (let k = 0; k < K; k++) {
      s += <f64>load<T>(p);
      p += step;
    }
    const row = c + <usize>(i * crs * sz);
    for (let j = 0; j < N; j++) store<T>(row + <usize>(j * sz), <T>(s * <f64>load<T>(b + <usize>(j * bcs * sz))));
  }
}

/** int32 (wrapping) and bool (any a∧b) products by plain loops. */
export function gemmInt(
  bool: bool,
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  crs: i32,
  ccs: i32,
): void {
  const sh = bool ? 0 : 2;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      let pa = a + ((<usize>(i * ars)) << sh);
      let pb = b + ((<usize>(j * bcs)) << sh);
      const sa = <usize>(acs << sh);
      const sb = <usize>(brs << sh);
      for (let k = 0; k < K; k++) {
        s += bool ? <i32>load<u8>(pa) * <i32>load<u8>(pb) : load<i32>(pa) * load<i32>(pb);
        pa += sa;
        pb += sb;
      }
      const dst = c + ((<usize>(i * crs + j * ccs)) << sh);
      if (bool) store<u8>(dst, s != 0 ? 1 : 0);
      else store<i32>(dst, s);
    }
  }
}
