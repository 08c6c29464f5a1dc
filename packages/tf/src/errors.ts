/** TensorFlow's error classes that polygrad raises by name (tf.errors.*). */

/** `tf.errors.InvalidArgumentError`: an op got an argument it cannot work with. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}
