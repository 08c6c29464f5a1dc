// Element types and conversions. Every kernel can read any dtype as a double and write a
// double into any dtype, with JavaScript's TypedArray rules: float32 rounds to nearest,
// int32 wraps modulo 2^32 (ToInt32; NaN and ±Infinity give 0), bool stores 1 for any
// nonzero value including NaN.

export const BOOL: i32 = 0;
export const I32: i32 = 1;
export const F32: i32 = 2;
export const F64: i32 = 3;

/** log2 of the element size. */
export function shiftOf(dt: i32): i32 {
  return dt == F64 ? 3 : dt == BOOL ? 0 : 2;
}

/** JavaScript's ToInt32. */
export function toInt32(v: f64): i32 {
  if (v > -2147483649.0 && v < 2147483648.0) return <i32>v;
  if (!isFinite(v)) return 0;
  const t = Math.trunc(v);
  const m = t - Math.floor(t * 2.3283064365386963e-10) * 4294967296.0;
  return <i32>(<u32>m);
}

/** The element at byte address p, as a double. */
export function getF64(dt: i32, p: usize): f64 {
  if (dt == F32) return <f64>load<f32>(p);
  if (dt == F64) return load<f64>(p);
  if (dt == I32) return <f64>load<i32>(p);
  return <f64>load<u8>(p);
}

export function setF64(dt: i32, p: usize, v: f64): void {
  if (dt == F32) store<f32>(p, <f32>v);
  else if (dt == F64) store<f64>(p, v);
  else if (dt == I32) store<i32>(p, toInt32(v));
  else store<u8>(p, v != 0 ? 1 : 0);
}

/** n elements of dtype dt from byte address p, element stride s, into doubles at dst. */
export function loadRow(dt: i32, p: usize, s: i32, n: i32, dst: usize): void {
  if (dt == F32) {
    const bs = <usize>(s << 2);
    if (s == 1) {
      let i = 0;
      for (; i + 4 <= n; i += 4) {
        const v = v128.load(p);
        v128.store(dst, f64x2.promote_low_f32x4(v));
        v128.store(dst, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3)), 16);
        p += 16;
        dst += 32;
      }
      for (; i < n; i++) {
        store<f64>(dst, <f64>load<f32>(p));
        p += 4;
        dst += 8;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      store<f64>(dst, <f64>load<f32>(p));
      p += bs;
      dst += 8;
    }
  } else if (dt == F64) {
    const bs = <usize>(s << 3);
    for (let i = 0; i < n; i++) {
      store<f64>(dst, load<f64>(p));
      p += bs;
      dst += 8;
    }
  } else if (dt == I32) {
    const bs = <usize>(s << 2);
    for (let i = 0; i < n; i++) {
      store<f64>(dst, <f64>load<i32>(p));
      p += bs;
      dst += 8;
    }
  } else {
    const bs = <usize>s;
    for (let i = 0; i < n; i++) {
      store<f64>(dst, <f64>load<u8>(p));
      p += bs;
      dst += 8;
    }
  }
}

/** n doubles at src into dtype dt at byte address p, element stride s. */
export function storeRow(src: usize, n: i32, dt: i32, p: usize, s: i32): void {
  if (dt == F32) {
    const bs = <usize>(s << 2);
    for (let i = 0; i < n; i++) {
      store<f32>(p, <f32>load<f64>(src));
      p += bs;
      src += 8;
    }
  } else if (dt == F64) {
    const bs = <usize>(s << 3);
    for (let i = 0; i < n; i++) {
      store<f64>(p, load<f64>(src));
      p += bs;
      src += 8;
    }
  } else if (dt == I32) {
    const bs = <usize>(s << 2);
    for (let i = 0; i < n; i++) {
      store<i32>(p, toInt32(load<f64>(src)));
      p += bs;
      src += 8;
    }
  } else {
    const bs = <usize>s;
    for (let i = 0; i < n; i++) {
      store<u8>(p, load<f64>(src) != 0 ? 1 : 0);
      p += bs;
      src += 8;
    }
  }
}

/** Same-dtype strided copy of n elements (bit exact: keeps -0 and NaN payloads). */
export function copyRowRaw(shift: i32, x: usize, xs: i32, o: usize, os: i32, n: i32): void {
  if (xs == 1 && os == 1) {
    memory.copy(o, x, (<usize>n) << shift);
    return;
  }
  const bx = <usize>(xs << shift);
  const bo = <usize>(os << shift);
  if (shift == 2) {
    for (let i = 0; i < n; i++) {
      store<u32>(o, load<u32>(x));
      x += bx;
      o += bo;
    }
  } else if (shift == 3) {
    for (let i = 0; i < n; i++) {
      store<u64>(o, load<u64>(x));
      x += bx;
      o += bo;
    }
  } else {
    for (let i = 0; i < n; i++) {
      store<u8>(o, load<u8>(x));
      x += bx;
      o += bo;
    }
  }
}
