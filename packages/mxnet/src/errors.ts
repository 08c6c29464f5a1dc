/** MXNet's error class and the message texts users search for (MXNet 1.x wording). */

/** `mxnet.base.MXNetError`. */
export class MXNetError extends Error {
  override name = 'MXNetError';
}

/** imperative.cc: backward from a head that no recorded op made. */
export const NOT_IN_GRAPH =
  'Cannot differentiate node because it is not in a computational graph. You need to set is_recording to true or use autograd.record() to save computational graphs for backward. If you want to differentiate the same graph twice, you need to pass retain_graph=True to backward.';

/** imperative.cc: autograd.grad with respect to an array without attach_grad. */
export const notAVariable = (i: number) =>
  `Cannot differentiate with respect to the ${i + 1}-th variable because it does not require gradient.`;

/** autograd.Function: an instance is single-use. */
export const FUNCTION_USED =
  'Each Function instance can only be called once. Please create another instance.';

/** NDArray.asscalar on anything but shape (1,). */
/** MXNet 1.x's backward when every variable the heads reach has grad_req 'null'. */
export const NO_INPUTS = 'There are no inputs in computation graph that require gradients.';

export const NOT_A_SCALAR = 'The current array is not a scalar';

/** ndarray.item on more than one element (NumPy's text). */
export const ITEM_SIZE = 'can only convert an array of size 1 to a Python scalar';
