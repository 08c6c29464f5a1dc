/**
 * The one interface every library file in `src/libs/` implements. Workloads speak only to this,
 * so the polygrad engine file can later be swapped for the PyTorch-style facade.
 *
 * Inputs arrive as row-major Float32Arrays (the same seeded data for every library). Each method
 * uploads them once and returns a Runner whose `run()` does one timed unit of work and reads the
 * results back to JS, so lazy or asynchronous libraries are measured to completion.
 */
export type F32 = Float32Array;

/** One unit of timed work, repeated by the harness; `dispose()` frees what setup allocated. */
export interface Runner<T> {
  run(): T | Promise<T>;
  dispose(): void;
}

/** W3's MLP: PyTorch layout (W is [out, in]); labels are class indices. */
export interface MlpSpec {
  batch: number;
  inputs: number;
  hidden: number;
  classes: number;
  lr: number;
  x: F32;
  labels: Int32Array;
  w1: F32;
  b1: F32;
  w2: F32;
  b2: F32;
}

export interface ValueAndGrad {
  value: number;
  grad: F32;
}

export interface Engine {
  /** Library version, backend and anything that explains the numbers (threads, SIMD). */
  readonly info: string;
  /** W1: C = A·B for n×n inputs; returns C. */
  matmul?(a: F32, b: F32, n: number): Runner<F32>;
  /** W2: gradients of sum(A·B) with respect to A and B. */
  matmulGrad?(a: F32, b: F32, n: number): Runner<[F32, F32]>;
  /** W3: one SGD step of relu MLP + mean softmax cross-entropy; returns the loss before the update. */
  mlp?(spec: MlpSpec): Runner<number>;
  /** W4: y = sum(x after `steps` × (x·1.0001 + 0.0001)); returns y and dy/dx. */
  chain?(x: F32, steps: number): Runner<ValueAndGrad>;
  /** W5: y = sum(exp(x)·x + x·x); returns y and dy/dx. */
  expSum?(x: F32): Runner<ValueAndGrad>;
}

/** What a library file exports: `load` resolves to an Engine or throws with a reason. */
export interface LibModule {
  load(backend: string, mode: string): Promise<Engine>;
}
