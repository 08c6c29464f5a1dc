import { applyCustom, FunctionContext } from '../autograd/custom.js';
import { tidy } from '../memory.js';
import type { Tensor } from '../tensor.js';

/**
 * One autograd node named as PyTorch names it, for an op built from others (softmax,
 * nll_loss…): `forward` returns [output, ...saved] and runs unrecorded, its temporaries freed;
 * `backward` gets the saved tensors and the output's gradient and is written with ops, so it
 * is differentiable again.
 */
export function fused(
  name: string,
  inputs: Tensor[],
  forward: (...xs: Tensor[]) => Tensor[],
  backward: (saved: readonly Tensor[], g: Tensor) => (Tensor | null)[],
): Tensor {
  const ctx = new FunctionContext();
  const out = applyCustom(
    name,
    (c, ...xs) => {
      const [o, ...save] = tidy(() => forward(...xs));
      c.saveForBackward(...save);
      return o;
    },
    (c, g) => backward(c.savedTensors, g),
    inputs,
    ctx,
  ) as Tensor;
  // The node holds its own handles on what it saved; ours go (unless one is the output).
  for (const t of ctx.takeSaved()) if (t !== out && !inputs.includes(t)) t.dispose();
  return out;
}
