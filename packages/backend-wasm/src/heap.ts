/**
 * The WebAssembly.Memory as JavaScript sees it, plus the buffer allocator.
 *
 * Growing a memory detaches every view of its old ArrayBuffer, so views are re-created
 * from `memory.buffer` whenever it has changed (checked before each use; one comparison).
 *
 * Allocator: size classes with free lists over a bump pointer. Classes are 16, 32, 48 and
 * 64 bytes, then four per power of two (waste at most 25 %). Every block has a 16-byte header
 * before its payload: [class, state, requested bytes, dtype code]. Payloads are 16-byte
 * aligned. A freed block goes on its class's list and is reused by the next allocation of
 * the same class, so a loop that allocates the same sizes each step keeps memory flat.
 */

const PAGE = 65536;
const HEADER = 16;
const LIVE = 0x4c495645;
const FREED = 0x46524545;

/** The size class of a request. */
export function classOf(bytes: number): number {
  if (bytes <= 64) return bytes <= 16 ? 0 : ((bytes + 15) >>> 4) - 1;
  const e = 31 - Math.clz32(bytes - 1); // 2^e < bytes <= 2^(e+1), e >= 6
  const quarter = 2 ** (e - 2);
  const q = Math.ceil((bytes - 2 ** e) / quarter); // 1..4
  return 4 + (e - 6) * 4 + (q - 1);
}

/** Payload bytes of a class. */
export function classBytes(cls: number): number {
  if (cls < 4) return (cls + 1) * 16;
  const e = 6 + ((cls - 4) >>> 2);
  const q = ((cls - 4) & 3) + 1;
  return 2 ** e + q * 2 ** (e - 2);
}

export class Heap {
  buffer!: ArrayBuffer;
  u8!: Uint8Array;
  i32!: Int32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  private top: number;
  private readonly lists: number[][] = [];
  /** Live blocks and their payload bytes (capacity), for tests and diagnostics. */
  liveBlocks = 0;
  liveBytes = 0;

  constructor(
    readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = (base + 15) & ~15;
    this.refresh();
  }

  /** Re-creates the views if the memory has grown since they were made. */
  refresh(): void {
    const b = this.memory.buffer as ArrayBuffer;
    if (b === this.buffer) return;
    this.buffer = b;
    this.u8 = new Uint8Array(b);
    this.i32 = new Int32Array(b);
    this.f32 = new Float32Array(b);
    this.f64 = new Float64Array(b);
  }

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** A 16-byte aligned block of at least `bytes` bytes; `tag` is stored in its header. */
  alloc(bytes: number, tag = 0): number {
    const cls = classOf(bytes);
    let p = this.lists[cls]?.pop();
    if (p === undefined) {
      const cap = classBytes(cls);
      p = this.top + HEADER;
      const end = p + cap;
      if (end > this.byteLength) this.grow(end);
      this.top = end;
    }
    this.refresh();
    const h = (p >>> 2) - 4;
    const i32 = this.i32;
    i32[h] = cls;
    i32[h + 1] = LIVE;
    i32[h + 2] = bytes;
    i32[h + 3] = tag;
    this.liveBlocks++;
    this.liveBytes += classBytes(cls);
    return p;
  }

  free(p: number): void {
    this.refresh();
    const h = (p >>> 2) - 4;
    const i32 = this.i32;
    if (!(p > 0) || (p & 15) !== 0 || i32[h + 1] !== LIVE) {
      throw new Error(`@polygrad/backend-wasm: free of ${p}, which is not a live buffer`);
    }
    i32[h + 1] = FREED;
    const cls = i32[h];
    (this.lists[cls] ??= []).push(p);
    this.liveBlocks--;
    this.liveBytes -= classBytes(cls);
  }

  /** The tag stored at allocation. */
  tagOf(p: number): number {
    this.refresh();
    return this.i32[(p >>> 2) - 1];
  }

  private grow(end: number): void {
    const have = this.byteLength;
    const need = Math.ceil((end - have) / PAGE);
    const pages = Math.max(need, Math.ceil(have / PAGE / 4));
    try {
      this.memory.grow(pages);
    } catch {
      try {
        this.memory.grow(need);
      } catch {
        throw new RangeError(
          `@polygrad/backend-wasm: out of memory (WebAssembly.Memory of ${have} bytes cannot grow by ${end - have})`,
        );
      }
    }
    this.refresh();
  }
}
