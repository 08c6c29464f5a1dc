import {
  RELAXED_SIMD_SHARED_WASM,
  RELAXED_SIMD_WASM,
  SIMD_SHARED_WASM,
  SIMD_WASM,
} from './generated/wasm-binaries.js';

/** The kernels' entry points (see assembly/index.ts). Pointers are byte addresses. */
export interface Kernels {
  scratchBytes(): number;
  heapBase(): number;
  init(scratch: number): number;
  errAddress(): number;
  unary(op: number, xdt: number, x: number, odt: number, out: number): void;
  binary(op: number, adt: number, a: number, bdt: number, b: number, odt: number, out: number): void;
  where(
    cdt: number,
    c: number,
    adt: number,
    a: number,
    bdt: number,
    b: number,
    odt: number,
    out: number,
  ): void;
  reduce(op: number, xdt: number, x: number, odt: number, out: number, acc: number, idx: number): void;
  matmul(dt: number, a: number, b: number, out: number, k: number, part: number, parts: number): void;
  copy(xdt: number, x: number, odt: number, out: number): void;
  fill(odt: number, out: number, value: number): void;
  gather(xdt: number, x: number, idx: number, odt: number, out: number, step: number, size: number): number;
  scatterAdd(
    odt: number,
    out: number,
    idx: number,
    sdt: number,
    src: number,
    step: number,
    size: number,
  ): number;
}

/** Which build runs: plain SIMD, or relaxed SIMD (fused multiply-add in the matmul kernel). */
export type Flavor = 'simd' | 'relaxed-simd';

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
  if (B) return new Uint8Array(B.from(s, 'base64'));
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A module whose one function executes f32x4.relaxed_madd: valid only where relaxed SIMD is on. */
const RELAXED_PROBE = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x05,
  0x01,
  0x60,
  0x00,
  0x01,
  0x7b,
  0x03,
  0x02,
  0x01,
  0x00,
  0x0a,
  0x3d,
  0x01,
  0x3b,
  0x00,
  0xfd,
  0x0c,
  ...new Array<number>(16).fill(0),
  0xfd,
  0x0c,
  ...new Array<number>(16).fill(0),
  0xfd,
  0x0c,
  ...new Array<number>(16).fill(0),
  0xfd,
  0x85,
  0x02,
  0x0b,
]);

/** Whether this engine runs relaxed SIMD (Node 20 only with --experimental-wasm-relaxed-simd). */
export function relaxedSimdSupported(): boolean {
  try {
    return WebAssembly.validate(RELAXED_PROBE);
  } catch {
    return false;
  }
}

/** Host functions the module imports. */
export function importsFor(memory: WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      memory,
      abort: () => {
        throw new Error('@polygrad/backend-wasm: kernel aborted');
      },
    },
  };
}

/**
 * Compiles the build for `flavor` (for a shared memory if `shared`) and instantiates it on
 * `memory`. The compiled module is returned too: worker threads instantiate it again.
 */
export async function loadKernels(
  memory: WebAssembly.Memory,
  flavor: Flavor,
  shared: boolean,
): Promise<{ kernels: Kernels; module: WebAssembly.Module }> {
  const relaxed = flavor === 'relaxed-simd';
  const b64 = shared
    ? relaxed
      ? RELAXED_SIMD_SHARED_WASM
      : SIMD_SHARED_WASM
    : relaxed
      ? RELAXED_SIMD_WASM
      : SIMD_WASM;
  const module = await WebAssembly.compile(decodeBase64(b64));
  const instance = await WebAssembly.instantiate(module, importsFor(memory));
  return { kernels: instance.exports as unknown as Kernels, module };
}
