import { type Backend, backendInstance, getBackend } from './backend.js';
import { type DType, itemSize, type TypedArray } from './dtype.js';

/** Live handles and bytes per backend, as `memory()` reports them. */
export const stats = new Map<string, { tensors: number; bytes: number }>();

export function statsFor(backend: string): { tensors: number; bytes: number } {
  let s = stats.get(backend);
  if (!s) stats.set(backend, (s = { tensors: 0, bytes: 0 }));
  return s;
}

/**
 * One backend buffer shared by every view of it. Reference counted because JavaScript's GC
 * cannot see WASM or GPU memory; the version counter is shared by all views, as in PyTorch,
 * so an in-place write through any view invalidates saved copies of all of them.
 */
export class Storage {
  refs = 1;
  version = 0;
  buffer: unknown;
  /**
   * Host copy of the whole buffer from the last `await t.data()` on a backend without
   * synchronous reads (WebGPU in browsers), valid while `hostVersion === version`: it lets
   * printing and `dataSync()` work after one asynchronous read.
   */
  host: TypedArray | null = null;
  hostVersion = -1;
  readonly bytes: number;
  /** This backend's live counters (cached: every tensor creation touches them). */
  readonly stats: { tensors: number; bytes: number };

  constructor(
    readonly backend: Backend,
    readonly backendName: string,
    readonly dtype: DType,
    readonly size: number,
    buffer?: unknown,
  ) {
    this.buffer = buffer ?? backend.alloc(dtype, size);
    this.bytes = size * itemSize(dtype);
    this.stats = statsFor(backendName);
    this.stats.bytes += this.bytes;
  }

  static alloc(dtype: DType, size: number, backendName: string = getBackend()): Storage {
    return new Storage(backendInstance(backendName), backendName, dtype, size);
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs === 0) {
      this.backend.free(this.buffer);
      this.buffer = null;
      this.host = null;
      this.stats.bytes -= this.bytes;
    }
  }
}
