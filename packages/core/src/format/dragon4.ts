/**
 * Exact decimal digit generation for binary32/binary64 values, following the semantics of
 * NumPy's Dragon4 (Steele & White / Burger & Dybvig with IEEE round-half-even boundaries), so
 * shortest ("unique") digits and cut-off rounding match NumPy character for character.
 */

export type CutoffMode = 'total' | 'fraction';

export interface Digits {
  /** Significant digits, no leading zeros (except the lone "0" of zero or of a value cut to zero). */
  digits: string;
  /** Base-10 exponent of the first digit. */
  exp: number;
}

interface Parts {
  mantissa: bigint;
  exponent: number;
  /** Index of the mantissa's highest set bit. */
  topBit: number;
  /** The gap below is half the gap above (exact power of two, not the smallest normal). */
  unequal: boolean;
}

const view = new DataView(new ArrayBuffer(8));
const LOG10_2 = 0.3010299956639812; // log10(2) as a double, as NumPy uses it
/** Digits NumPy's buffer can hold; only reached by exact-mode output of extreme values. */
const BUFFER = 16384;

function decompose(v: number, f32: boolean): Parts {
  let frac: bigint;
  let biased: number;
  let bits: number;
  let bias: number;
  if (f32) {
    view.setFloat32(0, v);
    const u = view.getUint32(0);
    frac = BigInt(u & 0x7fffff);
    biased = (u >>> 23) & 0xff;
    bits = 23;
    bias = 127;
  } else {
    view.setFloat64(0, v);
    const u = view.getBigUint64(0);
    frac = u & 0xfffffffffffffn;
    biased = Number((u >> 52n) & 0x7ffn);
    bits = 52;
    bias = 1023;
  }
  if (biased !== 0) {
    return {
      mantissa: frac | (1n << BigInt(bits)),
      exponent: biased - bias - bits,
      topBit: bits,
      unequal: biased !== 1 && frac === 0n,
    };
  }
  return { mantissa: frac, exponent: 1 - bias - bits, topBit: frac.toString(2).length - 1, unequal: false };
}

/**
 * Digits of |v| (finite). `unique` prints the shortest digits that identify the value among its
 * `f32`/f64 neighbours; otherwise exact digits. `cutoffMax` (digits in total, or after the
 * point for 'fraction') bounds the output, `cutoffMin` forces at least that many (unique only);
 * -1 disables either.
 */
export function dragon4(
  v: number,
  f32: boolean,
  unique: boolean,
  mode: CutoffMode,
  cutoffMax: number,
  cutoffMin: number,
): Digits {
  if (v === 0) return { digits: '0', exp: 0 };
  const p = decompose(Math.abs(v), f32);
  const even = (p.mantissa & 1n) === 0n;
  const e = p.exponent;
  // value = scaled/scale; margins are half the gaps to the neighbours, in the same units.
  let scaled: bigint;
  let scale: bigint;
  let marginLow: bigint;
  if (e > 0) {
    scaled = p.mantissa << BigInt(e + (p.unequal ? 2 : 1));
    scale = p.unequal ? 4n : 2n;
    marginLow = 1n << BigInt(e);
  } else {
    scaled = p.mantissa << (p.unequal ? 2n : 1n);
    scale = 1n << BigInt(-e + (p.unequal ? 2 : 1));
    marginLow = 1n;
  }
  const highFactor = p.unequal ? 2n : 1n;

  // Estimate of floor(log10(v)) + 1, correct or one too low (Burger & Dybvig).
  let digitExp = Math.ceil((p.topBit + e) * LOG10_2 - 0.69);
  // A fractional cut-off below the value's first digit: start at the cut-off instead.
  if (cutoffMax >= 0 && mode === 'fraction' && digitExp <= -cutoffMax) digitExp = -cutoffMax + 1;
  if (digitExp > 0) scale *= 10n ** BigInt(digitExp);
  else if (digitExp < 0) {
    const pow = 10n ** BigInt(-digitExp);
    scaled *= pow;
    marginLow *= pow;
  }
  if (scaled >= scale) digitExp += 1;
  else {
    scaled *= 10n;
    marginLow *= 10n;
  }

  let cutMaxExp = digitExp - BUFFER;
  if (cutoffMax >= 0) cutMaxExp = Math.max(cutMaxExp, mode === 'total' ? digitExp - cutoffMax : -cutoffMax);
  let cutMinExp = digitExp;
  if (cutoffMin >= 0) cutMinExp = Math.min(cutMinExp, mode === 'total' ? digitExp - cutoffMin : -cutoffMin);
  let outExp = digitExp - 1;

  let out = '';
  let digit = 0;
  let low = false;
  let high = false;
  for (;;) {
    digitExp -= 1;
    digit = Number(scaled / scale);
    scaled %= scale;
    if (unique) {
      const cmpLow = scaled - marginLow;
      const cmpHigh = scaled + marginLow * highFactor - scale;
      low = even ? cmpLow <= 0n : cmpLow < 0n;
      high = even ? cmpHigh >= 0n : cmpHigh > 0n;
      if (((low || high) && digitExp <= cutMinExp) || digitExp === cutMaxExp) break;
      marginLow *= 10n;
    } else if (scaled === 0n || digitExp === cutMaxExp) break;
    out += digit;
    scaled *= 10n;
  }

  // Round the last digit: forced by the margins, else to nearest with ties to even.
  let roundDown = low;
  if (low === high) {
    const twice = scaled * 2n;
    roundDown = twice === scale ? (digit & 1) === 0 : twice < scale;
  }
  if (roundDown) out += digit;
  else if (digit < 9) out += digit + 1;
  else {
    // Carry through trailing nines; all nines become "1" at the next exponent.
    let i = out.length - 1;
    while (i >= 0 && out[i] === '9') i--;
    if (i < 0) {
      out = '1';
      outExp += 1;
    } else out = out.slice(0, i) + String(Number(out[i]) + 1);
  }
  return { digits: out, exp: outExp };
}
