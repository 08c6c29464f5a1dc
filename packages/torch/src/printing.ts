/** PyTorch's repr of tensors (core's torchRepr), print/str/repr, and set_printoptions. */
import * as core from '@polygrad/core';
import type { Kw, PyCall } from './types.js';

/** The grad_fn name a tensor shows, when PyTorch's grad mode recorded it. */
export function gradFnName(t: core.Tensor): string | null {
  const n = t.node;
  return n && n.takers.includes(core.gradMode) ? n.name : null;
}

/** repr(t): `tensor([0., 1.], requires_grad=True)`, `tensor(28., grad_fn=<MulBackward0>)`. */
export function tensorRepr(t: core.Tensor): string {
  if (t.disposed) return `tensor(<disposed>, shape=[${t.shape.join(', ')}], dtype=torch.${t.dtype})`;
  const suffixes: string[] = [];
  if (t.backend === 'webgpu') suffixes.push("device='webgpu'");
  const fn = gradFnName(t);
  if (fn) suffixes.push(`grad_fn=<${fn}>`);
  else if (t.requiresGradLeaf) suffixes.push('requires_grad=True');
  return core.torchRepr({ data: t.dataSync(), shape: t.shape, dtype: t.dtype }, { suffixes });
}

/** Python's print(): str of each value joined by a space (None, True/False, tuples). */
export function print(...values: unknown[]): void {
  core.pyPrint(...values);
}
/** Python's str(v). */
export function str(v: unknown): string {
  return core.pyStr(v);
}
/** Python's repr(v). */
export function repr(v: unknown): string {
  return core.pyRepr(v);
}

type PrintOptions = Kw<{
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  profile?: core.TorchProfile;
  sciMode?: boolean | null;
}>;

/** torch.set_printoptions(precision, threshold, edgeitems, linewidth, profile, sci_mode). */
export function setPrintoptions(
  ...args: PyCall<
    [
      precision?: number,
      threshold?: number,
      edgeitems?: number,
      linewidth?: number,
      profile?: core.TorchProfile,
      sciMode?: boolean | null,
    ],
    PrintOptions
  >
): void {
  const a = core.pyArgs('set_printoptions', args, [
    'precision',
    'threshold',
    'edgeitems',
    'linewidth',
    'profile',
    'sciMode',
  ]);
  core.setTorchPrintOptions(a);
}
