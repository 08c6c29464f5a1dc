/**
 * The WebGPU backend proper: every `Backend` kernel as a WGSL dispatch on one device. It runs
 * wherever a `GPUDevice` exists (browsers, and Node's worker in `proxy.ts`). It has no
 * synchronous readback: on this class `dataSync()` throws core's error naming `await t.data()`.
 *
 * Only `@polygrad/core`'s types are imported, so the Node worker loads none of core.
 */
import type { Backend, BinaryOp, DType, ReduceOp, TypedArray, UnaryOp, View } from '@polygrad/core';
import { type GpuBuffer, GpuContext, type PoolStats, type Roots } from './context.js';
import { collapse, denseStrides, grid, sameWindow, sizeOf } from './layout.js';
import {
  FLAT_PER_THREAD,
  matmulRowsShader,
  matmulTiledShader,
  reduceShader,
  TILE,
  WG,
  WG_SMALL,
  walkMeta,
  walkShader,
  walkVec4Shader,
} from './shaders.js';
import {
  BINARY_F32,
  BINARY_I32,
  type CT,
  convert,
  type DT,
  load,
  naturalType,
  PREDICATE,
  type ST,
  storageType,
  store,
  UNARY_F32,
  UNARY_I32,
} from './wgsl.js';

/**
 * Which operands of a flat walk are read as vec4s (stride 1, offset a multiple of 4), or null
 * when the walk cannot take the vec4 path (a non-float32 operand, another stride, a misaligned
 * offset, or an output that is not dense).
 */
function vec4Operands(
  views: readonly View[],
  strides: readonly (readonly number[])[],
  st: readonly ST[],
): boolean[] | null {
  const vec: boolean[] = [];
  for (let j = 0; j < views.length; j++) {
    if (st[j] !== 'f32') return null;
    const s = strides[j]?.[0] ?? 0;
    if (s === 1 && views[j].offset % 4 === 0) vec.push(true);
    else if (s === 0 && j > 0) vec.push(false);
    else return null;
  }
  return vec;
}

export const FLOAT64_MESSAGE =
  "float64 is not supported by the 'webgpu' backend (WGSL has no 64-bit floats). Use float32, or the " +
  "'cpu' or 'wasm' backend, which have float64.";

export function checkDType(dtype: DType): DT {
  if (dtype === 'float64') throw new TypeError(FLOAT64_MESSAGE);
  return dtype;
}

const isFloat = (d: DType) => d === 'float32';

function buf(v: View): GpuBuffer {
  return v.buffer as GpuBuffer;
}

export interface WebGPUOptions {
  /**
   * Which matmul kernel: 'tiled' (shared-memory tiles, for GPUs), 'rows' (no shared memory), or
   * 'auto': 'rows' on CPU adapters (SwiftShader, lavapipe) and for small products, else 'tiled'.
   */
  matmul?: 'auto' | 'tiled' | 'rows';
}

/** Software adapters emulate workgroup barriers, which makes shared-memory tiling a loss there. */
export function isCpuAdapter(adapter: GPUAdapter): boolean {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const text = `${info?.vendor} ${info?.architecture} ${info?.device} ${info?.description}`;
  return !!info?.isFallbackAdapter || /swiftshader|llvmpipe|lavapipe|software/i.test(text);
}

export class WebGPUBackend implements Backend {
  readonly name: string = 'webgpu';
  readonly ctx: GpuContext;
  private readonly matmulKind: 'auto' | 'tiled' | 'rows';

  constructor(roots: Roots, opts: WebGPUOptions = {}) {
    this.ctx = new GpuContext(roots);
    const kind = opts.matmul ?? 'auto';
    this.matmulKind = kind === 'auto' && isCpuAdapter(roots.adapter) ? 'rows' : kind;
  }

  get device(): GPUDevice {
    return this.ctx.device;
  }

  alloc(dtype: DType, size: number): GpuBuffer {
    return this.ctx.alloc(checkDType(dtype), size);
  }

  free(buffer: unknown): void {
    this.ctx.release(buffer as GpuBuffer);
  }

  write(buffer: unknown, data: TypedArray): void {
    const b = buffer as GpuBuffer;
    this.ctx.write(b, toStorage(b.dtype, data));
  }

  async read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    const bytes = await this.ctx.read(buffer as GpuBuffer, size * 4);
    return fromStorage(checkDType(dtype), bytes);
  }

  /** Pool and dispatch counters. */
  stats(): PoolStats {
    return this.ctx.poolStats();
  }

  /** Submits pending work and resolves when the GPU has finished it. */
  idle(): Promise<void> {
    return this.ctx.idle();
  }

  // ---- elementwise ----

  /**
   * Encodes out[i] = body(inputs[i]) over out's shape. Inputs that share out's buffer are read
   * through out's binding when they address the same window (in-place ops), or are first copied
   * to a temporary when they overlap differently.
   */
  private walk(
    tag: string,
    out: View,
    inputs: readonly View[],
    body: (vals: string[]) => string,
    opts: {
      outElem?: string;
      extras?: number[];
      walkShape?: readonly number[];
      strides?: number[][];
      /** The body is a plain float32 map, so dense operands may be read four at a time. */
      vec4?: boolean;
    } = {},
  ): void {
    const shape = opts.walkShape ?? out.shape;
    const n = sizeOf(shape);
    if (n === 0) return;
    const temps: GpuBuffer[] = [];
    const ins = inputs.map((v) => {
      if (buf(v) !== buf(out) || sameWindow(v, out, shape)) return v;
      const t = this.alloc(v.dtype, sizeOf(shape));
      temps.push(t);
      const tv: View = { buffer: t, dtype: v.dtype, shape, strides: denseStrides(shape), offset: 0 };
      this.copy({ buffer: v.buffer, dtype: v.dtype, shape, strides: v.strides, offset: v.offset }, tv);
      return tv;
    });
    const views = [out, ...ins];
    const aliases = ins.map((v) => buf(v) === buf(out));
    const strides = opts.strides ?? views.map((v) => v.strides as number[]);
    const w = collapse(shape, strides);
    const st = views.map((v) => storageType(v.dtype as DT));
    const outElem = opts.outElem ?? st[0];
    const flat = w.shape.length <= 1;
    const wg = n <= WG_SMALL * FLAT_PER_THREAD ? WG_SMALL : WG;
    const vec = flat && opts.vec4 && n % 4 === 0 && n >= 4096 ? vec4Operands(views, w.strides, st) : null;
    if (vec) {
      this.ctx.dispatch(
        `${tag}|v4|${vec.map(Number).join('')}|${aliases.map(Number).join('')}|${wg}`,
        () =>
          walkVec4Shader(
            [
              { elem: 'f32', write: true },
              ...st.slice(1).map((e, j) => ({ elem: e, write: false, alias: aliases[j] ? 0 : undefined })),
            ],
            vec,
            body,
            wg,
          ),
        walkMeta(
          n,
          w.shape,
          views.map((v) => v.offset),
          w.strides,
          opts.extras,
        ),
        views.map((v, j) => (j > 0 && aliases[j - 1] ? undefined : buf(v))),
        grid(Math.ceil(n / 4 / wg)),
      );
      for (const t of temps) this.free(t);
      return;
    }
    const key = `${tag}|${outElem}|${st.slice(1).join(',')}|${aliases.map(Number).join('')}|${flat ? 'f' : 'n'}${wg}`;
    const code = () =>
      walkShader(
        [
          { elem: outElem, write: true },
          ...st.slice(1).map((e, j) => ({ elem: e, write: false, alias: aliases[j] ? 0 : undefined })),
        ],
        (names) => body(names),
        flat,
        wg,
      );
    const meta = walkMeta(
      n,
      w.shape,
      views.map((v) => v.offset),
      w.strides,
      opts.extras,
    );
    this.ctx.dispatch(
      key,
      code,
      meta,
      views.map((v, j) => (j > 0 && aliases[j - 1] ? undefined : buf(v))),
      grid(Math.ceil(n / (flat ? wg * FLAT_PER_THREAD : wg))),
    );
    for (const t of temps) this.free(t);
  }

  unary(op: UnaryOp, x: View, out: View): void {
    const xs = storageType(x.dtype as DT);
    const os = storageType(out.dtype as DT);
    const pred = PREDICATE[op];
    if (pred) {
      const c: CT = isFloat(x.dtype) ? 'f32' : 'i32';
      this.walk(
        `u:${op}:${c}`,
        out,
        [x],
        (b) => `  b0[p0] = ${store(pred[c](load(`${b[1]}[p1]`, xs, c)), 'bool', os)};`,
      );
      return;
    }
    // The CPU backend's rules: an int32 out computes in int32 from int inputs (square truncates
    // float inputs first, like Math.imul); float and bool outs compute in floating point.
    const intOp = UNARY_I32[op];
    const c: CT = out.dtype === 'int32' && intOp && (!isFloat(x.dtype) || op === 'square') ? 'i32' : 'f32';
    const f = c === 'i32' ? intOp : UNARY_F32[op];
    if (!f) throw new Error(`webgpu: unary op '${op}' is not implemented`);
    this.walk(
      `u:${op}:${c}`,
      out,
      [x],
      (b) => `  let v = ${load(`${b[1]}[p1]`, xs, c)};\n  b0[p0] = ${store(f('v'), c, os)};`,
      { vec4: c === 'f32' },
    );
  }

  binary(op: BinaryOp, a: View, b: View, out: View): void {
    const as = storageType(a.dtype as DT);
    const bs = storageType(b.dtype as DT);
    const os = storageType(out.dtype as DT);
    const pred = PREDICATE[op];
    if (pred) {
      const c: CT = isFloat(a.dtype) || isFloat(b.dtype) ? 'f32' : 'i32';
      this.walk(`b:${op}:${c}`, out, [a, b], (n) => {
        return `  let x = ${load(`${n[1]}[p1]`, as, c)};\n  let y = ${load(`${n[2]}[p2]`, bs, c)};\n  b0[p0] = ${store(pred[c]('x', 'y'), 'bool', os)};`;
      });
      return;
    }
    const intOp = BINARY_I32[op];
    const ints = !isFloat(a.dtype) && !isFloat(b.dtype);
    const c: CT = out.dtype === 'int32' && intOp && (ints || op === 'mul') ? 'i32' : 'f32';
    const f = c === 'i32' ? intOp : BINARY_F32[op];
    if (!f) throw new Error(`webgpu: binary op '${op}' is not implemented`);
    this.walk(
      `b:${op}:${c}`,
      out,
      [a, b],
      (n) =>
        `  let x = ${load(`${n[1]}[p1]`, as, c)};\n  let y = ${load(`${n[2]}[p2]`, bs, c)};\n  b0[p0] = ${store(f('x', 'y'), c, os)};`,
      { vec4: c === 'f32' },
    );
  }

  where(cond: View, a: View, b: View, out: View): void {
    const cs = storageType(cond.dtype as DT);
    const as = storageType(a.dtype as DT);
    const bs = storageType(b.dtype as DT);
    const os = storageType(out.dtype as DT);
    const c: CT = isFloat(a.dtype) || isFloat(b.dtype) || isFloat(out.dtype) ? 'f32' : 'i32';
    const cc: CT = isFloat(cond.dtype) ? 'f32' : 'i32';
    this.walk(`where:${c}:${cc}`, out, [cond, a, b], (n) => {
      const pick = `select(${load(`${n[3]}[p3]`, bs, c)}, ${load(`${n[2]}[p2]`, as, c)}, ${convert(load(`${n[1]}[p1]`, cs, cc), cc, 'bool')})`;
      return `  b0[p0] = ${store(pick, c, os)};`;
    });
  }

  copy(x: View, out: View): void {
    if (buf(x) === buf(out) && sameWindow(x, out, out.shape) && x.dtype === out.dtype) return;
    const xs = storageType(x.dtype as DT);
    const os = storageType(out.dtype as DT);
    const c = naturalType(x.dtype as DT);
    this.walk('copy', out, [x], (n) => `  b0[p0] = ${store(load(`${n[1]}[p1]`, xs, c), c, os)};`, {
      vec4: c === 'f32',
    });
  }

  fill(out: View, value: number): void {
    const os = storageType(out.dtype as DT);
    const bits = new Int32Array(1);
    let read: string;
    if (os === 'f32') {
      new Float32Array(bits.buffer)[0] = value;
      read = 'bitcast<f32>(mt[ex])';
    } else if (os === 'i32') {
      bits[0] = value;
      read = 'mt[ex]';
    } else {
      bits[0] = value !== 0 ? 1 : 0; // NaN is truthy too
      read = 'u32(mt[ex])';
    }
    this.walk('fill', out, [], () => `  b0[p0] = ${read};`, { extras: [bits[0]] });
  }

  gather(x: View, index: View, axis: number, out: View): void {
    const xs = storageType(x.dtype as DT);
    const os = storageType(out.dtype as DT);
    const c = naturalType(x.dtype as DT);
    const xStrides = x.strides.slice();
    xStrides[axis] = 0;
    this.walk(
      'gather',
      out,
      [index, x],
      (n) => {
        const v = store(load(`${n[2]}[p2 + j * mt[ex]]`, xs, c), c, os);
        return `  let j = ${n[1]}[p1];\n  if (j >= 0 && j < mt[ex + 1]) { b0[p0] = ${v}; } else { b0[p0] = ${os === 'f32' ? '0.0' : os === 'i32' ? '0' : '0u'}; }`;
      },
      {
        extras: [x.strides[axis], x.shape[axis]],
        strides: [out.strides as number[], index.strides as number[], xStrides],
      },
    );
  }

  scatterAdd(out: View, index: View, axis: number, src: View): void {
    const n = sizeOf(src.shape);
    if (n === 0) return;
    const os = storageType(out.dtype as DT);
    const ss = storageType(src.dtype as DT);
    // src and index are read while out is written at data-dependent places: never share a binding.
    let s = src;
    let temp: GpuBuffer | null = null;
    if (buf(src) === buf(out) || buf(index) === buf(out)) {
      temp = this.alloc(src.dtype, n);
      s = { buffer: temp, dtype: src.dtype, shape: src.shape, strides: denseStrides(src.shape), offset: 0 };
      this.copy(src, s);
    }
    let idx = index;
    let itemp: GpuBuffer | null = null;
    if (buf(index) === buf(out)) {
      itemp = this.alloc('int32', n);
      idx = {
        buffer: itemp,
        dtype: 'int32',
        shape: index.shape,
        strides: denseStrides(index.shape),
        offset: 0,
      };
      this.copy(index, idx);
    }
    const oStrides = out.strides.slice();
    oStrides[axis] = 0;
    const w = collapse(src.shape, [s.strides as number[], idx.strides as number[], oStrides]);
    const meta = walkMeta(n, w.shape, [s.offset, idx.offset, out.offset], w.strides, [
      out.strides[axis],
      out.shape[axis],
    ]);
    const v = load('b0[p0]', ss, os === 'f32' ? 'f32' : os === 'i32' ? 'i32' : 'bool');
    let update: string;
    if (os === 'f32') {
      update = `    var old = atomicLoad(&b2[a]);
    loop {
      let r = atomicCompareExchangeWeak(&b2[a], old, bitcast<u32>(bitcast<f32>(old) + v));
      if (r.exchanged) { break; }
      old = r.old_value;
    }`;
    } else if (os === 'i32') update = '    atomicAdd(&b2[a], v);';
    else update = '    if (v) { atomicStore(&b2[a], 1u); }';
    const elem = os === 'i32' ? 'atomic<i32>' : 'atomic<u32>';
    const code = () =>
      walkShader(
        [
          { elem: ss, write: false },
          { elem: 'i32', write: false },
          { elem, write: true },
        ],
        () => `  let j = b1[p1];
  if (j >= 0 && j < mt[ex + 1]) {
    let a = p2 + j * mt[ex];
    let v = ${v};
${update}
  }`,
      );
    this.ctx.dispatch(
      `scatter|${os}|${ss}`,
      code,
      meta,
      [s.buffer as GpuBuffer, buf(idx), buf(out)],
      grid(Math.ceil(n / WG)),
    );
    if (temp) this.free(temp);
    if (itemp) this.free(itemp);
  }

  // ---- reductions and matmul ----

  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
    const K = sizeOf(out.shape);
    if (K === 0) return;
    if (axes.length === 0) {
      if (op === 'argmax' || op === 'argmin') this.fill(out, 0);
      else this.copy(x, out);
      return;
    }
    const red = new Set(axes);
    const keptShape: number[] = [];
    const keptX: number[] = [];
    const redShape: number[] = [];
    const redX: number[] = [];
    x.shape.forEach((d, i) => {
      if (red.has(i)) {
        redShape.push(d);
        redX.push(x.strides[i]);
      } else {
        keptShape.push(d);
        keptX.push(x.strides[i]);
      }
    });
    const R = sizeOf(redShape);
    const kw = collapse(keptShape, [keptX, out.strides as number[]]);
    const rw = collapse(redShape, [redX]);
    const meta = new Int32Array([
      K,
      R,
      kw.shape.length,
      rw.shape.length,
      x.offset,
      out.offset,
      ...kw.shape,
      ...kw.strides[0],
      ...kw.strides[1],
      ...rw.shape,
      ...rw.strides[0],
    ]);
    const isArg = op === 'argmax' || op === 'argmin';
    // int32 products truncate each element first (the CPU's Math.imul); otherwise float inputs
    // or outputs accumulate in float32.
    const intProd = op === 'prod' && out.dtype === 'int32';
    const c: 'f32' | 'i32' = !intProd && (isFloat(x.dtype) || (!isArg && isFloat(out.dtype))) ? 'f32' : 'i32';
    const xs = storageType(x.dtype as DT);
    const os: ST = isArg ? 'i32' : storageType(out.dtype as DT);
    const perThread = R <= 64 || K >= 4096;
    const key = `reduce|${op}|${c}|${xs}|${os}|${perThread ? 't' : 'w'}`;
    this.ctx.dispatch(
      key,
      () => reduceShader(op, c, xs, os, perThread),
      meta,
      [buf(out), buf(x)],
      grid(perThread ? Math.ceil(K / WG) : K),
    );
  }

  matmul(a: View, b: View, out: View): void {
    const r = out.shape.length;
    const M = out.shape[r - 2];
    const N = out.shape[r - 1];
    const K = a.shape[r - 1];
    const batchShape = out.shape.slice(0, r - 2);
    const batch = sizeOf(batchShape);
    if (M === 0 || N === 0 || batch === 0) return;
    const bw = collapse(batchShape, [
      a.strides.slice(0, r - 2),
      b.strides.slice(0, r - 2),
      out.strides.slice(0, r - 2),
    ]);
    // as the CPU backend: the out dtype decides (int32 and bool outs truncate float inputs)
    const c: 'f32' | 'i32' = isFloat(out.dtype) ? 'f32' : 'i32';
    const as = storageType(a.dtype as DT);
    const bs = storageType(b.dtype as DT);
    const os = storageType(out.dtype as DT);
    const tiled = this.matmulKind === 'tiled' || (this.matmulKind === 'auto' && M * N >= 4096);
    const key = `matmul|${tiled ? 'tiled' : 'rows'}|${c}|${as}|${bs}|${os}`;
    const code = () => (tiled ? matmulTiledShader : matmulRowsShader)(c, as, bs, os);
    for (let z0 = 0; z0 < batch; z0 += 65535) {
      const meta = new Int32Array([
        M,
        N,
        K,
        bw.shape.length,
        a.offset,
        b.offset,
        out.offset,
        a.strides[r - 2],
        a.strides[r - 1],
        b.strides[r - 2],
        b.strides[r - 1],
        out.strides[r - 2],
        out.strides[r - 1],
        z0,
        ...bw.shape,
        ...bw.strides[0],
        ...bw.strides[1],
        ...bw.strides[2],
      ]);
      const z = Math.min(65535, batch - z0);
      const [gx, gy] = tiled
        ? [Math.ceil(N / TILE), Math.ceil(M / TILE)]
        : grid(Math.ceil((M * Math.ceil(N / 4)) / WG));
      const groups: [number, number, number] = [gx, gy, z];
      this.ctx.dispatch(key, code, meta, [buf(out), buf(a), buf(b)], groups);
    }
  }
}

/** Host data in the layout a buffer of `dtype` stores: f32, i32, or u32 0/1 for bool. */
export function toStorage(dtype: DT, data: TypedArray): ArrayBufferView {
  if (dtype === 'float32') return data instanceof Float32Array ? data : Float32Array.from(data);
  if (dtype === 'int32') {
    if (data instanceof Int32Array) return data;
    const out = new Int32Array(data.length);
    out.set(data); // ToInt32, as the CPU backend's typed-array stores
    return out;
  }
  const out = new Uint32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
  return out;
}

export function fromStorage(dtype: DT, bytes: ArrayBuffer): TypedArray {
  if (dtype === 'float32') return new Float32Array(bytes);
  if (dtype === 'int32') return new Int32Array(bytes);
  const u = new Uint32Array(bytes);
  const out = new Uint8Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i];
  return out;
}
