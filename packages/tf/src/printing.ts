/**
 * TensorFlow 2's printing of eager tensors and variables, on core's exact NumPy formatter:
 *
 *   str   tf.Tensor([ 0.  4.  8. 12.], shape=(4,), dtype=float32)
 *   repr  <tf.Tensor: shape=(4,), dtype=float32, numpy=array([ 0.,  4.,  8., 12.], dtype=float32)>
 *   var   <tf.Variable 'Variable:0' shape=(4,) dtype=float32, numpy=array([0., 1., 2., 3.], dtype=float32)>
 *
 * As in TensorFlow's `_numpy_text`, a value that spans several lines starts on a new line,
 * and a 0-d value prints as its NumPy scalar (`numpy=28.0`, not `array(28., …)`).
 */
import * as core from '@polygrad/core';

function formatInput(t: core.Tensor): core.FormatInput {
  return { data: t.dataSync(), shape: t.shape, dtype: t.dtype };
}

/** TensorFlow's `_numpy_text`: NumPy's str or repr of the value, on a new line when multi-line. */
export function numpyText(t: core.Tensor, isRepr: boolean): string {
  const x = formatInput(t);
  // A 0-d tensor's numpy() is a NumPy scalar, whose repr is its str (NumPy 1.x).
  const text = isRepr && t.ndim > 0 ? core.numpyRepr(x) : core.numpyStr(x);
  return text.includes('\n') ? `\n${text}` : text;
}

/** str(TensorShape): `(4,)`, `()`, `(2, 2)`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function tensorStr(t: core.Tensor): string {
  return `tf.Tensor(${numpyText(t, false)}, shape=${shapeText(t.shape)}, dtype=${t.dtype})`;
}

export function tensorRepr(t: core.Tensor): string {
  return `<tf.Tensor: shape=${shapeText(t.shape)}, dtype=${t.dtype}, numpy=${numpyText(t, true)}>`;
}

/** A Variable's repr, which is also its str. */
export function variableRepr(t: core.Tensor, name: string): string {
  return `<tf.Variable '${name}' shape=${shapeText(t.shape)} dtype=${t.dtype}, numpy=${numpyText(t, true)}>`;
}

/** What a disposed tensor prints as (reading it would throw). */
export function disposedText(kind: 'Tensor' | 'Variable', t: core.Tensor): string {
  return `<tf.${kind}: shape=${shapeText(t.shape)}, dtype=${t.dtype}, disposed>`;
}
