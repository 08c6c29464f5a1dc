/**
 * @polygrad/core: the engine. Tensors, dtypes, broadcasting, the op set, one autograd
 * graph shared by three recorder kinds, the Backend interface and registry. Core never
 * imports a backend: backends register themselves when their package is imported.
 */

export * from './autograd/api.js';
export * from './autograd/custom.js';
export { toDot } from './autograd/dot.js';
export { AutogradError, SECOND_BACKWARD, UNUSED_INPUT, walk } from './autograd/engine.js';
export * from './autograd/functional.js';
export { leavesOf } from './autograd/leaves.js';
export * from './autograd/modes.js';
export { type BackwardFn, Node } from './autograd/node.js';
export { needsGrad, record } from './autograd/record.js';
export { gradMode, type Recorder, recordScope, takersFor, withRecorders } from './autograd/recorders.js';
export { inGraph, isReleased, releaseGraph } from './autograd/release.js';
export * from './autograd/tape.js';
export * from './backend.js';
export * from './dtype.js';
export * from './facade/index.js';
export * from './format/index.js';
export * from './gradcheck.js';
export { CORE_TENSOR, keep, memory, tidy } from './memory.js';
export * from './ops/argwhere.js';
export * from './ops/clamp.js';
export * from './ops/creation.js';
export * from './ops/cumsum.js';
export * from './ops/dropout.js';
export * from './ops/elementwise.js';
export * from './ops/indexing.js';
export * from './ops/inplace.js';
export * from './ops/isclose.js';
export * from './ops/join.js';
export * from './ops/logical-reduce.js';
export * from './ops/loss.js';
export * from './ops/matmul.js';
export * from './ops/movement.js';
export * from './ops/nn.js';
export * from './ops/norm.js';
export * from './ops/one-hot.js';
export * from './ops/pick.js';
export * from './ops/pyindex.js';
export * from './ops/random.js';
export * from './ops/reduce.js';
export * from './ops/softmax-cross-entropy.js';
export * from './ops/sort.js';
export * from './ops/take.js';
export * from './ops/take-along.js';
export * from './ops/util.js';
export * from './reshape-codes.js';
export * from './shape.js';
export { Storage } from './storage.js';
export { DisposedError, type GradReq, type Hook, type NestedArray, SyncReadError, Tensor } from './tensor.js';
